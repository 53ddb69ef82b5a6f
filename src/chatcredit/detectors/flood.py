"""Per-user flood detection: more than N messages within T seconds."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from chatcredit.events import Event, Message
from chatcredit.policy.model import Policy
from chatcredit.signals import Signal


class FloodDetector:
    """Keeps a sliding window of message times per user; fires once per window."""

    name = "flood"

    def __init__(self, policy: Policy) -> None:
        self._limit = policy.flood.messages
        self._seconds = policy.flood.seconds
        self._severity = policy.flood.severity
        self._reason = policy.flood.reason
        self._windows: dict[str, deque[float]] = {}
        self._quiet_until: dict[str, float] = {}

    def scan(self, events: Sequence[tuple[float, Event]]) -> list[Signal]:
        signals: list[Signal] = []
        windows, seconds, limit = self._windows, self._seconds, self._limit
        for ts, event in events:
            if type(event) is not Message:
                continue
            user = event.user
            window = windows.get(user)
            if window is None:
                window = windows[user] = deque()
            window.append(ts)
            while ts - window[0] > seconds:
                window.popleft()
            if len(window) > limit and ts >= self._quiet_until.get(user, 0.0):
                self._quiet_until[user] = ts + seconds
                signals.append(
                    Signal(
                        user=user,
                        event_id=event.id,
                        ts=ts,
                        group=event.group,
                        detector=self.name,
                        rule_id="flood",
                        reason_code=self._reason,
                        category="flooding",
                        severity=self._severity,
                        confidence=1.0,
                        excerpt=f"{len(window)} messages within {seconds:g} seconds",
                    )
                )
        return signals
