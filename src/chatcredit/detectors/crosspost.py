"""Cross-posting: the same or nearly the same text across groups, or from many new accounts.

Texts are compared as sets of normalised words, so case, spacing, punctuation, leetspeak
and look-alike letters do not hide a copy. One user's recent posts are compared with each
other by Jaccard similarity (``crosspost.similarity``); posts of new accounts are grouped
by their set of words with numbers and symbols left out, so a campaign that only changes
a number, an emoji or the punctuation still groups together. Both are pruned to the
window, so memory stays bounded.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from chatcredit.detectors import Context
from chatcredit.detectors.rules import excerpt
from chatcredit.domain.events import Event, Message
from chatcredit.domain.signals import Signal
from chatcredit.policy.model import Policy

DAY = 86_400.0


@dataclass(slots=True, eq=False)  # compared by identity: one post is one object
class _Post:
    event_id: str
    ts: float
    user: str
    group: str
    words: frozenset[str]


def _similar(a: frozenset[str], b: frozenset[str], threshold: float) -> bool:
    """Jaccard similarity at least ``threshold`` (sizes alone often rule it out)."""
    small, large = (len(a), len(b)) if len(a) <= len(b) else (len(b), len(a))
    if small < threshold * large:
        return False
    shared = len(a & b)
    return shared >= threshold * (small + large - shared)


#: posts kept at most (users' and new accounts' each): a feed out of time order (an
#: export imported chat by chat) cannot make the windows grow without bound
MAX_KEPT = 200_000


class CrosspostDetector:
    name = "crosspost"
    priority = 1
    event_types = ("message",)

    def __init__(self, policy: Policy) -> None:
        self._c = policy.crosspost
        self.lookback = policy.crosspost.window_seconds
        self._by_user: dict[str, deque[_Post]] = {}
        self._recent: deque[_Post] = deque()  # every kept post in time order, to expire them
        self._new: deque[tuple[frozenset[str], _Post]] = deque()  # posts of new accounts, in time order
        self._campaigns: dict[frozenset[str], deque[_Post]] = {}
        self._quiet: dict[str, float] = {}  # user → no second penalty before
        self._campaign: set[str] = set()  # users already sent to review as part of a campaign

    def _prune_new(self, now: float) -> None:
        horizon = now - self._c.window_seconds
        while self._new and self._new[0][1].ts < horizon:
            key, old = self._new.popleft()
            posts = self._campaigns.get(key)
            if posts and posts[0] is old:
                posts.popleft()
                if not posts:
                    del self._campaigns[key]
        while len(self._new) > MAX_KEPT:  # out of time order: the oldest kept go first
            key, old = self._new.popleft()
            posts = self._campaigns.get(key)
            if posts and old in posts:
                posts.remove(old)
                if not posts:
                    del self._campaigns[key]
        if len(self._campaign) > 100_000:
            self._campaign.clear()

    def scan(self, events: Sequence[tuple[float, Event]], context: Context) -> list[Signal]:
        c = self._c
        signals: list[Signal] = []
        for ts, event in events:
            if type(event) is not Message or len(event.text) < c.min_chars:
                continue
            words = frozenset(context.forms(event.text)[1].split())
            if len(words) < 3:
                continue
            post = _Post(event.id, ts, event.user, event.group, words)
            signals += self._same_user(event, post)
            if context.account_age(event.user, ts) < c.new_account_days * DAY:
                signals += self._campaign_of(event, post)
        return signals

    def _expire(self, now: float) -> None:
        """Forget posts older than the window, and users with none left (bounded memory)."""
        horizon = now - self._c.window_seconds
        recent, by_user = self._recent, self._by_user
        while recent and (recent[0].ts < horizon or len(recent) > MAX_KEPT):
            old = recent.popleft()
            mine = by_user.get(old.user)
            if mine and old in mine:
                mine.remove(old)
                if not mine:
                    del by_user[old.user]

    def _same_user(self, event: Message, post: _Post) -> list[Signal]:
        c = self._c
        self._expire(post.ts)
        mine = self._by_user.setdefault(event.user, deque())
        groups = {p.group for p in mine if _similar(p.words, post.words, c.similarity)} | {event.group}
        mine.append(post)
        self._recent.append(post)
        if len(groups) < c.groups or post.ts < self._quiet.get(event.user, float("-inf")):
            return []
        if len(self._quiet) > 100_000:
            self._quiet = {u: t for u, t in self._quiet.items() if t > post.ts}
        self._quiet[event.user] = post.ts + c.window_seconds
        return [
            Signal(
                user=event.user,
                event_id=event.id,
                ts=post.ts,
                group=event.group,
                detector=self.name,
                rule_id="crosspost-groups",
                reason_code="cross-posting",
                category="spam",
                severity=c.severity,
                confidence=1.0,
                excerpt=f"same text in {len(groups)} groups within {c.window_seconds:g} s: "
                + excerpt(event.text)[:120],
            )
        ]

    def _campaign_of(self, event: Message, post: _Post) -> list[Signal]:
        c = self._c
        self._prune_new(post.ts)
        key = frozenset(filter(str.isalpha, post.words))
        if len(key) < 3:
            return []
        posts = self._campaigns.setdefault(key, deque())
        posts.append(post)
        self._new.append((key, post))
        users = {p.user for p in posts}
        if len(users) < c.new_accounts:
            return []
        out = []
        for p in posts:
            if p.user in self._campaign:
                continue
            self._campaign.add(p.user)
            out.append(
                Signal(
                    user=p.user,
                    event_id=p.event_id,
                    ts=post.ts,
                    group=p.group,
                    detector=self.name,
                    rule_id="crosspost-new-accounts",
                    reason_code="coordinated-posting",
                    category="spam",
                    severity=c.severity,
                    confidence=0.7,
                    action="review",
                    excerpt=f"{len(users)} new accounts posted the same text within {c.window_seconds:g} s: "
                    + excerpt(event.text)[:120],
                )
            )
        return out
