"""Notices, review items, groups and identities, detection state and API keys in SQLite."""

from __future__ import annotations

from collections.abc import Sequence

from chatcredit.detectors.brake import BrakeRecord
from chatcredit.domain.effects import MembershipChange
from chatcredit.domain.keys import ApiKey
from chatcredit.domain.records import ModerationRecord, UsageCounts
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem, ShadowHit
from chatcredit.store import codec
from chatcredit.store.sqlite.db import Db, json_list


class SqliteNotices:
    def __init__(self, db: Db) -> None:
        self._db = db

    def add(self, notices: Sequence[Notice]) -> None:
        self._db.run_many(
            "INSERT INTO notices VALUES (?, ?, ?, ?)", [(n.id, n.user, n.ts, codec.encode(n)) for n in notices]
        )

    def of_user(self, user: str) -> list[Notice]:
        rows = self._db.rows("SELECT body FROM notices WHERE user_id = ? ORDER BY ts, id", (user,))
        return [codec.decode_notice(r[0]) for r in rows]

    def get(self, notice_id: str) -> Notice | None:
        rows = self._db.rows("SELECT body FROM notices WHERE id = ?", (notice_id,))
        return codec.decode_notice(rows[0][0]) if rows else None

    def between(self, since: float, until: float) -> list[Notice]:
        rows = self._db.rows("SELECT body FROM notices WHERE ts >= ? AND ts < ? ORDER BY ts, id", (since, until))
        return [codec.decode_notice(r[0]) for r in rows]


class SqliteReviews:
    def __init__(self, db: Db) -> None:
        self._db = db

    def add(self, items: Sequence[ReviewItem]) -> None:
        self._db.run_many(
            "INSERT OR IGNORE INTO review_items VALUES (?, ?, ?, ?, ?)",
            [(i.id, i.status, i.user, i.ts, codec.encode(i)) for i in items],
        )

    def update(self, items: Sequence[ReviewItem]) -> None:
        self._db.run_many(
            "UPDATE review_items SET status = ?, body = ? WHERE id = ?",
            [(i.status, codec.encode(i), i.id) for i in items],
        )

    def summary(self, since: float = float("-inf"), until: float = float("inf")) -> dict[str, tuple[int, float]]:
        rows = self._db.rows(
            "SELECT status, count(*), min(ts) FROM review_items WHERE ts >= ? AND ts < ? GROUP BY status",
            (max(since, -1e300), min(until, 1e300)),
        )
        return {r[0]: (int(r[1]), float(r[2])) for r in rows}

    def get(self, item_id: str) -> ReviewItem | None:
        rows = self._db.rows("SELECT body FROM review_items WHERE id = ?", (item_id,))
        return codec.decode_review(rows[0][0]) if rows else None

    def list(self, status: str = "open", limit: int = 1000, user: str | None = None) -> list[ReviewItem]:
        where, params = ("AND user_id = ?", [user]) if user is not None else ("", [])
        rows = self._db.rows(
            f"SELECT body FROM review_items WHERE status = ? {where} ORDER BY ts, id LIMIT ?",
            [status, *params, limit],
        )
        return [codec.decode_review(r[0]) for r in rows]


_MEMBERSHIP_SQL = {
    "join": ["INSERT OR IGNORE INTO memberships VALUES (:group, :user, 'member', :ts)"],
    "leave": ["DELETE FROM memberships WHERE group_id = :group AND user_id = :user"],
    "create": [
        "INSERT OR IGNORE INTO groups VALUES (:group, :user, :ts)",
        "INSERT OR REPLACE INTO memberships VALUES (:group, :user, 'owner', :ts)",
    ],
    "grant": [
        "INSERT INTO memberships VALUES (:group, :user, :role, :ts) "
        "ON CONFLICT (group_id, user_id) DO UPDATE SET role = excluded.role",
        "INSERT INTO groups SELECT :group, :user, :ts WHERE :role = 'owner' "
        "ON CONFLICT (group_id) DO UPDATE SET owner = excluded.owner",
    ],
    "revoke": ["UPDATE memberships SET role = 'member' WHERE group_id = :group AND user_id = :user AND role = :role"],
}


