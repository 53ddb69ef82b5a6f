"""The review queue's order: what a moderator should look at first. Pure."""

from __future__ import annotations

from chatcredit.dueprocess.review import ReviewItem

SEVERITY_WEIGHT = {"low": 1.0, "medium": 2.0, "high": 3.0, "critical": 4.0}


def priority(item: ReviewItem, precision: float | None, trusted: bool, now: float) -> float:
    """Higher first: severity, then who reported it (a trusted flagger; a reporter's
    precision, so a usually-right reporter's report comes before a usually-wrong one's),
    the detector's confidence, and age (a day waiting counts like a tenth of precision, up
    to five days), and an escalation."""
    score = 10.0 * SEVERITY_WEIGHT.get(item.severity, 2.0)
    if trusted:
        score += 15.0
    elif item.reporter is not None:
        score += 10.0 * (precision if precision is not None else 0.5)
    else:
        score += 5.0 * item.confidence
    score += min(max(0.0, now - item.ts) / 86_400.0, 5.0)
    if item.status == "escalated":
        score += 20.0
    return round(score, 3)
