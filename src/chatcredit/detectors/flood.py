"""Flooding and mention spam: too many messages, or mentions, within a window."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chatcredit.detectors import Context
from chatcredit.domain.events import Event, Message
from chatcredit.domain.signals import Signal
from chatcredit.domain.windows import WindowCounter, counter_key
from chatcredit.policy.model import Policy

_AT_MENTION = re.compile(r"(?<![\w@])@[\w.\-]{2,}")


class FloodDetector:
    """One sliding window per policy ``[[flood]]`` entry, counted per its key."""

    name = "flood"
    priority = 1
    event_types = ("message",)

    def __init__(self, policy: Policy) -> None:
        self._windows = [
            (w, WindowCounter(w.seconds), f"flood-{w.messages}-in-{w.seconds:g}s-{w.key}") for w in policy.flood
        ]
        self.lookback = max((w.seconds for w in policy.flood), default=0.0)

    def scan(self, events: Sequence[tuple[float, Event]], context: Context) -> list[Signal]:
        signals: list[Signal] = []
        for ts, event in events:
            if type(event) is not Message:
                continue
            for window, counter, rule_id in self._windows:
                key = counter_key(window.key, event.user, event.group)
                count = counter.add(key, ts)
                if count > window.messages and counter.fire(key, ts):
                    scope = {
                        "user": "",
                        "user+group": " in this group",
                        "group": " in this group (all users)",
                        "platform": " on the platform (all users)",
                    }[window.key]
                    signals.append(
                        Signal.on(
                            event,
                            ts,
                            self.name,
                            rule_id=rule_id,
                            reason_code=window.reason,
                            category="flooding",
                            severity=window.severity,
                            confidence=1.0,
                            excerpt=f"{count} messages within {window.seconds:g} seconds{scope}",
                        )
                    )
        return signals


class MentionDetector:
    """Too many mentions in one message, or within a window."""

    name = "mentions"
    priority = 1
    event_types = ("message",)

    def __init__(self, policy: Policy) -> None:
        self._config = policy.mentions
        self._counter = WindowCounter(policy.mentions.window_seconds)
        self.lookback = policy.mentions.window_seconds

    def scan(self, events: Sequence[tuple[float, Event]], context: Context) -> list[Signal]:
        c = self._config
        signals: list[Signal] = []
        for ts, event in events:
            if type(event) is not Message:
                continue
            mentioned = set(event.mentions)
            if "@" in event.text:
                mentioned.update(_AT_MENTION.findall(event.text))
            if not mentioned:
                continue
            key = counter_key(c.key, event.user, event.group)
            total = self._counter.add(key, ts, len(mentioned))
            if len(mentioned) > c.per_message:
                what, rule_id = f"{len(mentioned)} mentions in one message", "mention-spam-message"
            elif total > c.per_window and self._counter.fire(key, ts):
                what, rule_id = f"{total} mentions within {c.window_seconds:g} seconds", "mention-spam-window"
            else:
                continue
            signals.append(
                Signal.on(
                    event,
                    ts,
                    self.name,
                    rule_id=rule_id,
                    reason_code="mention-spam",
                    category="spam",
                    severity=c.severity,
                    confidence=1.0,
                    excerpt=what,
                )
            )
        return signals
