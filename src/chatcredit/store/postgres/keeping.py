"""Record keeping in PostgreSQL: the audit log, and the archive's retention and erasure."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from chatcredit.domain.records import EventRow
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem
from chatcredit.records.audit import AuditRecord, decode_record, encode_record
from chatcredit.store import codec
from chatcredit.store.postgres.db import PgDb

MESSAGE_TYPES = ["message", "message_edited", "message_deleted"]
PAGE = 5000


class PgAudit:
    def __init__(self, db: PgDb) -> None:
        self._db = db

    def head(self) -> AuditRecord | None:
        rows = self._db.rows("SELECT body FROM audit ORDER BY seq DESC LIMIT 1")
        return decode_record(bytes(rows[0][0])) if rows else None

    def append(self, records: Sequence[AuditRecord]) -> None:
        self._db.run_many(
            "INSERT INTO audit VALUES (%s, %s, %s, %s, %s)",
            [(r.seq, r.ts, r.kind, r.hash, encode_record(r)) for r in records],
        )

    def iterate(self, since_seq: int = 0, since_ts: float | None = None) -> Iterator[AuditRecord]:
        seq = since_seq
        while True:
            rows = self._db.rows(
                "SELECT seq, body FROM audit WHERE seq > %s AND ts >= %s ORDER BY seq LIMIT %s",
                (seq, since_ts if since_ts is not None else float("-inf"), PAGE),
            )
            for row in rows:
                yield decode_record(bytes(row[1]))
            if len(rows) < PAGE:
                return
            seq = rows[-1][0]


class PgArchive:
    def __init__(self, db: PgDb) -> None:
        self._db = db

    def candidates(self, before: float) -> Iterator[tuple[str, float, str, str | None]]:
        after: tuple[float, int] = (float("-inf"), -1)
        while True:
            rows = self._db.rows(
                "SELECT id, ts, user_id, group_id, n FROM events WHERE type = ANY(%s) AND ts < %s "
                "AND (ts, n) > (%s, %s) ORDER BY ts, n LIMIT %s",
                (MESSAGE_TYPES, before, after[0], after[1], PAGE),
            )
            for r in rows:
                yield (r[0], r[1], r[2], r[3])
            if len(rows) < PAGE:
                return
            after = (rows[-1][1], rows[-1][4])

    def purge(self, ids: Sequence[str]) -> int:
        return self._db.run("DELETE FROM events WHERE id = ANY(%s)", (list(ids),))

    def evidence(self, ids: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for event_id, entry_id in self._db.rows(
            "SELECT evidence_event, id FROM ledger WHERE evidence_event = ANY(%s)", (list(ids),)
        ):
            out.setdefault(event_id, []).append(entry_id)
        return out

    def of_user(self, user: str) -> list[EventRow]:
        rows = self._db.rows(
            "SELECT id, type, ts, user_id, group_id, payload FROM events WHERE user_id = %s ORDER BY ts, n", (user,)
        )
        return [EventRow(r[0], r[1], r[2], r[3], r[4], bytes(r[5])) for r in rows]

    def erase(
        self, user: str, pseudonym: str, events: Sequence[str], notices: Sequence[Notice], reviews: Sequence[ReviewItem]
    ) -> None:
        self._db.run(
            "UPDATE events SET type = 'erased', user_id = '', group_id = NULL, payload = ''::bytea WHERE id = ANY(%s)",
            (list(events),),
        )
        self._db.run("UPDATE ledger SET user_id = %s, excerpt = '' WHERE user_id = %s", (pseudonym, user))
        self._db.run("DELETE FROM notices WHERE user_id = %s", (user,))
        if notices:
            self._db.run_many(
                "INSERT INTO notices VALUES (%s, %s, %s, %s)", [(n.id, n.user, n.ts, codec.encode(n)) for n in notices]
            )
        for i in reviews:
            self._db.run(
                "UPDATE review_items SET user_id = %s, body = %s WHERE id = %s", (i.user, codec.encode(i), i.id)
            )
        for table in ("active_days", "memberships", "identities", "users", "shadow_hits", "subject_locks"):
            self._db.run(f"DELETE FROM {table} WHERE user_id = %s", (user,))
