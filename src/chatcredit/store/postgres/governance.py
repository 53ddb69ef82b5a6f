"""Governance records in PostgreSQL: one JSON body each, by kind and index columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chatcredit.governance.records import GovRecord, decode_record, encode_record, index_of
from chatcredit.store.governance_sql import find_query
from chatcredit.store.postgres.db import PgDb


class PgGovernance:
    def __init__(self, db: PgDb) -> None:
        self._db = db

    def put(self, records: Sequence[GovRecord]) -> None:
        latest: dict[tuple[str, str], tuple[Any, ...]] = {}  # one row per key in a statement
        for r in records:
            i = index_of(r)
            latest[(i.kind, i.id)] = (i.kind, i.id, i.subject, i.group, i.status, i.ts, encode_record(r))
        self._db.insert(
            "governance",
            ("kind", "id", "subject", "group_id", "status", "ts", "body"),
            ("text", "text", "text", "text", "text", "float8", "bytea"),
            list(latest.values()),
            "ON CONFLICT (kind, id) DO UPDATE SET subject = excluded.subject, group_id = excluded.group_id, "
            "status = excluded.status, ts = excluded.ts, body = excluded.body",
        )

    def get(self, kind: str, record_id: str) -> GovRecord | None:
        rows = self._db.rows("SELECT body FROM governance WHERE kind = %s AND id = %s", (kind, record_id))
        return decode_record(rows[0][0]) if rows else None

    def find(
        self,
        kind: str,
        subject: str | None = None,
        group: str | None = None,
        status: Sequence[str] = (),
        since: float | None = None,
        limit: int | None = None,
    ) -> list[GovRecord]:
        sql, params = find_query(
            "%s", lambda values: ("= ANY(%s)", [list(values)]), kind, subject, group, status, since, limit
        )
        return [decode_record(r[0]) for r in self._db.rows(sql, params)]


def _any_of(values: Sequence[str]) -> tuple[str, list[Any]]:
    return "= ANY(%s)", [list(values)]
