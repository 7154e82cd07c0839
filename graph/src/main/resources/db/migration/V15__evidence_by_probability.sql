-- An edge's evidence, most probable first: the example sentence of each edge in an API page and
-- the edge panel's evidence pages read the first entries instead of every row of the edge (a
-- page of a hub's 500 edges spent 450 of its 550 ms picking each edge's most probable sentence
-- from the heap). It replaces evidence_edge_judge and keeps its columns, so a review still
-- recounts its judges from the index and a write maintains as many indexes as before.
CREATE INDEX evidence_edge_best ON evidence (edge_id, probability DESC, id) INCLUDE (judge_id, review);
DROP INDEX evidence_edge_judge;
