-- The ledger's global position, the journal every process's caches follow; the standings
-- table goes (the projection in memory is the cache, rebuilt from the ledger).
--
-- Each committed write transaction appends one journal row naming the users whose
-- standing it changed (ledger entries, active days, memberships, identity); a process
-- that caches standings reads the rows past its last position and reloads those users.

ALTER TABLE ledger ADD COLUMN pos INTEGER NOT NULL DEFAULT 0;
UPDATE ledger SET pos = rowid;
CREATE UNIQUE INDEX ledger_pos ON ledger (pos) WHERE pos > 0;

CREATE TABLE journal (
    pos   INTEGER PRIMARY KEY AUTOINCREMENT,
    users BLOB NOT NULL,
    ts    REAL NOT NULL
);

DROP TABLE standings;
