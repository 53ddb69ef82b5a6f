"""The projection: every subject's standing state in memory, following the journal.

A :class:`~chatcredit.domain.tally.Tally` per subject is loaded from the store on first
use (two queries for a whole batch of subjects) and then kept current: by the writer of
this process, which publishes the tallies it changed when its transaction commits, and
by following the journal for what other processes wrote (at most ``follow_every``
seconds old, and always inside a write transaction before anything is decided).

Readers on other threads (the HTTP request loop) only ever see published tallies:
the writer works on copies. The cache is bounded; an evicted subject is reloaded.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence

from chatcredit.domain.tally import Tally
from chatcredit.policy.model import Policy
from chatcredit.store.base import Store

Listener = Callable[[Iterable[str]], None]


class Projection:
    def __init__(
        self,
        reads: Store,
        policy: Policy,
        capacity: int = 200_000,
        follow_every: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._reads = reads
        self._policy = policy
        self._capacity = capacity
        self._follow_every = follow_every
        self._monotonic = monotonic
        self._tallies: dict[str, Tally] = {}
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._followed = -float("inf")
        self.position = reads.journal.head()

    def on_change(self, listener: Listener) -> None:
        """Call ``listener(users)`` whenever those users' tallies change or are dropped."""
        self._listeners.append(listener)

    def __len__(self) -> int:
        return len(self._tallies)

    # ---------------------------------------------------------------- reading

    def get(self, user: str) -> Tally:
        """The user's current tally (loaded from the read handle on a miss)."""
        self.follow_if_due()
        tally = self._tallies.get(user)
        if tally is None:
            tally = self._load([user], self._reads)[user]
        return tally

    def get_many(self, users: Sequence[str], store: Store) -> dict[str, Tally]:
        """Tallies of ``users``, the missing ones loaded through ``store`` in two queries.
        Inside a write the users are locked first: what is read stays true until commit."""
        store.lock(users)
        found = {u: t for u in users if (t := self._tallies.get(u)) is not None}
        missing = [u for u in users if u not in found]
        if missing:
            found.update(self._load(missing, store))
        return found

    def _load(self, users: Sequence[str], store: Store) -> dict[str, Tally]:
        before = self.position
        entries = store.ledger.of_users(users)
        days = store.activity.days(users)
        loaded = {u: Tally(u, self._policy, entries.get(u, ()), days.get(u, ())) for u in users}
        with self._lock:
            if self.position == before:  # nothing was published meanwhile: safe to cache
                for user, tally in loaded.items():
                    self._tallies.setdefault(user, tally)
                self._evict()
        return loaded

    def _evict(self) -> None:
        """Drop the oldest cached tallies past capacity (dicts keep insertion order)."""
        excess = len(self._tallies) - self._capacity
        if excess > 0:
            for user in list(self._tallies)[:excess]:
                del self._tallies[user]

    # ---------------------------------------------------------------- changing

    def publish(
        self,
        tallies: Mapping[str, Tally],
        position: int | None = None,
        changed: Iterable[str] = (),
        days: Iterable[tuple[str, int]] = (),
    ) -> None:
        """Make the writer's committed tallies current (and move to its journal position).
        ``days`` are active days the writer recorded for users without a new tally: they
        are added to the cached tallies in place (one atomic step each: safe for readers).
        ``changed`` names users whose usage changed without a new tally (memberships)."""
        with self._lock:
            cached = self._tallies
            for user, day in days:
                if user not in tallies and (tally := cached.get(user)) is not None:
                    tally.add_day(day)
            cached.update(tallies)
            if position is not None:
                self.position = max(self.position, position)
            self._evict()
        self._notify({*tallies, *changed})

    def invalidate(self, users: Iterable[str]) -> None:
        users = list(users)
        with self._lock:
            for user in users:
                self._tallies.pop(user, None)
        self._notify(users)

    def clear(self) -> None:
        with self._lock:
            users = list(self._tallies)
            self._tallies.clear()
        self._notify(users)

    def follow(self, store: Store | None = None) -> set[str]:
        """Read the journal past our position and drop the tallies it names.

        Inside a write transaction (``store`` is the writer's) what it finds was written
        by other processes; outside, it may also name our own writes, which costs a reload."""
        source = store or self._reads
        changed: set[str] = set()
        more = True
        while more:
            start = self.position
            last, users, more = source.journal.since(start)
            changed |= users
            with self._lock:
                if self.position == start:
                    self.position = last
                    for user in users:
                        self._tallies.pop(user, None)
                else:  # the writer moved on meanwhile: drop these and read again
                    for user in users:
                        self._tallies.pop(user, None)
                    more = True
        self._followed = self._monotonic()
        if changed:
            self._notify(changed)
        return changed

    def follow_if_due(self) -> None:
        if self._monotonic() - self._followed >= self._follow_every:
            self.follow()

    def _notify(self, users: Iterable[str]) -> None:
        for listener in self._listeners:
            listener(users)
