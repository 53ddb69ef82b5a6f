"""Statements of reasons in the EU DSA transparency database's format (Art. 24(5)).

``statement_of`` maps a notice to a record of the database's fields and enumerations;
``validate`` checks a record against them (the enumerations are ``Literal`` types: msgspec
refuses any other value) before it is written. The record carries no personal data: the
``puid`` is the notice's opaque id, and the facts name the rule and the kind of content,
never the person, the group or the text. Pure.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import msgspec

from chatcredit.domain.taxonomy import CATEGORIES
from chatcredit.dueprocess.notices import Notice

DecisionVisibility = Literal[
    "DECISION_VISIBILITY_CONTENT_REMOVED",
    "DECISION_VISIBILITY_CONTENT_DISABLED",
    "DECISION_VISIBILITY_CONTENT_DEMOTED",
    "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED",
    "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
    "DECISION_VISIBILITY_CONTENT_LABELLED",
    "DECISION_VISIBILITY_OTHER",
]
DecisionMonetary = Literal["DECISION_MONETARY_SUSPENSION", "DECISION_MONETARY_TERMINATION", "DECISION_MONETARY_OTHER"]
DecisionProvision = Literal[
    "DECISION_PROVISION_PARTIAL_SUSPENSION",
    "DECISION_PROVISION_TOTAL_SUSPENSION",
    "DECISION_PROVISION_PARTIAL_TERMINATION",
    "DECISION_PROVISION_TOTAL_TERMINATION",
]
DecisionAccount = Literal["DECISION_ACCOUNT_SUSPENDED", "DECISION_ACCOUNT_TERMINATED"]
DecisionGround = Literal["DECISION_GROUND_ILLEGAL_CONTENT", "DECISION_GROUND_INCOMPATIBLE_CONTENT"]
ContentType = Literal[
    "CONTENT_TYPE_APP",
    "CONTENT_TYPE_AUDIO",
    "CONTENT_TYPE_IMAGE",
    "CONTENT_TYPE_PRODUCT",
    "CONTENT_TYPE_SYNTHETIC_MEDIA",
    "CONTENT_TYPE_TEXT",
    "CONTENT_TYPE_VIDEO",
    "CONTENT_TYPE_OTHER",
]
SourceType = Literal[
    "SOURCE_ARTICLE_16", "SOURCE_TRUSTED_FLAGGER", "SOURCE_TYPE_OTHER_NOTIFICATION", "SOURCE_VOLUNTARY"
]
AutomatedDecision = Literal[
    "AUTOMATED_DECISION_FULLY", "AUTOMATED_DECISION_PARTIALLY", "AUTOMATED_DECISION_NOT_AUTOMATED"
]
YesNo = Literal["Yes", "No"]
Category = Literal[
    "STATEMENT_CATEGORY_ANIMAL_WELFARE",
    "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
    "STATEMENT_CATEGORY_CYBER_VIOLENCE",
    "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN",
    "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
    "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
    "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS",
    "STATEMENT_CATEGORY_NON_CONSENSUAL_BEHAVIOUR",
    "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
    "STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT",
    "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
    "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
    "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
    "STATEMENT_CATEGORY_SELF_HARM",
    "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE",
    "STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS",
    "STATEMENT_CATEGORY_VIOLENCE",
]
Date = Annotated[str, msgspec.Meta(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=5000)]
Short = Annotated[str, msgspec.Meta(min_length=1, max_length=500)]


class StatementOfReasons(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """One record, with the transparency database's field names and enumerations."""

    decision_ground: DecisionGround
    category: Category
    content_type: Annotated[list[ContentType], msgspec.Meta(min_length=1)]
    content_date: Date
    application_date: Date
    decision_facts: Text
    source_type: SourceType
    automated_detection: YesNo
    automated_decision: AutomatedDecision
    puid: Short
    decision_visibility: list[DecisionVisibility] | None = None
    decision_visibility_other: Short | None = None
    decision_monetary: DecisionMonetary | None = None
    decision_provision: DecisionProvision | None = None
    decision_account: DecisionAccount | None = None
    incompatible_content_ground: Text | None = None
    incompatible_content_explanation: Text | None = None
    incompatible_content_illegal: YesNo | None = None
    content_type_other: Short | None = None
    end_date_visibility_restriction: Date | None = None
    end_date_account_restriction: Date | None = None
    end_date_service_restriction: Date | None = None


class InvalidStatement(ValueError):
    """A record that does not fit the transparency database's format."""


