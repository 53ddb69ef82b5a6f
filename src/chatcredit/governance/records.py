"""The records governance keeps: role spans, violations, sanctions, public accounts,
blacklist listings and their sources. Each is one msgspec struct: the store keeps its
JSON body with a few indexed columns (``index_of``), the views are derived from it."""

from __future__ import annotations

from typing import Literal

import msgspec

from chatcredit.dueprocess.cases import Appeal, Delivery, Mark, Referral, Reporter
from chatcredit.records.holds import Hold
from chatcredit.records.notes import Export, PolicyVersion, Restriction
from chatcredit.vocabulary import Time

ViolationState = Literal["pending", "moderated", "unmoderated"]
SanctionKind = Literal["group-warning", "posting-suspended", "closure-proposed", "manage-suspended", "create-barred"]
SanctionStatus = Literal["active", "proposed", "lifted", "expired"]
ListingStatus = Literal["proposed", "active", "lifted", "expired", "disputed", "overridden"]
Opinion = Literal["positive", "needs-investigation", "false-positive"]
SubjectKind = Literal["user", "account", "domain", "user-glob"]


class RoleSpan(msgspec.Struct, frozen=True, tag="role"):
    """``user`` held ``role`` in ``group`` from ``since`` until ``until`` (open: now)."""

    group: str
    user: str
    role: str
    since: Time
    until: Time | None = None

    @property
    def id(self) -> str:
        return f"{self.group}\x1f{self.user}\x1f{self.role}\x1f{self.since!r}"

    def held_at(self, ts: float) -> bool:
        return self.since <= ts and (self.until is None or ts < self.until)


class Violation(msgspec.Struct, frozen=True, tag="violation"):
    """A penalty for something posted in a group, and whether the group's people acted."""

    entry_id: str
    group: str
    user: str
    message: str | None
    ts: Time
    deadline: Time
    state: ViolationState = "pending"
    moderated_by: str | None = None
    #: people with a role who acted in the group between the violation and the deadline
    acted: tuple[str, ...] = ()
    #: people with a role at the time who did not act: who answers for it
    accountable: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.entry_id


class Sanction(msgspec.Struct, frozen=True, tag="sanction"):
    """A measure beyond points: on a group (warning, posting suspended, closure proposed)
    or a person (admin rights suspended, group creation barred). Never silent: each has
    notices, a cause, a start and (but a proposed closure) an end."""

    id: str
    kind: SanctionKind
    subject: str  # the group for a group's sanction, the person's id for a person's
    group: str | None
    start: Time
    end: Time | None
    reason: str
    cause: str  # what triggered it: the violations or penalties it rests on
    status: SanctionStatus = "active"
    by: str = "accountability"
    lifted_by: str | None = None
    lifted_at: Time | None = None
    lift_reason: str = ""

    def in_force(self, at: float) -> bool:
        return self.status == "active" and self.start <= at and (self.end is None or at < self.end)


class Account(msgspec.Struct, frozen=True, tag="account"):
    """A public account: scored and listed like a user; ``operator`` answers for it."""

    account: str
    operator: str
    kind: str
    verified_organization: bool
    registered: Time
    name: str = ""

    @property
    def id(self) -> str:
        return self.account


class Listing(msgspec.Struct, frozen=True, tag="listing"):
    """A blacklist entry, local or from a shared list (``bank``), with its provenance."""

    id: str
    subject: str
    subject_kind: SubjectKind
    category: str
    reason: str
    source: str  # "local", or the bank an imported entry came from
    created: Time
    expires: Time | None
    status: ListingStatus
    opinion: Opinion = "positive"
    evidence: tuple[str, ...] = ()
    by: str = ""
    updated: Time = 0.0
    note: str = ""

    def in_force(self, at: float) -> bool:
        return self.status == "active" and (self.expires is None or at < self.expires)


class Bank(msgspec.Struct, frozen=True, tag="bank"):
    """A source of shared listings: its trust, and how far its list has been applied."""

    name: str
    trusted: bool = False
    checkpoint: float = 0.0

    @property
    def id(self) -> str:
        return self.name


class Override(msgspec.Struct, frozen=True, tag="override"):
    """A local allow-list entry: wins over every imported listing of the subject."""

    subject: str
    reason: str
    by: str
    created: Time

    @property
    def id(self) -> str:
        return self.subject


class Verification(msgspec.Struct, frozen=True, tag="verification"):
    """An identity check: only the level, the provider and its reference, never documents."""

    user: str
    level: str
    provider: str
    provider_ref: str
    ts: Time

    @property
    def id(self) -> str:
        return self.user


#: every record the records table keeps: governance's and due process's (dueprocess/cases.py)
GovRecord = (
    RoleSpan
    | Violation
    | Sanction
    | Account
    | Listing
    | Bank
    | Override
    | Verification
    | Appeal
    | Mark
    | Delivery
    | Reporter
    | Referral
    | Hold
    | Restriction
    | Export
    | PolicyVersion
)
CASES = (Appeal, Mark, Delivery, Reporter, Referral, Hold, Restriction, Export, PolicyVersion)
KINDS: dict[type, str] = {
    cls: str(cls.__struct_config__.tag)
    for cls in (RoleSpan, Violation, Sanction, Account, Listing, Bank, Override, Verification, *CASES)
}


#: named in the journal when sanctions or listings change: every process's gate reloads them
MEASURES_CHANGED = "~measures"


def governance_subjects(records: list[GovRecord]) -> set[str]:
    """Whom these records concern, for the journal (and the marker for the gates)."""
    out: set[str] = set()
    for r in records:
        if isinstance(r, Sanction | Listing | Account | Override):
            out.add(MEASURES_CHANGED)
            if isinstance(r, Sanction | Listing):
                out.add(r.subject)
    return out


class Index(msgspec.Struct, frozen=True):
    kind: str
    id: str
    subject: str
    group: str | None
    status: str
    ts: float


def index_of(r: GovRecord) -> Index:
    """The columns a record is found by: its subject, its group, its status, its time."""
    kind = KINDS[type(r)]
    if isinstance(r, RoleSpan):
        return Index(kind, r.id, r.user, r.group, "open" if r.until is None else "closed", r.since)
    if isinstance(r, Violation):
        return Index(kind, r.id, r.user, r.group, r.state, r.ts)
    if isinstance(r, Sanction):
        return Index(kind, r.id, r.subject, r.group, r.status, r.start)
    if isinstance(r, Account):
        return Index(kind, r.id, r.operator, None, r.kind, r.registered)
    if isinstance(r, Listing):
        return Index(kind, r.id, r.subject, None, r.status, r.created)
    if isinstance(r, Bank):
        return Index(kind, r.id, r.name, None, "trusted" if r.trusted else "review", r.checkpoint)
    if isinstance(r, Verification):
        return Index(kind, r.id, r.user, None, r.level, r.ts)
    if isinstance(r, Override):
        return Index(kind, r.id, r.subject, None, "allow", r.created)
    return Index(kind, r.id, *r.index_fields())


_encoder = msgspec.json.Encoder()
_decoder: msgspec.json.Decoder[GovRecord] = msgspec.json.Decoder(GovRecord)


def encode_record(r: GovRecord) -> bytes:
    return _encoder.encode(r)


def decode_record(body: bytes) -> GovRecord:
    return _decoder.decode(body)
