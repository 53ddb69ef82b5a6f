"""Caps and emoji flooding."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chatcredit.detectors import Context
from chatcredit.detectors.rules import excerpt
from chatcredit.domain.events import Event, Message
from chatcredit.domain.signals import Signal
from chatcredit.domain.windows import WindowCounter
from chatcredit.policy.model import Policy

_NO_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz")


_EMOJI = re.compile("[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]")


def emoji_count(text: str) -> int:
    """Pictographs and symbols of the emoji blocks."""
    return len(_EMOJI.findall(text))


class ShoutingDetector:
    name = "shouting"
    priority = 1
    event_types = ("message",)

    def __init__(self, policy: Policy) -> None:
        self._c = policy.shouting
        self._counter = WindowCounter(policy.shouting.window_seconds)
        self.lookback = policy.shouting.window_seconds

    def scan(self, events: Sequence[tuple[float, Event]], context: Context) -> list[Signal]:
        c = self._c
        signals: list[Signal] = []
        for ts, event in events:
            if type(event) is not Message or len(event.text) < c.min_chars:
                continue
            text = event.text
            what = ""
            lower = len(text) - len(text.translate(_NO_LOWER))
            if lower > (1 - c.caps_ratio) * len(text) and text.isascii():
                continue  # plenty of small letters: not shouting (the common case, decided cheaply)
            upper = 0 if text == text.lower() else sum(map(str.isupper, text))
            letters = upper + sum(map(str.islower, text)) if upper else 0
            if upper and letters >= c.min_chars and upper >= c.caps_ratio * letters:
                what, rule_id = "caps", "shouting-caps"
            elif not text.isascii() and emoji_count(text) > c.max_emoji:
                what, rule_id = "emoji", "shouting-emoji"
            if what and self._counter.add(event.user, ts) >= c.repeat and self._counter.fire(event.user, ts):
                signals.append(
                    Signal.on(
                        event,
                        ts,
                        self.name,
                        rule_id=rule_id,
                        reason_code=f"{what}-flooding",
                        category="flooding",
                        severity=c.severity,
                        confidence=1.0,
                        excerpt=f"{c.repeat} {what} messages within {c.window_seconds:g} s: " + excerpt(text)[:120],
                    )
                )
        return signals
