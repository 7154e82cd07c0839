-- Variables are clusters of surface forms (normalised mention names, as evidence rows carry them).
-- A merged variable keeps its row, pointing at the one it went into.
ALTER TABLE variables ADD COLUMN merged_into bigint REFERENCES variables (id);

CREATE TABLE surface_forms (
  name         text PRIMARY KEY,
  variable_id  bigint NOT NULL REFERENCES variables (id),
  head         text NOT NULL,
  mentions     int NOT NULL DEFAULT 0,
  embedding    real[]
);
CREATE INDEX surface_forms_variable ON surface_forms (variable_id);
CREATE INDEX surface_forms_head ON surface_forms (head);

INSERT INTO surface_forms (name, variable_id, head, mentions)
SELECT v.name, v.id, regexp_replace(v.name, '^.* ', ''),
       (SELECT count(*) FROM evidence e WHERE e.cause_variable = v.name OR e.effect_variable = v.name)
FROM variables v;

CREATE INDEX evidence_cause_variable ON evidence (cause_variable) WHERE edge_id IS NOT NULL;
CREATE INDEX evidence_effect_variable ON evidence (effect_variable) WHERE edge_id IS NOT NULL;
