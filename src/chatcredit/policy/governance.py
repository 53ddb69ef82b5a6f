"""Policy sections for governance: identity levels, admin accountability, public
accounts and the blacklist. Every field is documented in ``docs/policy.md``."""

from __future__ import annotations

from typing import Annotated

import msgspec

Code = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
Count = Annotated[int, msgspec.Meta(ge=1, le=1_000_000)]
Days = Annotated[float, msgspec.Meta(gt=0, le=36_500)]


class _Model(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


class SizeBand(_Model, frozen=True):
    """Groups of at least ``min_members`` members need ``level`` to be run."""

    min_members: Annotated[int, msgspec.Meta(ge=1, le=100_000_000)]
    level: Code


class Identity(_Model, frozen=True):
    #: the levels, weakest first; an ``identity_verified`` event names one of them
    levels: Annotated[list[Code], msgspec.Meta(min_length=1, max_length=32)] = msgspec.field(
        default_factory=lambda: ["none", "email", "phone", "document"]
    )
    #: the level needed to create a group, and to run (``manage_group``) any group
    create_group: Code = "none"
    manage_group: Code = "none"
    #: stricter levels for larger groups, for ``manage_group`` and ``grow_group``
    bands: list[SizeBand] = msgspec.field(
        default_factory=lambda: [SizeBand(min_members=500, level="phone"), SizeBand(min_members=5000, level="document")]
    )

    def rank(self, level: str) -> int:
        return self.levels.index(level) if level in self.levels else 0

    def needed_for(self, members: int | None) -> str:
        """The level needed to run a group of ``members`` (the strictest band it reaches)."""
        needed = self.manage_group
        for band in self.bands:
            if members is not None and members >= band.min_members and self.rank(band.level) > self.rank(needed):
                needed = band.level
        return needed


class Accountability(_Model, frozen=True):
    """Owners, admins and moderators answer for violations they leave standing."""

    #: a violation nobody with a role acted on within this time is unmoderated
    deadline_minutes: Annotated[float, msgspec.Meta(gt=0, le=525_600)] = 60.0
    #: what counts: unmoderated violations in a group within this many days
    window_days: Days = 30.0
    #: the group's steps, by unmoderated violations in the window
    warn_at: Count = 1
    suspend_posting_at: Count = 3
    propose_closure_at: Count = 5
    warning_days: Days = 30.0
    posting_suspension_hours: Annotated[float, msgspec.Meta(gt=0, le=876_000)] = 24.0
    #: health: 100 less this per unmoderated violation, plus this per moderated one, in the window
    unmoderated_cost: Annotated[int, msgspec.Meta(ge=0, le=100)] = 15
    moderated_credit: Annotated[int, msgspec.Meta(ge=0, le=100)] = 5
    #: every this many unmoderated violations one answers for (in the window), a
    #: ``negligent-moderation`` penalty of this severity
    negligence_every: Count = 2
    negligence_severity: Code = "medium"
    #: after this many negligence penalties in the window, or below this score, the
    #: person's admin rights are suspended and they may not create groups, for these periods
    suspend_admin_after: Count = 2
    suspend_admin_below_score: Annotated[int, msgspec.Meta(ge=0, le=1000)] = 350
    admin_suspension_days: Days = 30.0
    creation_bar_days: Days = 90.0


class Accounts(_Model, frozen=True):
    """Public accounts (channels, bots, organisation pages) and their operators."""

    #: the share of an account's penalty its operator answers for (0 turns it off)
    operator_share: Annotated[float, msgspec.Meta(ge=0.0, le=1.0)] = 0.5
    #: the largest audience an account may reach while its organisation is not verified
    unverified_max_audience: Annotated[int, msgspec.Meta(ge=0, le=100_000_000)] = 10_000


class Blacklist(_Model, frozen=True):
    """Who is proposed for the blacklist, and when a listing needs a human."""

    #: a penalty of this severity proposes a listing at once
    propose_on_severity: Code = "critical"
    #: so do this many penalties in the window after a first notice (a warning)
    manifest_count: Count = 5
    manifest_window_days: Days = 30.0
    #: how long a listing lasts
    listing_days: Days = 365.0
    #: categories whose proposals are confirmed without a human (none by default)
    auto_confirm: list[Code] = []


Problem = tuple[list[str | int], str]


def governance_problems(
    identity: Identity, accountability: Accountability, blacklist: Blacklist, severities: tuple[str, ...]
) -> list[Problem]:
    """What is wrong in these sections beyond their types: ``(keys, message)`` each."""
    from chatcredit.domain.taxonomy import is_known

    problems: list[Problem] = []
    levels = identity.levels
    if len(set(levels)) != len(levels):
        problems.append((["identity", "levels"], "each level once"))
    for key in ("create_group", "manage_group"):
        if getattr(identity, key) not in levels:
            problems.append((["identity", key], f"{getattr(identity, key)!r} is not one of identity.levels"))
    for i, band in enumerate(identity.bands):
        if band.level not in levels:
            problems.append((["identity", "bands", i, "level"], f"{band.level!r} is not one of identity.levels"))
    steps = (accountability.warn_at, accountability.suspend_posting_at, accountability.propose_closure_at)
    if list(steps) != sorted(steps):
        problems.append((["accountability", "suspend_posting_at"], "steps must not decrease: warn ≤ suspend ≤ close"))
    for section, key, value in (
        ("accountability", "negligence_severity", accountability.negligence_severity),
        ("blacklist", "propose_on_severity", blacklist.propose_on_severity),
    ):
        if value not in severities:
            problems.append(([section, key], f"unknown severity {value!r}; one of {', '.join(severities)}"))
    for i, category in enumerate(blacklist.auto_confirm):
        if not is_known(category):
            problems.append((["blacklist", "auto_confirm", i], f"unknown category {category!r}"))
    return problems
