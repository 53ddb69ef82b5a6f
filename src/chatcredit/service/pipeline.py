"""Ingestion: batches of parsed events → archive, activity, detection, decide → effects.

Each batch is one write (``Writer.write``): deduplication, the users' tallies and the
decided evidence are read inside the write transaction, so two processes ingesting at
once serialise, and an event delivered to both is processed exactly once.
"""

from __future__ import annotations

import gc
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from chatcredit.domain.effects import Effects, MembershipChange
from chatcredit.domain.events import (
    Event,
    GroupCreated,
    IdentityVerified,
    MemberJoined,
    MemberLeft,
    Message,
    ModerationAction,
    RoleGranted,
    RoleRevoked,
    encode_event,
    event_type,
)
from chatcredit.domain.events import Rejected as RejectedLine
from chatcredit.domain.records import EventRow, ModerationRecord, QuarantineRow
from chatcredit.domain.signals import Signal
from chatcredit.domain.standing import day_of
from chatcredit.policy.decide import decide
from chatcredit.policy.model import Policy
from chatcredit.service.detection import Detection
from chatcredit.service.governance import Governor
from chatcredit.service.precedence import screen
from chatcredit.service.projection import Projection
from chatcredit.service.writer import Writer
from chatcredit.store.base import Store

BATCH_SIZE = 20_000
Timed = tuple[float, Event]


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

    def count(self, signals: Sequence[Signal], effects: Effects) -> None:
        self.signals += len(signals)
        self.signals_by_category.update(s.category for s in signals)
        self.signals_by_rule.update(s.rule_id for s in signals if s.reporter is None)
        self.penalties += len(effects.entries)
        self.reviews += len(effects.reviews)


