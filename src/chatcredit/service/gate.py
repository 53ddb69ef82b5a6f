"""The gate: ``permit`` answered from cached state, on the platform's hot path.

Per user it keeps a tier snapshot (valid until the next tier change by decay, dropped
when the ledger or activity changes), a 60-second window of message times, and group
counts; each is loaded from the store once, in the rare case of a miss.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from chatcredit.domain.permits import PermitDecision, Services, Usage
from chatcredit.domain.standing import Standing
from chatcredit.policy.model import Policy, Tier
from chatcredit.store.base import Store, UsageCounts

RATE_WINDOW = 60.0
#: A snapshot is trusted this long at most, so that changes made by another process
#: (a moderator's `chatcredit reverse` beside a running service) are seen within it.
SNAPSHOT_TTL = 30.0
_NO_USAGE = Usage()
_GROUP_ACTIONS = frozenset({"create_group", "join_group", "manage_group"})


@dataclass(frozen=True, slots=True)
class _Snapshot:
    score: int
    tier: Tier
    reasons: tuple[str, ...]
    valid_until: float


class Gate:
    def __init__(
        self,
        store: Store,
        policy: Policy,
        clock: Callable[[], float],
        standing_of: Callable[[str, float], Standing],
    ) -> None:
        self._store = store
        self._policy = policy
        self._clock = clock
        self._standing_of = standing_of
        self._services = Services(policy)
        self.reset()

    def reset(self) -> None:
        self._snapshots: dict[str, _Snapshot] = {}
        self._recent: dict[str, deque[float]] = {}
        self._usage: dict[str, UsageCounts] = {}
        self._group_sizes: dict[str, int] = {}

    # kept current by the engine
    def forget_standing(self, user: str) -> None:
        self._snapshots.pop(user, None)

    def forget_usage(self, user: str, group: str | None = None) -> None:
        self._usage.pop(user, None)
        if group is not None:
            self._group_sizes.pop(group, None)

    def record_message(self, user: str, ts: float) -> None:
        window = self._recent.get(user)
        if window is not None:  # not loaded yet: a later load reads it from the store
            window.append(ts)

    def permit(self, user: str, action: str, group: str | None = None, at: float | None = None) -> PermitDecision:
        if at is not None:
            return self._permit_at(user, action, group, at)
        now = self._clock()
        snap = self._snapshots.get(user)
        if snap is None or now >= snap.valid_until:
            snap = self._snapshot(user, now)
        if action == "send_message":
            usage = Usage(messages_last_minute=self._recent_count(user, now))
        elif action in _GROUP_ACTIONS:
            usage = self._usage_for(user, group)
        else:
            usage = _NO_USAGE
        return self._services.permit(user, action, snap.score, snap.tier, usage, snap.reasons)

    def _snapshot(self, user: str, now: float) -> _Snapshot:
        s = self._standing_of(user, now)
        valid = min(now + SNAPSHOT_TTL, s.next_tier_at if s.next_tier_at is not None else float("inf"))
        snap = _Snapshot(s.score, self._policy.tier_named(s.tier), tuple(r.code for r in s.reasons), valid)
        self._snapshots[user] = snap
        return snap

    def _recent_count(self, user: str, now: float) -> int:
        window = self._recent.get(user)
        if window is None:
            window = self._recent[user] = deque(self._store.message_times(user, now - RATE_WINDOW, now))
        while window and window[0] <= now - RATE_WINDOW:
            window.popleft()
        return len(window)

    def _usage_for(self, user: str, group: str | None) -> Usage:
        counts = self._usage.get(user)
        if counts is None:
            counts = self._usage[user] = self._store.usage_counts(user)
        size = None
        if group is not None:
            size = self._group_sizes.get(group)
            if size is None:
                size = self._group_sizes[group] = self._store.group_size(group)
        return Usage(0, counts.groups_owned, counts.groups_joined, counts.identity_level, size)

    def _permit_at(self, user: str, action: str, group: str | None, at: float) -> PermitDecision:
        """As of a past or future time: folded fresh, rate window read from the archive.
        Group counts are the current ones (memberships are not versioned)."""
        s = self._standing_of(user, at)
        recent = len(self._store.message_times(user, at - RATE_WINDOW, at))
        counts = self._store.usage_counts(user)
        size = self._store.group_size(group) if group is not None else None
        usage = Usage(recent, counts.groups_owned, counts.groups_joined, counts.identity_level, size)
        tier = self._policy.tier_named(s.tier)
        return self._services.permit(user, action, s.score, tier, usage, tuple(r.code for r in s.reasons))
