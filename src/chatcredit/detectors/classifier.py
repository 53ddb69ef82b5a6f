"""The shipped text classifier as a detector: probability bands decide what happens.

A head's probability at or above ``classifier.automate_at`` becomes a penalty (the
confidence is the probability); at or above ``classifier.review_at`` the message goes to
the human review queue; below, nothing, unless it is one of a burst (``classifier.burst``):
several messages from one user at one target within a window, each leaning to the same
head, go to review together. The model is loaded once, on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from chatcredit.detectors import Context
from chatcredit.detectors.rules import excerpt
from chatcredit.domain.events import Event, Message, MessageEdited
from chatcredit.domain.signals import Signal
from chatcredit.domain.windows import WindowLog
from chatcredit.policy.detection import CATEGORY_AT
from chatcredit.policy.model import Policy

if TYPE_CHECKING:
    from chatcredit.ml.classifier import TextClassifier


#: how much of each message a burst's finding quotes
QUOTE_CHARS = 80


class ClassifierDetector:
    name = "classifier"
    priority = 2
    event_types = ("message", "message_edited")

    def __init__(self, policy: Policy) -> None:
        self._c = policy.classifier
        self._model: TextClassifier | None = None
        burst = self._c.burst
        self._burst = WindowLog(burst.window_seconds) if self._c.enabled and burst.enabled else None
        #: a burst split by a restart is still one burst: the engine replays this much history
        self.lookback = burst.window_seconds if self._burst is not None else 0.0

    @property
    def model(self) -> TextClassifier:
        if self._model is None:
            from chatcredit.ml.classifier import TextClassifier

            self._model = TextClassifier.load(self._c.model or None)
        return self._model

    def scan(self, events: Sequence[tuple[float, Event]], context: Context) -> list[Signal]:
        c = self._c
        if not c.enabled:
            return []
        items = [(ts, e) for ts, e in events if isinstance(e, Message | MessageEdited) and e.text.strip()]
        if not items:
            return []
        distinct = list(dict.fromkeys(e.text for _, e in items))  # one prediction per distinct text
        row = {text: n for n, text in enumerate(distinct)}
        probs = self.model.predict(distinct, [context.forms(t) for t in distinct])
        signals: list[Signal] = []
        for name in c.flagging:
            if name not in probs:
                continue
            kinds = [k for k, h in c.heads.items() if h.refines == name and k in probs]
            for ts, event in items:
                n = row[event.text]
                p = float(probs[name][n])
                if p < c.review_at:
                    signal = self._burst_of(name, p, ts, event)
                    if signal is not None:
                        signals.append(signal)
                    continue
                # the most probable refining head names the category, if it is sure enough
                kind = max(kinds, key=lambda k: probs[k][n], default=name)
                if kind != name and probs[kind][n] < CATEGORY_AT:
                    kind = name
                spec = c.heads[kind]
                signals.append(
                    Signal.on(
                        event,
                        ts,
                        self.name,
                        rule_id=f"classifier-{kind}",
                        reason_code=spec.reason or f"classifier-{kind}",
                        category=spec.category,
                        severity=spec.severity,
                        confidence=round(p, 4),
                        excerpt=excerpt(event.text),
                        action="penalize" if p >= c.automate_at else "review",
                    )
                )
        return signals

    def _burst_of(self, name: str, p: float, ts: float, event: Message | MessageEdited) -> Signal | None:
        """The review signal of a burst that ``event`` completes, if it does (a message
        leaning to ``name``, the ``messages``-th from its author at its target within the
        window; one signal a window)."""
        burst = self._c.burst
        if self._burst is None or p < burst.leaning_at or type(event) is not Message or name not in burst.heads:
            return None
        target = event.mentions[0] if event.mentions else ""
        key = f"{name}\x00{event.user}\x00{event.group}\x00{target}"
        count = self._burst.add(key, ts, note=excerpt(event.text, chars=QUOTE_CHARS))
        if count < burst.messages or not self._burst.fire(key, ts):
            return None
        at = f"at {target}" if target else "in this group"
        spec = self._c.heads[name]
        return Signal.on(
            event,
            ts,
            self.name,
            rule_id=f"classifier-{name}-burst",
            reason_code=f"classifier-{name}-burst",
            category=spec.category,
            severity=spec.severity,
            confidence=round(p, 4),
            # every message of the burst is quoted: the reviewer and the person see all of them
            excerpt=f"{count} messages leaning to {name} {at} within {burst.window_seconds:g} s: "
            + " | ".join(self._burst.notes(key)),
            action="review",
        )
