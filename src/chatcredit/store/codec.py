"""Row <-> object conversion shared by the store implementations."""

from __future__ import annotations

from typing import Any

import msgspec

from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.standing import Reason, Standing
from chatcredit.dueprocess.notices import Notice
from chatcredit.policy.decide import ReviewItem

LEDGER_COLUMNS = (
    "id",
    "user_id",
    "seq",
    "ts",
    "kind",
    "points",
    "reason_code",
    "category",
    "rule_id",
    "severity",
    "half_life_days",
    "evidence_event",
    "evidence_key",
    "excerpt",
    "actor",
    "automated_detection",
    "automated_decision",
    "policy_version",
    "note",
    "reverses",
    "group_id",
    "span_start",
    "span_end",
)

_encoder = msgspec.json.Encoder()
_notice = msgspec.json.Decoder(Notice)
_review = msgspec.json.Decoder(ReviewItem)
_reasons = msgspec.json.Decoder(list[tuple[str, int, str | None, int]])


def ledger_row(e: LedgerEntry) -> tuple[Any, ...]:
    return (
        e.id,
        e.user,
        e.seq,
        e.ts,
        e.kind,
        e.points,
        e.reason_code,
        e.category,
        e.rule_id,
        e.severity,
        e.half_life_days,
        e.evidence_event,
        e.evidence_key,
        e.excerpt,
        e.actor,
        int(e.automated_detection),
        int(e.automated_decision),
        e.policy_version,
        e.note,
        e.reverses,
        e.group,
        e.span_start,
        e.span_end,
    )


def ledger_entry(row: tuple[Any, ...]) -> LedgerEntry:
    (
        id_,
        user,
        seq,
        ts,
        kind,
        points,
        reason_code,
        category,
        rule_id,
        severity,
        half_life,
        evidence_event,
        evidence_key,
        excerpt,
        actor,
        auto_det,
        auto_dec,
        version,
        note,
        reverses,
        group,
        span_start,
        span_end,
    ) = row
    return LedgerEntry(
        id=id_,
        user=user,
        seq=seq,
        ts=ts,
        kind=kind,
        points=points,
        reason_code=reason_code,
        category=category,
        rule_id=rule_id,
        severity=severity,
        half_life_days=half_life,
        evidence_event=evidence_event,
        evidence_key=evidence_key,
        excerpt=excerpt,
        actor=actor,
        automated_detection=bool(auto_det),
        automated_decision=bool(auto_dec),
        policy_version=version,
        note=note,
        reverses=reverses,
        group=group,
        span_start=span_start,
        span_end=span_end,
    )


def encode(obj: Notice | ReviewItem) -> bytes:
    return _encoder.encode(obj)


def decode_notice(body: bytes) -> Notice:
    return _notice.decode(body)


def decode_review(body: bytes) -> ReviewItem:
    return _review.decode(body)


def standing_row(s: Standing) -> tuple[Any, ...]:
    reasons = _encoder.encode([(r.code, r.points, r.category, r.count) for r in s.reasons])
    return (
        s.user,
        s.at,
        s.score,
        s.tier,
        reasons,
        s.tenure_credit,
        s.credits,
        s.next_tier,
        s.next_tier_at,
        s.policy_version,
    )


def standing_from_row(row: tuple[Any, ...]) -> Standing:
    user, at, score, tier, reasons, tenure, credits, next_tier, next_at, version = row
    return Standing(
        user=user,
        at=at,
        score=score,
        tier=tier,
        reasons=tuple(Reason(*r) for r in _reasons.decode(reasons)),
        tenure_credit=tenure,
        credits=credits,
        penalties=(),
        next_tier=next_tier,
        next_tier_at=next_at,
        policy_version=version,
    )
