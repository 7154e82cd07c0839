-- Documents the job has split, with what they gave.
CREATE TABLE documents (
  id               text PRIMARY KEY,
  source           text NOT NULL,
  title            text NOT NULL,
  text             text NOT NULL,
  metadata         jsonb NOT NULL,
  sentences        int NOT NULL,
  units            int NOT NULL,
  candidate_pairs  int NOT NULL,
  annotation_ms    double precision NOT NULL
);

CREATE TABLE sentences (
  document_id   text NOT NULL REFERENCES documents (id),
  idx           int NOT NULL,
  begin_offset  int NOT NULL,
  end_offset    int NOT NULL,
  text          text NOT NULL,
  PRIMARY KEY (document_id, idx)
);

-- Variables: normalised names of the things edges connect.
CREATE TABLE variables (
  id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name  text NOT NULL UNIQUE
);

CREATE TABLE edges (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cause_id        bigint NOT NULL REFERENCES variables (id),
  effect_id       bigint NOT NULL REFERENCES variables (id),
  belief          double precision NOT NULL DEFAULT 0,
  evidence_count  int NOT NULL DEFAULT 0,
  document_count  int NOT NULL DEFAULT 0,
  flags           text[] NOT NULL DEFAULT '{}',
  review_state    text NOT NULL DEFAULT 'unreviewed',
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (cause_id, effect_id),
  CHECK (cause_id <> effect_id)
);
CREATE INDEX edges_effect ON edges (effect_id);
CREATE INDEX edges_belief ON edges (belief DESC);

-- Every verdict, causal or not. Causal ones point at their edge.
CREATE TABLE evidence (
  id                text PRIMARY KEY,
  document_id       text NOT NULL,
  unit_id           text NOT NULL,
  pair_id           text NOT NULL,
  sentence_indexes  int[] NOT NULL,
  label             text NOT NULL,
  probability       double precision NOT NULL,
  judge_id          text NOT NULL,
  judge_version     text NOT NULL,
  cause_begin       int NOT NULL,
  cause_end         int NOT NULL,
  cause_text        text NOT NULL,
  effect_begin      int NOT NULL,
  effect_end        int NOT NULL,
  effect_text       text NOT NULL,
  cause_variable    text NOT NULL,
  effect_variable   text NOT NULL,
  edge_id           bigint REFERENCES edges (id),
  explanation       text NOT NULL,
  qualifiers        text[] NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evidence_edge ON evidence (edge_id);
CREATE INDEX evidence_document ON evidence (document_id);
