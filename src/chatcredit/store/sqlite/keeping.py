"""Record keeping in SQLite: the audit log, and the archive's retention and erasure."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from chatcredit.domain.records import EventRow
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem
from chatcredit.records.audit import AuditRecord, decode_record, encode_record
from chatcredit.store import codec
from chatcredit.store.sqlite.db import Db, chunks, json_list, marks

MESSAGE_TYPES = ("message", "message_edited", "message_deleted")


class SqliteAudit:
    def __init__(self, db: Db) -> None:
        self._db = db

    def head(self) -> AuditRecord | None:
        rows = self._db.rows("SELECT body FROM audit ORDER BY seq DESC LIMIT 1")
        return decode_record(rows[0][0]) if rows else None

    def append(self, records: Sequence[AuditRecord]) -> None:
        self._db.run_many(
            "INSERT INTO audit VALUES (?, ?, ?, ?, ?)",
            [(r.seq, r.ts, r.kind, r.hash, encode_record(r)) for r in records],
        )

    def iterate(self, since_seq: int = 0, since_ts: float | None = None) -> Iterator[AuditRecord]:
        sql, params = "SELECT body FROM audit WHERE seq > ?", [float(since_seq)]
        if since_ts is not None:
            sql += " AND ts >= ?"
            params.append(since_ts)
        for (body,) in self._db.cursor(sql + " ORDER BY seq", params):
            yield decode_record(body)


class SqliteArchive:
    def __init__(self, db: Db) -> None:
        self._db = db

    def candidates(self, before: float) -> Iterator[tuple[str, float, str, str | None]]:
        """Archived messages (and their edits and deletions) older than ``before``, oldest first."""
        sql = f"SELECT id, ts, user_id, group_id FROM events WHERE ts < ? AND type IN ({marks(3)}) ORDER BY ts"
        yield from self._db.cursor(sql, (before, *MESSAGE_TYPES))

    def purge(self, ids: Sequence[str]) -> int:
        done = 0
        for chunk in chunks(ids):
            done += self._db.run("DELETE FROM events WHERE id IN (SELECT value FROM json_each(?))", (json_list(chunk),))
        return done

    def evidence(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """For each of ``ids`` that is a ledger entry's evidence: the entries."""
        out: dict[str, list[str]] = {}
        for chunk in chunks(ids):
            sql = "SELECT evidence_event, id FROM ledger WHERE evidence_event IN (SELECT value FROM json_each(?))"
            for event_id, entry_id in self._db.cursor(sql, (json_list(chunk),)):
                out.setdefault(event_id, []).append(entry_id)
        return out

    def of_user(self, user: str) -> list[EventRow]:
        rows = self._db.rows(
            "SELECT id, type, ts, user_id, group_id, payload FROM events WHERE user_id = ? ORDER BY ts, rowid", (user,)
        )
        return [EventRow(*r) for r in rows]

    def erase(
        self, user: str, pseudonym: str, events: Sequence[str], notices: Sequence[Notice], reviews: Sequence[ReviewItem]
    ) -> None:
        """Tombstone ``events`` (the id stays, so a re-sent copy is a duplicate, not new
        content), pseudonymise the ledger, replace the notices and review items, and
        forget days, memberships, identity, first-seen time and shadow hits."""
        for chunk in chunks(events):
            self._db.run(
                "UPDATE events SET type = 'erased', user_id = '', group_id = NULL, payload = x'' "
                "WHERE id IN (SELECT value FROM json_each(?))",
                (json_list(chunk),),
            )
        self._db.run("UPDATE ledger SET user_id = ?, excerpt = '' WHERE user_id = ?", (pseudonym, user))
        self._db.run("DELETE FROM notices WHERE user_id = ?", (user,))
        self._db.run_many(
            "INSERT INTO notices VALUES (?, ?, ?, ?)", [(n.id, n.user, n.ts, codec.encode(n)) for n in notices]
        )
        self._db.run_many(
            "UPDATE review_items SET user_id = ?, body = ? WHERE id = ?",
            [(i.user, codec.encode(i), i.id) for i in reviews],
        )
        for table in ("active_days", "memberships", "identities", "users", "shadow_hits"):
            self._db.run(f"DELETE FROM {table} WHERE user_id = ?", (user,))
