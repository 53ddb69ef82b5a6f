-- Governance records (as SQLite's 0007): one JSON body per record, by kind and index columns.

CREATE TABLE governance (
    kind     text NOT NULL,
    id       text NOT NULL,
    subject  text NOT NULL,
    group_id text,
    status   text NOT NULL,
    ts       double precision NOT NULL,
    body     bytea NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX governance_subject ON governance (kind, subject, ts);
CREATE INDEX governance_group ON governance (kind, group_id, ts);
CREATE INDEX governance_status ON governance (kind, status, ts);
