-- Finding unanswered verdicts about two variables, for the reasoning_failed flag.
CREATE INDEX evidence_unanswered_variables ON evidence (cause_variable, effect_variable) WHERE failure IS NOT NULL;
