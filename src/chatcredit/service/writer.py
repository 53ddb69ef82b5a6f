"""The one writer: applies :class:`~chatcredit.domain.effects.Effects` in one transaction.

Every change to domain state goes through :meth:`Writer.write`: it opens the store's
transaction and locks the subjects it is about to judge (on SQLite the transaction holds
the whole file; on PostgreSQL each subject's row, so writers of different subjects run
at once), follows the journal so that what other processes wrote is known before
anything is decided, lets the caller decide (pure functions returning effects; a
standing read inside locks its subject too), applies the effects, takes the lock that
orders commits, checks that nobody changed the same subjects meanwhile, numbers the
ledger entries and appends one journal row naming the users changed, commits, and only
then publishes the new tallies to the projection (readers never see a write that was
rolled back). This is where the audit chain and the notice outbox hook in.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from chatcredit.domain.effects import Effects
from chatcredit.dueprocess.cases import Delivery
from chatcredit.errors import StoreConflict
from chatcredit.records.audit import chain
from chatcredit.records.trail import has_state, items_of, kind_of, summary_of
from chatcredit.service.projection import Projection
from chatcredit.store.base import Store

T = TypeVar("T")
#: a conflict with another writer is retried this many times before it is reported, after
#: a short random pause (two writers that deadlocked do not meet again at once)
RETRIES = 8
PAUSE_SECONDS = 0.05


class Writer:
    def __init__(
        self, store: Store, projection: Projection, clock: Callable[[], float] = time.time, audit: bool = True
    ) -> None:
        self.store = store
        self.projection = projection
        self._clock = clock
        self._audit = audit
        self._after_commit: list[Callable[[Effects], None]] = []

    def after_commit(self, hook: Callable[[Effects], None]) -> None:
        """Call ``hook(effects)`` after each committed write (the gate's rate windows)."""
        self._after_commit.append(hook)

    def write(
        self,
        decide: Callable[[Store], tuple[Effects, T]],
        on_retry: Callable[[], None] | None = None,
        subjects: Sequence[str] = (),
    ) -> T:
        """Run ``decide(store)`` inside the write transaction and apply what it returns.

        ``subjects`` are locked first (a batch's authors: the events of one subject are
        deduplicated and judged by one writer at a time). ``decide`` reads through
        ``store`` (it sees everything committed, by any process) and returns the effects
        and a result for the caller. A conflict (a unique key another writer took first,
        a subject another writer changed meanwhile, a deadlock between two writers) rolls
        back and runs ``decide`` again on fresh state."""
        for attempt in range(RETRIES + 1):
            try:
                effects, result = self._once(decide, subjects)
                break
            except StoreConflict:  # another writer took a key first: decide again on fresh state
                self.projection.clear()
                if attempt == RETRIES:
                    raise
                if on_retry is not None:
                    on_retry()
                time.sleep(random.uniform(0, PAUSE_SECONDS * (attempt + 1)))
        for hook in self._after_commit:
            hook(effects)
        return result

    def _once(self, decide: Callable[[Store], tuple[Effects, T]], subjects: Sequence[str]) -> tuple[Effects, T]:
        store = self.store
        with store.transaction():
            store.lock(subjects)
            self.projection.follow(store)  # others' writes, read once the subjects are held
            effects, result = decide(store)
            self._apply(effects)
            users = effects.changed_users
            position = None
            trail = self._audit and has_state(effects)
            if users or effects.entries or trail:
                store.lock_commits()  # from here to the commit, one writer at a time
                late = self.projection.follow(store) & users
                if late:  # changed by another process after we read them (unlocked subjects)
                    raise StoreConflict(f"{len(late)} subjects were changed by another writer meanwhile")
                self._place(effects)
                position = store.journal.append(list(users), self._clock()) if users else None
                if trail:  # the audit chain: what this write changed, after the previous record
                    items = items_of(effects)
                    record = chain(
                        store.audit.head(),
                        self._clock(),
                        kind_of(effects),
                        effects.actor,
                        summary_of(effects, items),
                        items,
                    )
                    store.audit.append([record])
        # published only once committed: readers never see a write that was rolled back
        self.projection.publish(effects.tallies, position, users, effects.active_days)
        return effects, result

    def _apply(self, e: Effects) -> None:
        s = self.store
        if e.rejects:
            s.quarantine.add(e.rejects)
        if e.events:
            s.events.add(e.events)
        if e.active_days:
            s.activity.add(e.active_days)
        if e.memberships:
            s.groups.apply(e.memberships)
        for user, level in e.identities:
            s.groups.set_identity(user, level)
        if e.moderation:
            s.groups.add_actions(e.moderation)
        if e.notices:  # each notice with its place in the outbox, in the same transaction
            s.notices.add(e.notices)
            s.governance.put([Delivery(n.id, n.user, n.ts, next_at=n.ts) for n in e.notices])
        if e.reviews:
            s.reviews.add(e.reviews)
        if e.decided:
            s.reviews.update(e.decided)
        if e.shadow:
            s.detection.add_shadow_hits(e.shadow)
        if e.first_seen:
            s.detection.add_users(e.first_seen)
        if e.brakes:
            s.detection.add_brakes(e.brakes)
        if e.records:
            s.governance.put(e.records)
        if e.purged:
            s.archive.purge(e.purged)
        if e.erasure is not None:
            x = e.erasure
            s.archive.erase(x.user, x.pseudonym, x.events, x.notices, x.reviews)
        for key in e.api_keys:  # a new key, or one revoked
            if key.revoked is not None and s.keys.get(key.id) is not None:
                s.keys.revoke(key.id, key.revoked)
            else:
                s.keys.add(key)

    def _place(self, e: Effects) -> None:
        """Append the ledger entries, numbered in commit order (under the commit lock)."""
        if e.entries:
            placed = {p.id: p for p in self.store.ledger.append(e.entries)}
            e.entries = list(placed.values())
            for user in {p.user for p in placed.values()}:  # tallies keep the entries with their positions
                tally = e.tallies[user]
                tally.entries = [placed.get(x.id, x) for x in tally.entries]
