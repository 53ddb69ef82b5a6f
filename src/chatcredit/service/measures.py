"""The measures in force, in memory for ``permit``: sanctions on people and groups,
blacklist listings and local overrides, public accounts. Small tables, loaded whole from
the read handle and reloaded when a write (of this process or another, through the
journal) names :data:`~chatcredit.governance.records.MEASURES_CHANGED`."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from chatcredit.governance import blacklist
from chatcredit.governance.records import MEASURES_CHANGED, Account, Listing, Override, Sanction
from chatcredit.store.base import Store

_IN_FORCE = ("active", "proposed")


class Measures:
    def __init__(self, reads: Store) -> None:
        self._reads = reads
        self._lock = threading.Lock()
        self._loaded = False
        self._by_subject: dict[str, list[Sanction]] = {}
        self._listings: dict[str, list[Listing]] = {}
        self._globs: list[Listing] = []
        self._overrides: list[Override] = []
        self._accounts: dict[str, Account] = {}

    def changed(self, names: Iterable[str]) -> None:
        if MEASURES_CHANGED in names:
            self._loaded = False

    def _load(self) -> None:
        g = self._reads.governance
        sanctions = [s for s in g.find("sanction", status=_IN_FORCE) if isinstance(s, Sanction)]
        by_subject: dict[str, list[Sanction]] = {}
        for s in sanctions:
            by_subject.setdefault(s.subject, []).append(s)
        listings: dict[str, list[Listing]] = {}
        globs: list[Listing] = []
        for x in g.find("listing", status=("active",)):
            if isinstance(x, Listing):
                (globs if x.subject_kind == "user-glob" else listings.setdefault(x.subject, [])).append(x)
        overrides = [x for x in g.find("override") if isinstance(x, Override)]
        accounts = {a.account: a for a in g.find("account") if isinstance(a, Account)}
        with self._lock:
            self._by_subject, self._listings, self._globs = by_subject, listings, globs
            self._overrides, self._accounts = overrides, accounts
            self._loaded = True

    def sanctions(self, user: str, group: str | None, at: float) -> tuple[Sanction, ...]:
        """The sanctions in force on ``user`` and on ``group``."""
        if not self._loaded:
            self._load()
        by_subject = self._by_subject
        if not by_subject:
            return ()
        found = [s for s in by_subject.get(user, ()) if s.in_force(at)]
        if group is not None:
            found += [s for s in by_subject.get(group, ()) if s.in_force(at)]
        return tuple(found)

    def listing(self, user: str, at: float) -> Listing | None:
        if not self._loaded:
            self._load()
        exact = self._listings.get(user)
        if exact is None and not self._globs:
            return None
        return blacklist.in_force(user, [*(exact or ()), *self._globs], self._overrides, at)

    def account(self, user: str) -> Account | None:
        if not self._loaded:
            self._load()
        return self._accounts.get(user)
