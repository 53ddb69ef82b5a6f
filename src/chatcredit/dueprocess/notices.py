"""Notices: the statement of reasons for every act that affects a person's standing.

Contents follow DSA Art. 17: the measure and its scope, the facts and circumstances,
whether detection and decision were automated, the rule and category relied on, and
how and until when the person can appeal. Pure: built from an entry and two standings.
"""

from __future__ import annotations

import hashlib
from typing import Literal

import msgspec

from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.standing import DAY, Standing
from chatcredit.domain.taxonomy import CATEGORIES
from chatcredit.domain.timestamps import to_iso
from chatcredit.dueprocess.statement import privileges_lost, render
from chatcredit.policy.model import Policy
from chatcredit.vocabulary import Time

Automation = Literal["fully", "partially", "not"]


class Notice(msgspec.Struct, frozen=True):
    """One statement of reasons (DSA Art. 17): its fields are the store's record, the JSON
    view and the OpenAPI schema (all derived from here); ``text`` is rendered from them by
    the policy's templates (``statement.render``)."""

    id: str
    user: str
    entry_id: str
    ts: Time
    kind: str
    measure: str
    facts: str
    rule_id: str
    category: str
    dsa_category: str
    automated_detection: bool
    automated_decision: bool
    score_before: int
    score_after: int
    tier_before: str
    tier_after: str
    reasons: tuple[str, ...]
    appealable: bool
    appeal_until: Time | None
    policy_version: str
    text: str
    #: what the measure covers, and from when until when (None: no set end)
    scope: str = ""
    start: Time | None = None
    end: Time | None = None
    #: what started it: automated-detection, user-report, trusted-flagger, moderator
    source: str = "automated-detection"
    automation: Automation = "fully"
    #: the score change explained: base points, repeat multiplier, decay
    points_text: str = ""
    base_points: int = 0
    multiplier: float = 1.0
    half_life_days: float | None = None
    privileges_lost: tuple[str, ...] = ()
    note: str = ""
    language: str = "en"
    #: the person sanctioned ("subject"), a reporter told of their report, a role holder
    recipient: str = "subject"

    @property
    def origin(self) -> str:
        """What started it; for a notice stored before ``source`` existed, from its flags."""
        if self.source == "automated-detection" and not self.automated_detection:
            return "moderator"
        return self.source

    @property
    def automation_level(self) -> Automation:
        """fully / partially / not, from the flags every notice has kept."""
        return automation_of(self.automated_detection, self.automated_decision)


def automation_of(detection: bool, decision: bool) -> Automation:
    return "fully" if decision else "partially" if detection else "not"


def notice_id(entry_id: str) -> str:
    return "n-" + hashlib.blake2b(entry_id.encode(), digest_size=8).hexdigest()


def _measure(entry: LedgerEntry, delta: int, before: Standing, multiplier: float) -> str:
    if entry.kind == "reversal":
        return f"reversal of entry {entry.reverses}: the penalty no longer counts"
    if entry.kind == "review":
        return f"a person reviewed penalty {entry.reviews} and upheld it; it now fades"
    if entry.kind == "credit":
        return f"credit of {entry.points} points to the account score"
    counted = round(-entry.points * multiplier)
    if before.score == 0:
        return "penalty; the score is already at its floor (0): it shows in how long recovery takes"
    lost = -delta
    if lost > counted:
        return f"score reduction of {lost} points (the day's tenure credit is not earned either)"
    if lost < counted:
        return f"score reduction of {lost} points (the score cannot go below 0)"
    return f"score reduction of {lost} points"


def _points(entry: LedgerEntry, multiplier: float) -> str:
    if entry.kind == "review":
        return f"the penalty now fades by half every {entry.half_life_days:g} days"
    if entry.kind != "penalty":
        return ""
    base = -entry.points
    counted = round(base * multiplier)
    parts = [f"{base} base points"]
    if multiplier != 1.0:
        parts.append(f"x {multiplier:g} for earlier penalties in this category still counting = {counted}")
    if entry.half_life_days:
        parts.append(f"fading by half every {entry.half_life_days:g} days")
    else:
        parts.append("not fading until a person has reviewed it")
    return ", ".join(parts)


def _source(entry: LedgerEntry) -> str:
    return "automated-detection" if entry.automated_detection else "moderator"


