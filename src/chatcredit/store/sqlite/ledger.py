"""The ledger and the journal in SQLite. Positions are taken inside the write
transaction, which holds the database's write lock: two processes never get the same."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from chatcredit.domain.ledger import LedgerEntry
from chatcredit.store import codec
from chatcredit.store.sqlite.db import Db, chunks, marks

_COLUMNS = ", ".join(codec.LEDGER_COLUMNS)
_INSERT = f"INSERT INTO ledger ({_COLUMNS}) VALUES ({marks(len(codec.LEDGER_COLUMNS))})"
_users = msgspec.json.Decoder(list[str])


class SqliteLedger:
    def __init__(self, db: Db) -> None:
        self._db = db

    def append(self, entries: Sequence[LedgerEntry]) -> list[LedgerEntry]:
        if not entries:
            return []
        start = int(self._db.rows("SELECT coalesce(max(pos), 0) FROM ledger")[0][0]) + 1
        placed = [msgspec.structs.replace(e, pos=start + i) for i, e in enumerate(entries)]
        self._db.run_many(_INSERT, [codec.ledger_row(e) for e in placed])
        return placed

    def of_users(self, users: Sequence[str]) -> dict[str, list[LedgerEntry]]:
        out: dict[str, list[LedgerEntry]] = {}
        for chunk in chunks(users):
            sql = f"SELECT {_COLUMNS} FROM ledger WHERE user_id IN ({marks(len(chunk))}) ORDER BY user_id, seq"
            for row in self._db.cursor(sql, chunk):
                entry = codec.ledger_entry(row)
                out.setdefault(entry.user, []).append(entry)
        return out

    def get(self, entry_id: str) -> LedgerEntry | None:
        rows = self._db.rows(f"SELECT {_COLUMNS} FROM ledger WHERE id = ?", (entry_id,))
        return codec.ledger_entry(rows[0]) if rows else None

    def decided_keys(self, keys: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(keys):
            sql = f"SELECT evidence_key FROM ledger WHERE evidence_key IN ({marks(len(chunk))})"
            found.update(r[0] for r in self._db.cursor(sql, chunk))
        return found

    def users(self) -> list[str]:
        """Those with at least one ledger entry."""
        return [r[0] for r in self._db.rows("SELECT DISTINCT user_id FROM ledger ORDER BY 1")]

    def scored_users(self) -> list[str]:
        rows = self._db.rows("SELECT user_id FROM ledger UNION SELECT user_id FROM active_days ORDER BY 1")
        return [r[0] for r in rows]


class SqliteJournal:
    def __init__(self, db: Db) -> None:
        self._db = db

    def append(self, users: Sequence[str], ts: float) -> int:
        self._db.run("INSERT INTO journal (users, ts) VALUES (?, ?)", (msgspec.json.encode(sorted(users)), ts))
        return self.head()

    def since(self, position: int, limit: int = 10_000) -> tuple[int, set[str], bool]:
        rows = self._db.rows("SELECT pos, users FROM journal WHERE pos > ? ORDER BY pos LIMIT ?", (position, limit))
        users: set[str] = set()
        for _, body in rows:
            users.update(_users.decode(body))
        return (rows[-1][0] if rows else position), users, len(rows) == limit

    def head(self) -> int:
        return int(self._db.rows("SELECT coalesce(max(pos), 0) FROM journal")[0][0])
