"""An in-memory store with the same contract as the SQLite one, for fast unit tests."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

import msgspec

from chatcredit.detectors.brake import BrakeRecord
from chatcredit.domain.effects import MembershipChange
from chatcredit.domain.keys import ApiKey
from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.records import EventRow, ModerationRecord, QuarantineRow, UsageCounts
from chatcredit.dueprocess.review import ShadowHit
from chatcredit.errors import StoreConflict
from chatcredit.store.memory.governance import _Governance
from chatcredit.store.memory.keeping import MemoryArchive, MemoryAudit
from chatcredit.store.memory.notices import _Notices, _Reviews
from chatcredit.store.memory.state import _Repo, _State


class _Events(_Repo):
    def payloads(self, ids: Sequence[str]) -> dict[str, bytes]:
        return {i: self.s.events[i].payload for i in ids if i in self.s.events}

    def add(self, rows: Sequence[EventRow]) -> None:
        if any(r.id in self.s.events for r in rows):
            raise StoreConflict("event already stored")
        self.s.events.update((r.id, r) for r in rows)

    def iterate(
        self, types: Sequence[str], since: float | None = None, until: float | None = None
    ) -> Iterator[EventRow]:
        lo, hi = -float("inf") if since is None else since, float("inf") if until is None else until
        rows = [(r.ts, n, r) for n, r in enumerate(self.s.events.values()) if r.type in types and lo <= r.ts <= hi]
        yield from (r for _, _, r in sorted(rows, key=lambda x: x[:2]))

    def message_times(self, user: str, since: float, until: float) -> list[float]:
        return sorted(
            r.ts for r in self.s.events.values() if r.user == user and r.type == "message" and since < r.ts <= until
        )

    def count(self) -> int:
        return len(self.s.events)

    def per_day(self, since: float) -> dict[int, int]:
        return dict(Counter(int(r.ts // 86400) for r in self.s.events.values() if r.ts >= since))


class _Quarantine(_Repo):
    def add(self, rows: Sequence[QuarantineRow]) -> None:
        kept = {(r.source, r.line, r.digest) for r in self.s.rejects}
        for r in rows:
            if (r.source, r.line, r.digest) not in kept or not r.digest:
                kept.add((r.source, r.line, r.digest))
                self.s.rejects.append(r)

    def list(self, limit: int = 1000, offset: int = 0) -> list[QuarantineRow]:
        return self.s.rejects[offset : offset + limit]


class _Activity(_Repo):
    def add(self, pairs: Iterable[tuple[str, int]]) -> None:
        self.s.days.update(pairs)

    def unscored_histogram(self) -> dict[int, int]:
        scored = {e.user for e in self.s.ledger.values()}
        per_user = Counter(u for u, _ in self.s.days if u not in scored)
        return dict(Counter(per_user.values()))

    def days(self, users: Sequence[str]) -> dict[str, set[int]]:
        wanted = set(users)
        out: dict[str, set[int]] = {}
        for user, day in self.s.days:
            if user in wanted:
                out.setdefault(user, set()).add(day)
        return out


class _Ledger(_Repo):
    def append(self, entries: Sequence[LedgerEntry]) -> list[LedgerEntry]:
        s = self.s
        for e in entries:
            if e.id in s.ledger or (e.user, e.seq) in s.seqs or (e.evidence_key and e.evidence_key in s.evidence_keys):
                raise StoreConflict(f"ledger append conflicts with a stored entry: {e.id}")
        start = len(s.ledger) + 1
        placed = [msgspec.structs.replace(e, pos=start + i) for i, e in enumerate(entries)]
        for e in placed:
            s.ledger[e.id] = e
            s.seqs.add((e.user, e.seq))
            if e.evidence_key is not None:
                s.evidence_keys.add(e.evidence_key)
        return placed

    def of_users(self, users: Sequence[str]) -> dict[str, list[LedgerEntry]]:
        wanted = set(users)
        out: dict[str, list[LedgerEntry]] = {}
        for e in sorted(self.s.ledger.values(), key=lambda e: (e.user, e.seq)):
            if e.user in wanted:
                out.setdefault(e.user, []).append(e)
        return out

    def get(self, entry_id: str) -> LedgerEntry | None:
        return self.s.ledger.get(entry_id)

    def decided_keys(self, keys: Sequence[str]) -> set[str]:
        return {k for k in keys if k in self.s.evidence_keys}

    def users(self) -> list[str]:
        return sorted({e.user for e in self.s.ledger.values()})

    def scored_users(self) -> list[str]:
        return sorted({e.user for e in self.s.ledger.values()} | {u for u, _ in self.s.days})


class _Journal(_Repo):
    def append(self, users: Sequence[str], ts: float) -> int:
        self.s.journal.append(sorted(users))
        return len(self.s.journal)

    def since(self, position: int, limit: int = 10_000) -> tuple[int, set[str], bool]:
        rows = self.s.journal[position : position + limit]
        return position + len(rows), {u for row in rows for u in row}, position + limit < len(self.s.journal)

    def head(self) -> int:
        return len(self.s.journal)


class _Groups(_Repo):
    def apply(self, changes: Sequence[MembershipChange]) -> None:
        s = self.s
        for c in changes:
            key = (c.group, c.user)
            if c.op == "create":
                s.groups.setdefault(c.group, c.user)
                s.members[key] = "owner"
            elif c.op == "join":
                s.members.setdefault(key, "member")
            elif c.op == "leave":
                s.members.pop(key, None)
            elif c.op == "grant":
                s.members[key] = c.role
                if c.role == "owner":
                    s.groups[c.group] = c.user
            elif s.members.get(key) == c.role:
                s.members[key] = "member"

    def set_identity(self, user: str, level: str) -> None:
        self.s.identities[user] = level

    def add_actions(self, actions: Sequence[ModerationRecord]) -> None:
        for a in actions:
            self.s.actions.setdefault(a.event_id, a)

    def actions_on(self, user: str, limit: int = 1000) -> list[ModerationRecord]:
        found = [a for a in self.s.actions.values() if a.target_user == user]
        return sorted(found, key=lambda a: (a.ts, a.event_id))[:limit]

    def usage(self, user: str) -> UsageCounts:
        owned = sum(1 for owner in self.s.groups.values() if owner == user)
        joined = sum(1 for (_, u) in self.s.members if u == user)
        return UsageCounts(owned, joined, self.s.identities.get(user, "none"))

    def size(self, group: str) -> int:
        return sum(1 for (g, _) in self.s.members if g == group)


class _DetectionState(_Repo):
    def add_users(self, pairs: Sequence[tuple[str, float]]) -> None:
        for user, ts in pairs:
            self.s.users[user] = min(ts, self.s.users.get(user, ts))

    def first_seen(self, users: Sequence[str]) -> dict[str, float]:
        return {u: self.s.users[u] for u in users if u in self.s.users}

    def rule_versions(self) -> dict[tuple[str, str], float]:
        return dict(self.s.versions)

    def add_rule_versions(self, rows: Sequence[tuple[str, str, float]]) -> None:
        for rule_id, digest, ts in rows:
            self.s.versions.setdefault((rule_id, digest), ts)

    def brakes(self) -> list[BrakeRecord]:
        return sorted(self.s.brakes.values(), key=lambda b: b.engaged)

    def add_brakes(self, records: Sequence[BrakeRecord]) -> None:
        for b in records:
            self.s.brakes.setdefault((b.rule_id, b.hash), b)

    def add_shadow_hits(self, hits: Sequence[ShadowHit]) -> None:
        self.s.shadow.extend(hits)

    def shadow_hits(self, user: str | None = None, limit: int = 1000) -> list[ShadowHit]:
        found = [h for h in self.s.shadow if user is None or h.user == user]
        return sorted(found, key=lambda h: h.ts)[:limit]

    def shadow_hit_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for h in self.s.shadow:
            counts[h.rule_id] = counts.get(h.rule_id, 0) + 1
        return counts


class _Keys(_Repo):
    def add(self, key: ApiKey) -> None:
        if key.id in self.s.keys:
            raise StoreConflict(f"key {key.id} exists")
        self.s.keys[key.id] = key

    def get(self, key_id: str) -> ApiKey | None:
        return self.s.keys.get(key_id)

    def list(self) -> list[ApiKey]:
        return sorted(self.s.keys.values(), key=lambda k: (k.created, k.id))

    def revoke(self, key_id: str, when: float) -> bool:
        key = self.s.keys.get(key_id)
        if key is None or key.revoked is not None:
            return False
        self.s.keys[key_id] = replace(key, revoked=when)
        return True


class MemoryStore:
    def __init__(self) -> None:
        self.state = _State()
        self._depth = 0
        self.events = _Events(self)
        self.quarantine = _Quarantine(self)
        self.activity = _Activity(self)
        self.ledger = _Ledger(self)
        self.journal = _Journal(self)
        self.notices = _Notices(self)
        self.reviews = _Reviews(self)
        self.groups = _Groups(self)
        self.detection = _DetectionState(self)
        self.keys = _Keys(self)
        self.governance = _Governance(self)
        self.audit = MemoryAudit(self)
        self.archive = MemoryArchive(self)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            yield
            return
        saved = _State(**{k: copy.copy(v) for k, v in vars(self.state).items()})
        self._depth = 1
        try:
            yield
        except BaseException:
            self.state = saved
            raise
        finally:
            self._depth = 0

    # a transaction holds the whole store: no subject or commit lock to take
    def lock(self, users: Sequence[str]) -> None: ...
    def lock_commits(self) -> None: ...
    def close(self) -> None: ...
    def reader(self) -> MemoryStore:
        return self