class SqliteGroups:
    def __init__(self, db: Db) -> None:
        self._db = db

    def apply(self, changes: Sequence[MembershipChange]) -> None:
        for c in changes:
            params = {"group": c.group, "user": c.user, "role": c.role, "ts": c.ts}
            for sql in _MEMBERSHIP_SQL[c.op]:
                self._db.run(sql, params)  # type: ignore[arg-type]

    def set_identity(self, user: str, level: str) -> None:
        self._db.run("INSERT OR REPLACE INTO identities VALUES (?, ?)", (user, level))

    def add_actions(self, actions: Sequence[ModerationRecord]) -> None:
        self._db.run_many(
            "INSERT OR IGNORE INTO moderation_actions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(a.event_id, a.ts, a.group, a.moderator, a.target_user, a.action, a.message, a.reason) for a in actions],
        )

    def actions_on(self, user: str, limit: int = 1000) -> list[ModerationRecord]:
        rows = self._db.rows(
            "SELECT * FROM moderation_actions WHERE target_user = ? ORDER BY ts, event_id LIMIT ?", (user, limit)
        )
        return [ModerationRecord(*r) for r in rows]

    def usage(self, user: str) -> UsageCounts:
        owned = self._db.rows("SELECT count(*) FROM groups WHERE owner = ?", (user,))[0][0]
        joined = self._db.rows("SELECT count(*) FROM memberships WHERE user_id = ?", (user,))[0][0]
        level = self._db.rows("SELECT level FROM identities WHERE user_id = ?", (user,))
        return UsageCounts(int(owned), int(joined), level[0][0] if level else "none")

    def size(self, group: str) -> int:
        return int(self._db.rows("SELECT count(*) FROM memberships WHERE group_id = ?", (group,))[0][0])


class SqliteDetectionState:
    def __init__(self, db: Db) -> None:
        self._db = db

    def add_users(self, pairs: Sequence[tuple[str, float]]) -> None:
        self._db.run_many(
            "INSERT INTO users VALUES (?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen)",
            pairs,
        )

    def first_seen(self, users: Sequence[str]) -> dict[str, float]:
        sql = "SELECT user_id, first_seen FROM users WHERE user_id IN (SELECT value FROM json_each(?))"
        return dict(self._db.rows(sql, (json_list(users),)))

    def rule_versions(self) -> dict[tuple[str, str], float]:
        return {(r, h): t for r, h, t in self._db.rows("SELECT rule_id, hash, first_seen FROM rule_versions")}

    def add_rule_versions(self, rows: Sequence[tuple[str, str, float]]) -> None:
        self._db.run_many("INSERT OR IGNORE INTO rule_versions VALUES (?, ?, ?)", rows)

    def brakes(self) -> list[BrakeRecord]:
        return [BrakeRecord(*r) for r in self._db.rows("SELECT * FROM rule_brakes ORDER BY engaged")]

    def add_brakes(self, records: Sequence[BrakeRecord]) -> None:
        self._db.run_many(
            "INSERT OR IGNORE INTO rule_brakes VALUES (?, ?, ?, ?, ?, ?)",
            [(b.rule_id, b.hash, b.engaged, b.hits, b.messages, b.reason) for b in records],
        )

    def add_shadow_hits(self, hits: Sequence[ShadowHit]) -> None:
        self._db.run_many(
            "INSERT INTO shadow_hits (rule_id, user_id, event_id, ts, why, excerpt) VALUES (?, ?, ?, ?, ?, ?)",
            [(h.rule_id, h.user, h.event_id, h.ts, h.why, h.excerpt) for h in hits],
        )

    def shadow_hits(self, user: str | None = None, limit: int = 1000) -> list[ShadowHit]:
        where, params = ("WHERE user_id = ?", [user]) if user is not None else ("", [])
        rows = self._db.rows(
            f"SELECT rule_id, user_id, event_id, ts, why, excerpt FROM shadow_hits {where} ORDER BY ts, n LIMIT ?",
            [*params, limit],
        )
        return [ShadowHit(*r) for r in rows]

    def shadow_hit_counts(self) -> dict[str, int]:
        return dict(self._db.rows("SELECT rule_id, count(*) FROM shadow_hits GROUP BY rule_id"))


class SqliteKeys:
    def __init__(self, db: Db) -> None:
        self._db = db

    def add(self, key: ApiKey) -> None:
        self._db.run(
            "INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?)",
            codec.api_key_row(key),
        )

    def get(self, key_id: str) -> ApiKey | None:
        rows = self._db.rows("SELECT * FROM api_keys WHERE id = ?", (key_id,))
        return codec.api_key(rows[0]) if rows else None

    def list(self) -> list[ApiKey]:
        return [codec.api_key(r) for r in self._db.rows("SELECT * FROM api_keys ORDER BY created, id")]

    def revoke(self, key_id: str, when: float) -> bool:
        return self._db.run("UPDATE api_keys SET revoked = ? WHERE id = ? AND revoked IS NULL", (when, key_id)) == 1
