"""Events, the quarantine and activity days in PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from chatcredit.domain.records import EventRow, QuarantineRow
from chatcredit.store.postgres.db import PgDb

#: rows read per query when iterating the archive (keyset pages: no cursor stays open)
PAGE = 5000


_HISTOGRAM = (  # days per user first, then whether the user has a ledger: one probe per user
    "SELECT n, count(*) FROM (SELECT user_id, count(*) AS n FROM active_days GROUP BY user_id) c "
    "WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.user_id = c.user_id) GROUP BY n"
)


class PgEvents:
    def __init__(self, db: PgDb) -> None:
        self._db = db

    def payloads(self, ids: Sequence[str]) -> dict[str, bytes]:
        rows = self._db.rows("SELECT id, payload FROM events WHERE id = ANY(%s)", (list(ids),))
        return {r[0]: bytes(r[1]) for r in rows}

    def add(self, rows: Sequence[EventRow]) -> None:
        self._db.copy(
            "events",
            ("id", "type", "ts", "user_id", "group_id", "payload"),
            ("text", "text", "float8", "text", "text", "bytea"),
            [(r.id, r.type, r.ts, r.user, r.group, r.payload) for r in rows],
        )

    def iterate(
        self, types: Sequence[str], since: float | None = None, until: float | None = None
    ) -> Iterator[EventRow]:
        base = "SELECT id, type, ts, user_id, group_id, payload, n FROM events WHERE type = ANY(%s)"
        bound, bound_params = (" AND ts <= %s", [until]) if until is not None else ("", [])
        where, params = (" AND ts >= %s", [since]) if since is not None else ("", [])
        while True:
            sql = f"{base}{where}{bound} ORDER BY ts, n LIMIT %s"
            rows = self._db.rows(sql, [list(types), *params, *bound_params, PAGE])
            for row in rows:
                yield EventRow(row[0], row[1], row[2], row[3], row[4], bytes(row[5]))
            if len(rows) < PAGE:
                return
            where, params = " AND (ts, n) > (%s, %s)", [rows[-1][2], rows[-1][6]]

    def message_times(self, user: str, since: float, until: float) -> list[float]:
        rows = self._db.rows(
            "SELECT ts FROM events WHERE user_id = %s AND ts > %s AND ts <= %s AND type = 'message' ORDER BY ts",
            (user, since, until),
        )
        return [r[0] for r in rows]

    def count(self) -> int:
        return int(self._db.rows("SELECT count(*) FROM events")[0][0])

    def per_day(self, since: float) -> dict[int, int]:
        rows = self._db.rows(
            "SELECT floor(ts / 86400)::bigint, count(*) FROM events WHERE ts >= %s GROUP BY 1", (since,)
        )
        return {int(d): int(n) for d, n in rows}


class PgQuarantine:
    def __init__(self, db: PgDb) -> None:
        self._db = db

    def add(self, rows: Sequence[QuarantineRow]) -> None:
        self._db.insert(
            "quarantine",
            ("source", "line", "raw", "field", "reason", "received", "digest"),
            ("text", "bigint", "text", "text", "text", "float8", "text"),
            [(r.source, r.line, r.raw, r.field, r.reason, r.received, r.digest) for r in rows],
        )

    def list(self, limit: int = 1000, offset: int = 0) -> list[QuarantineRow]:
        rows = self._db.rows(
            "SELECT source, line, raw, field, reason, received, digest FROM quarantine ORDER BY n LIMIT %s OFFSET %s",
            (limit, offset),
        )
        return [QuarantineRow(*r) for r in rows]


class PgActivity:
    def __init__(self, db: PgDb) -> None:
        self._db = db

    def add(self, pairs: Iterable[tuple[str, int]]) -> None:
        self._db.insert("active_days", ("user_id", "day"), ("text", "bigint"), list(pairs))

    def unscored_histogram(self) -> dict[int, int]:
        return {int(n): int(c) for n, c in self._db.rows(_HISTOGRAM)}

    def days(self, users: Sequence[str]) -> dict[str, set[int]]:
        out: dict[str, set[int]] = {}
        for user, day in self._db.rows("SELECT user_id, day FROM active_days WHERE user_id = ANY(%s)", (list(users),)):
            out.setdefault(user, set()).add(day)
        return out
