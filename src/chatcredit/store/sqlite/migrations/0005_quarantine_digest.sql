-- The quarantine keeps each rejected record once: a hash of the whole raw record, unique
-- with its source and line, so ingesting the same file twice does not double it.

ALTER TABLE quarantine ADD COLUMN digest TEXT NOT NULL DEFAULT '';
UPDATE quarantine SET digest = 'row-' || n;
CREATE UNIQUE INDEX quarantine_once ON quarantine (source, line, digest);
