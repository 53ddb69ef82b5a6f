-- A person's review of a critical penalty is a ledger entry of its own (kind 'review',
-- naming the penalty in `reviews`): from then on the penalty fades. SQLite cannot change a
-- CHECK constraint in place, so the ledger is copied into a table that allows the kind.

CREATE TABLE ledger_next (
    id             TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    ts             REAL NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('penalty', 'credit', 'reversal', 'review')),
    points         INTEGER NOT NULL,
    reason_code    TEXT NOT NULL,
    category       TEXT NOT NULL,
    rule_id        TEXT NOT NULL,
    severity       TEXT NOT NULL,
    half_life_days REAL,
    evidence_event TEXT,
    evidence_key   TEXT UNIQUE,
    excerpt        TEXT NOT NULL,
    actor          TEXT NOT NULL,
    automated_detection INTEGER NOT NULL,
    automated_decision  INTEGER NOT NULL,
    policy_version TEXT NOT NULL,
    note           TEXT NOT NULL,
    reverses       TEXT REFERENCES ledger (id),
    group_id       TEXT,
    span_start     INTEGER,
    span_end       INTEGER,
    pos            INTEGER NOT NULL DEFAULT 0,
    reviews        TEXT REFERENCES ledger (id),
    UNIQUE (user_id, seq)
);
INSERT INTO ledger_next (id, user_id, seq, ts, kind, points, reason_code, category, rule_id, severity,
    half_life_days, evidence_event, evidence_key, excerpt, actor, automated_detection, automated_decision,
    policy_version, note, reverses, group_id, span_start, span_end, pos)
SELECT id, user_id, seq, ts, kind, points, reason_code, category, rule_id, severity,
    half_life_days, evidence_event, evidence_key, excerpt, actor, automated_detection, automated_decision,
    policy_version, note, reverses, group_id, span_start, span_end, pos FROM ledger;
DROP TABLE ledger;
ALTER TABLE ledger_next RENAME TO ledger;
CREATE UNIQUE INDEX ledger_pos ON ledger (pos) WHERE pos > 0;
