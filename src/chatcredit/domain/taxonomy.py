"""The fixed taxonomy of conduct categories.

Every rule maps to one of these categories; each has a stable short code and the
EU DSA transparency-database ``STATEMENT_CATEGORY_*`` value it is reported under.
The taxonomy is about conduct only: there is deliberately no category for political,
religious or other opinion, and a policy cannot add one (see ``FORBIDDEN_TERMS``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    dsa_category: str
    title: str


CATEGORIES: dict[str, Category] = {
    c.code: c
    for c in (
        Category("spam", "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE", "Unsolicited bulk or commercial messages"),
        Category("scam", "STATEMENT_CATEGORY_SCAMS_AND_FRAUD", "Scams, fraud and deceptive offers"),
        Category("harassment", "STATEMENT_CATEGORY_CYBER_VIOLENCE", "Harassment, insults and bullying of a person"),
        Category("threat", "STATEMENT_CATEGORY_VIOLENCE", "Threats of violence against a person or group"),
        Category(
            "hate",
            "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
            "Hate speech as a legal category (attacks on protected characteristics)",
        ),
        Category(
            "sexual-minors",
            "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
            "Sexual content involving minors or grooming",
        ),
        Category(
            "sexual-content",
            "STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT",
            "Unsolicited sexual content",
        ),
        Category("malware", "STATEMENT_CATEGORY_CYBER_VIOLENCE", "Malware and phishing links"),
        Category(
            "impersonation",
            "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
            "Impersonating another person or organisation",
        ),
        Category(
            "privacy",
            "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
            "Publishing another person's private data (doxxing)",
        ),
        Category("flooding", "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE", "Flooding a group with messages"),
        Category(
            "off-scope",
            "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE",
            "Breaking a group's or platform's own scope rules",
        ),
        Category(
            "negligent-moderation",
            "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
            "Leaving violations in a group one moderates unmoderated",
        ),
        Category("other", "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", "Other violation of the terms and conditions"),
    )
}

#: Words that may not appear in a category code or a rule's category: chatcredit scores
#: conduct, never views. A policy naming one is rejected at load time.
FORBIDDEN_TERMS: tuple[str, ...] = (
    "politic",
    "religio",
    "opinion",
    "belief",
    "ideolog",
    "faith",
    "party",
    "dissent",
)


def is_known(code: str) -> bool:
    return code in CATEGORIES


def is_forbidden(code: str) -> bool:
    lowered = code.lower()
    return any(term in lowered for term in FORBIDDEN_TERMS)
