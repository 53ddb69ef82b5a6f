"""The ledger and the journal in PostgreSQL.

Positions are taken under the commit lock (an advisory lock held until the transaction
ends), so a position is never given twice and positions become visible in order: a
process that has read the journal up to N has seen every write numbered N or less.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from chatcredit.domain.ledger import LedgerEntry
from chatcredit.store import codec
from chatcredit.store.postgres.db import PgDb

_COLUMNS = ", ".join(codec.LEDGER_COLUMNS)
_TYPES = {
    int: "int8",
    float: "float8",
    str: "text",
    bool: "bool",
}


def _column_types() -> list[str]:
    """The COPY type of each ledger column, from the struct's annotations."""
    out = []
    for info in msgspec.structs.fields(LedgerEntry):
        kinds = [t for t in getattr(info.type, "__args__", (info.type,)) if t is not type(None)]
        base = getattr(kinds[0], "__origin__", kinds[0])  # Annotated / Literal aliases
        base = {"Literal": str}.get(getattr(base, "_name", ""), base)
        out.append(_TYPES.get(base, "text"))
    return out


LEDGER_TYPES = _column_types()


class PgLedger:
    def __init__(self, db: PgDb) -> None:
        self._db = db

    def append(self, entries: Sequence[LedgerEntry]) -> list[LedgerEntry]:
        if not entries:
            return []
        self._db.lock_commits()
        start = int(self._db.rows("SELECT coalesce(max(pos), 0) FROM ledger")[0][0]) + 1
        placed = [msgspec.structs.replace(e, pos=start + i) for i, e in enumerate(entries)]
        self._db.copy("ledger", codec.LEDGER_COLUMNS, LEDGER_TYPES, [codec.ledger_row(e) for e in placed])
        return placed

    def of_users(self, users: Sequence[str]) -> dict[str, list[LedgerEntry]]:
        out: dict[str, list[LedgerEntry]] = {}
        sql = f"SELECT {_COLUMNS} FROM ledger WHERE user_id = ANY(%s) ORDER BY user_id, seq"
        for row in self._db.rows(sql, (list(users),)):
            entry = codec.ledger_entry(row)
            out.setdefault(entry.user, []).append(entry)
        return out

    def get(self, entry_id: str) -> LedgerEntry | None:
        rows = self._db.rows(f"SELECT {_COLUMNS} FROM ledger WHERE id = %s", (entry_id,))
        return codec.ledger_entry(rows[0]) if rows else None

    def decided_keys(self, keys: Sequence[str]) -> set[str]:
        rows = self._db.rows("SELECT evidence_key FROM ledger WHERE evidence_key = ANY(%s)", (list(keys),))
        return {r[0] for r in rows}

    def users(self) -> list[str]:
        return [r[0] for r in self._db.rows("SELECT DISTINCT user_id FROM ledger ORDER BY 1")]

    def scored_users(self) -> list[str]:
        rows = self._db.rows("SELECT user_id FROM ledger UNION SELECT user_id FROM active_days ORDER BY 1")
        return [r[0] for r in rows]


class PgJournal:
    def __init__(self, db: PgDb) -> None:
        self._db = db

    def append(self, users: Sequence[str], ts: float) -> int:
        self._db.lock_commits()
        rows = self._db.rows(
            "INSERT INTO journal (pos, users, ts) SELECT coalesce(max(pos), 0) + 1, %s, %s FROM journal RETURNING pos",
            (sorted(users), ts),
        )
        return int(rows[0][0])

    def since(self, position: int, limit: int = 10_000) -> tuple[int, set[str], bool]:
        rows = self._db.rows("SELECT pos, users FROM journal WHERE pos > %s ORDER BY pos LIMIT %s", (position, limit))
        users: set[str] = set()
        for _, names in rows:
            users.update(names)
        return (rows[-1][0] if rows else position), users, len(rows) == limit

    def head(self) -> int:
        return int(self._db.rows("SELECT coalesce(max(pos), 0) FROM journal")[0][0])
