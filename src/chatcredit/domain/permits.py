"""Permits by score: may this user do this action now? A pure decision on cached state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import msgspec

from chatcredit.domain.windows import in_window as within
from chatcredit.errors import InvalidRequest
from chatcredit.governance.records import Listing, Sanction
from chatcredit.policy.model import Policy, Tier
from chatcredit.vocabulary import Time

#: the message-rate window, in seconds
RATE_WINDOW = 60.0


def in_window(ts: float, now: float) -> bool:
    """Does a message at ``ts`` count towards the rate limit at ``now``?"""
    return within(ts, now, RATE_WINDOW)


@dataclass(frozen=True, slots=True)
class Usage:
    """What the user currently uses, and the measures in force, as far as permits care."""

    messages_last_minute: int = 0
    groups_owned: int = 0
    groups_joined: int = 0
    identity_level: str = "none"
    #: the group's size (manage_group), or the size asked for (grow_group)
    group_size: int | None = None
    #: sanctions in force on the user and on the group asked about
    sanctions: tuple[Sanction, ...] = ()
    #: the blacklist listing in force on the user, if any
    listing: Listing | None = None
    #: a public account: its organisation verified?, and the audience asked for (broadcast)
    account: bool = False
    verified_organization: bool = False
    audience: int | None = None


class PermitDecision(msgspec.Struct, frozen=True):
    """The answer of ``permit``: its fields are the JSON view and the OpenAPI schema."""

    user: str
    action: str
    allowed: bool
    tier: str
    score: int
    reasons: tuple[str, ...]
    threshold: int | None = None
    limit: int | None = None
    allowance: int | None = None
    #: how much of the limit is used (groups owned or joined, the group's size)
    current: int | None = None
    #: the identity level needed, and how to get there
    needed_level: str | None = None
    how: str | None = None
    #: the sanction or listing that denies it, and until when
    measure: str | None = None
    until: Time | None = None


UsageNeeded = Literal["none", "rate", "groups"]


@dataclass(frozen=True, slots=True)
class Action:
    """An action ``permit`` answers for: which tiers grant it, the reason code when the
    tier does not, what current usage the gate must look up, and the sanctions that
    deny it (``group`` ones when they are on the group asked about)."""

    name: str
    grants: Callable[[Tier], bool]
    denied: str
    usage: UsageNeeded = "none"
    blocked_by: tuple[str, ...] = ()


_POSTING = ("posting-suspended",)
#: the action registry: adding an action is adding a row (and documenting its codes)
REGISTRY: dict[str, Action] = {
    a.name: a
    for a in (
        Action("send_message", lambda t: t.messages_per_minute > 0, "messages-not-in-tier", "rate", _POSTING),
        Action("post_link", lambda t: t.links, "links-not-in-tier", "none", _POSTING),
        Action("post_media", lambda t: t.media, "media-not-in-tier", "none", _POSTING),
        Action("invite", lambda t: t.invites, "invites-not-in-tier"),
        Action(
            "create_group", lambda t: t.max_groups_owned > 0, "group-creation-not-in-tier", "groups", ("create-barred",)
        ),
        Action("join_group", lambda t: t.max_groups_joined > 0, "joining-not-in-tier", "groups"),
        Action("manage_group", lambda t: t.administer, "administration-not-in-tier", "groups", ("manage-suspended",)),
        Action("grow_group", lambda t: t.administer, "administration-not-in-tier", "groups", ("manage-suspended",)),
        Action("broadcast", lambda t: t.links, "broadcast-not-in-tier"),
    )
}
ACTIONS: tuple[str, ...] = tuple(REGISTRY)
_SANCTION_CODES = {
    "posting-suspended": "group-posting-suspended",
    "create-barred": "group-creation-barred",
    "manage-suspended": "admin-rights-suspended",
}


class Permits:
    """The policy's tiers, sanctions and identity levels turned into permit decisions."""

    def __init__(self, policy: Policy) -> None:
        self._policy = policy
        self._threshold = {
            name: min((t.min_score for t in policy.tiers if action.grants(t)), default=None)
            for name, action in REGISTRY.items()
        }

    def permit(
        self,
        user: str,
        action: str,
        score: int,
        tier: Tier,
        usage: Usage,
        standing_reasons: tuple[str, ...] = (),
    ) -> PermitDecision:
        known = REGISTRY.get(action)
        if known is None:
            raise InvalidRequest(f"unknown action {action!r}; known: {', '.join(ACTIONS)}")
        threshold = self._threshold[action]
        if usage.listing is not None:  # listed: nothing but reading one's own data and appealing
            listing = usage.listing
            reasons = ("blacklisted", listing.category)
            return PermitDecision(
                user, action, False, tier.name, score, reasons, threshold, measure=listing.id, until=listing.expires
            )
        for sanction in usage.sanctions:  # a measure in force says more than the tier would
            if sanction.kind in known.blocked_by:
                code = (_SANCTION_CODES[sanction.kind],)
                return PermitDecision(
                    user, action, False, tier.name, score, code, threshold, measure=sanction.id, until=sanction.end
                )
        if not known.grants(tier):
            return PermitDecision(user, action, False, tier.name, score, (known.denied, *standing_reasons), threshold)
        if action == "send_message":
            limit = tier.messages_per_minute
            used = usage.messages_last_minute
            left = limit - used
            if left <= 0:
                return PermitDecision(
                    user, action, False, tier.name, score, ("rate-limit-exceeded",), threshold, limit, 0, used
                )
            return PermitDecision(user, action, True, tier.name, score, ("tier-allows",), threshold, limit, left, used)
        if known.usage == "groups" or usage.audience is not None:
            base = PermitDecision(user, action, False, tier.name, score, (), threshold)
            denial = self._limit_denial(action, tier, usage, base)
            if denial is not None:
                return denial
        return PermitDecision(user, action, True, tier.name, score, ("tier-allows",), threshold)

    def _limit_denial(self, action: str, tier: Tier, usage: Usage, base: PermitDecision) -> PermitDecision | None:
        identity = self._policy.identity
        have = identity.rank(usage.identity_level)

        def over(code: str, current: int, limit: int) -> PermitDecision:
            return msgspec.structs.replace(base, reasons=(code,), current=current, limit=limit, allowance=0)

        def verify(level: str) -> PermitDecision | None:
            if have >= identity.rank(level):
                return None
            how = f"verify your identity to level {level!r} with the platform's verification provider"
            return msgspec.structs.replace(
                base, reasons=("identity-verification-required",), needed_level=level, how=how
            )

        if action == "create_group":
            if usage.groups_owned >= tier.max_groups_owned:
                return over("group-ownership-limit-reached", usage.groups_owned, tier.max_groups_owned)
            if usage.group_size is not None and usage.group_size > tier.max_group_size:
                return over("group-size-limit-reached", usage.group_size, tier.max_group_size)
            level = identity.needed_for(usage.group_size)  # the size planned, where one is given
            if identity.rank(identity.create_group) > identity.rank(level):
                level = identity.create_group
            return verify(level)
        if action == "join_group" and usage.groups_joined >= tier.max_groups_joined:
            return over("group-join-limit-reached", usage.groups_joined, tier.max_groups_joined)
        if action in ("manage_group", "grow_group"):
            size = usage.group_size
            if size is not None and size > tier.max_group_size:
                code = "group-too-large-for-tier" if action == "manage_group" else "group-size-limit-reached"
                return over(code, size, tier.max_group_size)
            return verify(identity.needed_for(size))
        if action == "broadcast" and usage.audience is not None and not usage.verified_organization:
            cap = self._policy.accounts.unverified_max_audience
            if usage.audience > cap:
                denied = over("organization-verification-required", usage.audience, cap)
                return msgspec.structs.replace(denied, how="have the organisation verified by the platform")
        return None
