"""What waits for a human (review items) and what a rule found without acting (shadow hits)."""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from chatcredit.vocabulary import Time


class ReviewItem(msgspec.Struct, frozen=True):
    """What waits for a human: the store's record, the JSON view and the OpenAPI schema."""

    id: str
    user: str
    event_id: str
    ts: Time
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
