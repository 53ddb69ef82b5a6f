-- Detection: evidence spans, account ages, rule versions, the brake, shadow hits.

ALTER TABLE ledger ADD COLUMN span_start INTEGER;
ALTER TABLE ledger ADD COLUMN span_end INTEGER;

CREATE TABLE users (
    user_id    TEXT PRIMARY KEY,
    first_seen REAL NOT NULL
) WITHOUT ROWID;

CREATE TABLE rule_versions (
    rule_id    TEXT NOT NULL,
    hash       TEXT NOT NULL,
    first_seen REAL NOT NULL,
    PRIMARY KEY (rule_id, hash)
) WITHOUT ROWID;

CREATE TABLE rule_brakes (
    rule_id  TEXT NOT NULL,
    hash     TEXT NOT NULL,
    engaged  REAL NOT NULL,
    hits     INTEGER NOT NULL,
    messages INTEGER NOT NULL,
    reason   TEXT NOT NULL,
    PRIMARY KEY (rule_id, hash)
) WITHOUT ROWID;

CREATE TABLE shadow_hits (
    n        INTEGER PRIMARY KEY,
    rule_id  TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    event_id TEXT NOT NULL,
    ts       REAL NOT NULL,
    why      TEXT NOT NULL,
    excerpt  TEXT NOT NULL
);
CREATE INDEX shadow_hits_user ON shadow_hits (user_id, ts);
CREATE INDEX shadow_hits_rule ON shadow_hits (rule_id, ts);
