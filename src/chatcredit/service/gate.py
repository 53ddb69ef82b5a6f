"""The gate: ``permit`` answered from memory, on the platform's hot path.

Per user it keeps a tier snapshot (valid until the next tier change by decay, dropped
when the projection changes the user), a window of message times, and group counts;
each is loaded once, in the rare case of a miss. Nothing here takes a lock that a
writer holds: a miss reads through the projection's read handle.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from chatcredit.domain.permits import RATE_WINDOW, REGISTRY, PermitDecision, Permits, Usage, in_window
from chatcredit.domain.records import UsageCounts
from chatcredit.policy.model import Policy, Tier
from chatcredit.service.measures import Measures
from chatcredit.service.projection import Projection
from chatcredit.store.base import Store

_NO_USAGE = Usage()
#: the archive is asked for a little more than the window; ``in_window`` decides (the
#: store's interval is open at its start, the window includes a message exactly 60 s old)
_MARGIN = 1.0
#: users whose message windows are kept; the oldest are dropped past this (and reloaded)
WINDOWS_KEPT = 200_000


@dataclass(frozen=True, slots=True)
class _Snapshot:
    score: int
    tier: Tier
    reasons: tuple[str, ...]
    valid_until: float


class Gate:
    def __init__(self, reads: Store, projection: Projection, policy: Policy, clock: Callable[[], float]) -> None:
        self._reads = reads
        self._projection = projection
        self._policy = policy
        self._clock = clock
        self._permits = Permits(policy)
        self.measures = Measures(reads)
        self.reset()
        projection.on_change(self.forget)

    def reset(self) -> None:
        self._snapshots: dict[str, _Snapshot] = {}
        self._recent: dict[str, deque[float]] = {}
        self._usage: dict[str, UsageCounts] = {}
        self._group_sizes: dict[str, int] = {}

    def forget(self, users: Iterable[str]) -> None:
        """The projection changed these users: their snapshots and counts are stale."""
        users = list(users)
        self.measures.changed(users)
        for user in users:
            self._snapshots.pop(user, None)
            self._usage.pop(user, None)

    def forget_windows(self, users: Iterable[str]) -> None:
        """Another process wrote messages of these users: reload their rate windows."""
        for user in users:
            self._recent.pop(user, None)

    def forget_groups(self, groups: Iterable[str]) -> None:
        for group in groups:
            self._group_sizes.pop(group, None)

    def record_messages(self, times: Iterable[tuple[str, float]]) -> None:
        """Messages this process committed, for the rate windows already loaded."""
        recent = self._recent
        for user, ts in times:
            window = recent.get(user)
            if window is not None:  # not loaded yet: a later load reads it from the store
                window.append(ts)

    def permit(
        self,
        user: str,
        action: str,
        group: str | None = None,
        at: float | None = None,
        size: int | None = None,
        audience: int | None = None,
    ) -> PermitDecision:
        """``size``: the group's size asked for (grow_group); ``audience``: followers to
        reach (broadcast)."""
        if at is not None:
            return self._permit_at(user, action, group, at, size, audience)
        now = self._clock()
        self._projection.follow_if_due()
        snap = self._snapshots.get(user)
        if snap is None or now >= snap.valid_until:
            snap = self._snapshot(user, now)
        known = REGISTRY.get(action)
        needed = known.usage if known is not None else "none"
        if needed == "rate":
            usage = Usage(messages_last_minute=self._recent_count(user, now))
        elif needed == "groups":
            usage = self._usage_for(user, group)
        else:
            usage = _NO_USAGE
        usage = self._with_measures(usage, user, group, now, size, audience)
        return self._permits.permit(user, action, snap.score, snap.tier, usage, snap.reasons)

    def _with_measures(
        self, usage: Usage, user: str, group: str | None, at: float, size: int | None, audience: int | None
    ) -> Usage:
        """The usage with the measures in force; unchanged (no copy) when there are none,
        which is nearly always: the hot path pays two dictionary lookups."""
        m = self.measures
        sanctions = m.sanctions(user, group, at)
        listing = m.listing(user, at)
        account = m.account(user)
        if not sanctions and listing is None and account is None and size is None and audience is None:
            return usage
        return replace(
            usage,
            sanctions=sanctions,
            listing=listing,
            group_size=size if size is not None else usage.group_size,
            account=account is not None,
            verified_organization=account is not None and account.verified_organization,
            audience=audience,
        )

    def _snapshot(self, user: str, now: float) -> _Snapshot:
        s = self._projection.get(user).standing(now)
        valid = s.next_tier_at if s.next_tier_at is not None else float("inf")
        snap = _Snapshot(s.score, self._policy.tier_named(s.tier), tuple(r.code for r in s.reasons), valid)
        self._snapshots[user] = snap
        return snap

    def _recent_count(self, user: str, now: float) -> int:
        window = self._recent.get(user)
        if window is None:
            if len(self._recent) >= WINDOWS_KEPT:
                self._drop_idle_windows(now)
            times = self._reads.events.message_times(user, now - RATE_WINDOW - _MARGIN, now)
            window = self._recent[user] = deque(times)
        while window and not in_window(window[0], now):
            window.popleft()
        return len(window)

    def _drop_idle_windows(self, now: float) -> None:
        for user in [u for u, w in self._recent.items() if not w or not in_window(w[-1], now)]:
            del self._recent[user]
        while len(self._recent) >= WINDOWS_KEPT:
            del self._recent[next(iter(self._recent))]

    def _usage_for(self, user: str, group: str | None) -> Usage:
        counts = self._usage.get(user)
        if counts is None:
            counts = self._usage[user] = self._reads.groups.usage(user)
        size = None
        if group is not None:
            size = self._group_sizes.get(group)
            if size is None:
                size = self._group_sizes[group] = self._reads.groups.size(group)
        return Usage(0, counts.groups_owned, counts.groups_joined, counts.identity_level, size)

    def _permit_at(
        self, user: str, action: str, group: str | None, at: float, size: int | None, audience: int | None
    ) -> PermitDecision:
        """As of a past or future time: the standing then, the rate window read from the
        archive. Group counts are the current ones (memberships are not versioned)."""
        s = self._projection.get(user).standing(at)
        times = self._reads.events.message_times(user, at - RATE_WINDOW - _MARGIN, at)
        recent = sum(1 for ts in times if in_window(ts, at))
        counts = self._reads.groups.usage(user)
        group_size = self._reads.groups.size(group) if group is not None else None
        usage = Usage(recent, counts.groups_owned, counts.groups_joined, counts.identity_level, group_size)
        usage = self._with_measures(usage, user, group, at, size, audience)
        tier = self._policy.tier_named(s.tier)
        return self._permits.permit(user, action, s.score, tier, usage, tuple(r.code for r in s.reasons))
