-- Governance records: role spans, violations, sanctions, public accounts, blacklist
-- listings, their banks and local overrides, identity verifications. One JSON body per
-- record (the struct in governance/records.py), found by kind and its index columns.

CREATE TABLE governance (
    kind     TEXT NOT NULL,
    id       TEXT NOT NULL,
    subject  TEXT NOT NULL,
    group_id TEXT,
    status   TEXT NOT NULL,
    ts       REAL NOT NULL,
    body     BLOB NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;
CREATE INDEX governance_subject ON governance (kind, subject, ts);
CREATE INDEX governance_group ON governance (kind, group_id, ts);
CREATE INDEX governance_status ON governance (kind, status, ts);
