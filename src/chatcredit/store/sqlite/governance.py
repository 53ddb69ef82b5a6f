"""Governance records in SQLite: one JSON body each, by kind and index columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chatcredit.governance.records import GovRecord, decode_record, encode_record, index_of
from chatcredit.store.governance_sql import find_query
from chatcredit.store.sqlite.db import Db, marks


class SqliteGovernance:
    def __init__(self, db: Db) -> None:
        self._db = db

    def put(self, records: Sequence[GovRecord]) -> None:
        rows = []
        for r in records:
            i = index_of(r)
            rows.append((i.kind, i.id, i.subject, i.group, i.status, i.ts, encode_record(r)))
        self._db.run_many("INSERT OR REPLACE INTO governance VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def get(self, kind: str, record_id: str) -> GovRecord | None:
        rows = self._db.rows("SELECT body FROM governance WHERE kind = ? AND id = ?", (kind, record_id))
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
            "?", lambda values: (f"IN ({marks(len(values))})", list(values)), kind, subject, group, status, since, limit
        )
        return [decode_record(r[0]) for r in self._db.rows(sql, params)]


def _in(values: Sequence[str]) -> tuple[str, list[Any]]:
    return f"IN ({marks(len(values))})", list(values)
