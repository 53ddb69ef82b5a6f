"""The blacklist, pure: when a subject is proposed, what a listing denies, and how a
listing moves (proposed → active → lifted or expired; disputed when sources disagree;
overridden when a local allow-list entry says otherwise).

Proposals come only from manifest conduct: a penalty of the policy's gravest severity,
or a run of penalties after a first notice (DSA Art. 23: repeated manifestly illegal or
abusive conduct after a prior warning). A human confirms, except in the categories the
policy names in ``blacklist.auto_confirm``. Listed subjects may still read their own data
and appeal; every other action is denied with the listing's id and expiry.
"""

from __future__ import annotations

import fnmatch
import hashlib
from collections.abc import Iterable, Sequence

import msgspec

from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.standing import DAY
from chatcredit.errors import ConflictError
from chatcredit.governance.records import Listing, ListingStatus, Override, SubjectKind
from chatcredit.policy.governance import Blacklist


def listing_id(source: str, subject: str, category: str) -> str:
    return "bl-" + hashlib.blake2b(f"{source}\x1f{subject}\x1f{category}".encode(), digest_size=8).hexdigest()


def proposal(
    entry: LedgerEntry, penalties: Sequence[LedgerEntry], subject_kind: SubjectKind, policy: Blacklist, at: float
) -> Listing | None:
    """A listing proposed by ``entry`` (just decided), given the subject's ``penalties``
    (all of them, ``entry`` included), or None."""
    if entry.kind != "penalty":
        return None
    if entry.severity == policy.propose_on_severity:
        why = f"a {entry.severity} penalty ({entry.rule_id}) for {entry.evidence_event or 'a manual decision'}"
    else:
        ordered = sorted((p for p in penalties if p.kind == "penalty"), key=lambda p: (p.ts, p.seq))
        if not ordered:
            return None
        warning = ordered[0]  # the first notice is the warning the rest came after
        since = entry.ts - policy.manifest_window_days * DAY
        after = [p for p in ordered[1:] if since <= p.ts <= entry.ts]
        if len(after) < policy.manifest_count:
            return None
        why = (
            f"{len(after)} penalties within {policy.manifest_window_days:g} days after a first notice "
            f"({warning.id}), the latest {entry.rule_id}"
        )
    status: ListingStatus = "active" if entry.category in policy.auto_confirm else "proposed"
    return Listing(
        id=listing_id("local", entry.user, entry.category),
        subject=entry.user,
        subject_kind=subject_kind,
        category=entry.category,
        reason=why,
        source="local",
        created=at,
        expires=at + policy.listing_days * DAY,
        status=status,
        evidence=(entry.id,),
        by="automation",
        updated=at,
    )


def in_force(subject: str, listings: Iterable[Listing], overrides: Iterable[Override], at: float) -> Listing | None:
    """The listing that applies to ``subject`` now (an exact one, or a glob as Matrix
    policy lists write them), unless a local override allows the subject."""
    if any(o.subject == subject for o in overrides):
        return None
    for listing in listings:
        if not listing.in_force(at):
            continue
        if listing.subject == subject:
            return listing
        if listing.subject_kind == "user-glob" and fnmatch.fnmatchcase(subject, listing.subject):
            return listing
    return None


def confirm(listing: Listing, by: str, at: float) -> Listing:
    if listing.status not in ("proposed", "disputed"):
        raise ConflictError(f"{listing.id} is {listing.status}: only a proposed or disputed listing is confirmed")
    return msgspec.structs.replace(listing, status="active", by=by, updated=at)


def lift(listing: Listing, by: str, reason: str, at: float) -> Listing:
    if listing.status in ("lifted", "expired"):
        raise ConflictError(f"{listing.id} is already {listing.status}")
    return msgspec.structs.replace(listing, status="lifted", by=by, updated=at, note=reason)
