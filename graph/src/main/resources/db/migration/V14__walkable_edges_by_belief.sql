-- The walkable edges out of and into each variable, strongest first, with the other end in the
-- index: a hub's strongest neighbours and the joins of a path query read these alone (no heap
-- page per edge) and stop at a belief bound. Between two hubs of 17,754 and 12,063 edges
-- (1M evidence rows), the paths of edges at least 0.8 took 235-314 ms through the heap and
-- 54-116 ms from these indexes.
CREATE INDEX edges_out ON edges (cause_id, belief DESC, id) INCLUDE (effect_id)
  WHERE review_state NOT IN ('rejected', 'reversed');
CREATE INDEX edges_in ON edges (effect_id, belief DESC, id) INCLUDE (cause_id)
  WHERE review_state NOT IN ('rejected', 'reversed');
