"""The Engine: ingest → detect → decide → apply, and the queries on top.

This is the imperative shell around the pure core (events, detectors, decide, fold).
State that is hot on ingest and permit (histories, rate windows, tier snapshots) is kept
in memory and loaded from the store in batches, never with a query per message.
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from chatcredit.detectors import Detector
from chatcredit.domain.events import (
    EVENT_TYPES,
    Event,
    GroupCreated,
    IdentityVerified,
    MemberJoined,
    MemberLeft,
    Message,
    RoleGranted,
    RoleRevoked,
    encode_event,
    parse_event,
    parse_lines,
)
from chatcredit.domain.events import Rejected as RejectedLine
from chatcredit.domain.keys import ApiKey, new_key
from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.permits import PermitDecision
from chatcredit.domain.signals import Signal
from chatcredit.domain.standing import Standing, fold
from chatcredit.dueprocess.notices import Notice
from chatcredit.errors import InvalidRequest, NotFound
from chatcredit.policy.decide import (
    History,
    ReviewItem,
    ShadowHit,
    decide,
    decide_adjustment,
    decide_reversal,
)
from chatcredit.policy.model import IDENTITY_ORDER, Policy
from chatcredit.service.detection import Detection
from chatcredit.service.gate import Gate
from chatcredit.store.base import EventRow, MembershipChange, QuarantineRow, Store

BATCH_SIZE = 20_000
_TYPE_NAME: dict[type, str] = {cls: str(cls.__struct_config__.tag) for cls in EVENT_TYPES}


@dataclass(slots=True)
class IngestReport:
    accepted: int = 0
    duplicates: int = 0
    quarantined: int = 0
    signals: int = 0
    penalties: int = 0
    reviews: int = 0
    rejected: list[RejectedLine] = field(default_factory=list)
    signals_by_category: Counter[str] = field(default_factory=Counter)
    signals_by_rule: Counter[str] = field(default_factory=Counter)

    def add(self, other: IngestReport) -> None:
        self.accepted += other.accepted
        self.duplicates += other.duplicates
        self.quarantined += other.quarantined
        self.signals += other.signals
        self.penalties += other.penalties
        self.reviews += other.reviews
        self.rejected.extend(other.rejected)
        self.signals_by_category.update(other.signals_by_category)
        self.signals_by_rule.update(other.signals_by_rule)


@dataclass(frozen=True, slots=True)
class Explanation:
    standing: Standing
    entries: tuple[LedgerEntry, ...]
    reversed_ids: frozenset[str]
    open_reviews: tuple[ReviewItem, ...]
    shadow_hits: tuple[ShadowHit, ...] = ()


@contextmanager
def _fewer_gc_passes() -> Iterator[None]:
    """Ingestion allocates many small long-lived objects (windows, caches); the cyclic
    collector's default young-generation threshold makes it rescan them constantly
    (9% of ingestion time, bench/README.md). Raise it for the call, then restore it."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, before[1], before[2])
    try:
        yield
    finally:
        gc.set_threshold(*before)


