-- API keys for the HTTP API: only a hash of the secret is stored.

CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    scopes      TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created     REAL NOT NULL,
    revoked     REAL
);
