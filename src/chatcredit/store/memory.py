"""An in-memory store with the same contract as the SQLite one, for fast unit tests."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from chatcredit.detectors.brake import BrakeRecord
from chatcredit.domain.keys import ApiKey
from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.standing import Standing
from chatcredit.dueprocess.notices import Notice
from chatcredit.errors import ConflictError
from chatcredit.policy.decide import ReviewItem, ShadowHit
from chatcredit.store.base import EventRow, MembershipChange, QuarantineRow, UsageCounts


class MemoryStore:
    def __init__(self) -> None:
        self.events: dict[str, EventRow] = {}
        self.rejects: list[QuarantineRow] = []
        self.days: set[tuple[str, int]] = set()
        self.ledger: dict[str, LedgerEntry] = {}
        self.evidence_keys: set[str] = set()
        self.seqs: set[tuple[str, int]] = set()
        self.notice_list: list[Notice] = []
        self.reviews: dict[str, ReviewItem] = {}
        self.standings: dict[str, Standing] = {}
        self.groups: dict[str, str] = {}
        self.members: dict[tuple[str, str], str] = {}
        self.identities: dict[str, str] = {}
        self.api_keys: dict[str, ApiKey] = {}
        self.users: dict[str, float] = {}
        self.versions: dict[tuple[str, str], float] = {}
        self.brake_records: dict[tuple[str, str], BrakeRecord] = {}
        self.shadow: list[ShadowHit] = []
        self._depth = 0

    def close(self) -> None:
        pass

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            yield
            return
        saved: dict[str, Any] = {k: copy.copy(v) for k, v in vars(self).items() if k != "_depth"}
        self._depth = 1
        try:
            yield
        except BaseException:
            vars(self).update(saved)
            raise
        finally:
            self._depth = 0

    # archive
    def known_event_ids(self, ids: Sequence[str]) -> set[str]:
        return {i for i in ids if i in self.events}

    def add_events(self, rows: Sequence[EventRow]) -> None:
        for row in rows:
            if row.id in self.events:
                raise ConflictError(f"event {row.id} already stored")
        self.events.update((r.id, r) for r in rows)

    def iter_events(self, types: Sequence[str], since: float | None = None) -> Iterator[EventRow]:
        order = {id_: n for n, id_ in enumerate(self.events)}
        rows = [r for r in self.events.values() if r.type in types and (since is None or r.ts >= since)]
        yield from sorted(rows, key=lambda r: (r.ts, order[r.id]))

    def message_times(self, user: str, since: float, until: float) -> list[float]:
        return sorted(
            r.ts for r in self.events.values() if r.user == user and r.type == "message" and since < r.ts <= until
        )

    def count_events(self) -> int:
        return len(self.events)

    # quarantine
    def add_rejects(self, rows: Sequence[QuarantineRow]) -> None:
        self.rejects.extend(rows)

    def quarantine(self, limit: int = 1000, offset: int = 0) -> list[QuarantineRow]:
        return self.rejects[offset : offset + limit]

    # activity
    def add_active_days(self, pairs: Iterable[tuple[str, int]]) -> None:
        self.days.update(pairs)

    def active_days(self, users: Sequence[str]) -> dict[str, set[int]]:
        wanted = set(users)
        out: dict[str, set[int]] = {}
        for user, day in self.days:
            if user in wanted:
                out.setdefault(user, set()).add(day)
        return out

    # ledger
    def append_entries(self, entries: Sequence[LedgerEntry]) -> None:
        for e in entries:
            if (
                e.id in self.ledger
                or (e.user, e.seq) in self.seqs
                or (e.evidence_key is not None and e.evidence_key in self.evidence_keys)
            ):
                raise ConflictError(f"ledger append conflicts with a stored entry: {e.id}")
        for e in entries:
            self.ledger[e.id] = e
            self.seqs.add((e.user, e.seq))
            if e.evidence_key is not None:
                self.evidence_keys.add(e.evidence_key)

    def entries(self, users: Sequence[str]) -> dict[str, list[LedgerEntry]]:
        wanted = set(users)
        out: dict[str, list[LedgerEntry]] = {}
        for e in sorted(self.ledger.values(), key=lambda e: (e.user, e.seq)):
            if e.user in wanted:
                out.setdefault(e.user, []).append(e)
        return out

    def entry(self, entry_id: str) -> LedgerEntry | None:
        return self.ledger.get(entry_id)

    def decided_keys(self, keys: Sequence[str]) -> set[str]:
        return {k for k in keys if k in self.evidence_keys}

    def scored_users(self) -> list[str]:
        return sorted({e.user for e in self.ledger.values()} | {u for u, _ in self.days})

    # due process
    def add_notices(self, notices: Sequence[Notice]) -> None:
        self.notice_list.extend(notices)

    def notices(self, user: str) -> list[Notice]:
        return sorted((n for n in self.notice_list if n.user == user), key=lambda n: (n.ts, n.id))

    def add_review_items(self, items: Sequence[ReviewItem]) -> None:
        for item in items:
            self.reviews.setdefault(item.id, item)

    def review_items(self, status: str = "open", limit: int = 1000, user: str | None = None) -> list[ReviewItem]:
        items = sorted(
            (i for i in self.reviews.values() if i.status == status and (user is None or i.user == user)),
            key=lambda i: (i.ts, i.id),
        )
        return items[:limit]

    # standings
    def put_standings(self, standings: Sequence[Standing]) -> None:
        for s in standings:
            self.standings[s.user] = Standing(
                s.user,
                s.at,
                s.score,
                s.tier,
                s.reasons,
                s.tenure_credit,
                s.credits,
                (),
                s.next_tier,
                s.next_tier_at,
                s.policy_version,
            )

    def standing(self, user: str) -> Standing | None:
        return self.standings.get(user)

    def all_standings(self) -> list[Standing]:
        return [self.standings[u] for u in sorted(self.standings)]

    def clear_standings(self) -> None:
        self.standings.clear()

    # groups, roles, identity
    def apply_memberships(self, changes: Sequence[MembershipChange]) -> None:
        for c in changes:
            key = (c.group, c.user)
            if c.op == "create":
                self.groups.setdefault(c.group, c.user)
                self.members[key] = "owner"
            elif c.op == "join":
                self.members.setdefault(key, "member")
            elif c.op == "leave":
                self.members.pop(key, None)
            elif c.op == "grant":
                self.members[key] = c.role
                if c.role == "owner":
                    self.groups[c.group] = c.user
            elif self.members.get(key) == c.role:
                self.members[key] = "member"

    def set_identity(self, user: str, level: str) -> None:
        self.identities[user] = level

    def usage_counts(self, user: str) -> UsageCounts:
        owned = sum(1 for owner in self.groups.values() if owner == user)
        joined = sum(1 for (_, u) in self.members if u == user)
        return UsageCounts(owned, joined, self.identities.get(user, "none"))

    def group_size(self, group: str) -> int:
        return sum(1 for (g, _) in self.members if g == group)

    # detection state
    def add_users(self, pairs: Sequence[tuple[str, float]]) -> None:
        for user, ts in pairs:
            self.users.setdefault(user, ts)

    def first_seen(self, users: Sequence[str]) -> dict[str, float]:
        return {u: self.users[u] for u in users if u in self.users}

    def rule_versions(self) -> dict[tuple[str, str], float]:
        return dict(self.versions)

    def add_rule_versions(self, rows: Sequence[tuple[str, str, float]]) -> None:
        for rule_id, digest, ts in rows:
            self.versions.setdefault((rule_id, digest), ts)

    def brakes(self) -> list[BrakeRecord]:
        return sorted(self.brake_records.values(), key=lambda b: b.engaged)

    def add_brakes(self, records: Sequence[BrakeRecord]) -> None:
        for b in records:
            self.brake_records.setdefault((b.rule_id, b.hash), b)

    def add_shadow_hits(self, hits: Sequence[ShadowHit]) -> None:
        self.shadow.extend(hits)

    def shadow_hits(self, user: str | None = None, limit: int = 1000) -> list[ShadowHit]:
        found = [h for h in self.shadow if user is None or h.user == user]
        return sorted(found, key=lambda h: h.ts)[:limit]

    def shadow_hit_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for h in self.shadow:
            counts[h.rule_id] = counts.get(h.rule_id, 0) + 1
        return counts

    # API keys
    def add_key(self, key: ApiKey) -> None:
        if key.id in self.api_keys:
            raise ConflictError(f"key {key.id} exists")
        self.api_keys[key.id] = key

    def key(self, key_id: str) -> ApiKey | None:
        return self.api_keys.get(key_id)

    def list_keys(self) -> list[ApiKey]:
        return sorted(self.api_keys.values(), key=lambda k: (k.created, k.id))

    def revoke_key(self, key_id: str, when: float) -> bool:
        key = self.api_keys.get(key_id)
        if key is None or key.revoked is not None:
            return False
        self.api_keys[key_id] = ApiKey(key.id, key.name, key.scopes, key.secret_hash, key.created, when)
        return True
