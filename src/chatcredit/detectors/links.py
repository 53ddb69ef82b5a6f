"""Link rules: blocked domains, URL shorteners and links from brand-new accounts."""

from __future__ import annotations

import re
from collections.abc import Sequence

import tldextract

from chatcredit.detectors import Context
from chatcredit.detectors.rules import excerpt
from chatcredit.domain.events import Event, Message
from chatcredit.domain.signals import Signal
from chatcredit.policy.model import Policy

DAY = 86_400.0
_URL = re.compile(
    r"(?i)\b(https?://|www\.)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62})\b"
    r"(?::\d+)?(?:/[^\s<>\"']*)?"
)
#: top-level domains that count as a link even written bare ("bit.ly", "site.com"); any
#: other suffix of the Public Suffix List counts with a scheme or "www." ("setup.py" in a
#: sentence is a file name), and a listed domain always counts
_BARE_TLDS = frozenset(
    [
        "com",
        "net",
        "org",
        "io",
        "co",
        "me",
        "ru",
        "cn",
        "info",
        "biz",
        "xyz",
        "top",
        "link",
        "gift",
        "ly",
        "gl",
        "gd",
        "at",
        "to",
        "tk",
        "ml",
        "ga",
        "cf",
        "gq",
        "app",
        "site",
        "online",
        "club",
        "shop",
        "us",
        "uk",
        "de",
        "fr",
        "es",
        "it",
        "nl",
        "eu",
        "be",
        "ch",
        "se",
        "no",
        "pl",
        "br",
        "in",
        "jp",
        "tv",
        "cc",
        "ws",
        "su",
        "gg",
        "dev",
        "lol",
        "click",
        "live",
        "win",
        "bid",
    ]
)
#: the Public Suffix List snapshot bundled with tldextract: never fetched at run time
_PSL = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
_MAYBE_HOST = re.compile(r"[^\W_]\.[^\W\d_]{2}")  # a dot between a letter or digit and two letters


def domains_of(text: str, listed: frozenset[str] = frozenset()) -> list[tuple[str, tuple[int, int]]]:
    """Host names of the links in ``text`` (lower case), with their spans: names whose
    suffix is a public suffix (PSL), so ``steam-gift.lol`` counts and ``node.js`` does not."""
    if _MAYBE_HOST.search(text) is None:  # cheap test first: most sentences end in ". "
        return []
    found = []
    for m in _URL.finditer(text):
        host = m.group(2).lower().removeprefix("www.")
        parts = _PSL(host)
        if not parts.suffix or not parts.domain:
            continue
        explicit = m.group(1) is not None
        if explicit or parts.suffix.rsplit(".", 1)[-1] in _BARE_TLDS or _under(host, listed):
            found.append((host, m.span()))
    return found


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
        self._listed = self._block | self._allow | self._shorteners

    def scan(self, events: Sequence[tuple[float, Event]], context: Context) -> list[Signal]:
        signals: list[Signal] = []
        for ts, event in events:
            if type(event) is not Message or "." not in event.text:
                continue
            for domain, span in domains_of(event.text, self._listed):
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
