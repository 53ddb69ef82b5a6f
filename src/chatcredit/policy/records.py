"""The policy's records sections: how long messages are kept, and the audit chain.

Every key has a default and is documented in ``docs/policy.md`` and ``docs/records.md``.
"""

from __future__ import annotations

import fnmatch
from typing import Annotated

import msgspec

Days = Annotated[int, msgspec.Meta(ge=0, le=36_500)]


class _Model(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


class Jurisdiction(_Model, frozen=True):
    #: the groups it covers (globs over group ids, e.g. "de-*")
    groups: Annotated[list[Annotated[str, msgspec.Meta(min_length=1)]], msgspec.Meta(min_length=1)]
    min_days: Days
    max_days: Days


class Retention(_Model, frozen=True):
    #: messages are kept at least this long (0 where blanket retention is not allowed)
    min_days: Days = 180
    #: and purged after this long, unless held or evidence in an open appeal window
    max_days: Days = 365
    #: how often `serve` runs retention (0: never; run `chatcredit retention run`)
    run_every_hours: Annotated[float, msgspec.Meta(ge=0, le=8760)] = 24.0
    #: other periods for the groups a jurisdiction covers (the first that matches wins)
    jurisdictions: dict[str, Jurisdiction] = {}

    def window(self, group: str | None) -> tuple[int, int]:
        """``(min_days, max_days)`` for a message in ``group``."""
        if group is not None:
            for rules in self.jurisdictions.values():
                if any(fnmatch.fnmatchcase(group, g) for g in rules.groups):
                    return rules.min_days, rules.max_days
        return self.min_days, self.max_days

    def longest_min(self) -> int:
        return max([self.min_days, *(j.min_days for j in self.jurisdictions.values())])


class Audit(_Model, frozen=True):
    #: append every state change to the hash-chained audit log (`chatcredit audit verify`)
    enabled: bool = True
