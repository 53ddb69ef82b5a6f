"""Appeals: a person contests a decision; another person decides.

Filed against a notice (or the ledger entry it is about) within the notice's appeal
window, by the person it concerns. The reviewer must not be the one who made the
original decision, and automation never decides. An overturn appends a reversal (the
standing becomes as if the penalty never happened), writes the marks that keep
automation from applying it again, lifts the measures that rested on it and says so.
"""

from __future__ import annotations

import msgspec

from chatcredit.domain.effects import Effects
from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.standing import DAY
from chatcredit.domain.tally import Tally
from chatcredit.domain.timestamps import to_iso
from chatcredit.dueprocess import decisions
from chatcredit.dueprocess.cases import Appeal, AppealOutcome, case_id
from chatcredit.dueprocess.notices import Notice, measure_notice, notice_id
from chatcredit.errors import ConflictError, InvalidRequest, NotFound
from chatcredit.governance import accountability, blacklist
from chatcredit.governance.records import Listing, Sanction
from chatcredit.policy.decide import decide_adjustment, decide_reversal
from chatcredit.service.casework import Casework
from chatcredit.service.pending import Pending
from chatcredit.store.base import Store

OUTCOME_STATUS = {"uphold": "upheld", "overturn": "overturned", "modify": "modified"}


