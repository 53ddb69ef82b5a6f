"""Join waves: many new accounts joining one group within a window (a raid)."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from chatcredit.detectors import Context
from chatcredit.domain.events import Event, MemberJoined
from chatcredit.domain.signals import Signal
from chatcredit.policy.model import Policy

DAY = 86_400.0
SWEEP_EVERY = 10_000


class RaidDetector:
    """A raid is first the group's problem: the joiners go to human review, no points."""

    name = "raid"
    priority = 1
    event_types = ("member_joined",)

    def __init__(self, policy: Policy) -> None:
        self._c = policy.raid
        self.lookback = policy.raid.window_seconds
        self._joins: dict[str, deque[tuple[float, str, str]]] = {}
        self._reported: dict[str, set[str]] = {}
        self._seen = 0

    def _sweep(self, now: float) -> None:
        """Forget groups with no join inside the window (bounded memory with many groups);
        a group whose wave is over is reported afresh next time."""
        horizon = now - self._c.window_seconds
        for group in [g for g, wave in self._joins.items() if wave[-1][0] < horizon]:
            del self._joins[group]
            self._reported.pop(group, None)

    def scan(self, events: Sequence[tuple[float, Event]], context: Context) -> list[Signal]:
        c = self._c
        signals: list[Signal] = []
        for ts, event in events:
            if type(event) is not MemberJoined:
                continue
            if context.account_age(event.user, ts) >= c.new_account_days * DAY:
                continue
            self._seen += 1
            if self._seen % SWEEP_EVERY == 0:
                self._sweep(ts)
            wave = self._joins.setdefault(event.group, deque())
            wave.append((ts, event.user, event.id))
            while ts - wave[0][0] > c.window_seconds:
                wave.popleft()
            if len({u for _, u, _ in wave}) < c.joins:
                continue
            reported = self._reported.setdefault(event.group, set())
            if not reported:
                reported.add("\x00wave")
            for _, user, event_id in wave:
                if user in reported:
                    continue
                reported.add(user)
                signals.append(
                    Signal(
                        user=user,
                        event_id=event_id,
                        ts=ts,
                        group=event.group,
                        detector=self.name,
                        rule_id="raid",
                        reason_code="join-wave",
                        category="spam",
                        severity="medium",
                        confidence=0.5,
                        action="review",
                        excerpt=f"{len(wave)} new accounts joined group {event.group} within {c.window_seconds:g} s",
                    )
                )
            if len(reported) > 100_000:
                reported.clear()
        return signals
