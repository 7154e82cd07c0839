-- "Edges changed since" reads edges in (updated_at, id) order, and its API pages resume after a
-- (updated_at, id) cursor. An index on updated_at alone left PostgreSQL to sort every edge that
-- shares a timestamp: a recalibration chunk or a cycle pass stamps thousands with one now().
DROP INDEX edges_updated;
CREATE INDEX edges_updated ON edges (updated_at, id);
