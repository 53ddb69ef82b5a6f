"""Legal holds: a user's, a group's or a case's records kept beyond retention and erasure."""

from __future__ import annotations

import hashlib
from typing import Literal

import msgspec

from chatcredit.vocabulary import Time

HoldScope = Literal["user", "group", "case"]
HoldStatus = Literal["active", "lifted"]


class Hold(msgspec.Struct, frozen=True, tag="hold"):
    id: str
    scope: HoldScope
    target: str  # the user, the group, or the case (an event id or a case name)
    reason: str
    by: str
    created: Time
    until: Time | None
    status: HoldStatus = "active"
    lifted_by: str | None = None
    lifted_at: Time | None = None

    def index_fields(self) -> tuple[str, str | None, str, float]:
        return (self.target, None, self.status, self.created)

    def in_force(self, at: float) -> bool:
        return self.status == "active" and (self.until is None or at < self.until)

    def covers(self, event_id: str, user: str, group: str | None, at: float) -> bool:
        if not self.in_force(at):
            return False
        if self.scope == "user":
            return self.target == user
        if self.scope == "group":
            return self.target == group
        return self.target == event_id


def hold_id(scope: str, target: str, created: float) -> str:
    return "h-" + hashlib.blake2b(f"{scope}\x1f{target}\x1f{created!r}".encode(), digest_size=8).hexdigest()
