-- Forgetting documents drops the surface forms no evidence carries any more, causal or not. Its
-- check ("any evidence row naming this form, as cause or effect") could not use the indexes on
-- the names, which covered causal rows only, so it read the whole evidence table once per
-- forgotten name that no evidence carries any more: 60 ms a name at 100,000 rows, growing with the
-- table (nothing else read those indexes). Over every row, each side of the check is an index
-- probe: 0.1 ms.
DROP INDEX evidence_cause_variable;
DROP INDEX evidence_effect_variable;
CREATE INDEX evidence_cause_variable ON evidence (cause_variable);
CREATE INDEX evidence_effect_variable ON evidence (effect_variable);
