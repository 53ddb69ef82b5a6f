-- Records: the hash-chained audit log, and the archive found by time (retention purges
-- by it).
CREATE TABLE audit (
    seq  INTEGER PRIMARY KEY,
    ts   REAL NOT NULL,
    kind TEXT NOT NULL,
    hash TEXT NOT NULL,
    body BLOB NOT NULL
);
CREATE INDEX events_ts ON events (ts);
CREATE INDEX ledger_evidence ON ledger (evidence_event) WHERE evidence_event IS NOT NULL;
