"""What waits for a human (review items) and what a rule found without acting (shadow hits)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import msgspec

from chatcredit.vocabulary import Time

ReviewStatus = Literal["open", "in-review", "decided", "escalated"]
ReviewOutcome = Literal["uphold", "dismiss", "escalate"]


class ReviewItem(msgspec.Struct, frozen=True):
    """What waits for a human: the store's record, the JSON view and the OpenAPI schema.

    A signal below the automation band or a user's report waits here to be decided; so
    does every automated critical penalty (``entry_id``), which does not fade until a
    person has reviewed it. ``open`` → ``in-review`` (claimed) → ``decided``, or
    ``escalated`` (to a senior moderator, who decides it like any other)."""

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
    status: ReviewStatus = "open"
    severity: str = "medium"
    group: str | None = None
    entry_id: str | None = None
    claimed_by: str | None = None
    decided_by: str | None = None
    decided_at: Time | None = None
    outcome: ReviewOutcome | None = None
    decision_reason: str = ""
    #: the entry or measure the decision wrote (an upheld report's penalty, a reversal)
    result: str | None = None


@dataclass(frozen=True, slots=True)
class ShadowHit:
    """A hit that costs nothing: a rule in shadow mode, or one the brake stopped."""

    rule_id: str
    user: str
    event_id: str
    ts: float
    why: str
    excerpt: str
