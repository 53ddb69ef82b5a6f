"""Cross-posting: the same or nearly the same text across groups, or from many new accounts.

Near-duplicates are found with MinHash buckets over each text's set of word skeletons
(so case, spacing, leetspeak and look-alike letters do not hide a copy) and confirmed
by the Jaccard similarity of the two sets.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from chatcredit.detectors import Context
from chatcredit.detectors.normalization import skeleton
from chatcredit.detectors.rules import excerpt
from chatcredit.events import Event, Message
from chatcredit.policy.model import Policy
from chatcredit.signals import Signal

DAY = 86_400.0
BANDS = 4


@dataclass(slots=True)
class _Post:
    event_id: str
    ts: float
    user: str
    group: str
    words: frozenset[str]
    new_account: bool
    keys: tuple[int, ...]


def _similar(a: frozenset[str], b: frozenset[str], threshold: float) -> bool:
    union = len(a | b)
    return union > 0 and len(a & b) / union >= threshold


class CrosspostDetector:
    name = "crosspost"

    def __init__(self, policy: Policy) -> None:
        self._c = policy.crosspost
        self._recent: deque[_Post] = deque()
        self._index: dict[int, deque[_Post]] = {}
        self._flagged: dict[str, float] = {}  # user → quiet until (one penalty per window)
        self._campaign: set[str] = set()  # users already sent to review as part of a campaign

    def _prune(self, now: float) -> None:
        horizon = now - self._c.window_seconds
        if len(self._flagged) + len(self._campaign) > 100_000:  # bounded memory in a long run
            self._flagged.clear()
            self._campaign.clear()
        while self._recent and self._recent[0].ts < horizon:
            old = self._recent.popleft()
            for key in old.keys:
                bucket = self._index.get(key)
                if bucket and bucket[0] is old:
                    bucket.popleft()
                    if not bucket:
                        del self._index[key]

    def scan(self, events: Sequence[tuple[float, Event]], context: Context) -> list[Signal]:
        c = self._c
        signals: list[Signal] = []
        for ts, event in events:
            if type(event) is not Message or len(event.text) < c.min_chars:
                continue
            words = frozenset(skeleton(event.text).split())
            if len(words) < 3:
                continue
            self._prune(ts)
            keys = tuple(heapq.nsmallest(BANDS, map(hash, words)))
            seen: dict[int, _Post] = {}
            for key in keys:
                for post in self._index.get(key, ()):
                    seen[id(post)] = post
            similar = [p for p in seen.values() if _similar(p.words, words, c.similarity)]
            new = context.account_age(event.user, ts) < c.new_account_days * DAY
            post = _Post(event.id, ts, event.user, event.group, words, new, keys)
            self._recent.append(post)
            for key in keys:
                self._index.setdefault(key, deque()).append(post)
            signals += self._same_user(event, ts, similar, words)
            if new:
                signals += self._many_new(event, ts, similar, words)
        return signals

    def _same_user(self, event: Message, ts: float, similar: list[_Post], words: frozenset[str]) -> list[Signal]:
        groups = {p.group for p in similar if p.user == event.user} | {event.group}
        if len(groups) < self._c.groups or ts < self._flagged.get(event.user, float("-inf")):
            return []
        self._flagged[event.user] = ts + self._c.window_seconds
        return [
            Signal(
                user=event.user,
                event_id=event.id,
                ts=ts,
                group=event.group,
                detector=self.name,
                rule_id="crosspost-groups",
                reason_code="cross-posting",
                category="spam",
                severity=self._c.severity,
                confidence=1.0,
                excerpt=f"same text in {len(groups)} groups within {self._c.window_seconds:g} s: "
                + excerpt(event.text)[:120],
            )
        ]

    def _many_new(self, event: Message, ts: float, similar: list[_Post], words: frozenset[str]) -> list[Signal]:
        users = {p.user for p in similar if p.new_account} | {event.user}
        if len(users) < self._c.new_accounts:
            return []
        out = []
        current = _Post(event.id, ts, event.user, event.group, words, True, ())
        for post in [p for p in similar if p.new_account] + [current]:
            if post.user in self._campaign:
                continue
            self._campaign.add(post.user)
            out.append(
                Signal(
                    user=post.user,
                    event_id=post.event_id,
                    ts=ts,
                    group=post.group,
                    detector=self.name,
                    rule_id="crosspost-new-accounts",
                    reason_code="coordinated-posting",
                    category="spam",
                    severity=self._c.severity,
                    confidence=0.7,
                    action="review",
                    excerpt=f"{len(users)} new accounts posted nearly the same text within "
                    f"{self._c.window_seconds:g} s: " + excerpt(event.text)[:120],
                )
            )
        return out
