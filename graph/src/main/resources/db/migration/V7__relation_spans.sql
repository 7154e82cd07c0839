-- Extractors find a relation's signal words and, where the text says, its polarity.
ALTER TABLE evidence ADD COLUMN signal_begin int;
ALTER TABLE evidence ADD COLUMN signal_end int;
ALTER TABLE evidence ADD COLUMN signal_text text;
ALTER TABLE evidence ADD COLUMN polarity text NOT NULL DEFAULT 'unknown';