class Engine:
    def __init__(
        self,
        store: Store,
        policy: Policy,
        clock: Callable[[], float] = time.time,
        detectors: Sequence[Detector] | None = None,
    ) -> None:
        self.store = store
        self.policy = policy
        self._clock = clock
        self.gate = Gate(store, policy, clock, self._standing_from_store)
        self.detection = Detection(store, policy, clock, detectors)
        self._reset_caches()

    def _reset_caches(self) -> None:
        self._histories: dict[str, History] = {}
        self._last_day: dict[str, int] = {}
        self.gate.reset()
        #: users whose cached standing changed by activity alone: refreshed at the end of a call
        self._stale: set[str] = set()

    def close(self) -> None:
        self.store.close()

    def now(self) -> float:
        return self._clock()

    # ---------------------------------------------------------------- ingestion

    def ingest_lines(
        self,
        lines: Iterable[bytes | str],
        source: str = "-",
        batch_size: int = BATCH_SIZE,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> IngestReport:
        """Ingest JSON Lines. ``on_progress(bytes, lines)`` is called after each batch."""
        size = 0
        count = 0

        def measured() -> Iterable[bytes | str]:
            nonlocal size, count
            for line in lines:
                size += len(line)
                count += 1
                yield line

        progress = (lambda: on_progress(size, count)) if on_progress else None
        return self.ingest_items(parse_lines(measured()), source, batch_size, progress)

    def ingest_items(
        self,
        items: Iterable[tuple[int, Event | RejectedLine]],
        source: str = "api",
        batch_size: int = BATCH_SIZE,
        after_batch: Callable[[], None] | None = None,
    ) -> IngestReport:
        """Ingest parsed events and rejected records (kept in the quarantine), in batches."""
        with _fewer_gc_passes():
            return self._ingest_items(items, source, batch_size, after_batch)

    def _ingest_items(
        self,
        items: Iterable[tuple[int, Event | RejectedLine]],
        source: str,
        batch_size: int,
        after_batch: Callable[[], None] | None,
    ) -> IngestReport:
        report = IngestReport()
        events: list[Event] = []
        rejects: list[RejectedLine] = []
        for _, item in items:
            if isinstance(item, RejectedLine):
                rejects.append(item)
            else:
                events.append(item)
            if len(events) + len(rejects) >= batch_size:
                report.add(self._ingest_batch(events, rejects, source))
                events, rejects = [], []
                if after_batch:
                    after_batch()
        if events or rejects:
            report.add(self._ingest_batch(events, rejects, source))
        self._flush_stale()
        if after_batch:
            after_batch()
        return report

    def ingest_events(self, events: Sequence[Event], source: str = "api") -> IngestReport:
        return self.ingest_items(enumerate(events), source)

    def _ingest_batch(self, events: list[Event], rejects: list[RejectedLine], source: str) -> IngestReport:
        now = self._clock()
        report = IngestReport(quarantined=len(rejects), rejected=list(rejects))
        try:
            with self.store.transaction():
                if rejects:
                    self.store.add_rejects(
                        [QuarantineRow(source, r.line, r.raw, r.field, r.reason, now) for r in rejects]
                    )
                fresh = self._dedupe(events, report)
                if not fresh:
                    return report
                self.store.add_events(
                    [
                        EventRow(e.id, _TYPE_NAME[type(e)], ts, e.user, getattr(e, "group", None), encode_event(e))
                        for ts, e in fresh
                    ]
                )
                active = self._record_activity(fresh)
                self._record_memberships(fresh)
                signals = self.detection.scan(fresh)
                self._apply(signals, active, now, report)
        except BaseException:
            stale = self._stale
            self._reset_caches()
            self._stale = stale
            self.detection.reset()
            raise
        return report

    def _dedupe(self, events: list[Event], report: IngestReport) -> list[tuple[float, Event]]:
        seen = self.store.known_event_ids([e.id for e in events]) if events else set()
        fresh: list[tuple[float, Event]] = []
        for event in events:
            if event.id in seen:
                report.duplicates += 1
                continue
            seen.add(event.id)
            fresh.append((event.ts.timestamp(), event))
        report.accepted = len(fresh)
        return fresh

    def _record_activity(self, fresh: Sequence[tuple[float, Event]]) -> set[str]:
        """Record the days users posted on; return the users with a new active day."""
        new_days: dict[str, set[int]] = {}
        last_day, record_message = self._last_day, self.gate.record_message
        for ts, event in fresh:
            if type(event) is not Message:
                continue
            user = event.user
            day = int(ts // 86_400.0)
            if last_day.get(user) != day:
                last_day[user] = day
                new_days.setdefault(user, set()).add(day)
            record_message(user, ts)
        if new_days:
            self.store.add_active_days((u, d) for u, days in new_days.items() for d in days)
            for user, days in new_days.items():
                cached = self._histories.get(user)
                if cached is not None:
                    self._histories[user] = History(cached.entries, cached.active_days | days)
        return set(new_days)

    def _record_memberships(self, fresh: Sequence[tuple[float, Event]]) -> None:
        changes: list[MembershipChange] = []
        for ts, e in fresh:
            if isinstance(e, GroupCreated):
                changes.append(MembershipChange("create", e.group, e.user, "owner", ts))
            elif isinstance(e, MemberJoined):
                changes.append(MembershipChange("join", e.group, e.user, "member", ts))
            elif isinstance(e, MemberLeft):
                changes.append(MembershipChange("leave", e.group, e.user, "member", ts))
            elif isinstance(e, RoleGranted):
                changes.append(MembershipChange("grant", e.group, e.user, e.role, ts))
            elif isinstance(e, RoleRevoked):
                changes.append(MembershipChange("revoke", e.group, e.user, e.role, ts))
            elif isinstance(e, IdentityVerified):
                current = self.store.usage_counts(e.user).identity_level
                if IDENTITY_ORDER[e.level] > IDENTITY_ORDER.get(current, 0):
                    self.store.set_identity(e.user, e.level)
                self.gate.forget_usage(e.user)
        if changes:
            self.store.apply_memberships(changes)
            for c in changes:
                self.gate.forget_usage(c.user, c.group)

    def _apply(self, signals: list[Signal], active: set[str], now: float, report: IngestReport) -> None:
        histories = self._load_histories({s.user for s in signals if s.action == "penalize"})
        keys = [s.evidence_key for s in signals]
        decided = self.store.decided_keys(keys) if keys else set()
        decisions = decide(signals, histories, decided, self.policy, now)
        if decisions.entries:
            self.store.append_entries(decisions.entries)
            self.store.add_notices(decisions.notices)
        if decisions.reviews:
            self.store.add_review_items(decisions.reviews)
        if decisions.shadow:
            self.store.add_shadow_hits(decisions.shadow)
        self._histories.update(decisions.histories)
        self._refresh_standings(decisions.users, now)
        self._stale.update(active - decisions.users)
        for user in active:
            self.gate.forget_standing(user)
        report.signals += len(signals)
        report.signals_by_category.update(s.category for s in signals)
        report.signals_by_rule.update(s.rule_id for s in signals if s.detector != "reports")
        report.penalties += len(decisions.entries)
        report.reviews += len(decisions.reviews)

    def _flush_stale(self) -> None:
        """Refresh the cached standings of users whose only change was a new active day.

        Done once per ingest call rather than per batch: a user active on many days of a
        large feed is folded once. The projection stays rebuildable either way."""
        stale = sorted(self._stale)
        now = self._clock()
        for start in range(0, len(stale), BATCH_SIZE):
            with self.store.transaction():
                self._refresh_standings(stale[start : start + BATCH_SIZE], now)
            for user in stale[start : start + BATCH_SIZE]:
                if not self._histories[user].entries:
                    del self._histories[user]  # cheap to reload; keeps memory bounded
        self._stale.clear()

    def _load_histories(self, users: Iterable[str]) -> dict[str, History]:
        missing = [u for u in users if u not in self._histories]
        if missing:
            entries = self.store.entries(missing)
            days = self.store.active_days(missing)
            for user in missing:
                self._histories[user] = History(tuple(entries.get(user, ())), frozenset(days.get(user, ())))
        return self._histories

    def _history(self, user: str) -> History:
        return self._load_histories([user])[user]

    def _refresh_standings(self, users: Iterable[str], now: float) -> list[Standing]:
        histories = self._load_histories(users)
        standings = [fold(u, histories[u].entries, histories[u].active_days, self.policy, now) for u in users]
        if standings:
            self.store.put_standings(standings)
        for s in standings:
            self.gate.forget_standing(s.user)
        return standings

    # ---------------------------------------------------------------- queries

    def standing(self, user: str, at: float | None = None) -> Standing:
        h = self._history(user)
        return fold(user, h.entries, h.active_days, self.policy, self._clock() if at is None else at)

    def _standing_from_store(self, user: str, at: float) -> Standing:
        """The standing from what the store holds now (another process may have written)."""
        self._histories.pop(user, None)
        return self.standing(user, at)

    def explain(self, user: str, at: float | None = None) -> Explanation:
        at = self._clock() if at is None else at
        h = self._history(user)
        standing = fold(user, h.entries, h.active_days, self.policy, at)
        entries = tuple(e for e in h.entries if e.ts <= at)
        reviews = tuple(self.store.review_items("open", 1000, user))
        shadow = tuple(h for h in self.store.shadow_hits(user) if h.ts <= at)
        return Explanation(standing, entries, frozenset(e.reverses for e in entries if e.reverses), reviews, shadow)

    def ledger(self, user: str, at: float | None = None) -> list[LedgerEntry]:
        entries = self._history(user).entries
        return [e for e in entries if at is None or e.ts <= at]

    def notices(self, user: str) -> list[Notice]:
        return self.store.notices(user)

    def permit(self, user: str, action: str, group: str | None = None, at: float | None = None) -> PermitDecision:
        """May ``user`` do ``action`` now (or at ``at``)? A lookup on cached state."""
        return self.gate.permit(user, action, group, at)

    def quarantine(self, limit: int = 1000, offset: int = 0) -> list[QuarantineRow]:
        return self.store.quarantine(limit, offset)

    def review_queue(self, limit: int = 1000) -> list[ReviewItem]:
        return self.store.review_items("open", limit)

    # ---------------------------------------------------------------- corrections

    def reverse(self, entry_id: str, by: str, reason: str) -> tuple[LedgerEntry, Notice]:
        target = self.store.entry(entry_id)
        if target is None:
            raise NotFound(f"no ledger entry {entry_id!r}")
        self._histories.pop(target.user, None)
        entry, notice = decide_reversal(target, by, reason, self._history(target.user), self.policy, self._clock())
        self._append_manual(entry, notice)
        return entry, notice

    def adjust(
        self,
        user: str,
        points: int,
        category: str,
        by: str,
        reason: str,
        severity: str = "medium",
    ) -> tuple[LedgerEntry, Notice]:
        self._histories.pop(user, None)
        entry, notice = decide_adjustment(
            user, points, category, severity, by, reason, self._history(user), self.policy, self._clock()
        )
        self._append_manual(entry, notice)
        return entry, notice

    def _append_manual(self, entry: LedgerEntry, notice: Notice) -> None:
        try:
            with self.store.transaction():
                self.store.append_entries([entry])
                self.store.add_notices([notice])
                self._histories[entry.user] = self._history(entry.user).with_entry(entry)
                self._refresh_standings([entry.user], self._clock())
        except BaseException:
            self._reset_caches()
            raise

    # ---------------------------------------------------------------- maintenance

    def rebuild(self, on_progress: Callable[[int, int], None] | None = None) -> int:
        """Drop the standings projection and fold every user's ledger again."""
        users = self.store.scored_users()
        now = self._clock()
        self._reset_caches()
        with self.store.transaction():
            self.store.clear_standings()
            for start in range(0, len(users), BATCH_SIZE):
                chunk = users[start : start + BATCH_SIZE]
                self._refresh_standings(chunk, now)
                self._histories.clear()
                if on_progress:
                    on_progress(min(start + BATCH_SIZE, len(users)), len(users))
        return len(users)

    def rescan(self, since: float | None = None) -> IngestReport:
        """Run the detectors again over archived messages (after a rule change).

        Evidence already decided, including penalties a moderator reversed, is skipped.
        """
        report = IngestReport()
        scan = self.detection.archive_scanner()
        batch: list[tuple[float, Event]] = []
        rows = self.store.iter_events(["message", "message_edited", "member_joined"], since)
        for n, row in enumerate(rows, start=1):
            batch.append((row.ts, parse_event(row.payload)))
            if n % BATCH_SIZE == 0:
                with self.store.transaction():
                    self._apply(scan(batch), set(), self._clock(), report)
                batch = []
        if batch:
            with self.store.transaction():
                self._apply(scan(batch), set(), self._clock(), report)
        return report

    # ---------------------------------------------------------------- API keys

    def create_key(self, name: str, scopes: Sequence[str]) -> tuple[ApiKey, str]:
        """A new API key; the token is returned once and never stored."""
        try:
            record, token = new_key(name, tuple(scopes), self._clock())
        except ValueError as exc:
            raise InvalidRequest(str(exc)) from None
        with self.store.transaction():
            self.store.add_key(record)
        return record, token

    def list_keys(self) -> list[ApiKey]:
        return self.store.list_keys()

    def revoke_key(self, key_id: str) -> None:
        with self.store.transaction():
            if not self.store.revoke_key(key_id, self._clock()):
                raise NotFound(f"no active key {key_id!r}")
