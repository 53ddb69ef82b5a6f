"""User reports: recorded for human review, never a penalty by themselves."""

from __future__ import annotations

from collections.abc import Sequence

from chatcredit.detectors import Context
from chatcredit.domain.events import Event, Report
from chatcredit.domain.signals import Signal
from chatcredit.policy.model import Policy


class ReportDetector:
    name = "reports"
    priority = 1
    event_types = ("report",)

    def __init__(self, policy: Policy) -> None:
        del policy

    def scan(self, events: Sequence[tuple[float, Event]], context: Context) -> list[Signal]:
        return [
            Signal(
                user=event.target_user,
                event_id=event.id,
                ts=ts,
                group=event.group,
                detector=self.name,
                rule_id="user-report",
                reason_code="user-report",
                category=event.category,
                severity="low",
                confidence=0.0,
                excerpt=event.note[:200],
                action="review",
                reporter=event.user,
            )
            for ts, event in events
            if isinstance(event, Report)
        ]
