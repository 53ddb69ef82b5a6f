"""decide: signals + current state → ledger entries, notices and review items. Pure."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from chatcredit.domain.ledger import LedgerEntry, entry_id
from chatcredit.domain.signals import Signal
from chatcredit.domain.standing import fold
from chatcredit.domain.taxonomy import SEVERITIES, is_known
from chatcredit.dueprocess.notices import Notice, build_notice
from chatcredit.errors import ConflictError, InvalidRequest
from chatcredit.policy.model import Policy


@dataclass(frozen=True, slots=True)
class History:
    """What decide needs to know about one user."""

    entries: tuple[LedgerEntry, ...] = ()
    active_days: frozenset[int] = frozenset()

    @property
    def next_seq(self) -> int:
        return max((e.seq for e in self.entries), default=0) + 1

    def with_entry(self, entry: LedgerEntry) -> History:
        return History((*self.entries, entry), self.active_days)


@dataclass(frozen=True, slots=True)
class ReviewItem:
    id: str
    user: str
    event_id: str
    ts: float
    detector: str
    rule_id: str
    category: str
    reason_code: str
    confidence: float
    excerpt: str
    reporter: str | None
    status: str = "open"


@dataclass(frozen=True, slots=True)
class ShadowHit:
    """A hit that costs nothing: a rule in shadow mode, or one the brake stopped."""

    rule_id: str
    user: str
    event_id: str
    ts: float
    why: str
    excerpt: str


@dataclass(slots=True)
class Decisions:
    entries: list[LedgerEntry] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    reviews: list[ReviewItem] = field(default_factory=list)
    shadow: list[ShadowHit] = field(default_factory=list)
    histories: dict[str, History] = field(default_factory=dict)

    @property
    def users(self) -> set[str]:
        return set(self.histories)


#: which detector's finding stands when several find the same category in one event
_PRIORITY = {"rules": 0, "links": 0, "classifier": 2}


def _review_id(key: str) -> str:
    return "r-" + hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def decide(
    signals: Sequence[Signal],
    histories: Mapping[str, History],
    decided: set[str],
    policy: Policy,
    now: float | None = None,
) -> Decisions:
    """Decide what each signal costs. ``decided`` holds evidence keys already in the ledger
    (penalties applied or reversed): they are never decided again.

    ``now`` is when the decision is made: notices are issued, and appeal windows open, then.

    One act, one penalty per category: when several detectors find the same category in
    the same event, the most specific (a policy rule before the classifier) is applied and
    the others are not counted again."""
    out = Decisions()
    seen = set(decided)
    for signal in sorted(signals, key=lambda s: (s.ts, _PRIORITY.get(s.detector, 1))):
        if signal.mode == "shadow":
            why = signal.note or "rule in shadow mode"
            out.shadow.append(ShadowHit(signal.rule_id, signal.user, signal.event_id, signal.ts, why, signal.excerpt))
            continue
        key = signal.evidence_key
        if key in seen:
            continue
        seen.add(key)
        if signal.action == "review" or signal.confidence < policy.review.automate_at_confidence:
            out.reviews.append(
                ReviewItem(
                    _review_id(key),
                    signal.user,
                    signal.event_id,
                    signal.ts,
                    signal.detector,
                    signal.rule_id,
                    signal.category,
                    signal.reason_code,
                    signal.confidence,
                    signal.excerpt,
                    signal.reporter,
                )
            )
            continue
        history = out.histories.get(signal.user) or histories.get(signal.user) or History()
        if any(
            e.evidence_event == signal.event_id and e.category == signal.category and e.kind == "penalty"
            for e in history.entries
        ):
            continue
        entry, notice = _penalize(signal, history, policy, now)
        out.entries.append(entry)
        out.notices.append(notice)
        out.histories[signal.user] = history.with_entry(entry)
    return out


def _record(history: History, user: str, entry: LedgerEntry, policy: Policy, now: float | None = None) -> Notice:
    before = fold(user, history.entries, history.active_days, policy, entry.ts)
    after = fold(user, (*history.entries, entry), history.active_days, policy, entry.ts)
    return build_notice(entry, before, after, policy, now)


def _penalize(signal: Signal, history: History, policy: Policy, now: float | None) -> tuple[LedgerEntry, Notice]:
    severity = policy.severities.get(signal.severity)
    seq = history.next_seq
    entry = LedgerEntry(
        id=entry_id(signal.user, seq),
        user=signal.user,
        seq=seq,
        ts=signal.ts,
        kind="penalty",
        points=-(signal.points or severity.points),
        reason_code=signal.reason_code,
        category=signal.category,
        rule_id=signal.rule_id,
        severity=signal.severity,
        half_life_days=severity.half_life_days or None,
        evidence_event=signal.event_id,
        evidence_key=signal.evidence_key,
        excerpt=signal.excerpt,
        actor=signal.detector,
        automated_detection=True,
        automated_decision=True,
        policy_version=policy.version,
        group=signal.group,
        span_start=signal.span[0] if signal.span else None,
        span_end=signal.span[1] if signal.span else None,
    )
    return entry, _record(history, signal.user, entry, policy, now)


def decide_adjustment(
    user: str,
    points: int,
    category: str,
    severity: str,
    by: str,
    reason: str,
    history: History,
    policy: Policy,
    now: float,
) -> tuple[LedgerEntry, Notice]:
    """A moderator's manual decision: a penalty (points < 0) or a credit (points > 0)."""
    if points == 0:
        raise InvalidRequest("points must not be zero")
    if not is_known(category):
        raise InvalidRequest(f"unknown category {category!r}")
    if severity not in SEVERITIES:
        raise InvalidRequest(f"unknown severity {severity!r}; one of {', '.join(SEVERITIES)}")
    if not by or not reason:
        raise InvalidRequest("a manual decision needs the moderator (--by) and a reason")
    seq = history.next_seq
    half_life = policy.severities.get(severity).half_life_days or None
    entry = LedgerEntry(
        id=entry_id(user, seq),
        user=user,
        seq=seq,
        ts=now,
        kind="penalty" if points < 0 else "credit",
        points=points,
        reason_code=f"manual-{category}",
        category=category,
        rule_id="manual",
        severity=severity,
        half_life_days=half_life if points < 0 else None,
        evidence_event=None,
        evidence_key=None,
        excerpt="",
        actor=by,
        automated_detection=False,
        automated_decision=False,
        policy_version=policy.version,
        note=reason,
    )
    return entry, _record(history, user, entry, policy)


