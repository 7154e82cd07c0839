-- What an edge's belief and flags need, kept per edge and updated from new evidence only (see
-- EdgeScorer), so a batch that adds to a hub edge does not re-read the hub's whole evidence.

-- Per edge, document and judge: the judge's most probable sentence in that document (the belief
-- counts a document once per judge).
CREATE TABLE edge_documents (
  edge_id      bigint NOT NULL REFERENCES edges (id) ON DELETE CASCADE,
  document_id  text NOT NULL,
  judge_id     text NOT NULL,
  p            double precision NOT NULL,
  PRIMARY KEY (edge_id, document_id, judge_id)
);

-- Per edge and judge: the sum over its documents of ln(random-error term), at the judge's random
-- error rate `rand`. A review changes the rate; a row whose rand is not the current one is
-- recomputed from edge_documents before it is read (rand = -1: never computed).
CREATE TABLE edge_judges (
  edge_id     bigint NOT NULL REFERENCES edges (id) ON DELETE CASCADE,
  judge_id    text NOT NULL,
  rand        double precision NOT NULL,
  log_missed  double precision NOT NULL,
  PRIMARY KEY (edge_id, judge_id)
);
CREATE INDEX edge_judges_judge ON edge_judges (judge_id, edge_id);

-- Counts behind the cross_sentence_only, hedged_or_negated and judges_disagree flags.
ALTER TABLE edges ADD COLUMN single_sentence_count integer NOT NULL DEFAULT 0;
ALTER TABLE edges ADD COLUMN qualified_count integer NOT NULL DEFAULT 0;
ALTER TABLE edges ADD COLUMN judges_disagree boolean NOT NULL DEFAULT false;

-- Graphs written before: the same aggregates from their evidence.
INSERT INTO edge_documents (edge_id, document_id, judge_id, p)
SELECT edge_id, document_id, judge_id, max(CASE WHEN review = 'accepted' THEN 1.0 ELSE probability END)
  FROM evidence WHERE edge_id IS NOT NULL AND review IS DISTINCT FROM 'rejected'
 GROUP BY 1, 2, 3;

INSERT INTO edge_judges (edge_id, judge_id, rand, log_missed)
SELECT DISTINCT edge_id, judge_id, -1, 0 FROM edge_documents;

UPDATE edges e SET evidence_count = c.n, document_count = c.docs, single_sentence_count = c.single,
    qualified_count = c.qualified
  FROM (SELECT edge_id, count(*) AS n, count(DISTINCT document_id) AS docs,
               count(*) FILTER (WHERE cardinality(sentence_indexes) <= 1) AS single,
               count(*) FILTER (WHERE cardinality(qualifiers) > 0) AS qualified
          FROM evidence WHERE edge_id IS NOT NULL AND review IS DISTINCT FROM 'rejected' GROUP BY edge_id) c
 WHERE e.id = c.edge_id;

UPDATE edges e SET judges_disagree = true
 WHERE EXISTS (SELECT 1 FROM evidence v JOIN evidence u ON u.pair_id = v.pair_id AND u.judge_id <> v.judge_id
                AND u.label <> v.label AND u.failure IS NULL WHERE v.edge_id = e.id);

-- Judges' review counts are read from the decisions, and recalibration finds a judge's edges in
-- edge_judges: the index over every evidence row by judge is no longer read, only written.
DROP INDEX evidence_judge_edge;
CREATE INDEX evidence_reviewed ON evidence (judge_id) WHERE review IS NOT NULL;
CREATE INDEX edges_decided ON edges (id) WHERE review_state IN ('accepted', 'rejected');

-- The strongly connected component each variable was in at the last whole-graph cycle pass (its
-- smallest member's id; null for a variable on no cycle), so a batch flags a new edge between two
-- variables of one component as in_cycle at once.
ALTER TABLE variables ADD COLUMN component bigint;
