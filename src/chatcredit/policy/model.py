"""The validated policy model. Every field is documented in ``docs/policy.md``."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from chatcredit.policy.detection import (
    Brake,
    Classifier,
    Crosspost,
    FloodWindow,
    Links,
    Mentions,
    Raid,
    Shouting,
    default_flood,
)
from chatcredit.policy.dueprocess import Notices, Oversight, Reporting
from chatcredit.policy.governance import Accountability, Accounts, Blacklist, Identity
from chatcredit.policy.records import Audit, Retention
from chatcredit.vocabulary import Severity as SeverityLevel

SeverityName = SeverityLevel
Code = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
#: counts and sizes: bounded, so that a typo cannot make a limit meaningless
NonNegative = Annotated[int, msgspec.Meta(ge=0, le=100_000_000)]
Fraction = Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]


class _Model(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


class Score(_Model, frozen=True):
    initial: Annotated[int, msgspec.Meta(ge=0, le=1000)]


class Tenure(_Model, frozen=True):
    points_per_active_day: Annotated[int, msgspec.Meta(ge=0, le=1000)]
    cap: Annotated[int, msgspec.Meta(ge=0, le=1000)]


class Severity(_Model, frozen=True):
    points: Annotated[int, msgspec.Meta(gt=0, le=1000)]
    #: 0 means the penalty does not decay until a human has reviewed it.
    half_life_days: Annotated[float, msgspec.Meta(ge=0, le=36_500)]


class Severities(_Model, frozen=True):
    low: Severity
    medium: Severity
    high: Severity
    critical: Severity

    def get(self, name: str) -> Severity:
        sev: Severity = getattr(self, name)
        return sev


class Repeat(_Model, frozen=True):
    multiplier: Annotated[float, msgspec.Meta(ge=1.0, le=10.0)]
    max_multiplier: Annotated[float, msgspec.Meta(ge=1.0, le=100.0)]
    counting_fraction: Fraction


class Review(_Model, frozen=True):
    #: Signals below this confidence go to the review queue instead of costing points.
    automate_at_confidence: Fraction


class Tier(_Model, frozen=True):
    name: Code
    min_score: Annotated[int, msgspec.Meta(ge=0, le=1000)]
    messages_per_minute: NonNegative
    links: bool
    media: bool
    invites: bool
    max_groups_owned: NonNegative
    max_group_size: NonNegative
    max_groups_joined: NonNegative
    administer: bool


class Rule(_Model, frozen=True):
    id: Code
    category: Code
    severity: SeverityName
    title: str = ""
    mode: Literal["enforce", "shadow"] = "enforce"
    groups: list[str] = []
    languages: list[str] = []
    keywords: list[Annotated[str, msgspec.Meta(min_length=1)]] = []
    patterns: list[Annotated[str, msgspec.Meta(min_length=1)]] = []
    #: set phrases in which the rule's words mean something else ("spic and span", "a chink in
    #: the armour"): the rule is matched again with these blanked out, and hits only if it
    #: still does (RE2, on folded text, like ``patterns``)
    unless: list[Annotated[str, msgspec.Meta(min_length=1)]] = []
    reason: Code | None = None
    points: Annotated[int, msgspec.Meta(gt=0, le=1000)] | None = None

    @property
    def reason_code(self) -> str:
        return self.reason or self.id


class Ingest(_Model, frozen=True):
    #: how far ahead of the clock an event's time may be (clocks differ a little)
    future_tolerance_seconds: Annotated[float, msgspec.Meta(ge=0, le=10 * 365 * 86_400)]


class History(_Model, frozen=True):
    #: whether an imported export's violations cost points (off: judged in shadow)
    penalise_history: bool = False


class Appeals(_Model, frozen=True):
    window_days: Annotated[int, msgspec.Meta(ge=180, le=36_500)]


class Policy(_Model, frozen=True):
    name: str
    score: Score
    tenure: Tenure
    severities: Severities
    repeat: Repeat
    review: Review
    appeals: Appeals
    tiers: Annotated[list[Tier], msgspec.Meta(min_length=1)]
    identity: Identity = msgspec.field(default_factory=Identity)
    accountability: Accountability = msgspec.field(default_factory=Accountability)
    accounts: Accounts = msgspec.field(default_factory=Accounts)
    blacklist: Blacklist = msgspec.field(default_factory=Blacklist)
    oversight: Oversight = msgspec.field(default_factory=Oversight)
    reporting: Reporting = msgspec.field(default_factory=Reporting)
    notices: Notices = msgspec.field(default_factory=Notices)
    retention: Retention = msgspec.field(default_factory=Retention)
    audit: Audit = msgspec.field(default_factory=Audit)
    import_: History = msgspec.field(default_factory=History, name="import")
    rules: list[Rule] = []
    ingest: Ingest = msgspec.field(default_factory=lambda: Ingest(future_tolerance_seconds=300.0))
    flood: list[FloodWindow] = msgspec.field(default_factory=default_flood)
    mentions: Mentions = msgspec.field(default_factory=Mentions)
    crosspost: Crosspost = msgspec.field(default_factory=Crosspost)
    raid: Raid = msgspec.field(default_factory=Raid)
    links: Links = msgspec.field(default_factory=Links)
    shouting: Shouting = msgspec.field(default_factory=Shouting)
    brake: Brake = msgspec.field(default_factory=Brake)
    classifier: Classifier = msgspec.field(default_factory=Classifier)
    #: Set by the loader: the content hash, where it came from, and the text itself.
    version: str = ""
    source: str = ""
    text: str = ""

    def tier_named(self, name: str) -> Tier:
        for tier in self.tiers:
            if tier.name == name:
                return tier
        raise KeyError(name)

    def tier_for(self, score: int) -> Tier:
        for tier in self.tiers:  # sorted by min_score, highest first (checked at load)
            if score >= tier.min_score:
                return tier
        return self.tiers[-1]

    def tier_above(self, tier: Tier) -> Tier | None:
        index = self.tiers.index(tier)
        return self.tiers[index - 1] if index > 0 else None
