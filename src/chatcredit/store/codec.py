"""Row <-> object conversion shared by the store implementations."""

from __future__ import annotations

from typing import Any

import msgspec

from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.standing import Reason, Standing
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem

#: struct field -> column, where the column name differs (``user`` and ``group`` are SQL words)
_RENAMED = {"user": "user_id", "group": "group_id"}
_FIELDS = LedgerEntry.__struct_fields__
LEDGER_COLUMNS: tuple[str, ...] = tuple(_RENAMED.get(f, f) for f in _FIELDS)
_BOOLS = tuple(i for i, f in enumerate(_FIELDS) if f.startswith("automated_"))

_encoder = msgspec.json.Encoder()
_notice = msgspec.json.Decoder(Notice)
_review = msgspec.json.Decoder(ReviewItem)
_reasons = msgspec.json.Decoder(list[tuple[str, int, str | None, int]])


def ledger_row(e: LedgerEntry) -> tuple[Any, ...]:
    return msgspec.structs.astuple(e)


def ledger_entry(row: tuple[Any, ...] | list[Any]) -> LedgerEntry:
    values = list(row)
    for i in _BOOLS:
        values[i] = bool(values[i])
    return LedgerEntry(*values)


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