class Appeals:
    def __init__(self, casework: Casework) -> None:
        self.c = casework

    def all(self, status: str | None = None) -> list[Appeal]:
        found = self.c.reads.governance.find("appeal", status=(status,) if status else ())
        return [a for a in found if isinstance(a, Appeal)]

    def get(self, appeal_id: str) -> Appeal:
        found = self.c.reads.governance.get("appeal", appeal_id)
        if not isinstance(found, Appeal):
            raise NotFound(f"no appeal {appeal_id!r}")
        return found

    def breached(self, appeal: Appeal, at: float | None = None) -> bool:
        """Is the decision overdue (still filed after the policy's deadline)?"""
        return appeal.status == "filed" and (self.c.clock() if at is None else at) > appeal.deadline

    def file(self, target: str, by: str, statement: str) -> Appeal:
        """``target``: a notice id, or the ledger entry (or measure) a notice is about."""
        if not statement.strip():
            raise InvalidRequest("an appeal needs a statement (what the person says)")
        now = self.c.clock()
        reads = self.c.reads
        notice = reads.notices.get(target) or reads.notices.get(notice_id(target))
        if notice is None:
            notice = next((n for n in reads.notices.of_user(by) if n.entry_id == target and n.appealable), None)
        if notice is None:
            raise NotFound(f"no notice {target!r} (nor one about an entry or measure of that id for {by})")
        if notice.user != by:
            raise ConflictError(f"{notice.id} concerns {notice.user}: only they can appeal it")
        if not notice.appealable or notice.appeal_until is None:
            raise ConflictError(f"{notice.id} ({notice.kind}) is not an adverse decision: there is nothing to appeal")
        if now > notice.appeal_until:
            raise ConflictError(f"the appeal window of {notice.id} closed on {to_iso(notice.appeal_until)}")
        appeal = Appeal(
            id=case_id("a-", notice.id),
            user=by,
            notice_id=notice.id,
            target=notice.entry_id,
            target_kind=notice.kind,
            original_actor=self._actor(notice),
            statement=statement,
            filed=now,
            deadline=now + self.c.policy.oversight.decision_days * DAY,
        )

        def decide(store: Store) -> tuple[Effects, Appeal]:
            if store.governance.get("appeal", appeal.id) is not None:
                raise ConflictError(f"{notice.id} has already been appealed ({appeal.id})")
            receipt = self._notice(appeal, store, "appeal-received", f"appeal {appeal.id} received", now)
            return Effects(records=[appeal], notices=[receipt]), appeal

        return self.c.writer.write(decide, subjects=[by])

    def _actor(self, notice: Notice) -> str:
        entry = self.c.reads.ledger.get(notice.entry_id)
        if entry is not None:
            return entry.actor
        measure = self._measure(self.c.reads, notice.entry_id)
        return measure.by if measure is not None else "automation"

    def _measure(self, store: Store, measure_id: str) -> Sanction | Listing | None:
        base = measure_id.split(":", 1)[0]  # a listing's notice id carries its status and time
        for kind in ("sanction", "listing"):
            found = store.governance.get(kind, base)
            if isinstance(found, Sanction | Listing):
                return found
        return None

    def decide(self, appeal_id: str, outcome: AppealOutcome, by: str, reason: str, points: int | None = None) -> Appeal:
        appeal = self.get(appeal_id)
        self.c.check_person(by)
        if not reason.strip():
            raise InvalidRequest("a decision needs a reason (it is shown to the person)")
        if outcome == "modify" and (points is None or points >= 0):
            raise InvalidRequest("--modify needs the new (negative) points")
        now = self.c.clock()
        if by == appeal.original_actor:
            raise ConflictError(f"{by} made the original decision: another person must decide appeal {appeal_id}")

        def decide(store: Store) -> tuple[Effects, Appeal]:
            current = store.governance.get("appeal", appeal_id)
            if not isinstance(current, Appeal) or current.status != "filed":
                raise ConflictError(f"appeal {appeal_id} was already decided")
            effects = Effects()
            result = self._apply(current, outcome, by, reason, points, store, now, effects)
            done = msgspec.structs.replace(
                current,
                status=OUTCOME_STATUS[outcome],
                reviewer=by,
                decided=now,
                reason=reason,
                points=points,
                result=tuple(result),
            )
            effects.records.append(done)
            what = f"appeal {appeal_id} {done.status} by {by}: {reason}"
            effects.notices.append(self._notice(done, store, "appeal-decided", what, now, effects))
            return effects, done

        return self.c.writer.write(decide, subjects=[appeal.user])

    def _apply(
        self,
        appeal: Appeal,
        outcome: AppealOutcome,
        by: str,
        reason: str,
        points: int | None,
        store: Store,
        now: float,
        effects: Effects,
    ) -> list[str]:
        policy = self.c.policy
        tally = self.c.projection.get_many([appeal.user], store)[appeal.user]
        entry = store.ledger.get(appeal.target)
        if entry is None:  # a measure: a sanction or a listing
            if outcome != "uphold":
                return self._lift_measure(appeal.target, by, reason, store, now, effects)
            return []
        if outcome == "uphold":
            if entry.half_life_days is None and entry.kind == "penalty" and not tally.is_reviewed(entry.id):
                effects_review = decisions.review_entry(entry, by, reason, tally, policy, now)
                _merge(effects, effects_review)  # the human review that starts its decay
                return [e.id for e in effects_review.entries]
            return []
        if tally.is_reversed(entry.id):
            raise ConflictError(f"{entry.id} has already been reversed")
        reversal = decide_reversal(entry, by, f"appeal {appeal.id}: {reason}", tally, policy, now)
        _merge(effects, reversal)
        written = [e.id for e in reversal.entries]
        effects.records.extend(decisions.marks_for(entry, by, reason, now, policy))
        after = reversal.tallies[appeal.user]
        if outcome == "modify" and points is not None:
            modified = decide_adjustment(
                appeal.user,
                points,
                entry.category,
                entry.severity,
                by,
                f"appeal {appeal.id}: {reason}",
                after,
                policy,
                now,
            )
            _merge(effects, modified)
            written += [e.id for e in modified.entries]
            after = modified.tallies[appeal.user]
        written += self._lift_dependent(entry, after, by, reason, store, now, effects)
        return written

    def _lift_dependent(
        self, entry: LedgerEntry, tally: Tally, by: str, reason: str, store: Store, now: float, effects: Effects
    ) -> list[str]:
        """Measures that rested on ``entry``: a listing it is evidence for; admin-rights
        suspension and creation bar, if without it they would not have been taken."""
        pending = Pending(store, effects)
        lifted: list[str] = []
        for listing in pending.find(Listing, subject=entry.user):
            if entry.id in listing.evidence and listing.status in ("proposed", "active", "disputed"):
                lifted += self._lift_measure(listing.id, by, reason, store, now, effects)
        if entry.reason_code == accountability.DERIVED[0]:
            left = sum(1 for e in tally.entries if e.reason_code == entry.reason_code and not tally.is_reversed(e.id))
            rules = self.c.policy.accountability
            score = tally.standing(now).score
            if left < rules.suspend_admin_after and score >= rules.suspend_admin_below_score:
                for s in pending.find(Sanction, subject=entry.user):
                    if s.kind in ("manage-suspended", "create-barred") and s.in_force(now):
                        lifted += self._lift_measure(s.id, by, reason, store, now, effects)
        return lifted

    def _lift_measure(
        self, measure_id: str, by: str, reason: str, store: Store, now: float, effects: Effects
    ) -> list[str]:
        measure = Pending(store, effects).get(Listing, measure_id.split(":", 1)[0]) or self._measure(store, measure_id)
        if measure is None:
            raise NotFound(f"no measure {measure_id!r}")
        if isinstance(measure, Listing):
            if measure.status in ("lifted", "expired"):
                return []
            effects.records.append(blacklist.lift(measure, by, reason, now))
        else:
            if measure.status != "active":
                return []
            effects.records.append(
                msgspec.structs.replace(measure, status="lifted", lifted_by=by, lifted_at=now, lift_reason=reason)
            )
        kind = "listing" if isinstance(measure, Listing) else measure.kind
        subject = measure.subject
        tally = effects.tallies.get(subject) or self.c.projection.get_many([subject], store)[subject]
        what = f"{kind} {measure.id} lifted by {by} on appeal: {reason}"
        category = measure.category if isinstance(measure, Listing) else "other"
        notice = measure_notice(
            subject,
            f"{measure.id}:lifted:{now!r}",
            kind,
            what,
            measure.reason,
            category,
            tally.standing(now),
            self.c.policy,
            now,
            automated=False,
            appealable=False,
        )
        effects.notices.append(notice)
        return [measure.id]

    def _notice(
        self, appeal: Appeal, store: Store, kind: str, measure: str, now: float, effects: Effects | None = None
    ) -> Notice:
        tally = (effects.tallies.get(appeal.user) if effects else None) or self.c.projection.get_many(
            [appeal.user], store
        )[appeal.user]
        facts = f"your appeal of {appeal.target_kind} {appeal.target} ({appeal.notice_id}): {appeal.statement}"
        return measure_notice(
            appeal.user,
            f"{appeal.id}:{kind}",
            kind,
            measure,
            facts,
            "other",
            tally.standing(now),
            self.c.policy,
            now,
            automated=False,
            scope="your appeal",
            appealable=False,
        )


def _merge(into: Effects, other: Effects) -> None:
    into.entries.extend(other.entries)
    into.notices.extend(other.notices)
    into.records.extend(other.records)
    into.tallies.update(other.tallies)
