"""The embedded default store: one SQLite file in WAL mode."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import msgspec

from chatcredit.detectors.brake import BrakeRecord
from chatcredit.domain.keys import ApiKey
from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.standing import Standing
from chatcredit.dueprocess.notices import Notice
from chatcredit.errors import ChatcreditError, ConflictError
from chatcredit.policy.decide import ReviewItem, ShadowHit
from chatcredit.store import codec
from chatcredit.store.base import EventRow, MembershipChange, QuarantineRow, UsageCounts

_CHUNK = 500


def migrations() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` for every file in ``store/migrations``, in order."""
    folder = resources.files("chatcredit.store.sqlite").joinpath("migrations")
    found = []
    for item in folder.iterdir():
        if item.name.endswith(".sql"):
            version = int(item.name.split("_", 1)[0])
            found.append((version, item.name, item.read_text("utf-8")))
    return sorted(found)


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _json_list(items: Sequence[str]) -> str:
    return msgspec.json.encode(list(items)).decode()


def _marks(n: int) -> str:
    return ",".join("?" * n)


class SqliteStore:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise ChatcreditError(f"cannot open database {self.path}: {exc}") from None
        self._depth = 0
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            "foreign_keys=ON",
            "temp_store=MEMORY",
            "cache_size=-262144",
            "wal_autocheckpoint=20000",
            "busy_timeout=10000",
        ):
            self._db.execute(f"PRAGMA {pragma}")
        self.migrate()

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded, each in its own transaction."""
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied REAL NOT NULL)"
        )
        done = {r[0] for r in self._db.execute("SELECT version FROM schema_migrations")}
        applied = []
        for version, name, sql in migrations():
            if version in done:
                continue
            with self.transaction():
                code = "\n".join(ln for ln in sql.splitlines() if not ln.lstrip().startswith("--"))
                for statement in code.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    (version, name, time.time()),
                )
            applied.append(name)
        return applied

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._depth = 0

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._db.execute(sql, params).fetchall()

    # archive
    def known_event_ids(self, ids: Sequence[str]) -> set[str]:
        sql = "SELECT id FROM events WHERE id IN (SELECT value FROM json_each(?))"
        return {r[0] for r in self._db.execute(sql, (_json_list(ids),))}

    def add_events(self, rows: Sequence[EventRow]) -> None:
        self._db.executemany(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)",
            [(r.id, r.type, r.ts, r.user, r.group, r.payload) for r in rows],
        )

    def iter_events(self, types: Sequence[str], since: float | None = None) -> Iterator[EventRow]:
        sql = f"SELECT id, type, ts, user_id, group_id, payload FROM events WHERE type IN ({_marks(len(types))})"
        params: list[Any] = list(types)
        if since is not None:
            sql += " AND ts >= ?"
            params.append(since)
        for row in self._db.execute(sql + " ORDER BY ts, rowid", params):
            yield EventRow(*row)

    def message_times(self, user: str, since: float, until: float) -> list[float]:
        rows = self._rows(
            "SELECT ts FROM events WHERE user_id = ? AND ts > ? AND ts <= ? AND type = 'message' ORDER BY ts",
            (user, since, until),
        )
        return [r[0] for r in rows]

    def count_events(self) -> int:
        return int(self._rows("SELECT count(*) FROM events")[0][0])

    # quarantine
    def add_rejects(self, rows: Sequence[QuarantineRow]) -> None:
        self._db.executemany(
            "INSERT INTO quarantine (source, line, raw, field, reason, received) VALUES (?, ?, ?, ?, ?, ?)",
            [(r.source, r.line, r.raw, r.field, r.reason, r.received) for r in rows],
        )

    def quarantine(self, limit: int = 1000, offset: int = 0) -> list[QuarantineRow]:
        rows = self._rows(
            "SELECT source, line, raw, field, reason, received FROM quarantine ORDER BY n LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [QuarantineRow(*r) for r in rows]

    # activity
    def add_active_days(self, pairs: Iterable[tuple[str, int]]) -> None:
        self._db.executemany("INSERT OR IGNORE INTO active_days VALUES (?, ?)", pairs)

    def active_days(self, users: Sequence[str]) -> dict[str, set[int]]:
        out: dict[str, set[int]] = {}
        for chunk in _chunks(users):
            sql = f"SELECT user_id, day FROM active_days WHERE user_id IN ({_marks(len(chunk))})"
            for user, day in self._db.execute(sql, chunk):
                out.setdefault(user, set()).add(day)
        return out

    # ledger
    def append_entries(self, entries: Sequence[LedgerEntry]) -> None:
        columns = codec.LEDGER_COLUMNS
        sql = f"INSERT INTO ledger ({', '.join(columns)}) VALUES ({_marks(len(columns))})"
        try:
            self._db.executemany(sql, [codec.ledger_row(e) for e in entries])
        except sqlite3.IntegrityError as exc:
            raise ConflictError(f"ledger append conflicts with a stored entry: {exc}") from None

    def entries(self, users: Sequence[str]) -> dict[str, list[LedgerEntry]]:
        out: dict[str, list[LedgerEntry]] = {}
        cols = ", ".join(codec.LEDGER_COLUMNS)
        for chunk in _chunks(users):
            sql = f"SELECT {cols} FROM ledger WHERE user_id IN ({_marks(len(chunk))}) ORDER BY user_id, seq"
            for row in self._db.execute(sql, chunk):
                entry = codec.ledger_entry(row)
                out.setdefault(entry.user, []).append(entry)
        return out

    def entry(self, entry_id: str) -> LedgerEntry | None:
        rows = self._rows(f"SELECT {', '.join(codec.LEDGER_COLUMNS)} FROM ledger WHERE id = ?", (entry_id,))
        return codec.ledger_entry(rows[0]) if rows else None

    def decided_keys(self, keys: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(keys):
            sql = f"SELECT evidence_key FROM ledger WHERE evidence_key IN ({_marks(len(chunk))})"
            found.update(r[0] for r in self._db.execute(sql, chunk))
        return found

    def scored_users(self) -> list[str]:
        rows = self._rows("SELECT user_id FROM ledger UNION SELECT user_id FROM active_days ORDER BY 1")
        return [r[0] for r in rows]

    # due process
    def add_notices(self, notices: Sequence[Notice]) -> None:
        self._db.executemany(
            "INSERT INTO notices VALUES (?, ?, ?, ?)",
            [(n.id, n.user, n.ts, codec.encode(n)) for n in notices],
        )

    def notices(self, user: str) -> list[Notice]:
        rows = self._rows("SELECT body FROM notices WHERE user_id = ? ORDER BY ts, id", (user,))
        return [codec.decode_notice(r[0]) for r in rows]

    def add_review_items(self, items: Sequence[ReviewItem]) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO review_items VALUES (?, ?, ?, ?, ?)",
            [(i.id, i.status, i.user, i.ts, codec.encode(i)) for i in items],
        )

    def review_items(self, status: str = "open", limit: int = 1000, user: str | None = None) -> list[ReviewItem]:
        where, params = ("AND user_id = ?", [user]) if user is not None else ("", [])
        rows = self._rows(
            f"SELECT body FROM review_items WHERE status = ? {where} ORDER BY ts, id LIMIT ?",
            [status, *params, limit],
        )
        return [codec.decode_review(r[0]) for r in rows]

    # standings
    def put_standings(self, standings: Sequence[Standing]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO standings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [codec.standing_row(s) for s in standings],
        )

    def standing(self, user: str) -> Standing | None:
        rows = self._rows("SELECT * FROM standings WHERE user_id = ?", (user,))
        return codec.standing_from_row(rows[0]) if rows else None

    def all_standings(self) -> list[Standing]:
        return [codec.standing_from_row(r) for r in self._rows("SELECT * FROM standings ORDER BY user_id")]

    def clear_standings(self) -> None:
        self._db.execute("DELETE FROM standings")

    # groups, roles, identity
    def apply_memberships(self, changes: Sequence[MembershipChange]) -> None:
        db = self._db
        for c in changes:
            if c.op == "create":
                db.execute("INSERT OR IGNORE INTO groups VALUES (?, ?, ?)", (c.group, c.user, c.ts))
                db.execute("INSERT OR REPLACE INTO memberships VALUES (?, ?, 'owner', ?)", (c.group, c.user, c.ts))
            elif c.op == "join":
                db.execute("INSERT OR IGNORE INTO memberships VALUES (?, ?, 'member', ?)", (c.group, c.user, c.ts))
            elif c.op == "leave":
                db.execute("DELETE FROM memberships WHERE group_id = ? AND user_id = ?", (c.group, c.user))
            elif c.op == "grant":
                db.execute(
                    "INSERT INTO memberships VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (group_id, user_id) DO UPDATE SET role = excluded.role",
                    (c.group, c.user, c.role, c.ts),
                )
                if c.role == "owner":
                    db.execute(
                        "INSERT INTO groups VALUES (?, ?, ?) "
                        "ON CONFLICT (group_id) DO UPDATE SET owner = excluded.owner",
                        (c.group, c.user, c.ts),
                    )
            else:
                db.execute(
                    "UPDATE memberships SET role = 'member' WHERE group_id = ? AND user_id = ? AND role = ?",
                    (c.group, c.user, c.role),
                )

    def set_identity(self, user: str, level: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO identities VALUES (?, ?)", (user, level))

    def usage_counts(self, user: str) -> UsageCounts:
        owned = self._rows("SELECT count(*) FROM groups WHERE owner = ?", (user,))[0][0]
        joined = self._rows("SELECT count(*) FROM memberships WHERE user_id = ?", (user,))[0][0]
        level = self._rows("SELECT level FROM identities WHERE user_id = ?", (user,))
        return UsageCounts(int(owned), int(joined), level[0][0] if level else "none")

    def group_size(self, group: str) -> int:
        return int(self._rows("SELECT count(*) FROM memberships WHERE group_id = ?", (group,))[0][0])

    # detection state
    def add_users(self, pairs: Sequence[tuple[str, float]]) -> None:
        self._db.executemany("INSERT OR IGNORE INTO users VALUES (?, ?)", pairs)

    def first_seen(self, users: Sequence[str]) -> dict[str, float]:
        sql = "SELECT user_id, first_seen FROM users WHERE user_id IN (SELECT value FROM json_each(?))"
        return dict(self._db.execute(sql, (_json_list(users),)).fetchall())

    def rule_versions(self) -> dict[tuple[str, str], float]:
        return {(r, h): t for r, h, t in self._rows("SELECT rule_id, hash, first_seen FROM rule_versions")}

    def add_rule_versions(self, rows: Sequence[tuple[str, str, float]]) -> None:
        self._db.executemany("INSERT OR IGNORE INTO rule_versions VALUES (?, ?, ?)", rows)

    def brakes(self) -> list[BrakeRecord]:
        return [BrakeRecord(*r) for r in self._rows("SELECT * FROM rule_brakes ORDER BY engaged")]

    def add_brakes(self, records: Sequence[BrakeRecord]) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO rule_brakes VALUES (?, ?, ?, ?, ?, ?)",
            [(b.rule_id, b.hash, b.engaged, b.hits, b.messages, b.reason) for b in records],
        )

    def add_shadow_hits(self, hits: Sequence[ShadowHit]) -> None:
        self._db.executemany(
            "INSERT INTO shadow_hits (rule_id, user_id, event_id, ts, why, excerpt) VALUES (?, ?, ?, ?, ?, ?)",
            [(h.rule_id, h.user, h.event_id, h.ts, h.why, h.excerpt) for h in hits],
        )

    def shadow_hits(self, user: str | None = None, limit: int = 1000) -> list[ShadowHit]:
        where, params = ("WHERE user_id = ?", [user]) if user is not None else ("", [])
        rows = self._rows(
            f"SELECT rule_id, user_id, event_id, ts, why, excerpt FROM shadow_hits {where} ORDER BY ts, n LIMIT ?",
            [*params, limit],
        )
        return [ShadowHit(*r) for r in rows]

    def shadow_hit_counts(self) -> dict[str, int]:
        return dict(self._rows("SELECT rule_id, count(*) FROM shadow_hits GROUP BY rule_id"))

    # API keys
    def add_key(self, key: ApiKey) -> None:
        self._db.execute(
            "INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?)",
            (key.id, key.name, " ".join(key.scopes), key.secret_hash, key.created, key.revoked),
        )

    def key(self, key_id: str) -> ApiKey | None:
        rows = self._rows("SELECT * FROM api_keys WHERE id = ?", (key_id,))
        return _api_key(rows[0]) if rows else None

    def list_keys(self) -> list[ApiKey]:
        return [_api_key(r) for r in self._rows("SELECT * FROM api_keys ORDER BY created, id")]

    def revoke_key(self, key_id: str, when: float) -> bool:
        cur = self._db.execute("UPDATE api_keys SET revoked = ? WHERE id = ? AND revoked IS NULL", (when, key_id))
        return cur.rowcount == 1


def _api_key(row: tuple[Any, ...]) -> ApiKey:
    key_id, name, scopes, secret_hash, created, revoked = row
    return ApiKey(key_id, name, tuple(scopes.split()), secret_hash, created, revoked)
