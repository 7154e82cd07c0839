-- Each job run, with what produced its verdicts: code, settings and (as its evidence arrives) the
-- extractors and judges by version, whose versions carry their weight and prompt digests.
CREATE TABLE runs (
  id            text PRIMARY KEY,
  command       text NOT NULL,
  started_at    timestamptz NOT NULL,
  ended_at      timestamptz,
  outcome       text NOT NULL,
  host          text NOT NULL,
  pid           bigint NOT NULL,
  code_version  text NOT NULL,
  config_hash   text NOT NULL,
  settings      jsonb NOT NULL,
  resumed_from  text,
  -- Progress, as the job reports it while it runs (the status page shows it).
  documents_in     bigint NOT NULL DEFAULT 0,
  documents_done   bigint NOT NULL DEFAULT 0,
  documents_total  bigint NOT NULL DEFAULT 0,
  sentences        bigint NOT NULL DEFAULT 0,
  progress         text,
  progress_at      timestamptz,
  failure          text
);
CREATE INDEX runs_started ON runs (started_at DESC);

-- Counted by the store's writer as evidence arrives, so a run's producers need no scan of evidence.
-- No foreign key: a verdict's run may be recorded by another process (a job submitted to a cluster).
CREATE TABLE run_producers (
  run_id         text NOT NULL,
  judge_id       text NOT NULL,
  judge_version  text NOT NULL,
  evidence       bigint NOT NULL,
  PRIMARY KEY (run_id, judge_id, judge_version)
);

-- The run that first produced each evidence row; null for rows stored before runs were recorded.
ALTER TABLE evidence ADD COLUMN run_id text;
