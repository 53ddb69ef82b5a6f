"""Governance in a write: role spans, public accounts, violations and their moderation,
the sweep that judges violations past their deadline, and what follows from it (a
group's steps, negligence penalties, admin suspensions), operators answering for their
accounts, and blacklist proposals. Everything it decides goes into the write's effects.

It runs inside the writer's transaction (``store`` is the writer's); the decisions are
the pure functions of :mod:`chatcredit.governance`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import msgspec

from chatcredit.domain.effects import Effects
from chatcredit.domain.events import AccountRegistered, Event, IdentityVerified, MessageDeleted, ModerationAction
from chatcredit.domain.ledger import LedgerEntry, entry_id
from chatcredit.domain.tally import Tally
from chatcredit.domain.timestamps import to_iso
from chatcredit.dueprocess.notices import measure_notice
from chatcredit.dueprocess.review import ReviewItem
from chatcredit.governance import accountability, blacklist
from chatcredit.governance.records import (
    Account,
    GovRecord,
    Listing,
    RoleSpan,
    Sanction,
    SubjectKind,
    Verification,
    Violation,
)
from chatcredit.policy.decide import record, writable_tally
from chatcredit.policy.model import Policy
from chatcredit.service.pending import Pending
from chatcredit.service.projection import Projection
from chatcredit.store.base import Store

R = TypeVar("R", bound=GovRecord)
NEGLIGENCE, OPERATOR = accountability.DERIVED
Timed = tuple[float, Event]


class Governor:
    def __init__(self, projection: Projection, policy: Policy) -> None:
        self._projection = projection
        self._policy = policy

    # ------------------------------------------------------------- a batch

    def on_batch(self, fresh: Sequence[Timed], store: Store, now: float, effects: Effects) -> None:
        """What governance records and decides for a batch, after its penalties."""
        pending = Pending(store, effects)
        self._roles(pending, effects)
        acts: list[accountability.Act] = []
        for ts, e in fresh:
            if isinstance(e, AccountRegistered):
                pending.put(Account(e.account, e.user, e.kind, e.verified_organization, ts, e.name))
            elif isinstance(e, IdentityVerified):
                pending.put(Verification(e.user, e.level, e.provider, e.provider_ref, ts))
            elif isinstance(e, ModerationAction):
                acts.append(accountability.Act(ts, e.group, e.user, e.target_user, e.message))
            elif isinstance(e, MessageDeleted):
                acts.append(accountability.Act(ts, e.group, e.user, None, e.message))
        self._after_penalties(list(effects.entries), pending, store, now, effects)
        for v in accountability.violations_from(effects.entries, self._policy.accountability):
            pending.put(v)
        if acts:
            groups = sorted({a.group for a in acts})
            open_ = [v for g in groups for v in pending.find(Violation, group=g, status=("pending",))]
            for v in accountability.apply_acts(open_, sorted(acts, key=lambda a: a.ts)).values():
                pending.put(v)
        clock = max((ts for ts, _ in fresh), default=None)
        if clock is not None:
            self._sweep(pending, store, clock, now, effects)

    def sweep(self, store: Store, at: float, now: float, effects: Effects) -> None:
        """Judge the violations whose deadline passed by ``at`` (``governance sweep``)."""
        self._sweep(Pending(store, effects), store, at, now, effects)

    def _roles(self, pending: Pending, effects: Effects) -> None:
        """Role spans from the batch's memberships: who held which role when."""
        for c in effects.memberships:
            if c.op in ("create", "grant"):
                held = pending.find(RoleSpan, group=c.group, status=("open",))
                if c.role == "owner":  # ownership passes: the previous owner's span ends
                    for r in held:
                        if r.role == "owner" and r.user != c.user:
                            pending.put(msgspec.structs.replace(r, until=c.ts))
                if not any(r.user == c.user and r.role == c.role for r in held):
                    pending.put(RoleSpan(c.group, c.user, c.role, c.ts))
            elif c.op in ("revoke", "leave"):
                for r in pending.find(RoleSpan, subject=c.user, group=c.group, status=("open",)):
                    if c.op == "leave" or r.role == c.role:
                        pending.put(msgspec.structs.replace(r, until=c.ts))

    # ------------------------------------------------------------- penalties

    def _after_penalties(
        self, entries: list[LedgerEntry], pending: Pending, store: Store, now: float, effects: Effects
    ) -> None:
        """Operators answer for their accounts; manifest conduct proposes a listing."""
        for entry in entries:
            if entry.kind != "penalty":
                continue
            account = pending.get(Account, entry.user)
            if account is not None and self._policy.accounts.operator_share > 0 and entry.reason_code != OPERATOR:
                self._operator_penalty(entry, account, store, now, effects)
            tally = effects.tallies.get(entry.user)
            history = tally.entries if tally is not None else [entry]
            kind: SubjectKind = "account" if account is not None else "user"
            proposed = blacklist.proposal(entry, history, kind, self._policy.blacklist, now)
            if proposed is not None and pending.get(Listing, proposed.id) is None:
                pending.put(proposed)
                self._notify_listing(proposed, store, effects)

    def _operator_penalty(
        self, entry: LedgerEntry, account: Account, store: Store, now: float, effects: Effects
    ) -> None:
        key = f"operator:{entry.id}"
        if store.ledger.decided_keys([key]):
            return
        tally = self._tally(account.operator, store, effects)
        points = max(1, round(-entry.points * self._policy.accounts.operator_share))
        penalty = msgspec.structs.replace(
            entry,
            id=entry_id(account.operator, tally.next_seq),
            user=account.operator,
            seq=tally.next_seq,
            points=-points,
            reason_code=OPERATOR,
            evidence_key=key,
            note=f"operator of {account.kind} {account.account}, which was penalised ({entry.id})",
            pos=0,
        )
        record(tally, penalty, effects, self._policy, now)

    def _tally(self, user: str, store: Store, effects: Effects) -> Tally:
        tallies = self._projection.get_many([user], store)
        return writable_tally(user, tallies, effects)

    def _notify_listing(self, listing: Listing, store: Store, effects: Effects) -> None:
        tally = self._tally(listing.subject, store, effects)
        state = "proposed for a moderator to confirm" if listing.status == "proposed" else "listed"
        until = to_iso(listing.expires) if listing.expires else "lifted"
        measure = (
            f"blacklist: {state} until {until}; once listed, every action but reading your data and appealing is denied"
        )
        effects.notices.append(
            measure_notice(
                listing.subject,
                listing.id,
                "listing",
                measure,
                listing.reason,
                listing.category,
                tally.standing(listing.created),
                self._policy,
                listing.created,
                end=listing.expires,
            )
        )

    # ------------------------------------------------------------- the sweep

    def _sweep(self, pending: Pending, store: Store, clock: float, now: float, effects: Effects) -> None:
        """Judge each violation past its deadline by ``clock``, in deadline order, and take
        what follows at that deadline: the group's step, negligence penalties, suspensions.
        What a sweep reads (role spans, a group's unmoderated violations, its sanctions,
        everyone's unmoderated violations in the window) is read once per sweep."""
        due = sorted(
            (v for v in pending.find(Violation, status=("pending",)) if v.deadline <= clock), key=lambda v: v.deadline
        )
        if not due:
            return
        policy = self._policy.accountability
        window = policy.window_days * 86_400.0
        earliest = due[0].deadline - window
        roles: dict[str, list[RoleSpan]] = {}
        judged: dict[str, dict[str, Violation]] = {}
        sanctions: dict[str, list[Sanction]] = {}
        answered: dict[str, Violation] | None = None
        for v in due:
            g = v.group
            if g not in roles:
                roles[g] = pending.find(RoleSpan, group=g)
            verdict = accountability.judge(v, roles[g])
            pending.put(verdict)
            at = verdict.deadline
            if g not in judged:
                found = pending.find(Violation, group=g, status=("unmoderated",), since=earliest)
                judged[g] = {x.id: x for x in found}
            judged[g][verdict.id] = verdict
            in_window = sorted((x for x in judged[g].values() if at - window <= x.ts <= at), key=lambda x: x.ts)
            if g not in sanctions:
                sanctions[g] = pending.find(Sanction, subject=g)
            step = accountability.group_step(g, in_window, sanctions[g], at, policy)
            if step is not None:
                pending.put(step)
                sanctions[g].append(step)
                self._notify_group(step, pending, store, now, effects)
            if not verdict.accountable:
                continue
            if answered is None:
                answered = {x.id: x for x in pending.find(Violation, status=("unmoderated",), since=earliest)}
            answered[verdict.id] = verdict
            for person in verdict.accountable:
                count = sum(1 for x in answered.values() if person in x.accountable and at - window <= x.ts <= at)
                if accountability.negligence_due(count, policy):
                    self._negligence(person, verdict, count, pending, store, at, now, effects)

    def _negligence(
        self,
        person: str,
        v: Violation,
        n: int,
        pending: Pending,
        store: Store,
        clock: float,
        now: float,
        effects: Effects,
    ) -> None:
        key = f"negligence:{person}:{v.entry_id}"
        if store.ledger.decided_keys([key]) or any(e.evidence_key == key for e in effects.entries):
            return
        policy = self._policy
        tally = self._tally(person, store, effects)
        severity = policy.severities.get(policy.accountability.negligence_severity)
        entry = LedgerEntry(
            id=entry_id(person, tally.next_seq),
            user=person,
            seq=tally.next_seq,
            ts=v.deadline,
            kind="penalty",
            points=-severity.points,
            reason_code=NEGLIGENCE,
            category=NEGLIGENCE,
            rule_id="accountability",
            severity=policy.accountability.negligence_severity,  # type: ignore[arg-type]
            half_life_days=severity.half_life_days or None,
            evidence_event=v.message,
            evidence_key=key,
            excerpt=f"{n} violations left unmoderated in groups you run; the latest {v.entry_id} in {v.group}",
            actor="accountability",
            automated_detection=True,
            automated_decision=True,
            policy_version=policy.version,
            group=v.group,
        )
        record(tally, entry, effects, policy, now)
        since = clock - policy.accountability.window_days * 86_400.0
        count = sum(
            1 for e in tally.entries if e.reason_code == NEGLIGENCE and e.ts >= since and not tally.is_reversed(e.id)
        )
        score = tally.standing(clock).score
        active = pending.find(Sanction, subject=person)
        for s in accountability.personal_measures(person, count, score, active, clock, policy.accountability):
            pending.put(s)
            measure = f"{s.reason}, from {to_iso(s.start)} until {to_iso(s.end) if s.end else 'lifted'}"
            effects.notices.append(
                measure_notice(
                    person, s.id, s.kind, measure, s.cause, NEGLIGENCE, tally.standing(clock), policy, now, end=s.end
                )
            )

    def _notify_group(self, step: Sanction, pending: Pending, store: Store, now: float, effects: Effects) -> None:
        """Each owner, admin and moderator of the group is told (and a proposed closure
        waits in the review queue for a human)."""
        until = f"until {to_iso(step.end)}" if step.end else "until a moderator decides"
        measure = f"group {step.subject}: {step.reason} ({step.kind}, from {to_iso(step.start)} {until})"
        holders = {r.user for r in pending.find(RoleSpan, group=step.subject) if r.held_at(step.start)}
        for person in sorted(holders):
            standing = self._tally(person, store, effects).standing(step.start)
            notice = measure_notice(
                person, step.id, step.kind, measure, step.cause, NEGLIGENCE, standing, self._policy, now
            )
            effects.notices.append(msgspec.structs.replace(notice, end=step.end))
        if step.kind == "closure-proposed":
            effects.reviews.append(
                ReviewItem(
                    "r-" + step.id,
                    step.subject,
                    step.id,
                    step.start,
                    "accountability",
                    "group-closure",
                    NEGLIGENCE,
                    "closure-proposed",
                    1.0,
                    step.cause,
                    None,
                )
            )
