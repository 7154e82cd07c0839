-- A review recounts its judges' reviews from the decided edges' evidence: reading the judge and
-- review state of each row from the heap cost 0.7 s once 15 hub edges were decided (22,586 rows,
-- 21,000 pages); from the index alone, 12 ms. It replaces the plain edge index, so a write
-- maintains as many indexes as before.
CREATE INDEX evidence_edge_judge ON evidence (edge_id) INCLUDE (judge_id, review);
DROP INDEX evidence_edge;
