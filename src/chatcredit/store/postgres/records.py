"""Notices, review items, groups and identities, detection state and API keys in PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence

from chatcredit.detectors.brake import BrakeRecord
from chatcredit.domain.effects import MembershipChange
from chatcredit.domain.keys import ApiKey
from chatcredit.domain.records import ModerationRecord, UsageCounts
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem, ShadowHit
from chatcredit.store import codec
from chatcredit.store.postgres.db import PgDb, translated


class PgNotices:
    def __init__(self, db: PgDb) -> None:
        self._db = db

    def add(self, notices: Sequence[Notice]) -> None:
        self._db.copy(
            "notices",
            ("id", "user_id", "ts", "body"),
            ("text", "text", "float8", "bytea"),
            [(n.id, n.user, n.ts, codec.encode(n)) for n in notices],
        )

    def of_user(self, user: str) -> list[Notice]:
        rows = self._db.rows("SELECT body FROM notices WHERE user_id = %s ORDER BY ts, id", (user,))
        return [codec.decode_notice(r[0]) for r in rows]

    def get(self, notice_id: str) -> Notice | None:
        rows = self._db.rows("SELECT body FROM notices WHERE id = %s", (notice_id,))
        return codec.decode_notice(rows[0][0]) if rows else None

    def between(self, since: float, until: float) -> list[Notice]:
        rows = self._db.rows("SELECT body FROM notices WHERE ts >= %s AND ts < %s ORDER BY ts, id", (since, until))
        return [codec.decode_notice(r[0]) for r in rows]


class PgReviews:
    def __init__(self, db: PgDb) -> None:
        self._db = db

    def add(self, items: Sequence[ReviewItem]) -> None:
        self._db.insert(
            "review_items",
            ("id", "status", "user_id", "ts", "body"),
            ("text", "text", "text", "float8", "bytea"),
            [(i.id, i.status, i.user, i.ts, codec.encode(i)) for i in items],
        )

    def update(self, items: Sequence[ReviewItem]) -> None:
        for i in items:
            sql = "UPDATE review_items SET status = %s, body = %s WHERE id = %s"
            self._db.run(sql, (i.status, codec.encode(i), i.id))

    def summary(self, since: float = float("-inf"), until: float = float("inf")) -> dict[str, tuple[int, float]]:
        rows = self._db.rows(
            "SELECT status, count(*), min(ts) FROM review_items WHERE ts >= %s AND ts < %s GROUP BY status",
            (since, until),
        )
        return {r[0]: (int(r[1]), float(r[2])) for r in rows}

    def get(self, item_id: str) -> ReviewItem | None:
        rows = self._db.rows("SELECT body FROM review_items WHERE id = %s", (item_id,))
        return codec.decode_review(rows[0][0]) if rows else None

    def list(self, status: str = "open", limit: int = 1000, user: str | None = None) -> list[ReviewItem]:
        where, params = ("AND user_id = %s", [user]) if user is not None else ("", [])
        rows = self._db.rows(
            f"SELECT body FROM review_items WHERE status = %s {where} ORDER BY ts, id LIMIT %s",
            [status, *params, limit],
        )
        return [codec.decode_review(r[0]) for r in rows]


_MEMBERSHIP_SQL = {
    "join": ["INSERT INTO memberships VALUES (%(group)s, %(user)s, 'member', %(ts)s) ON CONFLICT DO NOTHING"],
    "leave": ["DELETE FROM memberships WHERE group_id = %(group)s AND user_id = %(user)s"],
    "create": [
        "INSERT INTO groups VALUES (%(group)s, %(user)s, %(ts)s) ON CONFLICT DO NOTHING",
        "INSERT INTO memberships VALUES (%(group)s, %(user)s, 'owner', %(ts)s) "
        "ON CONFLICT (group_id, user_id) DO UPDATE SET role = excluded.role, since = excluded.since",
    ],
    "grant": [
        "INSERT INTO memberships VALUES (%(group)s, %(user)s, %(role)s, %(ts)s) "
        "ON CONFLICT (group_id, user_id) DO UPDATE SET role = excluded.role",
        "INSERT INTO groups SELECT %(group)s, %(user)s, %(ts)s WHERE %(role)s = 'owner' "
        "ON CONFLICT (group_id) DO UPDATE SET owner = excluded.owner",
    ],
    "revoke": [
        "UPDATE memberships SET role = 'member' WHERE group_id = %(group)s AND user_id = %(user)s AND role = %(role)s"
    ],
}


class PgGroups:
    def __init__(self, db: PgDb) -> None:
        self._db = db

    def apply(self, changes: Sequence[MembershipChange]) -> None:
        """In order, pipelined: one round trip for the batch, not one per change."""
        if not changes:
            return
        with self._db.connection() as conn, translated("write memberships"), conn.pipeline():
            for c in changes:
                params = {"group": c.group, "user": c.user, "role": c.role, "ts": c.ts}
                for sql in _MEMBERSHIP_SQL[c.op]:
                    conn.execute(sql, params)

    def set_identity(self, user: str, level: str) -> None:
        self._db.run(
            "INSERT INTO identities VALUES (%s, %s) ON CONFLICT (user_id) DO UPDATE SET level = excluded.level",
            (user, level),
        )

    def add_actions(self, actions: Sequence[ModerationRecord]) -> None:
        self._db.insert(
            "moderation_actions",
            ("event_id", "ts", "group_id", "moderator", "target_user", "action", "message", "reason"),
            ("text", "float8", "text", "text", "text", "text", "text", "text"),
            [(a.event_id, a.ts, a.group, a.moderator, a.target_user, a.action, a.message, a.reason) for a in actions],
        )

    def actions_on(self, user: str, limit: int = 1000) -> list[ModerationRecord]:
        rows = self._db.rows(
            "SELECT event_id, ts, group_id, moderator, target_user, action, message, reason "
            "FROM moderation_actions WHERE target_user = %s ORDER BY ts, event_id LIMIT %s",
            (user, limit),
        )
        return [ModerationRecord(*r) for r in rows]

    def usage(self, user: str) -> UsageCounts:
        rows = self._db.rows(
            "SELECT (SELECT count(*) FROM groups WHERE owner = %(u)s), "
            "(SELECT count(*) FROM memberships WHERE user_id = %(u)s), "
            "(SELECT level FROM identities WHERE user_id = %(u)s)",
            {"u": user},
        )
        owned, joined, level = rows[0]
        return UsageCounts(int(owned), int(joined), level or "none")

    def size(self, group: str) -> int:
        return int(self._db.rows("SELECT count(*) FROM memberships WHERE group_id = %s", (group,))[0][0])


class PgDetectionState:
    def __init__(self, db: PgDb) -> None:
        self._db = db

    def add_users(self, pairs: Sequence[tuple[str, float]]) -> None:
        earliest: dict[str, float] = {}
        for user, ts in pairs:
            earliest[user] = min(ts, earliest.get(user, ts))
        self._db.insert(
            "users",
            ("user_id", "first_seen"),
            ("text", "float8"),
            list(earliest.items()),
            "ON CONFLICT (user_id) DO UPDATE SET first_seen = least(users.first_seen, excluded.first_seen)",
        )

    def first_seen(self, users: Sequence[str]) -> dict[str, float]:
        return dict(self._db.rows("SELECT user_id, first_seen FROM users WHERE user_id = ANY(%s)", (list(users),)))

    def rule_versions(self) -> dict[tuple[str, str], float]:
        return {(r, h): t for r, h, t in self._db.rows("SELECT rule_id, hash, first_seen FROM rule_versions")}

    def add_rule_versions(self, rows: Sequence[tuple[str, str, float]]) -> None:
        self._db.insert("rule_versions", ("rule_id", "hash", "first_seen"), ("text", "text", "float8"), rows)

    def brakes(self) -> list[BrakeRecord]:
        rows = self._db.rows("SELECT rule_id, hash, engaged, hits, messages, reason FROM rule_brakes ORDER BY engaged")
        return [BrakeRecord(*r) for r in rows]

    def add_brakes(self, records: Sequence[BrakeRecord]) -> None:
        self._db.insert(
            "rule_brakes",
            ("rule_id", "hash", "engaged", "hits", "messages", "reason"),
            ("text", "text", "float8", "bigint", "bigint", "text"),
            [(b.rule_id, b.hash, b.engaged, b.hits, b.messages, b.reason) for b in records],
        )

    def add_shadow_hits(self, hits: Sequence[ShadowHit]) -> None:
        self._db.copy(
            "shadow_hits",
            ("rule_id", "user_id", "event_id", "ts", "why", "excerpt"),
            ("text", "text", "text", "float8", "text", "text"),
            [(h.rule_id, h.user, h.event_id, h.ts, h.why, h.excerpt) for h in hits],
        )

    def shadow_hits(self, user: str | None = None, limit: int = 1000) -> list[ShadowHit]:
        where, params = ("WHERE user_id = %s", [user]) if user is not None else ("", [])
        rows = self._db.rows(
            f"SELECT rule_id, user_id, event_id, ts, why, excerpt FROM shadow_hits {where} ORDER BY ts, n LIMIT %s",
            [*params, limit],
        )
        return [ShadowHit(*r) for r in rows]

    def shadow_hit_counts(self) -> dict[str, int]:
        return dict(self._db.rows("SELECT rule_id, count(*) FROM shadow_hits GROUP BY rule_id"))


class PgKeys:
    def __init__(self, db: PgDb) -> None:
        self._db = db

    def add(self, key: ApiKey) -> None:
        self._db.run(
            "INSERT INTO api_keys VALUES (%s, %s, %s, %s, %s, %s)",
            codec.api_key_row(key),
        )

    def get(self, key_id: str) -> ApiKey | None:
        rows = self._db.rows("SELECT * FROM api_keys WHERE id = %s", (key_id,))
        return codec.api_key(rows[0]) if rows else None

    def list(self) -> list[ApiKey]:
        return [codec.api_key(r) for r in self._db.rows("SELECT * FROM api_keys ORDER BY created, id")]

    def revoke(self, key_id: str, when: float) -> bool:
        return self._db.run("UPDATE api_keys SET revoked = %s WHERE id = %s AND revoked IS NULL", (when, key_id)) == 1
