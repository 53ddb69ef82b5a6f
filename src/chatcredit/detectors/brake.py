"""The emergency brake for rules that were just added or changed.

After MediaWiki's AbuseFilter: a rule changed within ``brake.recent_hours`` that hits more
than ``brake.max_share`` of the messages ingested since the change (once at least
``brake.min_messages`` were seen) is presumed broken. From then on its hits are kept as
shadow hits and cost nothing, the engagement is recorded with its numbers, and
``explain`` and ``chatcredit rules`` say so. A human re-enables the rule by changing it
(a new version starts a new trial).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import msgspec

from chatcredit.domain.signals import Signal
from chatcredit.policy.model import Policy, Rule

HOUR = 3600.0


def rule_hash(rule: Rule) -> str:
    return hashlib.sha256(msgspec.json.encode(rule)).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class BrakeRecord:
    rule_id: str
    hash: str
    engaged: float
    hits: int
    messages: int
    reason: str


class RuleBrake:
    def __init__(self, policy: Policy, changed_at: dict[str, float], engaged: Iterable[BrakeRecord]) -> None:
        """``changed_at``: rule id → when its current version was first seen."""
        self._config = policy.brake
        self._hashes = {rule.id: rule_hash(rule) for rule in policy.rules}
        self._changed_at = changed_at
        self._engaged = {b.rule_id: b for b in engaged if self._hashes.get(b.rule_id) == b.hash}
        self._messages: dict[str, int] = {}
        self._hits: dict[str, int] = {}

    @property
    def engaged(self) -> dict[str, BrakeRecord]:
        return dict(self._engaged)

    def is_recent(self, rule_id: str, now: float) -> bool:
        changed = self._changed_at.get(rule_id)
        return changed is not None and now - changed < self._config.recent_hours * HOUR

    def apply(self, signals: Sequence[Signal], messages: int, now: float) -> tuple[list[Signal], list[BrakeRecord]]:
        """Count this batch, engage the brake where due, and turn braked rules' hits to shadow."""
        newly: list[BrakeRecord] = []
        recent = [rid for rid in self._hashes if rid not in self._engaged and self.is_recent(rid, now)]
        for rule_id in recent:
            self._messages[rule_id] = self._messages.get(rule_id, 0) + messages
        for s in signals:
            if s.detector == "rules" and s.rule_id in recent and s.mode == "enforce":
                self._hits[s.rule_id] = self._hits.get(s.rule_id, 0) + 1
        c = self._config
        for rule_id in recent:
            seen, hits = self._messages[rule_id], self._hits.get(rule_id, 0)
            if seen >= c.min_messages and hits > c.max_share * seen:
                record = BrakeRecord(
                    rule_id,
                    self._hashes[rule_id],
                    now,
                    hits,
                    seen,
                    f"changed {(now - self._changed_at[rule_id]) / HOUR:.1f} h ago and hit {hits} of "
                    f"{seen} messages ({hits / seen:.1%} > {c.max_share:.0%}): stopped costing points",
                )
                self._engaged[rule_id] = record
                newly.append(record)
        out = [
            replace(s, mode="shadow", note=f"braked: {self._engaged[s.rule_id].reason}")
            if s.detector == "rules" and s.rule_id in self._engaged and s.mode == "enforce"
            else s
            for s in signals
        ]
        return out, newly
