-- chatcredit on PostgreSQL: the schema the SQLite migrations 0001-0006 arrive at, in
-- PostgreSQL's types. Applied once, in a transaction; recorded in schema_migrations.

CREATE TABLE events (
    id       text PRIMARY KEY,
    n        bigserial NOT NULL,
    type     text NOT NULL,
    ts       double precision NOT NULL,
    user_id  text NOT NULL,
    group_id text,
    payload  bytea NOT NULL
);
CREATE INDEX events_user_ts ON events (user_id, ts);
CREATE INDEX events_type_ts ON events (type, ts, n);

CREATE TABLE quarantine (
    n        bigserial PRIMARY KEY,
    source   text NOT NULL,
    line     bigint NOT NULL,
    raw      text NOT NULL,
    field    text,
    reason   text NOT NULL,
    received double precision NOT NULL,
    digest   text NOT NULL,
    UNIQUE (source, line, digest)
);

CREATE TABLE active_days (
    user_id text NOT NULL,
    day     bigint NOT NULL,
    PRIMARY KEY (user_id, day)
);

CREATE TABLE ledger (
    id             text PRIMARY KEY,
    user_id        text NOT NULL,
    seq            bigint NOT NULL,
    ts             double precision NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('penalty', 'credit', 'reversal')),
    points         bigint NOT NULL,
    reason_code    text NOT NULL,
    category       text NOT NULL,
    rule_id        text NOT NULL,
    severity       text NOT NULL,
    half_life_days double precision,
    evidence_event text,
    evidence_key   text UNIQUE,
    excerpt        text NOT NULL,
    actor          text NOT NULL,
    automated_detection boolean NOT NULL,
    automated_decision  boolean NOT NULL,
    policy_version text NOT NULL,
    note           text NOT NULL,
    reverses       text REFERENCES ledger (id),
    group_id       text,
    span_start     bigint,
    span_end       bigint,
    pos            bigint NOT NULL UNIQUE,
    UNIQUE (user_id, seq)
);

-- One row per committed write naming the users it changed; every process follows it.
CREATE TABLE journal (
    pos   bigint PRIMARY KEY,
    users text[] NOT NULL,
    ts    double precision NOT NULL
);

-- A row per subject that a writer locks (FOR UPDATE, in user order) before it reads the
-- subject's standing: writers of different subjects run at once, of one subject in turn.
CREATE TABLE subject_locks (
    user_id text PRIMARY KEY,
    writes  bigint NOT NULL DEFAULT 0
);

CREATE TABLE notices (
    id      text PRIMARY KEY,
    user_id text NOT NULL,
    ts      double precision NOT NULL,
    body    bytea NOT NULL
);
CREATE INDEX notices_user ON notices (user_id, ts);

CREATE TABLE review_items (
    id      text PRIMARY KEY,
    status  text NOT NULL,
    user_id text NOT NULL,
    ts      double precision NOT NULL,
    body    bytea NOT NULL
);
CREATE INDEX review_status ON review_items (status, ts);
CREATE INDEX review_user ON review_items (user_id, status);

CREATE TABLE groups (
    group_id text PRIMARY KEY,
    owner    text NOT NULL,
    created  double precision NOT NULL
);
CREATE INDEX groups_owner ON groups (owner);

CREATE TABLE memberships (
    group_id text NOT NULL,
    user_id  text NOT NULL,
    role     text NOT NULL,
    since    double precision NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE identities (
    user_id text PRIMARY KEY,
    level   text NOT NULL
);

CREATE TABLE api_keys (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    scopes      text NOT NULL,
    secret_hash text NOT NULL,
    created     double precision NOT NULL,
    revoked     double precision
);

CREATE TABLE users (
    user_id    text PRIMARY KEY,
    first_seen double precision NOT NULL
);

CREATE TABLE rule_versions (
    rule_id    text NOT NULL,
    hash       text NOT NULL,
    first_seen double precision NOT NULL,
    PRIMARY KEY (rule_id, hash)
);

CREATE TABLE rule_brakes (
    rule_id  text NOT NULL,
    hash     text NOT NULL,
    engaged  double precision NOT NULL,
    hits     bigint NOT NULL,
    messages bigint NOT NULL,
    reason   text NOT NULL,
    PRIMARY KEY (rule_id, hash)
);

CREATE TABLE shadow_hits (
    n        bigserial PRIMARY KEY,
    rule_id  text NOT NULL,
    user_id  text NOT NULL,
    event_id text NOT NULL,
    ts       double precision NOT NULL,
    why      text NOT NULL,
    excerpt  text NOT NULL
);
CREATE INDEX shadow_hits_user ON shadow_hits (user_id, ts);
CREATE INDEX shadow_hits_rule ON shadow_hits (rule_id, ts);

CREATE TABLE moderation_actions (
    event_id    text PRIMARY KEY,
    ts          double precision NOT NULL,
    group_id    text NOT NULL,
    moderator   text NOT NULL,
    target_user text NOT NULL,
    action      text NOT NULL,
    message     text,
    reason      text NOT NULL
);
CREATE INDEX moderation_actions_target ON moderation_actions (target_user, ts);
CREATE INDEX moderation_actions_group ON moderation_actions (group_id, ts);
