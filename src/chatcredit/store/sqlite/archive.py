"""Events, the quarantine and activity days in SQLite."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from chatcredit.domain.records import EventRow, QuarantineRow
from chatcredit.store.sqlite.db import Db, chunks, json_list, marks

_HISTOGRAM = (  # days per user first, then whether the user has a ledger: one probe per user
    "SELECT n, count(*) FROM (SELECT user_id, count(*) AS n FROM active_days GROUP BY user_id) c "
    "WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.user_id = c.user_id) GROUP BY n"
)


class SqliteEvents:
    def __init__(self, db: Db) -> None:
        self._db = db

    def payloads(self, ids: Sequence[str]) -> dict[str, bytes]:
        sql = "SELECT id, payload FROM events WHERE id IN (SELECT value FROM json_each(?))"
        return {r[0]: bytes(r[1]) for r in self._db.rows(sql, (json_list(ids),))}

    def add(self, rows: Sequence[EventRow]) -> None:
        self._db.run_many(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)",
            [(r.id, r.type, r.ts, r.user, r.group, r.payload) for r in rows],
        )

    def iterate(
        self, types: Sequence[str], since: float | None = None, until: float | None = None
    ) -> Iterator[EventRow]:
        sql = f"SELECT id, type, ts, user_id, group_id, payload FROM events WHERE type IN ({marks(len(types))})"
        params: list[Any] = list(types)
        if since is not None:
            sql += " AND ts >= ?"
            params.append(since)
        if until is not None:
            sql += " AND ts <= ?"
            params.append(until)
        for row in self._db.cursor(sql + " ORDER BY ts, rowid", params):
            yield EventRow(*row)

    def message_times(self, user: str, since: float, until: float) -> list[float]:
        rows = self._db.rows(
            "SELECT ts FROM events WHERE user_id = ? AND ts > ? AND ts <= ? AND type = 'message' ORDER BY ts",
            (user, since, until),
        )
        return [r[0] for r in rows]

    def count(self) -> int:
        return int(self._db.rows("SELECT count(*) FROM events")[0][0])

    def per_day(self, since: float) -> dict[int, int]:
        rows = self._db.rows(
            "SELECT CAST(ts / 86400 AS INTEGER), count(*) FROM events WHERE ts >= ? GROUP BY 1", (since,)
        )
        return {int(d): int(n) for d, n in rows}


class SqliteQuarantine:
    def __init__(self, db: Db) -> None:
        self._db = db

    def add(self, rows: Sequence[QuarantineRow]) -> None:
        self._db.run_many(
            "INSERT OR IGNORE INTO quarantine (source, line, raw, field, reason, received, digest) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(r.source, r.line, r.raw, r.field, r.reason, r.received, r.digest) for r in rows],
        )

    def list(self, limit: int = 1000, offset: int = 0) -> list[QuarantineRow]:
        rows = self._db.rows(
            "SELECT source, line, raw, field, reason, received, digest FROM quarantine ORDER BY n LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [QuarantineRow(*r) for r in rows]


class SqliteActivity:
    def __init__(self, db: Db) -> None:
        self._db = db

    def add(self, pairs: Iterable[tuple[str, int]]) -> None:
        self._db.run_many("INSERT OR IGNORE INTO active_days VALUES (?, ?)", pairs)

    def unscored_histogram(self) -> dict[int, int]:
        """{active days: users} over the users without a ledger entry (their standing is
        their tenure alone): the tiers of everyone without a tally to fold."""
        return {int(n): int(c) for n, c in self._db.rows(_HISTOGRAM)}

    def days(self, users: Sequence[str]) -> dict[str, set[int]]:
        out: dict[str, set[int]] = {}
        for chunk in chunks(users):
            sql = f"SELECT user_id, day FROM active_days WHERE user_id IN ({marks(len(chunk))})"
            for user, day in self._db.cursor(sql, chunk):
                out.setdefault(user, set()).add(day)
        return out
