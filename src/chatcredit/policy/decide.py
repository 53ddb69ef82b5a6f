"""decide: signals + current state → effects (ledger entries, notices, review items). Pure."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import cast

from chatcredit.domain.effects import Effects
from chatcredit.domain.ledger import LedgerEntry, entry_id
from chatcredit.domain.signals import Signal
from chatcredit.domain.tally import Tally
from chatcredit.domain.taxonomy import is_known
from chatcredit.dueprocess.notices import Notice, build_notice
from chatcredit.dueprocess.reports import acknowledgement
from chatcredit.dueprocess.review import ReviewItem, ShadowHit
from chatcredit.errors import ConflictError, InvalidRequest
from chatcredit.policy.model import Policy
from chatcredit.vocabulary import SEVERITIES, Severity

#: which detector's finding stands when several find the same category in one event, for
#: detectors that do not declare a priority (lower goes first)
DEFAULT_PRIORITY = 1


def _review_id(key: str) -> str:
    return "r-" + hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def _writable(user: str, tallies: Mapping[str, Tally], effects: Effects, days: Mapping[str, list[int]]) -> Tally:
    """The user's tally in ``effects``: a copy (the caller's stays as it was) with the
    batch's active days, so that its notices count the tenure the user has by then."""
    tally = effects.tallies.get(user)
    if tally is None:
        tally = effects.tallies[user] = tallies[user].copy()
        for day in days.get(user, ()):
            tally.add_day(day)
    return tally


def writable_tally(user: str, tallies: Mapping[str, Tally], effects: Effects) -> Tally:
    """The user's writable tally in ``effects`` (a copy with the batch's active days)."""
    if user in effects.tallies:
        return effects.tallies[user]
    return _writable(user, tallies, effects, {user: [d for u, d in effects.active_days if u == user]})


def decide(
    signals: Sequence[Signal],
    tallies: Mapping[str, Tally],
    decided: set[str],
    policy: Policy,
    now: float | None = None,
    priorities: Mapping[str, int] | None = None,
    effects: Effects | None = None,
) -> Effects:
    """Decide what each signal costs. ``decided`` holds evidence keys already in the ledger
    (penalties applied or reversed): they are never decided again. ``tallies`` holds the
    standing state of every user a signal is about; it is not changed (the new states are
    in the result). ``effects`` may already hold the batch's events and active days.

    ``now`` is when the decision is made: notices are issued, and appeal windows open, then.

    One act, one penalty per category: when several detectors find the same category in
    the same event, the most specific (the detector with the lowest declared priority, a
    policy rule before the classifier) is applied and the others are not counted again,
    nor sent to review."""
    out = effects if effects is not None else Effects()
    days: dict[str, list[int]] = {}
    for user, day in out.active_days:  # this batch's activity, already in the effects
        days.setdefault(user, []).append(day)
    rank = priorities or {}
    seen = set(decided)
    for signal in sorted(signals, key=lambda s: (s.ts, rank.get(s.detector, DEFAULT_PRIORITY))):
        if signal.mode == "shadow":
            why = signal.note or "rule in shadow mode"
            out.shadow.append(ShadowHit(signal.rule_id, signal.user, signal.event_id, signal.ts, why, signal.excerpt))
            continue
        key = signal.evidence_key
        if key in seen:
            continue
        seen.add(key)
        if signal.action == "review" or signal.confidence < policy.review.automate_at_confidence:
            current = out.tallies.get(signal.user) or tallies[signal.user]
            if not signal.reporter and current.has_penalty_for(signal.event_id, signal.category):
                continue  # already penalised in this category: nothing left for a person to decide
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
                    severity=signal.severity,
                    group=signal.group,
                )
            )
            if signal.reporter:  # the reporter is told that the report arrived
                out.notices.append(acknowledgement(out.reviews[-1], policy, now if now is not None else signal.ts))
            continue
        current = out.tallies.get(signal.user) or tallies[signal.user]
        if current.has_penalty_for(signal.event_id, signal.category):
            continue
        tally = _writable(signal.user, tallies, out, days)
        entry = _penalty(signal, tally.next_seq, policy)
        record(tally, entry, out, policy, now)
        if entry.half_life_days is None:  # it fades only once a person has reviewed it
            out.reviews.append(critical_review(entry, signal.confidence))
    return out


def critical_review(entry: LedgerEntry, confidence: float = 1.0) -> ReviewItem:
    """The review item of a penalty that does not fade until a person has reviewed it."""
    return ReviewItem(
        _review_id(f"{entry.id}#review"),
        entry.user,
        entry.evidence_event or "",
        entry.ts,
        entry.actor,
        entry.rule_id,
        entry.category,
        entry.reason_code,
        confidence,
        entry.excerpt,
        None,
        severity=entry.severity,
        group=entry.group,
        entry_id=entry.id,
    )


def record(tally: Tally, entry: LedgerEntry, effects: Effects, policy: Policy, now: float | None = None) -> Notice:
    """Absorb ``entry`` into ``tally`` (the caller's writable copy) and add the entry and
    its statement of reasons, with the standing just before and just after, to ``effects``."""
    before = tally.standing(entry.ts)
    tally.absorb(entry)
    notice = build_notice(entry, before, tally.standing(entry.ts), policy, now, tally.multiplier_of(entry.id))
    effects.entries.append(entry)
    effects.notices.append(notice)
    effects.tallies[tally.user] = tally
    return notice


def _penalty(signal: Signal, seq: int, policy: Policy) -> LedgerEntry:
    severity = policy.severities.get(signal.severity)
    return LedgerEntry(
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


def decide_adjustment(
    user: str,
    points: int,
    category: str,
    severity: str,
    by: str,
    reason: str,
    tally: Tally,
    policy: Policy,
    now: float,
) -> Effects:
    """A moderator's manual decision: a penalty (points < 0) or a credit (points > 0)."""
    if points == 0:
        raise InvalidRequest("points must not be zero")
    if not is_known(category):
        raise InvalidRequest(f"unknown category {category!r}")
    if severity not in SEVERITIES:
        raise InvalidRequest(f"unknown severity {severity!r}; one of {', '.join(SEVERITIES)}")
    if not by or not reason:
        raise InvalidRequest("a manual decision needs the moderator (--by) and a reason")
    level = cast("Severity", severity)
    seq = tally.next_seq
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
        severity=level,
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
    effects = Effects()
    record(tally.copy(), entry, effects, policy)
    return effects


def decide_reversal(
    target: LedgerEntry,
    by: str,
    reason: str,
    tally: Tally,
    policy: Policy,
    now: float,
) -> Effects:
    """A correction: a new entry that makes ``target`` count as if it never happened."""
    if target.kind == "reversal":
        raise ConflictError(f"{target.id} is itself a reversal; record a new decision instead")
    if tally.is_reversed(target.id):
        raise ConflictError(f"{target.id} has already been reversed")
    if not by or not reason:
        raise InvalidRequest("a reversal needs the moderator (--by) and a reason")
    seq = tally.next_seq
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
    effects = Effects()
    record(tally.copy(), entry, effects, policy)
    return effects
