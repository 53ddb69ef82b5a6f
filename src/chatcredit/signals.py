"""Signals: what a detector found about one event. Pure data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SignalAction = Literal["penalize", "review"]


@dataclass(frozen=True, slots=True)
class Signal:
    user: str
    event_id: str
    ts: float
    group: str | None
    detector: str
    rule_id: str
    reason_code: str
    category: str
    severity: str
    confidence: float
    excerpt: str
    action: SignalAction = "penalize"
    points: int | None = None
    reporter: str | None = None

    @property
    def evidence_key(self) -> str:
        """One decision per rule and piece of evidence: the key a moderator's reversal pins."""
        return f"{self.rule_id}@{self.event_id}"
