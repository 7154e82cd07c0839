-- What a verdict cost (tokens, latency) and, for unanswered ones, why the judge gave no answer.
ALTER TABLE evidence ADD COLUMN failure text;
ALTER TABLE evidence ADD COLUMN tokens_in int NOT NULL DEFAULT 0;
ALTER TABLE evidence ADD COLUMN tokens_out int NOT NULL DEFAULT 0;
ALTER TABLE evidence ADD COLUMN latency_ms bigint NOT NULL DEFAULT 0;
CREATE INDEX evidence_failure ON evidence (failure) WHERE failure IS NOT NULL;
