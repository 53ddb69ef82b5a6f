"""Link rules: blocked domains, URL shorteners and links from brand-new accounts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chatcredit.detectors import Context
from chatcredit.detectors.rules import excerpt
from chatcredit.domain.events import Event, Message
from chatcredit.domain.signals import Signal
from chatcredit.policy.model import Policy

DAY = 86_400.0
_URL = re.compile(
    r"(?i)\b(?:https?://|www\.)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    r"(?:com|net|org|io|co|me|ru|cn|info|biz|xyz|top|link|gift|ly|gl|gd|at|to|tk|ml|ga|cf|gq|app|"
    r"site|online|club|shop|us|uk|de|fr|es|it|nl|eu|be|ch|se|no|pl|br|in|jp|tv|cc|ws|su|gg|dev))"
    r"(?::\d+)?(?:/[^\s<>\"']*)?"
)


_MAYBE_HOST = re.compile(r"[^\W_]\.[^\W\d_]{2}")  # a dot between a letter or digit and two letters


def domains_of(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Host names of the links in ``text`` (lower case), with their spans."""
    if _MAYBE_HOST.search(text) is None:  # cheap test first: most sentences end in ". "
        return []
    return [(m.group(1).lower().removeprefix("www."), m.span()) for m in _URL.finditer(text)]


def _under(domain: str, listed: frozenset[str]) -> bool:
    parts = domain.split(".")
    return any(".".join(parts[i:]) in listed for i in range(len(parts) - 1))


class LinkDetector:
    name = "links"
    priority = 0
    event_types = ("message",)

    def __init__(self, policy: Policy) -> None:
        c = policy.links
        self._c = c
        self._block = frozenset(d.lower() for d in c.block_domains)
        self._allow = frozenset(d.lower() for d in c.allow_domains)
        self._shorteners = frozenset(d.lower() for d in c.shorteners)

    def scan(self, events: Sequence[tuple[float, Event]], context: Context) -> list[Signal]:
        signals: list[Signal] = []
        for ts, event in events:
            if type(event) is not Message or "." not in event.text:
                continue
            for domain, span in domains_of(event.text):
                signal = self._judge(event, ts, domain, span, context)
                if signal is not None:
                    signals.append(signal)
                    break  # one link signal per message
        return signals

    def _judge(self, event: Message, ts: float, domain: str, span: tuple[int, int], context: Context) -> Signal | None:
        c = self._c

        def signal(rule_id: str, reason: str, category: str, severity: str, confidence: float) -> Signal:
            return Signal.on(
                event,
                ts,
                self.name,
                rule_id=rule_id,
                reason_code=reason,
                category=category,
                severity=severity,
                confidence=confidence,
                excerpt=excerpt(event.text, span),
                span=span,
                action="penalize" if confidence >= 1.0 else "review",
            )

        if _under(domain, self._block):
            return signal("link-blocked-domain", "blocked-link", c.block_category, c.block_severity, 1.0)
        if _under(domain, self._allow):
            return None
        young = context.account_age(event.user, ts) < c.new_account_days * DAY
        if young and _under(domain, self._shorteners):
            return signal("link-shortener-new-account", "shortened-link", "spam", "low", 0.6)
        if young:
            return signal("link-new-account", "link-from-new-account", "spam", "low", 0.4)
        return None
