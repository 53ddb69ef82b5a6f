-- chatcredit schema v1. Applied once; recorded in schema_migrations.

CREATE TABLE events (
    id      TEXT PRIMARY KEY,
    type    TEXT NOT NULL,
    ts      REAL NOT NULL,
    user_id TEXT NOT NULL,
    group_id TEXT,
    payload BLOB NOT NULL
);
CREATE INDEX events_user_ts ON events (user_id, ts);

CREATE TABLE quarantine (
    n        INTEGER PRIMARY KEY,
    source   TEXT NOT NULL,
    line     INTEGER NOT NULL,
    raw      TEXT NOT NULL,
    field    TEXT,
    reason   TEXT NOT NULL,
    received REAL NOT NULL
);

CREATE TABLE active_days (
    user_id TEXT NOT NULL,
    day     INTEGER NOT NULL,
    PRIMARY KEY (user_id, day)
) WITHOUT ROWID;

CREATE TABLE ledger (
    id             TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    ts             REAL NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('penalty', 'credit', 'reversal')),
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
    UNIQUE (user_id, seq)
);

CREATE TABLE notices (
    id      TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    ts      REAL NOT NULL,
    body    BLOB NOT NULL
);
CREATE INDEX notices_user ON notices (user_id, ts);

CREATE TABLE review_items (
    id      TEXT PRIMARY KEY,
    status  TEXT NOT NULL,
    user_id TEXT NOT NULL,
    ts      REAL NOT NULL,
    body    BLOB NOT NULL
);
CREATE INDEX review_status ON review_items (status, ts);
CREATE INDEX review_user ON review_items (user_id, status);

CREATE TABLE standings (
    user_id        TEXT PRIMARY KEY,
    at             REAL NOT NULL,
    score          INTEGER NOT NULL,
    tier           TEXT NOT NULL,
    reasons        BLOB NOT NULL,
    tenure_credit  INTEGER NOT NULL,
    credits        INTEGER NOT NULL,
    next_tier      TEXT,
    next_tier_at   REAL,
    policy_version TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE groups (
    group_id TEXT PRIMARY KEY,
    owner    TEXT NOT NULL,
    created  REAL NOT NULL
);
CREATE INDEX groups_owner ON groups (owner);

CREATE TABLE memberships (
    group_id TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    role     TEXT NOT NULL,
    since    REAL NOT NULL,
    PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID;
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE identities (
    user_id TEXT PRIMARY KEY,
    level   TEXT NOT NULL
) WITHOUT ROWID;
