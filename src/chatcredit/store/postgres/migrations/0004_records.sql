-- Records: the hash-chained audit log, and ledger entries found by their evidence
-- (retention keeps the evidence of open appeal windows; events_type_ts finds old messages).
CREATE TABLE audit (
    seq  bigint PRIMARY KEY,
    ts   double precision NOT NULL,
    kind text NOT NULL,
    hash text NOT NULL,
    body bytea NOT NULL
);
CREATE INDEX ledger_evidence ON ledger (evidence_event) WHERE evidence_event IS NOT NULL;
