"""Oversight: what moderators see and do about groups, sanctions and the blacklist.

Reads come from the read handle; every act (a sweep, a listing added, confirmed or
lifted, an allow-list entry, a shared list imported) is a write through the one writer,
with its notices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import msgspec

from chatcredit.domain.effects import Effects
from chatcredit.domain.standing import DAY
from chatcredit.domain.taxonomy import is_known
from chatcredit.domain.timestamps import to_iso
from chatcredit.dueprocess.notices import measure_notice
from chatcredit.errors import InvalidRequest, NotFound
from chatcredit.governance import accountability, blacklist, formats, sharing
from chatcredit.governance.records import (
    Account,
    Bank,
    Listing,
    Override,
    RoleSpan,
    Sanction,
    SubjectKind,
    Violation,
)
from chatcredit.policy.model import Policy
from chatcredit.service.governance import Governor
from chatcredit.service.pending import Pending
from chatcredit.service.projection import Projection
from chatcredit.service.writer import Writer
from chatcredit.store.base import Store


class GroupReport(msgspec.Struct, frozen=True):
    """A group as a moderator sees it: who runs it, its state, its health, its record."""

    group: str
    owner: str | None
    admins: tuple[str, ...]
    moderators: tuple[str, ...]
    members: int
    status: str
    health: int
    sanctions: tuple[Sanction, ...]
    violations: int
    unmoderated: tuple[Violation, ...]
    recent: tuple[Violation, ...]


@dataclass(frozen=True, slots=True)
class ImportReport:
    source: str
    added: int
    changed: int
    retracted: int
    disputed: int
    unchanged: int
    broken: list[formats.Broken]


class Oversight:
    def __init__(
        self, reads: Store, writer: Writer, projection: Projection, policy: Policy, clock: Callable[[], float]
    ) -> None:
        self._reads = reads
        self._writer = writer
        self._projection = projection
        self._policy = policy
        self._clock = clock
        self._governor = Governor(projection, policy)

    # ------------------------------------------------------------- reading

    def group(self, group: str, at: float | None = None) -> GroupReport:
        at = self._clock() if at is None else at
        g = self._reads.governance
        spans = [r for r in g.find("role", group=group) if isinstance(r, RoleSpan)]
        if not spans and not self._reads.groups.size(group):
            raise NotFound(f"no group {group!r}")
        holding = [r for r in spans if r.held_at(at)]
        violations = [v for v in g.find("violation", group=group) if isinstance(v, Violation) and v.ts <= at]
        sanctions = tuple(s for s in g.find("sanction", subject=group) if isinstance(s, Sanction))
        in_force = [
            s
            for s in sanctions
            if s.status in ("active", "proposed") and s.start <= at and (s.end is None or at < s.end)
        ]
        status = max(
            (s.kind for s in in_force), key=lambda k: accountability.STEPS.index(k), default="in-good-standing"
        )
        since = at - self._policy.accountability.window_days * DAY
        return GroupReport(
            group=group,
            owner=next((r.user for r in holding if r.role == "owner"), None),
            admins=tuple(sorted({r.user for r in holding if r.role == "admin"})),
            moderators=tuple(sorted({r.user for r in holding if r.role == "moderator"})),
            members=self._reads.groups.size(group),
            status=status,
            health=accountability.health(violations, at, self._policy.accountability),
            sanctions=sanctions,
            violations=len(violations),
            unmoderated=tuple(v for v in violations if v.state == "unmoderated" and v.ts >= since),
            recent=tuple(v for v in violations if v.ts >= since)[-20:],
        )

    def groups(self, at: float | None = None) -> list[GroupReport]:
        """Every group with a recorded owner or role, least healthy first."""
        names = sorted({r.group for r in self._reads.governance.find("role") if isinstance(r, RoleSpan)})
        return sorted((self.group(n, at) for n in names), key=lambda r: (r.health, r.group))

    def sanctions(self, subject: str) -> list[Sanction]:
        return [s for s in self._reads.governance.find("sanction", subject=subject) if isinstance(s, Sanction)]

    def listings(self, status: Sequence[str] = ()) -> list[Listing]:
        return [x for x in self._reads.governance.find("listing", status=status) if isinstance(x, Listing)]

    def listing(self, listing_id: str) -> Listing:
        found = self._reads.governance.get("listing", listing_id)
        if not isinstance(found, Listing):
            raise NotFound(f"no blacklist entry {listing_id!r}")
        return found

    def listings_of(self, subject: str) -> list[Listing]:
        return [x for x in self._reads.governance.find("listing", subject=subject) if isinstance(x, Listing)]

    def account(self, account: str) -> Account | None:
        found = self._reads.governance.get("account", account)
        return found if isinstance(found, Account) else None

    # ------------------------------------------------------------- acting

    def sweep(self, at: float | None = None) -> Effects:
        """Judge the violations whose moderation deadline passed by ``at`` (now)."""
        at = self._clock() if at is None else at

        def decide(store: Store) -> tuple[Effects, Effects]:
            effects = Effects()
            self._governor.sweep(store, at, self._clock(), effects)
            return effects, effects

        return self._writer.write(decide)

    def add_listing(
        self, subject: str, category: str, reason: str, by: str, days: float | None = None, kind: SubjectKind = "user"
    ) -> Listing:
        """A moderator lists a subject: active at once, with a notice."""
        if not is_known(category):
            raise InvalidRequest(f"unknown category {category!r}")
        now = self._clock()
        expires = now + (days if days is not None else self._policy.blacklist.listing_days) * DAY
        listing = Listing(
            blacklist.listing_id("local", subject, category),
            subject,
            kind,
            category,
            reason,
            "local",
            now,
            expires,
            "active",
            by=by,
            updated=now,
        )
        return self._store_listing(listing, "listed by a moderator")

    def confirm(self, listing_id: str, by: str) -> Listing:
        return self._store_listing(blacklist.confirm(self.listing(listing_id), by, self._clock()), f"confirmed by {by}")

    def lift(self, listing_id: str, by: str, reason: str) -> Listing:
        return self._store_listing(
            blacklist.lift(self.listing(listing_id), by, reason, self._clock()), f"lifted by {by}: {reason}"
        )

    def allow(self, subject: str, reason: str, by: str) -> Override:
        """A local allow-list entry: no imported listing applies to ``subject``."""
        override = Override(subject, reason, by, self._clock())

        def decide(store: Store) -> tuple[Effects, Override]:
            effects = Effects(records=[override])
            return effects, override

        return self._writer.write(decide)

    def _store_listing(self, listing: Listing, what: str) -> Listing:
        now = self._clock()

        def decide(store: Store) -> tuple[Effects, Listing]:
            effects = Effects(records=[listing])
            if listing.subject_kind in ("user", "account"):
                tally = self._projection.get_many([listing.subject], store)[listing.subject]
                state = {"active": "listed", "proposed": "proposed for listing", "lifted": "listing lifted"}.get(
                    listing.status, listing.status
                )
                until = f" until {to_iso(listing.expires)}" if listing.expires and listing.status == "active" else ""
                measure = f"blacklist: {state}{until} ({what})"
                effects.notices.append(
                    measure_notice(
                        listing.subject,
                        f"{listing.id}:{listing.status}:{now!r}",
                        "listing",
                        measure,
                        listing.reason,
                        listing.category,
                        tally.standing(now),
                        self._policy,
                        now,
                        automated=False,
                        end=listing.expires if listing.status == "active" else None,
                        appealable=listing.status != "lifted",
                    )
                )
            return effects, listing

        return self._writer.write(decide, subjects=[listing.subject])

    # ------------------------------------------------------------- shared lists

    def export_list(self, source: str = "local") -> bytes:
        listings = [x for x in self.listings() if x.source == source]
        return formats.export_native(listings, source, self._clock())

    def import_list(
        self, data: bytes, source: str, fmt: str = "chatcredit", trusted: bool | None = None
    ) -> ImportReport:
        entries, broken = formats.parse(data, fmt, source)
        now = self._clock()

        def decide(store: Store) -> tuple[Effects, ImportReport]:
            effects = Effects()
            pending = Pending(store, effects)
            bank = pending.get(Bank, source) or Bank(source)
            if trusted is not None:
                bank = msgspec.structs.replace(bank, trusted=trusted)
            current = {x.id: x for x in pending.find(Listing) if x.source == source}
            others = [x for x in pending.find(Listing) if x.source != source]
            overrides = {o.subject for o in pending.find(Override)}
            merged = sharing.merge(entries.entries, current, others, overrides, bank, now)
            for listing in merged.changed:
                pending.put(listing)
            pending.put(msgspec.structs.replace(bank, checkpoint=max(bank.checkpoint, entries.checkpoint)))
            report = ImportReport(
                source, merged.added, merged.updated, merged.retracted, merged.disputed, merged.unchanged, broken
            )
            return effects, report

        return self._writer.write(decide)
