"""Shared blacklists, pure: merging a source's (a bank's) list into the listings.

Imported entries wait for review (``proposed``) unless their bank is trusted; a local
allow-list entry wins over every import; sources that disagree make an entry
``disputed``; a retraction lifts; the same list applied twice changes nothing. The
formats a list comes in are :mod:`chatcredit.governance.formats`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import msgspec

from chatcredit.governance.blacklist import listing_id
from chatcredit.governance.formats import SharedEntry
from chatcredit.governance.records import Bank, Listing, ListingStatus


@dataclass(slots=True)
class Merged:
    changed: list[Listing] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    retracted: int = 0
    disputed: int = 0
    unchanged: int = 0


def _ts(value: datetime | None, default: float) -> float:
    return value.timestamp() if value is not None else default


def merge(
    entries: Sequence[SharedEntry],
    current: Mapping[str, Listing],
    others: Sequence[Listing],
    overrides: set[str],
    bank: Bank,
    now: float,
) -> Merged:
    """Apply a bank's entries to its listings (``current``, by id), idempotently: the same
    list twice changes nothing; a retraction lifts; an opinion that contradicts another
    source's (or a local) listing of the subject makes both ``disputed``."""
    out = Merged()
    result: dict[str, Listing] = dict(current)
    for e in entries:
        lid = listing_id(bank.name, e.subject, e.category)
        existing = result.get(lid)
        if e.retracted:
            if existing is not None and existing.status not in ("lifted", "expired"):
                result[lid] = msgspec.structs.replace(
                    existing, status="lifted", updated=now, note="retracted by the source"
                )
                out.retracted += 1
            else:
                out.unchanged += 1
            continue
        status: ListingStatus
        if e.subject in overrides:
            status = "overridden"
        elif e.opinion == "positive" and bank.trusted:
            status = "active"
        else:
            status = "proposed"
        fresh = Listing(
            id=lid,
            subject=e.subject,
            subject_kind=e.subject_kind,
            category=e.category,
            reason=e.reason,
            source=bank.name,
            created=_ts(e.created, existing.created if existing else now),
            expires=_ts(e.expires, 0.0) if e.expires is not None else None,
            status=status,
            opinion=e.opinion,
            updated=_ts(e.updated, _ts(e.created, now)),
        )
        if existing is None:
            result[lid] = fresh
            out.added += 1
        elif _same(existing, fresh):
            out.unchanged += 1
        else:
            keep = (
                existing.status
                if existing.status in ("active", "lifted") and existing.opinion == fresh.opinion
                else fresh.status
            )
            result[lid] = msgspec.structs.replace(fresh, status=keep, by=existing.by)
            out.updated += 1
    # sources that disagree: a false-positive opinion beside a listing elsewhere
    everything = [*others, *result.values()]
    live = [x for x in everything if x.status not in ("lifted", "expired", "overridden")]
    for subject in {x.subject for x in live}:
        opinions = {x.opinion for x in live if x.subject == subject}
        if "false-positive" in opinions and opinions - {"false-positive"}:
            for x in live:
                if x.subject == subject and x.status != "disputed" and x.source == bank.name:
                    result[x.id] = msgspec.structs.replace(x, status="disputed", updated=now)
                    out.disputed += 1
                elif x.subject == subject and x.status != "disputed":
                    out.changed.append(msgspec.structs.replace(x, status="disputed", updated=now))
                    out.disputed += 1
    out.changed.extend(x for lid, x in result.items() if current.get(lid) != x)
    return out


def _same(a: Listing, b: Listing) -> bool:
    keys = ("subject", "subject_kind", "category", "reason", "opinion", "expires")
    return all(getattr(a, k) == getattr(b, k) for k in keys) and (a.status == b.status or a.status == "active")
