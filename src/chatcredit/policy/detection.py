"""Policy sections for detection: behavioural thresholds, link lists, the brake, the classifier.

Every section has defaults, so a policy that omits one still loads; the packaged default
policy spells them all out. Documented key by key in ``docs/policy.md``.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from chatcredit.vocabulary import Severity

SeverityName = Severity
CounterKey = Literal["user", "user+group", "group", "platform"]
Positive = Annotated[int, msgspec.Meta(ge=1, le=100_000_000)]
Seconds = Annotated[float, msgspec.Meta(gt=0, le=365 * 86_400)]
Days = Annotated[float, msgspec.Meta(ge=0, le=3650)]
AtLeastTwo = Annotated[int, msgspec.Meta(ge=2, le=100_000_000)]
Fraction = Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]
Code = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]


class _Section(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


class FloodWindow(_Section, frozen=True):
    messages: AtLeastTwo
    seconds: Seconds
    severity: SeverityName = "low"
    reason: Code = "flooding"
    key: CounterKey = "user"


def default_flood() -> list[FloodWindow]:
    return [FloodWindow(messages=10, seconds=10), FloodWindow(messages=60, seconds=300)]


class Mentions(_Section, frozen=True):
    per_message: Positive = 10
    per_window: Positive = 30
    window_seconds: Seconds = 120
    severity: SeverityName = "low"
    key: CounterKey = "user"


class Crosspost(_Section, frozen=True):
    min_chars: Positive = 25
    groups: AtLeastTwo = 3
    window_seconds: Seconds = 900
    new_account_days: Days = 7
    new_accounts: AtLeastTwo = 5
    similarity: Fraction = 0.8
    severity: SeverityName = "medium"


class Raid(_Section, frozen=True):
    joins: AtLeastTwo = 25
    window_seconds: Seconds = 120
    new_account_days: Days = 2


class Links(_Section, frozen=True):
    block_domains: list[str] = []
    allow_domains: list[str] = []
    shorteners: list[str] = []
    new_account_days: Days = 1
    block_severity: SeverityName = "critical"
    block_category: Code = "malware"


class Shouting(_Section, frozen=True):
    min_chars: Positive = 24
    caps_ratio: Fraction = 0.85
    max_emoji: Positive = 30
    repeat: Positive = 3
    window_seconds: Seconds = 300
    severity: SeverityName = "low"


class Brake(_Section, frozen=True):
    recent_hours: Seconds = 24
    max_share: Fraction = 0.05
    min_messages: Positive = 200


class Head(_Section, frozen=True):
    category: Code
    severity: SeverityName = "medium"
    reason: Code | None = None
    # A head that refines another does not flag anything: when the head it refines flags a
    # message and this one's probability is at least 0.5, the finding is recorded under this
    # head's category, severity and reason instead (hate, not plain harassment).
    refines: str | None = None


#: A head that refines another names the category of a finding at this probability or above.
CATEGORY_AT = 0.5


class Burst(_Section, frozen=True):
    """Context: several messages from one user at one target, each leaning to a flagging
    head but below the review band, within a window. Alone none is flagged; together they
    go to review (never to a penalty), as a burst of insults at one person does."""

    enabled: bool = True
    # Abuse at a person; not spam (a helper's run of commands and links leans to spam, and
    # flooding and cross-posting are detected as such).
    heads: list[str] = msgspec.field(default_factory=lambda: ["harassment"])
    leaning_at: Fraction = 0.25
    messages: AtLeastTwo = 3
    window_seconds: Seconds = 600


class Classifier(_Section, frozen=True):
    enabled: bool = True
    model: str = ""
    automate_at: Fraction = 0.98
    review_at: Fraction = 0.5
    heads: dict[str, Head] = msgspec.field(
        default_factory=lambda: {
            "spam": Head(category="spam"),
            "harassment": Head(category="harassment"),
            "hate": Head(category="hate", severity="high", refines="harassment"),
            "threat": Head(category="threat", severity="high", refines="harassment"),
            "sexual": Head(category="sexual-content", refines="harassment"),
        }
    )
    burst: Burst = msgspec.field(default_factory=Burst)

    @property
    def flagging(self) -> list[str]:
        """The heads that flag a message (the others only name its category)."""
        return [name for name, head in self.heads.items() if head.refines is None]
