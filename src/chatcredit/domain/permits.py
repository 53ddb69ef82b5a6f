"""Permits by score: may this user do this action now? A pure decision on cached state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import msgspec

from chatcredit.domain.windows import in_window as within
from chatcredit.errors import InvalidRequest
from chatcredit.policy.model import IDENTITY_ORDER, Policy, Tier

#: the message-rate window, in seconds
RATE_WINDOW = 60.0


def in_window(ts: float, now: float) -> bool:
    """Does a message at ``ts`` count towards the rate limit at ``now``?"""
    return within(ts, now, RATE_WINDOW)


@dataclass(frozen=True, slots=True)
class Usage:
    """What the user currently uses, as far as the limits care."""

    messages_last_minute: int = 0
    groups_owned: int = 0
    groups_joined: int = 0
    identity_level: str = "none"
    group_size: int | None = None


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


UsageNeeded = Literal["none", "rate", "groups"]


@dataclass(frozen=True, slots=True)
class Action:
    """An action ``permit`` answers for: which tiers grant it, the reason code when the
    tier does not, and what current usage the gate must look up to decide it."""

    name: str
    grants: Callable[[Tier], bool]
    denied: str
    usage: UsageNeeded = "none"


#: the action registry: adding an action is adding a row (and documenting its codes)
REGISTRY: dict[str, Action] = {
    a.name: a
    for a in (
        Action("send_message", lambda t: t.messages_per_minute > 0, "messages-not-in-tier", "rate"),
        Action("post_link", lambda t: t.links, "links-not-in-tier"),
        Action("post_media", lambda t: t.media, "media-not-in-tier"),
        Action("invite", lambda t: t.invites, "invites-not-in-tier"),
        Action("create_group", lambda t: t.max_groups_owned > 0, "group-creation-not-in-tier", "groups"),
        Action("join_group", lambda t: t.max_groups_joined > 0, "joining-not-in-tier", "groups"),
        Action("manage_group", lambda t: t.administer, "administration-not-in-tier", "groups"),
    )
}
ACTIONS: tuple[str, ...] = tuple(REGISTRY)


class Permits:
    """The policy's tiers turned into fast permit decisions."""

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
        if not known.grants(tier):
            return PermitDecision(user, action, False, tier.name, score, (known.denied, *standing_reasons), threshold)
        if action == "send_message":
            limit = tier.messages_per_minute
            left = limit - usage.messages_last_minute
            if left <= 0:
                return PermitDecision(
                    user, action, False, tier.name, score, ("rate-limit-exceeded",), threshold, limit, 0
                )
            return PermitDecision(user, action, True, tier.name, score, ("tier-allows",), threshold, limit, left)
        denial = self._limit_denial(action, tier, usage)
        if denial:
            return PermitDecision(user, action, False, tier.name, score, (denial,), threshold)
        return PermitDecision(user, action, True, tier.name, score, ("tier-allows",), threshold)

    def _limit_denial(self, action: str, tier: Tier, usage: Usage) -> str | None:
        identity = self._policy.identity
        level = IDENTITY_ORDER.get(usage.identity_level, 0)
        if action == "create_group":
            if usage.groups_owned >= tier.max_groups_owned:
                return "group-ownership-limit-reached"
            if level < IDENTITY_ORDER[identity.create_group]:
                return "identity-verification-required"
        if action == "join_group" and usage.groups_joined >= tier.max_groups_joined:
            return "group-join-limit-reached"
        if action == "manage_group" and usage.group_size is not None:
            if usage.group_size > tier.max_group_size:
                return "group-too-large-for-tier"
            if usage.group_size >= identity.large_group_size and level < IDENTITY_ORDER[identity.large_group]:
                return "identity-verification-required"
        return None
