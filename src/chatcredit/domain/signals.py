"""Signals: what a detector found about one event. Pure data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

from chatcredit.vocabulary import Severity

SignalAction = Literal["penalize", "review"]
SignalMode = Literal["enforce", "shadow"]


class Concerning(Protocol):
    """An event about a user in a group (a message, a join, ...)."""

    @property
    def id(self) -> str: ...
    @property
    def user(self) -> str: ...
    @property
    def group(self) -> str | None: ...


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
    severity: Severity
    confidence: float
    excerpt: str
    action: SignalAction = "penalize"
    points: int | None = None
    reporter: str | None = None
    #: where in the original text the evidence is, [start, end)
    span: tuple[int, int] | None = None
    #: "shadow": recorded and shown, never costs points (a rule on trial, or braked)
    mode: SignalMode = "enforce"
    note: str = ""

    @classmethod
    def on(cls, event: Concerning, ts: float, detector: str, **fields: Any) -> Signal:
        """A finding about ``event``'s author in ``event``'s group."""
        return cls(user=event.user, event_id=event.id, ts=ts, group=event.group, detector=detector, **fields)

    @property
    def evidence_key(self) -> str:
        """One decision per rule and piece of evidence: the key a moderator's reversal pins."""
        return f"{self.rule_id}@{self.event_id}"
