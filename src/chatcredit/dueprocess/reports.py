"""What reporters are told: that their report arrived, and what became of it. Not adverse
(nothing happens to the reporter), so there is nothing to appeal and no score shown."""

from __future__ import annotations

import hashlib

import msgspec

from chatcredit.domain.taxonomy import CATEGORIES
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem
from chatcredit.dueprocess.statement import render
from chatcredit.policy.model import Policy

OUTCOMES = {
    "uphold": "upheld: the reported content broke the rules and the account was penalised",
    "dismiss": "dismissed: a moderator found no violation",
    "escalate": "escalated to a senior moderator",
}


def report_notice(item: ReviewItem, kind: str, measure: str, policy: Policy, now: float) -> Notice:
    reporter = item.reporter or ""
    known = CATEGORIES.get(item.category)
    notice = Notice(
        id="n-" + hashlib.blake2b(f"{item.id}\x1f{kind}\x1f{reporter}".encode(), digest_size=8).hexdigest(),
        user=reporter,
        entry_id=item.id,
        ts=now,
        kind=kind,
        measure=measure,
        facts=f"your report of event {item.event_id} ({item.category})",
        rule_id=item.rule_id,
        category=item.category,
        dsa_category=known.dsa_category if known else "",
        automated_detection=False,
        automated_decision=False,
        score_before=0,
        score_after=0,
        tier_before="",
        tier_after="",
        reasons=(),
        appealable=False,
        appeal_until=None,
        policy_version=policy.version,
        text="",
        scope="your report",
        start=now,
        source="user-report",
        automation="not",
        language=policy.notices.language,
        recipient="reporter",
    )
    return msgspec.structs.replace(notice, text=render(notice, policy.notices.text()))


def acknowledgement(item: ReviewItem, policy: Policy, now: float) -> Notice:
    return report_notice(item, "report-received", "your report was received and waits for a moderator", policy, now)


def outcome(item: ReviewItem, decision: str, policy: Policy, now: float) -> Notice:
    return report_notice(item, "report-decided", f"your report was {OUTCOMES[decision]}", policy, now)
