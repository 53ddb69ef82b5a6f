"""What record keeping notes down: data restricted instead of erased, exports given to a
person, policy versions put in force. Each is a record of the records table (audited)."""

from __future__ import annotations

import msgspec

from chatcredit.vocabulary import Time

Index = tuple[str, str | None, str, float]


class Restriction(msgspec.Struct, frozen=True, tag="restriction"):
    """Data kept although its erasure was asked, and why (a legal hold, the retention
    minimum): excluded from everything but that purpose."""

    id: str
    user: str
    events: tuple[str, ...]
    reason: str
    by: str
    ts: Time

    def index_fields(self) -> Index:
        return (self.user, None, "restricted", self.ts)


class Export(msgspec.Struct, frozen=True, tag="export"):
    """A data-subject export: whose, when, by whom, and the hash of what was handed over."""

    id: str
    user: str
    by: str
    ts: Time
    digest: str
    size: int

    def index_fields(self) -> Index:
        return (self.user, None, "exported", self.ts)


class PolicyVersion(msgspec.Struct, frozen=True, tag="policy"):
    """A policy version, from when it was first put in force, and its text's source."""

    version: str
    first_used: Time
    source: str

    @property
    def id(self) -> str:
        return self.version

    def index_fields(self) -> Index:
        return (self.version, None, "in-force", self.first_used)