def validate(record: dict[str, Any]) -> StatementOfReasons:
    """The record as a checked statement, or InvalidStatement saying which field is wrong."""
    try:
        sor = msgspec.convert(record, StatementOfReasons)
    except msgspec.ValidationError as exc:
        raise InvalidStatement(str(exc)) from None
    if not (sor.decision_visibility or sor.decision_monetary or sor.decision_provision or sor.decision_account):
        raise InvalidStatement("a statement needs at least one restriction (visibility, monetary, provision, account)")
    other = sor.decision_visibility and "DECISION_VISIBILITY_OTHER" in sor.decision_visibility
    if other and not sor.decision_visibility_other:
        raise InvalidStatement("DECISION_VISIBILITY_OTHER needs decision_visibility_other")
    if "CONTENT_TYPE_OTHER" in sor.content_type and not sor.content_type_other:
        raise InvalidStatement("CONTENT_TYPE_OTHER needs content_type_other")
    if sor.decision_ground == "DECISION_GROUND_INCOMPATIBLE_CONTENT" and not (
        sor.incompatible_content_ground and sor.incompatible_content_explanation and sor.incompatible_content_illegal
    ):
        raise InvalidStatement("incompatible content needs its ground, explanation and whether it is also illegal")
    return sor


_SOURCES = {
    "user-report": "SOURCE_ARTICLE_16",
    "trusted-flagger": "SOURCE_TRUSTED_FLAGGER",
    "automated-detection": "SOURCE_VOLUNTARY",
    "moderator": "SOURCE_VOLUNTARY",
}
_AUTOMATION = {
    "fully": "AUTOMATED_DECISION_FULLY",
    "partially": "AUTOMATED_DECISION_PARTIALLY",
    "not": "AUTOMATED_DECISION_NOT_AUTOMATED",
}
#: the measures that restrict something, and how (kinds of notices with no restriction,
#: such as a group warning or a reversal, are no statement for the database)
_ACCOUNT_MEASURES = {"listing"}
_SERVICE_MEASURES = {"manage-suspended", "create-barred", "posting-suspended", "reporting-suspended"}


def _day(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d")


def statement_of(notice: Notice) -> dict[str, Any] | None:
    """The record for ``notice``, or None when it restricts nothing."""
    if notice.recipient != "subject" or not notice.appealable:
        return None
    known = CATEGORIES.get(notice.category)
    title = known.title if known else notice.category
    record: dict[str, Any] = {
        "decision_ground": "DECISION_GROUND_INCOMPATIBLE_CONTENT",
        "incompatible_content_ground": f"Platform rules, rule '{notice.rule_id}': {title}",
        "incompatible_content_illegal": "No",
        "category": notice.dsa_category or "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
        "content_date": _day(notice.start if notice.start is not None else notice.ts),
        "application_date": _day(notice.ts),
        "source_type": _SOURCES.get(notice.origin, "SOURCE_VOLUNTARY"),
        "automated_detection": "Yes" if notice.automated_detection else "No",
        "automated_decision": _AUTOMATION[notice.automation_level],
        "puid": notice.id,
    }
    detected = "automated detection" if notice.automated_detection else "a person"
    decided = "automatically" if notice.automated_decision else "by a person"
    if notice.kind == "penalty":
        record["content_type"] = ["CONTENT_TYPE_TEXT"]
        record["decision_visibility"] = ["DECISION_VISIBILITY_OTHER"]
        record["decision_visibility_other"] = "the author's standing (credit score) was lowered"
        explanation = f"A chat message broke rule '{notice.rule_id}' ({title}). {notice.points_text}."
        if notice.privileges_lost:
            record["decision_provision"] = "DECISION_PROVISION_PARTIAL_SUSPENSION"
            explanation += f" Privileges lost at the new score: {', '.join(notice.privileges_lost)}."
    elif notice.kind in _ACCOUNT_MEASURES | _SERVICE_MEASURES:
        record["content_type"] = ["CONTENT_TYPE_OTHER"]
        record["content_type_other"] = "account conduct"
        if notice.kind in _ACCOUNT_MEASURES:
            record["decision_account"] = "DECISION_ACCOUNT_SUSPENDED"
            if notice.end is not None:
                record["end_date_account_restriction"] = _day(notice.end)
        else:
            record["decision_provision"] = "DECISION_PROVISION_PARTIAL_SUSPENSION"
            if notice.end is not None:
                record["end_date_service_restriction"] = _day(notice.end)
        explanation = f"Measure '{notice.kind}' under the platform rules ({title}): {notice.scope}."
    else:
        return None
    record["incompatible_content_explanation"] = explanation
    record["decision_facts"] = f"{explanation} Detected by {detected}; decided {decided}."
    return record
