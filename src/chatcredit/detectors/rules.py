"""Keyword and regular-expression rules from the policy, on normalised text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chatcredit.detectors import Context
from chatcredit.detectors.matcher import KeywordIndex, PatternIndex
from chatcredit.detectors.normalization import fold, locate, skeleton_of_folded
from chatcredit.domain.events import Event, Message, MessageEdited
from chatcredit.domain.linear import LinearPattern, compile_linear
from chatcredit.domain.signals import Signal
from chatcredit.policy.model import Policy, Rule

EXCERPT_CHARS = 200


@dataclass(frozen=True, slots=True)
class Match:
    rule: Rule
    matched: str
    span: tuple[int, int] | None  # in the original text


def excerpt(text: str, span: tuple[int, int] | None = None, chars: int = EXCERPT_CHARS) -> str:
    """The text, or a window of it around ``span`` (its start when none) when it is longer
    than ``chars``."""
    if len(text) <= chars:
        return text
    if span is None:
        return text[: chars - 1] + "…"
    start = max(0, min(span[0] - 60, len(text) - chars + 2))
    end = min(len(text), start + chars - 2)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


class RuleMatcher:
    """All keyword rules in one automaton, all patterns in one multi-pattern index."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self._rules = list(rules)
        self.keywords = KeywordIndex([(i, k) for i, r in enumerate(self._rules) for k in r.keywords])
        self.patterns = PatternIndex([(i, p) for i, r in enumerate(self._rules) for p in r.patterns])
        self._unless: dict[int, LinearPattern] = {
            i: compile_linear("|".join(f"(?:{p})" for p in r.unless)) for i, r in enumerate(self._rules) if r.unless
        }

    def match(
        self, text: str, group: str | None = None, lang: str | None = None, forms: tuple[str, str] | None = None
    ) -> list[Match]:
        """At most one match per rule in scope: the first keyword or pattern that hits.
        ``forms``: the text's (fold, skeleton) if already computed."""
        folded, skel = forms if forms is not None else (fold(text), "")
        if forms is None:
            skel = skeleton_of_folded(folded)
        hits = self._hits(folded, skel)
        for index in [i for i in hits if i in self._unless]:
            # blanked to spaces of the same length: a set phrase the rule's words mean no one in
            blanked = self._unless[index].sub(lambda m: " " * len(m.group(0)), folded)
            if blanked != folded and index not in self._hits(blanked, skeleton_of_folded(blanked)):
                del hits[index]
        found = []
        for index in sorted(hits):
            m = hits[index]
            if (m.rule.groups and group not in m.rule.groups) or (m.rule.languages and lang not in m.rule.languages):
                continue
            found.append(Match(m.rule, m.matched, locate(text, m.matched)))
        return found

    def _hits(self, folded: str, skel: str) -> dict[int, Match]:
        hits: dict[int, Match] = {}
        for index, keyword in self.keywords.search(skel).items():
            hits[index] = Match(self._rules[index], keyword, None)
        for index, (matched, _, _) in self.patterns.search(folded).items():
            hits.setdefault(index, Match(self._rules[index], matched, None))
        return hits


class RuleDetector:
    name = "rules"
    priority = 0
    event_types = ("message", "message_edited")

    def __init__(self, policy: Policy) -> None:
        self.matcher = RuleMatcher(policy.rules)

    def scan(self, events: Sequence[tuple[float, Event]], context: Context) -> list[Signal]:
        signals: list[Signal] = []
        match = self.matcher.match
        for ts, event in events:
            if not isinstance(event, Message | MessageEdited) or not event.text:
                continue
            lang = event.lang if isinstance(event, Message) else None
            for m in match(event.text, event.group, lang, context.forms(event.text)):
                rule = m.rule
                signals.append(
                    Signal.on(
                        event,
                        ts,
                        self.name,
                        rule_id=rule.id,
                        reason_code=rule.reason_code,
                        category=rule.category,
                        severity=rule.severity,
                        confidence=1.0,
                        excerpt=excerpt(event.text, m.span),
                        points=rule.points,
                        span=m.span,
                        mode=rule.mode,
                        note="rule in shadow mode" if rule.mode == "shadow" else "",
                    )
                )
        return signals
