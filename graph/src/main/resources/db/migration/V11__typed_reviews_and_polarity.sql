-- The analyst's review: which way each edge's evidence says the cause moves the effect, the
-- polarity an analyst set, why a rejection was made, and errors of span rather than of claim.

-- Counted like the other flags' counts (see EdgeScorer): sentences proposing each direction.
ALTER TABLE edges ADD COLUMN increases_count integer NOT NULL DEFAULT 0;
ALTER TABLE edges ADD COLUMN decreases_count integer NOT NULL DEFAULT 0;
-- Null: the polarity the evidence proposes stands; otherwise what an analyst set.
ALTER TABLE edges ADD COLUMN polarity_set text;
-- Why an edge or a sentence was rejected: not_causal, wrong_direction, wrong_variable,
-- hypothesis_only, negated or other (null before reasons existed: counted as not_causal).
ALTER TABLE edges ADD COLUMN reject_reason text;
ALTER TABLE evidence ADD COLUMN reject_reason text;
-- Rejections for a wrong span count against the extractor's spans, not its causal claims.
ALTER TABLE judge_reviews ADD COLUMN span_incorrect integer NOT NULL DEFAULT 0;

UPDATE edges e SET increases_count = x.up, decreases_count = x.down
  FROM (SELECT edge_id, count(*) FILTER (WHERE polarity = 'increases') AS up,
               count(*) FILTER (WHERE polarity = 'decreases') AS down
          FROM evidence WHERE edge_id IS NOT NULL AND review IS DISTINCT FROM 'rejected' GROUP BY edge_id) x
 WHERE e.id = x.edge_id AND (x.up > 0 OR x.down > 0);

UPDATE edges SET flags = flags || '{polarity_conflict}'::text[]
 WHERE increases_count > 0 AND decreases_count > 0 AND NOT 'polarity_conflict' = ANY (flags);

-- The priority as ReviewPriority defines it from this version on (the store re-settles which
-- flags send an edge to needs_review when it opens: that list is configuration).
UPDATE edges e SET priority = 3 * (1 - 2 * abs(e.belief - 0.5))
    + 2 * (('both_directions' = ANY (e.flags))::int + ('polarity_conflict' = ANY (e.flags))::int)
    + 2 * ('judges_disagree' = ANY (e.flags))::int + ('reasoning_failed' = ANY (e.flags))::int
    + ln(1 + e.document_count) + ln(1 + greatest(0, c.degree + f.degree - 2))
  FROM variables c, variables f WHERE c.id = e.cause_id AND f.id = e.effect_id;

-- The store's own settings, such as the review flag list it last applied.
CREATE TABLE store_settings (
  key    text PRIMARY KEY,
  value  text NOT NULL
);

-- Reviews that last: evidence written again for a reviewed sentence (the corpus processed again with
-- new weights or prompts: same document, sentences and spans, a new evidence id) takes the review,
-- naming the row it came from; such a review does not count twice in the judge's error rate.
ALTER TABLE evidence ADD COLUMN review_carried_from text;
CREATE INDEX evidence_reviewed_document ON evidence (document_id) WHERE review IS NOT NULL;

-- Span corrections: an analyst's cause or effect span for a piece of evidence, kept apart from the
-- evidence (keyed by the original evidence id, with the spans it corrects) and applied to the row and
-- to every later row for the same document, sentences and original spans (a replay, a reprocessing),
-- so the uncorrected spans never come back.
CREATE TABLE span_corrections (
  evidence_id        text PRIMARY KEY,
  document_id        text NOT NULL,
  sentence_indexes   int[] NOT NULL,
  cause_begin        int NOT NULL,
  cause_end          int NOT NULL,
  effect_begin       int NOT NULL,
  effect_end         int NOT NULL,
  new_cause_begin    int NOT NULL,
  new_cause_end      int NOT NULL,
  new_cause_text     text NOT NULL,
  new_cause_variable text NOT NULL,
  new_effect_begin   int NOT NULL,
  new_effect_end     int NOT NULL,
  new_effect_text    text NOT NULL,
  new_effect_variable text NOT NULL,
  reviewer           text NOT NULL,
  at                 timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX span_corrections_document ON span_corrections (document_id);
