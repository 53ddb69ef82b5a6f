"""Detection in the engine: the registered detectors, account ages, rule versions, the brake.

Detectors are built on first use (a query-only command never compiles thousands of
patterns). Each batch: users seen for the first time are recorded, the detectors scan
the batch with each user's account age at hand, and the brake turns the hits of a
recently changed rule that fires too often into shadow hits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from chatcredit.detectors import Context, Detector, load_detectors
from chatcredit.detectors.brake import BrakeRecord, RuleBrake, rule_hash
from chatcredit.domain.effects import Effects
from chatcredit.domain.events import Event, Message, event_type, parse_event
from chatcredit.domain.signals import Signal
from chatcredit.policy.model import Policy
from chatcredit.store.base import Store


@dataclass(frozen=True, slots=True)
class RuleStatus:
    rule_id: str
    category: str
    severity: str
    mode: str
    version: str
    changed_at: float | None
    recent: bool
    brake: BrakeRecord | None
    shadow_hits: int


class Detection:
    def __init__(
        self,
        store: Store,
        policy: Policy,
        clock: Callable[[], float],
        detectors: Sequence[Detector] | None = None,
        reads: Store | None = None,
    ) -> None:
        self._store = store
        self._reads = reads or store
        self._policy = policy
        self._clock = clock
        self._given = list(detectors) if detectors is not None else None
        self._detectors: list[Detector] | None = None
        self._brake: RuleBrake | None = None
        self._cold = True

    def _build(self) -> list[Detector]:
        return list(self._given) if self._given is not None else load_detectors(self._policy)

    @property
    def priorities(self) -> dict[str, int]:
        """Each detector's declared priority (lower wins when two find the same category)."""
        detectors, _ = self._ready()
        return {d.name: getattr(d, "priority", 1) for d in detectors}

    def _ready(self) -> tuple[list[Detector], RuleBrake]:
        if self._detectors is None or self._brake is None:
            self._detectors = self._build()
            self._brake = RuleBrake(self._policy, self._record_versions(), self._store.detection.brakes())
        return self._detectors, self._brake

    def _record_versions(self) -> dict[str, float]:
        """When each rule's current version was first seen, for the rules on trial.

        The rules of the first policy a database sees are its baseline, not changes: they
        are not on trial (a new deployment's spam rules are not braked on day one)."""
        now = self._clock()
        current = {rule.id: rule_hash(rule) for rule in self._policy.rules}
        with self._store.transaction():
            self._store.detection.add_rule_versions([(rid, digest, now) for rid, digest in current.items()])
        known = self._store.detection.rule_versions()
        baseline = min(known.values(), default=now)
        return {rid: known[(rid, digest)] for rid, digest in current.items() if known[(rid, digest)] > baseline}

    def warm(self) -> None:
        """Build the detectors now (compiling thousands of patterns takes a moment)."""
        self._ready()

    def _warm_windows(
        self, detectors: Sequence[Detector], fresh: Sequence[tuple[float, Event]], store: Store, context: Context
    ) -> list[Signal]:
        """Windowed detectors built afresh see the archive's recent events first: a burst
        split by a restart (a crash mid-feed, a second ``chatcredit ingest``) is still one
        burst. Their findings on those events are kept: evidence already decided is never
        decided again, so only what the split had hidden is new."""
        self._cold = False
        windowed = [d for d in detectors if getattr(d, "lookback", 0)]
        if not windowed:
            return []
        first = min(ts for ts, _ in fresh)
        lookback = max(float(getattr(d, "lookback", 0)) for d in windowed)
        known = {e.id for _, e in fresh}
        types = sorted({t for d in windowed for t in getattr(d, "event_types", ("message",))})
        rows = store.events.iterate(types, first - lookback, max(ts for ts, _ in fresh))
        history = [(row.ts, parse_event(row.payload)) for row in rows if row.id not in known]
        return _run(windowed, history, context) if history else []

    def reset(self) -> None:
        """Forget detector state (after a failed batch the windows may hold unsaved events)."""
        self._detectors = None
        self._brake = None
        self._cold = True

    def scan(self, fresh: Sequence[tuple[float, Event]], store: Store, effects: Effects) -> list[Signal]:
        """Signals for a batch being decided inside the writer's transaction (``store`` reads
        it). What detection itself learns — users seen for the first time, brakes engaged —
        goes into ``effects``, for the writer to apply with the rest."""
        detectors, brake = self._ready()
        context = Context(self._first_seen(fresh, store, effects))
        warmed = self._warm_windows(detectors, fresh, store, context) if self._cold and fresh else []
        signals = warmed + _run(detectors, fresh, context)
        messages = sum(1 for _, e in fresh if type(e) is Message)
        signals, engaged = brake.apply(signals, messages, self._clock())
        effects.brakes.extend(engaged)
        return signals

    def archive_scanner(self) -> Callable[[Sequence[tuple[float, Event]], Store], list[Signal]]:
        """A scan of archived events with detectors of its own (their windows start empty);
        braked rules stay braked, and nothing is counted towards the brake."""
        detectors = self._build()
        _, brake = self._ready()

        def scan(fresh: Sequence[tuple[float, Event]], store: Store) -> list[Signal]:
            context = Context(store.detection.first_seen(sorted({e.user for _, e in fresh})))
            return brake.apply(_run(detectors, fresh, context), 0, self._clock())[0]

        return scan

    def _first_seen(self, fresh: Sequence[tuple[float, Event]], store: Store, effects: Effects) -> dict[str, float]:
        users = sorted({e.user for _, e in fresh})
        known = store.detection.first_seen(users)
        new: dict[str, float] = {}
        for ts, event in fresh:
            if event.user not in known and (event.user not in new or ts < new[event.user]):
                new[event.user] = ts
        effects.first_seen.extend(new.items())
        return {**known, **new}

    def rules(self) -> list[RuleStatus]:
        _, brake = self._ready()
        versions = self._reads.detection.rule_versions()
        counts = self._reads.detection.shadow_hit_counts()
        now = self._clock()
        engaged = brake.engaged
        out = []
        for rule in self._policy.rules:
            digest = rule_hash(rule)
            out.append(
                RuleStatus(
                    rule.id,
                    rule.category,
                    rule.severity,
                    rule.mode,
                    digest,
                    versions.get((rule.id, digest)),
                    brake.is_recent(rule.id, now),
                    engaged.get(rule.id),
                    counts.get(rule.id, 0),
                )
            )
        return out


def _run(detectors: Sequence[Detector], fresh: Sequence[tuple[float, Event]], context: Context) -> list[Signal]:
    """Each detector sees the events of the types it declares, in event-time order (a
    batch delivered out of order is judged as it happened; ties keep arrival order)."""
    fresh = sorted(fresh, key=_event_time)
    by_type: dict[str, list[tuple[float, Event]]] = {}
    for item in fresh:
        by_type.setdefault(event_type(item[1]), []).append(item)
    signals: list[Signal] = []
    for detector in detectors:
        types = getattr(detector, "event_types", None)
        if types is None:
            events: Sequence[tuple[float, Event]] = fresh
        elif len(types) == 1:
            events = by_type.get(types[0], [])
        else:
            wanted = set(types)
            events = [item for item in fresh if event_type(item[1]) in wanted]
        if events:
            signals.extend(detector.scan(events, context))
    return signals


def _event_time(item: tuple[float, Event]) -> float:
    return item[0]
