"""Rendering a statement of reasons from the policy's templates, in a chosen language.

The notice keeps its contents as fields (what the DSA Art. 17 asks for); the text is
rendered from them by ``string.Template`` (``$name`` placeholders only: a policy file
cannot reach attributes or call anything). Pure.
"""

from __future__ import annotations

from string import Template
from typing import TYPE_CHECKING

from chatcredit.domain.taxonomy import CATEGORIES
from chatcredit.domain.timestamps import to_iso
from chatcredit.policy.dueprocess import NoticeText

if TYPE_CHECKING:
    from chatcredit.dueprocess.notices import Notice

SOURCES = {
    "automated-detection": "automated detection",
    "user-report": "a user's report",
    "trusted-flagger": "a trusted flagger's report",
    "moderator": "a moderator's own initiative",
}
PRIVILEGES = ("links", "media", "invites", "administer")


def privileges_lost(before: object, after: object) -> tuple[str, ...]:
    """The privileges the tier ``before`` gave and ``after`` does not (tiers of the policy)."""
    lost = [p for p in PRIVILEGES if getattr(before, p) and not getattr(after, p)]
    for limit in ("messages_per_minute", "max_groups_owned", "max_group_size", "max_groups_joined"):
        if getattr(after, limit) < getattr(before, limit):
            lost.append(f"{limit} {getattr(before, limit)} -> {getattr(after, limit)}")
    return tuple(lost)


def render(n: Notice, text: NoticeText) -> str:
    """The statement's text from its fields, line by line, in ``text``'s language."""
    category = CATEGORIES.get(n.category)
    values = {
        "measure": n.measure,
        "scope": n.scope,
        "start": to_iso(n.start if n.start is not None else n.ts),
        "end": to_iso(n.end) if n.end is not None else "",
        "facts": n.facts,
        "source": SOURCES.get(n.source, n.source),
        "rule": n.rule_id,
        "category": n.category,
        "category_title": category.title if category else n.category,
        "detection": "automated" if n.automated_detection else "by a person",
        "decision_how": "automated" if n.automated_decision else "by a person",
        "automation": f"{n.automation}ly automated" if n.automation != "not" else "not automated",
        "points": n.points_text,
        "score_before": str(n.score_before),
        "score_after": str(n.score_after),
        "tier_before": n.tier_before,
        "tier_after": n.tier_after,
        "reasons": ", ".join(n.reasons) or "none",
        "lost": ", ".join(n.privileges_lost),
        "appeal_until": to_iso(n.appeal_until) if n.appeal_until is not None else "",
        "target": n.entry_id,
        "note": n.note,
    }
    until = Template(text.until).safe_substitute(values) if n.end is not None else ""
    lines = [
        Template(text.decision).safe_substitute(values),
        Template(text.scope).safe_substitute(values, until=until),
        Template(text.facts).safe_substitute(values),
        Template(text.source).safe_substitute(values),
        Template(text.rule).safe_substitute(values),
        Template(text.automation).safe_substitute(values),
    ]
    if n.points_text:
        lines.append(Template(text.points).safe_substitute(values))
    if n.recipient != "reporter":
        same = n.score_before == n.score_after and n.tier_before == n.tier_after
        lines.append(Template(text.score_unchanged if same else text.score).safe_substitute(values))
    if n.privileges_lost:
        lines.append(Template(text.privileges).safe_substitute(values))
    if n.note:
        lines.append(Template(text.note).safe_substitute(values))
    if n.appealable and n.appeal_until is not None:
        lines.append(Template(text.appeal).safe_substitute(values))
    return "\n".join(lines)
