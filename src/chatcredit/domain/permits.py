"""Services by score: may this user do this action now? A pure decision on cached state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chatcredit.domain.windows import in_window as within
from chatcredit.errors import InvalidRequest
from chatcredit.policy.model import IDENTITY_ORDER, Policy, Tier

#: the message-rate window, in seconds
RATE_WINDOW = 60.0


def in_window(ts: float, now: float) -> bool:
    """Does a message at ``ts`` count towards the rate limit at ``now``?"""
    return within(ts, now, RATE_WINDOW)


ACTIONS: tuple[str, ...] = (
    "send_message",
    "post_link",
    "post_media",
    "invite",
    "create_group",
    "join_group",
    "manage_group",
)


@dataclass(frozen=True, slots=True)
class Usage:
    """What the user currently uses, as far as the limits care."""

    messages_last_minute: int = 0
    groups_owned: int = 0
    groups_joined: int = 0
    identity_level: str = "none"
    group_size: int | None = None


@dataclass(frozen=True, slots=True)
class PermitDecision:
    user: str
    action: str
    allowed: bool
    tier: str
    score: int
    reasons: tuple[str, ...]
    threshold: int | None = None
    limit: int | None = None
    allowance: int | None = None


_Capability = Callable[[Tier], bool]
_CAPABILITIES: dict[str, _Capability] = {
    "send_message": lambda t: t.messages_per_minute > 0,
    "post_link": lambda t: t.links,
    "post_media": lambda t: t.media,
    "invite": lambda t: t.invites,
    "create_group": lambda t: t.max_groups_owned > 0,
    "join_group": lambda t: t.max_groups_joined > 0,
    "manage_group": lambda t: t.administer,
}
_DENIED_CODE = {
    "send_message": "messages-not-in-tier",
    "post_link": "links-not-in-tier",
    "post_media": "media-not-in-tier",
    "invite": "invites-not-in-tier",
    "create_group": "group-creation-not-in-tier",
    "join_group": "joining-not-in-tier",
    "manage_group": "administration-not-in-tier",
}


class Services:
    """The policy's tiers turned into fast permit decisions."""

    def __init__(self, policy: Policy) -> None:
        self._policy = policy
        self._threshold = {
            action: min((t.min_score for t in policy.tiers if grants(t)), default=None)
            for action, grants in _CAPABILITIES.items()
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
        grants = _CAPABILITIES.get(action)
        if grants is None:
            raise InvalidRequest(f"unknown action {action!r}; known: {', '.join(ACTIONS)}")
        threshold = self._threshold[action]
        if not grants(tier):
            return PermitDecision(
                user, action, False, tier.name, score, (_DENIED_CODE[action], *standing_reasons), threshold
            )
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
