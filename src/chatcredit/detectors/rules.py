"""Keyword and regular-expression rules from the policy, on normalised text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

from chatcredit.detectors.normalization import fold, skeleton_of_folded
from chatcredit.events import Event, Message, MessageEdited
from chatcredit.policy.model import Policy, Rule
from chatcredit.signals import Signal

EXCERPT_CHARS = 200


@dataclass(frozen=True, slots=True)
class Match:
    rule: Rule
    matched: str


def excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


class RuleMatcher:
    """All keyword rules in one Aho-Corasick automaton; patterns compiled once each."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self._automaton = ahocorasick.Automaton()
        self._patterns: list[tuple[int, Rule, re.Pattern[str]]] = []
        by_key: dict[str, list[tuple[int, str]]] = {}
        self._rules = list(rules)
        for index, rule in enumerate(self._rules):
            for keyword in rule.keywords:
                key = skeleton_of_folded(fold(keyword))
                if key:
                    by_key.setdefault(key, []).append((index, keyword))
            self._patterns.extend((index, rule, re.compile(p)) for p in rule.patterns)
        for key, owners in by_key.items():
            self._automaton.add_word(key, (len(key), owners))
        self._has_keywords = bool(by_key)
        if self._has_keywords:
            self._automaton.make_automaton()

    def match(self, text: str) -> list[Match]:
        """At most one match per rule: the first keyword or pattern that hits."""
        folded = fold(text)
        hits: dict[int, Match] = {}
        if self._has_keywords:
            skel = skeleton_of_folded(folded)
            end_limit = len(skel) - 1
            for end, (length, owners) in self._automaton.iter(skel):
                start = end - length + 1
                if start > 0 and skel[start - 1].isalnum():
                    continue
                if end < end_limit and skel[end + 1].isalnum():
                    continue
                for index, keyword in owners:
                    hits.setdefault(index, Match(self._rules[index], keyword))
        for index, rule, pattern in self._patterns:
            if index not in hits and (m := pattern.search(folded)) is not None:
                hits[index] = Match(rule, m.group(0))
        return [hits[i] for i in sorted(hits)]


class RuleDetector:
    name = "rules"

    def __init__(self, policy: Policy) -> None:
        self._matcher = RuleMatcher(policy.rules)

    def scan(self, events: Sequence[tuple[float, Event]]) -> list[Signal]:
        signals: list[Signal] = []
        for ts, event in events:
            if not isinstance(event, Message | MessageEdited) or not event.text:
                continue
            for match in self._matcher.match(event.text):
                rule = match.rule
                signals.append(
                    Signal(
                        user=event.user,
                        event_id=event.id,
                        ts=ts,
                        group=event.group,
                        detector=self.name,
                        rule_id=rule.id,
                        reason_code=rule.reason_code,
                        category=rule.category,
                        severity=rule.severity,
                        confidence=1.0,
                        excerpt=excerpt(event.text),
                        points=rule.points,
                    )
                )
        return signals