def decide_reversal(
    target: LedgerEntry,
    by: str,
    reason: str,
    history: History,
    policy: Policy,
    now: float,
) -> tuple[LedgerEntry, Notice]:
    """A correction: a new entry that makes ``target`` count as if it never happened."""
    if target.kind == "reversal":
        raise ConflictError(f"{target.id} is itself a reversal; record a new decision instead")
    if any(e.reverses == target.id for e in history.entries):
        raise ConflictError(f"{target.id} has already been reversed")
    if not by or not reason:
        raise InvalidRequest("a reversal needs the moderator (--by) and a reason")
    seq = history.next_seq
    entry = LedgerEntry(
        id=entry_id(target.user, seq),
        user=target.user,
        seq=seq,
        ts=max(now, target.ts),
        kind="reversal",
        points=0,
        reason_code=f"reversal-{target.reason_code}",
        category=target.category,
        rule_id=target.rule_id,
        severity=target.severity,
        half_life_days=None,
        evidence_event=target.evidence_event,
        evidence_key=None,
        excerpt=target.excerpt,
        actor=by,
        automated_detection=False,
        automated_decision=False,
        policy_version=policy.version,
        note=reason,
        reverses=target.id,
        group=target.group,
    )
    return entry, _record(history, target.user, entry, policy)
