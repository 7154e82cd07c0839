-- The review queue's order, kept on the edge when it is scored (see EdgeScorer), so the queue's
-- first page is an index read instead of a sort of every undecided edge. The degree term reads
-- each variable's count of edge ends, refreshed by the periodic whole-graph pass (VariableDegrees).
ALTER TABLE variables ADD COLUMN degree integer NOT NULL DEFAULT 0;

UPDATE variables v SET degree = d.n
  FROM (SELECT x, count(*) AS n FROM (SELECT cause_id AS x FROM edges UNION ALL SELECT effect_id FROM edges) ends
        GROUP BY x) d
 WHERE v.id = d.x;

ALTER TABLE edges ADD COLUMN priority float8 NOT NULL DEFAULT 0;

UPDATE edges e SET priority = 2 * cardinality(e.flags) + 3 * (1 - 2 * abs(e.belief - 0.5))
    + ln(1 + greatest(0, c.degree + f.degree - 2)) + ln(1 + e.evidence_count)
  FROM variables c, variables f WHERE c.id = e.cause_id AND f.id = e.effect_id;

CREATE INDEX edges_review_queue ON edges (priority DESC, id) WHERE review_state IN ('needs_review', 'unreviewed');
