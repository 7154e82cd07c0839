-- A new edge is inserted and then scored in the same transaction, and PostgreSQL re-checks the
-- keys of a row its own transaction inserted when that row is updated, even when the keys did not
-- change: every new edge's two variables were looked up and share-locked twice. Checked at commit,
-- the inserted version is superseded by then and only the scored one is checked: once per new edge.
ALTER TABLE edges ALTER CONSTRAINT edges_cause_id_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE edges ALTER CONSTRAINT edges_effect_id_fkey DEFERRABLE INITIALLY DEFERRED;
