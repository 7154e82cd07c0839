-- Reviews: per evidence sentence, per edge (review_state), a log of every decision, and the
-- correct/incorrect counts per judge that turn reviews into updated judge error rates.
ALTER TABLE evidence ADD COLUMN review text;            -- null, 'accepted' or 'rejected'
ALTER TABLE edges ADD COLUMN reversed_to bigint REFERENCES edges (id);

CREATE TABLE judge_reviews (
  judge_id   text PRIMARY KEY,
  correct    int NOT NULL DEFAULT 0,
  incorrect  int NOT NULL DEFAULT 0
);

CREATE TABLE review_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  reviewer     text NOT NULL,
  target       text NOT NULL,                         -- 'edge', 'evidence' or 'variable'
  target_id    text NOT NULL,
  action       text NOT NULL,
  before       jsonb NOT NULL,
  after        jsonb NOT NULL,
  note         text
);
CREATE INDEX review_log_at ON review_log (at);
CREATE INDEX review_log_reviewer ON review_log (reviewer, at);

-- Edges with evidence from a judge, for re-scoring after that judge's counts change.
CREATE INDEX evidence_judge_edge ON evidence (judge_id, edge_id) WHERE edge_id IS NOT NULL;
CREATE INDEX evidence_pair ON evidence (pair_id);
CREATE INDEX edges_updated ON edges (updated_at);
CREATE INDEX evidence_negated_variables ON evidence (cause_variable, effect_variable)
  WHERE label = 'none' AND 'negated' = ANY (qualifiers);
