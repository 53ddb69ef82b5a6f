"""The policy's due-process sections: reviews by people, appeals, reporters, notices.

Every key has a default (a policy written before these sections existed still loads) and
is documented in ``docs/policy.md``.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

Days = Annotated[float, msgspec.Meta(ge=0, le=36_500)]
Fraction = Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]
Count = Annotated[int, msgspec.Meta(ge=1, le=1_000_000)]
Prior = Annotated[float, msgspec.Meta(gt=0.0, le=1000.0)]
#: a notice template: ``string.Template`` text ($name placeholders; no attribute access)
Template = Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]


class _Model(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


class Reporting(_Model, frozen=True):
    #: Beta prior of each reporter's precision (upheld / decided): a new reporter starts at
    #: prior_upheld / (prior_upheld + prior_dismissed), and a few decisions move it
    prior_upheld: Prior = 2.0
    prior_dismissed: Prior = 2.0
    #: declared trusted flaggers (DSA Art. 22): their reports go first in the queue
    trusted_flaggers: list[str] = []
    #: a reporter with at least this many decided reports and a precision below
    #: `unfounded_precision` is warned; dismissed again after the warning, suspended
    unfounded_after: Count = 5
    unfounded_precision: Fraction = 0.2
    #: how long a suspension from reporting lasts (DSA Art. 23(2))
    suspension_days: Days = 30.0


class Oversight(_Model, frozen=True):
    #: how fast a critical penalty fades once a person has reviewed and upheld it
    reviewed_half_life_days: Annotated[float, msgspec.Meta(gt=0, le=36_500)] = 240.0
    #: how long a person's decision to remove a penalty also bars that rule from
    #: penalising that user again (the evidence itself is barred for good)
    mark_days: Days = 180.0
    #: by when an appeal must be decided, counted from its filing (shown as breached after)
    decision_days: Days = 14.0
    #: the messages before and after a reviewed message shown as its context
    context_messages: Annotated[int, msgspec.Meta(ge=0, le=50)] = 5


class NoticeText(_Model, frozen=True):
    """The lines of a statement of reasons, in one language."""

    decision: Template = "Decision: $measure."
    scope: Template = "Scope: $scope, from $start$until."
    until: Template = " until $end"
    facts: Template = "Facts: $facts"
    source: Template = "What started it: $source."
    rule: Template = "Rule: $rule, category $category ($category_title)."
    automation: Template = "Detection: $detection; decision: $decision_how ($automation)."
    points: Template = "Points: $points."
    score: Template = "Score: $score_before ($tier_before) -> $score_after ($tier_after). Key factors: $reasons."
    score_unchanged: Template = "Score: $score_after ($tier_after), unchanged. Key factors: $reasons."
    privileges: Template = "No longer allowed at this score: $lost."
    appeal: Template = (
        "You can appeal until $appeal_until (chatcredit appeal $target, or through the platform); "
        "a person who did not make this decision will review it."
    )
    note: Template = "Note: $note"


class Notices(_Model, frozen=True):
    #: the language statements of reasons are written in (a key of `templates`)
    language: str = "en"
    #: the templates by language; English is built in, others are added here
    templates: dict[str, NoticeText] = msgspec.field(default_factory=lambda: {"en": NoticeText()})

    def text(self, language: str | None = None) -> NoticeText:
        return self.templates.get(language or self.language) or self.templates.get("en") or NoticeText()