@contextmanager
def fewer_gc_passes() -> Iterator[None]:
    """Ingestion allocates many small long-lived objects (windows, caches); the cyclic
    collector's default young-generation threshold makes it rescan them constantly
    (9% of ingestion time, bench/README.md). Raise it for the call, then restore it."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, before[1], before[2])
    try:
        yield
    finally:
        gc.set_threshold(*before)


class Pipeline:
    def __init__(
        self,
        writer: Writer,
        projection: Projection,
        detection: Detection,
        policy: Policy,
        clock: Callable[[], float],
    ) -> None:
        self._governor = Governor(projection, policy)
        self._writer = writer
        self._projection = projection
        self._detection = detection
        self._policy = policy
        self._clock = clock

    def ingest(
        self,
        items: Iterable[tuple[int, Event | RejectedLine]],
        source: str,
        batch_size: int = BATCH_SIZE,
        after_batch: Callable[[], None] | None = None,
        history: bool = False,
    ) -> IngestReport:
        """``history``: an imported export, judged in shadow unless the policy's
        ``import.penalise_history`` says otherwise (it establishes tenure and shows what
        the rules would have flagged, without punishing people retroactively)."""
        report = IngestReport()
        with fewer_gc_passes():
            events: list[tuple[int, Event]] = []
            rejects: list[RejectedLine] = []
            for line, item in items:
                if isinstance(item, RejectedLine):
                    rejects.append(item)
                else:
                    events.append((line, item))
                if len(events) + len(rejects) >= batch_size:
                    report.add(self._batch(events, rejects, source, history))
                    events, rejects = [], []
                    if after_batch:
                        after_batch()
            if events or rejects:
                report.add(self._batch(events, rejects, source, history))
            if after_batch:
                after_batch()
        return report

    def _batch(
        self, events: list[tuple[int, Event]], rejects: list[RejectedLine], source: str, history: bool = False
    ) -> IngestReport:
        now = self._clock()
        timely, early = _in_time(events, now + self._policy.ingest.future_tolerance_seconds)
        timely, unknown = _known_levels(timely, self._policy.identity.levels)
        early.extend(unknown)

        def decide_batch(store: Store) -> tuple[Effects, IngestReport]:
            fresh, conflicting, duplicates = _dedupe(timely, store)
            refused = [*rejects, *early, *conflicting]
            report = IngestReport(
                accepted=len(fresh), duplicates=duplicates, quarantined=len(refused), rejected=refused
            )
            effects = Effects(rejects=[quarantine_row(source, r, now) for r in refused])
            if fresh:
                effects.events = [
                    EventRow(e.id, event_type(e), ts, e.user, getattr(e, "group", None), encode_event(e))
                    for ts, e in fresh
                ]
                self._changes(fresh, store, effects)
                signals = self._detection.scan(fresh, store, effects)
                if history and not self._policy.import_.penalise_history:
                    signals = [_in_shadow(s) for s in signals]
                self._decide(signals, fresh, store, now, effects)
                self._governor.on_batch(fresh, store, now, effects)
                report.count(signals, effects)
            return effects, report

        authors = sorted({e.user for _, e in timely})
        return self._writer.write(decide_batch, on_retry=self._detection.reset, subjects=authors)

    def rescan_batch(
        self, scan: Callable[[Sequence[Timed], Store], list[Signal]], batch: Sequence[Timed]
    ) -> IngestReport:
        """Detect again over archived events; decide what is new (a changed rule's hits)."""
        now = self._clock()

        def decide_rescan(store: Store) -> tuple[Effects, IngestReport]:
            report = IngestReport()
            effects = Effects()
            signals = scan(batch, store)
            self._decide(signals, [], store, now, effects)
            report.count(signals, effects)
            return effects, report

        return self._writer.write(decide_rescan, subjects=sorted({e.user for _, e in batch}))

    def _decide(
        self, signals: list[Signal], fresh: Sequence[Timed], store: Store, now: float, effects: Effects
    ) -> None:
        # every (user, day) with a message: the store keeps each once, and the projection
        # adds the new ones to the tallies it holds when the write commits
        effects.active_days = sorted({(e.user, day_of(ts)) for ts, e in fresh if type(e) is Message})
        signals, set_aside = screen(signals, store, now)
        effects.shadow.extend(set_aside)
        users = sorted({s.user for s in signals if s.mode != "shadow"})
        tallies = self._projection.get_many(users, store)
        keys = [s.evidence_key for s in signals]
        decided = store.ledger.decided_keys(keys) if keys else set()
        decide(signals, tallies, decided, self._policy, now, self._detection.priorities, effects)

    def _changes(self, fresh: Sequence[Timed], store: Store, effects: Effects) -> None:
        """Memberships, roles and identity levels the batch records."""
        changes = effects.memberships
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
            elif isinstance(e, ModerationAction):
                effects.moderation.append(
                    ModerationRecord(e.id, ts, e.group, e.user, e.target_user, e.action, e.message, e.reason)
                )
            elif isinstance(e, IdentityVerified):
                known = dict(effects.identities).get(e.user) or store.groups.usage(e.user).identity_level
                levels = self._policy.identity
                if levels.rank(e.level) > levels.rank(known):
                    effects.identities.append((e.user, e.level))


def _in_time(events: list[tuple[int, Event]], latest: float) -> tuple[list[tuple[int, Event]], list[RejectedLine]]:
    """Split off the events dated further ahead of the clock than the policy tolerates."""
    timely: list[tuple[int, Event]] = []
    early: list[RejectedLine] = []
    for line, event in events:
        if event.ts.timestamp() > latest:
            reason = f"dated {event.ts.isoformat()}, ahead of the clock by more than the policy tolerates"
            early.append(RejectedLine(line, encode_event(event).decode(), "ts", reason))
        else:
            timely.append((line, event))
    return timely, early


def _in_shadow(signal: Signal) -> Signal:
    if signal.mode == "shadow":
        return signal
    return replace(signal, mode="shadow", note="imported history: what the rules would have flagged")


def _known_levels(
    events: list[tuple[int, Event]], levels: Sequence[str]
) -> tuple[list[tuple[int, Event]], list[RejectedLine]]:
    """Split off identity checks naming a level the policy does not declare."""
    kept: list[tuple[int, Event]] = []
    refused: list[RejectedLine] = []
    for line, event in events:
        if isinstance(event, IdentityVerified) and event.level not in levels:
            reason = f"unknown identity level {event.level!r}; the policy declares {', '.join(levels)}"
            refused.append(RejectedLine(line, encode_event(event).decode(), "level", reason))
        else:
            kept.append((line, event))
    return kept, refused


def _dedupe(events: list[tuple[int, Event]], store: Store) -> tuple[list[Timed], list[RejectedLine], int]:
    """``(fresh events, ids reused with different content, plain duplicates)``. A platform
    delivers at least once: the same id with the same content is a duplicate; with other
    content it is kept in the quarantine, beside the stored version, for a human."""
    stored = store.events.payloads([e.id for _, e in events]) if events else {}
    fresh: list[Timed] = []
    conflicting: list[RejectedLine] = []
    duplicates = 0
    for line, event in events:
        payload = encode_event(event)
        known = stored.get(event.id)
        if known is None:
            stored[event.id] = payload
            fresh.append((event.ts.timestamp(), event))
        elif known == payload:
            duplicates += 1
        else:
            reason = "event id reused with different content (the stored version is kept)"
            conflicting.append(RejectedLine(line, payload.decode(), "id", reason))
    return fresh, conflicting, duplicates


#: the longest raw record kept in the quarantine (the rest is cut, its size noted)
RAW_KEPT = 4096


def quarantine_row(source: str, r: RejectedLine, now: float) -> QuarantineRow:
    raw = r.raw if len(r.raw) <= RAW_KEPT else f"{r.raw[:RAW_KEPT]}… [{len(r.raw):,} characters in all]"
    digest = hashlib.blake2b(r.raw.encode("utf-8", "replace"), digest_size=16).hexdigest()
    return QuarantineRow(source, r.line, raw, r.field, r.reason, now, digest)
