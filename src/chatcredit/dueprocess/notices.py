"""Notices: the statement of reasons for every act that affects a person's standing.

Contents follow DSA Art. 17: the measure and its scope, the facts and circumstances,
whether detection and decision were automated, the rule and category relied on, and
how and until when the person can appeal. Pure: built from an entry and two standings.
"""

from __future__ import annotations

import hashlib

import msgspec

from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.standing import DAY, Standing
from chatcredit.domain.taxonomy import CATEGORIES
from chatcredit.domain.timestamps import to_iso
from chatcredit.policy.model import Policy
from chatcredit.vocabulary import Time


class Notice(msgspec.Struct, frozen=True):
    """One statement of reasons: its fields are the store's record, the JSON view and
    the OpenAPI schema (all derived from here)."""

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


def notice_id(entry_id: str) -> str:
    return "n-" + hashlib.blake2b(entry_id.encode(), digest_size=8).hexdigest()


def _measure(entry: LedgerEntry, delta: int, before: Standing, multiplier: float) -> str:
    if entry.kind == "reversal":
        return f"reversal of entry {entry.reverses}: the penalty no longer counts"
    if entry.kind == "credit":
        return f"credit of {entry.points} points to the account score"
    base = -entry.points
    counted = round(base * multiplier)
    repeat = f" × {multiplier:g} for earlier penalties in this category still counting = {counted}"
    parts = [f"{base} points" + (repeat if multiplier != 1.0 else "")]
    if entry.half_life_days:
        parts.append(f"fading by half every {entry.half_life_days:g} days")
    else:
        parts.append("not fading until a person has reviewed it")
    what = ", ".join(parts)
    if before.score == 0:
        return f"penalty of {what}; the score is already at its floor (0): it shows in how long recovery takes"
    lost = -delta
    if lost > counted:
        return f"score reduction of {lost} points: {what}, and the day's tenure credit is not earned"
    if lost < counted:
        return f"score reduction of {lost} points: {what} (the score cannot go below 0)"
    return f"score reduction of {lost} points: {what}"


def build_notice(
    entry: LedgerEntry,
    before: Standing,
    after: Standing,
    policy: Policy,
    issued_at: float | None = None,
    multiplier: float = 1.0,
) -> Notice:
    """The statement of reasons for ``entry``; ``before``/``after`` are standings around it.

    ``issued_at`` is when the decision is made (default: the entry's time). The appeal
    window runs from then: an event imported months late still gets its full window."""
    category = CATEGORIES.get(entry.category)
    delta = after.score - before.score
    adverse = entry.kind == "penalty"
    issued = max(entry.ts, issued_at if issued_at is not None else entry.ts)
    appeal_until = issued + policy.appeals.window_days * DAY if adverse else None
    facts = _facts(entry)
    measure = _measure(entry, delta, before, multiplier)
    how = "automatically" if entry.automated_decision else f"by moderator {entry.actor}"
    detected = "automated detection" if entry.automated_detection else "a human"
    lines = [
        f"Decision: {measure}.",
        f"Facts: {facts}",
        f"Rule: {entry.rule_id}"
        + (f" ({entry.reason_code})" if entry.reason_code != entry.rule_id else "")
        + f", category {entry.category}"
        + (f" - {category.title}" if category else "")
        + ".",
        f"Detected by {detected}; decided {how}.",
        (
            f"Score: {before.score} ({before.tier}) -> {after.score} ({after.tier})."
            if before.score != after.score or before.tier != after.tier
            else f"Score: {after.score} ({after.tier}), unchanged."
        ),
    ]
    if entry.note:
        lines.append(f"Note: {entry.note}")
    if appeal_until is not None:
        lines.append(
            f"You can appeal this decision until {to_iso(appeal_until)}; a person who did not make it will review it."
        )
    return Notice(
        id=notice_id(entry.id),
        user=entry.user,
        entry_id=entry.id,
        ts=issued,
        kind=entry.kind,
        measure=measure,
        facts=facts,
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
        text="\n".join(lines),
    )


def _facts(entry: LedgerEntry) -> str:
    when = to_iso(entry.ts)
    if entry.kind == "reversal":
        return f"on {when} {entry.actor} reversed entry {entry.reverses}: {entry.note or 'no reason given'}"
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
) -> Notice:
    """The statement of reasons for a measure beyond points (a group's step, a suspension
    of admin rights, a bar on creating groups, a blacklist listing), sent to ``recipient``
    (the person sanctioned, or each owner and admin of the group)."""
    known = CATEGORIES.get(category)
    appeal_until = issued_at + policy.appeals.window_days * DAY
    how = "automatically" if automated else "by a moderator"
    lines = [
        f"Decision: {measure}.",
        f"Facts: {facts}",
        f"Category {category}" + (f" - {known.title}" if known else "") + f"; decided {how}.",
        f"Score: {standing.score} ({standing.tier}), unchanged by this measure.",
        f"You can appeal this decision until {to_iso(appeal_until)}; a person who did not make it will review it.",
    ]
    return Notice(
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
        appealable=True,
        appeal_until=appeal_until,
        policy_version=policy.version,
        text="\n".join(lines),
    )