def build_notice(
    entry: LedgerEntry,
    before: Standing,
    after: Standing,
    policy: Policy,
    issued_at: float | None = None,
    multiplier: float = 1.0,
    source: str | None = None,
) -> Notice:
    """The statement of reasons for ``entry``; ``before``/``after`` are standings around it.

    ``issued_at`` is when the decision is made (default: the entry's time). The appeal
    window runs from then: an event imported months late still gets its full window.
    ``source``: what started it, when not the entry's own detection (a user's report)."""
    category = CATEGORIES.get(entry.category)
    delta = after.score - before.score
    adverse = entry.kind == "penalty"
    issued = max(entry.ts, issued_at if issued_at is not None else entry.ts)
    appeal_until = issued + policy.appeals.window_days * DAY if adverse else None
    lost: tuple[str, ...] = ()
    if after.tier != before.tier:
        lost = privileges_lost(policy.tier_named(before.tier), policy.tier_named(after.tier))
    notice = Notice(
        id=notice_id(entry.id),
        user=entry.user,
        entry_id=entry.id,
        ts=issued,
        kind=entry.kind,
        measure=_measure(entry, delta, before, multiplier),
        facts=_facts(entry),
        rule_id=entry.rule_id,
        category=entry.category,
        dsa_category=category.dsa_category if category else "",
        automated_detection=entry.automated_detection,
        automated_decision=entry.automated_decision,
        score_before=before.score,
        score_after=after.score,
        tier_before=before.tier,
        tier_after=after.tier,
        reasons=tuple(r.code for r in after.reasons),
        appealable=adverse,
        appeal_until=appeal_until,
        policy_version=entry.policy_version,
        text="",
        scope="the account's score and the privileges its tier gives, in every group",
        start=entry.ts,
        source=source or _source(entry),
        automation=automation_of(entry.automated_detection, entry.automated_decision),
        points_text=_points(entry, multiplier),
        base_points=-entry.points if entry.kind == "penalty" else entry.points,
        multiplier=multiplier,
        half_life_days=entry.half_life_days,
        privileges_lost=lost,
        note=entry.note,
        language=policy.notices.language,
    )
    return msgspec.structs.replace(notice, text=render(notice, policy.notices.text()))


def _facts(entry: LedgerEntry) -> str:
    when = to_iso(entry.ts)
    if entry.kind == "reversal":
        return f"on {when} {entry.actor} reversed entry {entry.reverses}: {entry.note or 'no reason given'}"
    if entry.kind == "review":
        return f"on {when} {entry.actor} reviewed entry {entry.reviews}: {entry.note or 'no reason given'}"
    where = f" in group {entry.group}" if entry.group else ""
    if entry.evidence_event:
        return f'event {entry.evidence_event}{where} at {when}: "{entry.excerpt}"'
    return f"manual decision by {entry.actor} at {when}"


def measure_notice(
    recipient: str,
    measure_id: str,
    kind: str,
    measure: str,
    facts: str,
    category: str,
    standing: Standing,
    policy: Policy,
    issued_at: float,
    automated: bool = True,
    end: float | None = None,
    scope: str = "",
    appealable: bool = True,
    role: str = "subject",
) -> Notice:
    """The statement of reasons for a measure beyond points (a group's step, a suspension
    of admin rights, a bar on creating groups, a blacklist listing, an appeal's outcome),
    sent to ``recipient`` (the person sanctioned, or each owner and admin of the group)."""
    known = CATEGORIES.get(category)
    appeal_until = issued_at + policy.appeals.window_days * DAY if appealable else None
    notice = Notice(
        id="n-" + hashlib.blake2b(f"{measure_id}\x1f{recipient}".encode(), digest_size=8).hexdigest(),
        user=recipient,
        entry_id=measure_id,
        ts=issued_at,
        kind=kind,
        measure=measure,
        facts=facts,
        rule_id=kind,
        category=category,
        dsa_category=known.dsa_category if known else "",
        automated_detection=automated,
        automated_decision=automated,
        score_before=standing.score,
        score_after=standing.score,
        tier_before=standing.tier,
        tier_after=standing.tier,
        reasons=tuple(r.code for r in standing.reasons),
        appealable=appealable,
        appeal_until=appeal_until,
        policy_version=policy.version,
        text="",
        scope=scope or _SCOPES.get(kind, kind),
        start=issued_at,
        end=end,
        source="automated-detection" if automated else "moderator",
        automation="fully" if automated else "not",
        language=policy.notices.language,
        recipient=role,
    )
    return msgspec.structs.replace(notice, text=render(notice, policy.notices.text()))


_SCOPES = {
    "listing": "every action on the platform (the blacklist)",
    "group-warning": "the group",
    "posting-suspended": "posting in the group",
    "closure-proposed": "the group",
    "manage-suspended": "administering and moderating groups",
    "create-barred": "creating groups",
}
