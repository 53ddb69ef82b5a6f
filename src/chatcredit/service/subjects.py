"""A person's rights over their data: everything held about them (GDPR Art. 15), and
erasure (Art. 17) — except where a legal hold or the retention minimum applies, where the
data is restricted instead and the person is told what and why."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

import msgspec

from chatcredit.domain.effects import Effects, Erasure
from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.records import EventRow
from chatcredit.domain.standing import DAY, Standing
from chatcredit.domain.tally import Tally
from chatcredit.dueprocess.cases import Appeal
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem
from chatcredit.errors import InvalidRequest
from chatcredit.governance.records import Listing, Sanction
from chatcredit.policy.model import Policy
from chatcredit.records.holds import Hold
from chatcredit.records.notes import Export, Restriction
from chatcredit.service.projection import Projection
from chatcredit.service.writer import Writer
from chatcredit.store.base import Store

ERASED = "[erased]"
OWN_TYPES = ("message", "message_edited", "message_deleted", "report")


REVIEW_STATES = ("open", "in-review", "escalated", "decided")
PERSON_FIELDS = ("actor", "reporter", "claimed_by", "decided_by", "reviewer", "original_actor", "by", "lifted_by")


class SubjectData(msgspec.Struct, frozen=True):
    """What is held about one person, as stored."""

    user: str
    at: float
    standing: Standing
    history: tuple[tuple[float, int, str, str], ...]  # (time, score, tier, entry) after each entry
    identity_level: str
    events: tuple[EventRow, ...]
    entries: tuple[LedgerEntry, ...]
    notices: tuple[Notice, ...]
    appeals: tuple[Appeal, ...]
    sanctions: tuple[Sanction, ...]
    listings: tuple[Listing, ...]
    reviews: tuple[ReviewItem, ...]
    #: the other people named in it (shown only as pseudonyms)
    others: frozenset[str]


@dataclass
class ErasureReport:
    user: str
    pseudonym: str | None
    erased: int = 0
    restricted: dict[str, int] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)


class Subjects:
    def __init__(
        self,
        reads: Store,
        writer: Writer,
        projection: Projection,
        policy: Policy,
        clock: Callable[[], float],
        automated: frozenset[str],
    ) -> None:
        self._reads, self._writer, self._projection = reads, writer, projection
        self._policy, self._clock, self._automated = policy, clock, automated

    # ------------------------------------------------------------- export

    def gather(self, user: str) -> SubjectData:
        """Everything held about ``user`` (``views.subject_export`` makes the bundle of it)."""
        r = self._reads
        now = self._clock()
        tally = self._projection.get(user)
        entries = tuple(sorted(tally.entries, key=lambda e: (e.ts, e.seq)))
        g = r.governance
        reviews = tuple(i for s in REVIEW_STATES for i in r.reviews.list(s, 100_000, user))
        data = SubjectData(
            user=user,
            at=now,
            standing=tally.standing(now),
            history=tuple((e.ts, (s := tally.standing(e.ts)).score, s.tier, e.id) for e in entries),
            identity_level=r.groups.usage(user).identity_level,
            events=tuple(row for row in r.archive.of_user(user) if row.type in OWN_TYPES),
            entries=entries,
            notices=tuple(r.notices.of_user(user)),
            appeals=tuple(a for a in g.find("appeal", subject=user) if isinstance(a, Appeal)),
            sanctions=tuple(s for s in g.find("sanction", subject=user) if isinstance(s, Sanction)),
            listings=tuple(x for x in g.find("listing", subject=user) if isinstance(x, Listing)),
            reviews=reviews,
            others=frozenset(),
        )
        return msgspec.structs.replace(data, others=frozenset(self._others(data)))

    def record_export(self, user: str, by: str, body: bytes) -> Export:
        """The export is recorded: who, when, and the hash of what was handed over."""
        digest = hashlib.blake2b(body, digest_size=16).hexdigest()
        note = Export("x-" + digest[:16], user, by, self._clock(), digest, len(body))
        return self._writer.write(lambda store: (Effects(records=[note], act="export", actor=by), note))

    def _others(self, data: SubjectData) -> set[str]:
        """The other people named anywhere in what is handed over (not detectors)."""
        names: set[str] = set()
        items = (*data.entries, *data.reviews, *data.appeals, *data.sanctions, *data.listings)
        for item in items:
            for attr in PERSON_FIELDS:
                value = getattr(item, attr, None)
                if isinstance(value, str) and value:
                    names.add(value)
        for row in data.events:
            event = json.loads(row.payload)
            if isinstance(event.get("target_user"), str):
                names.add(event["target_user"])
            names.update(v for v in event.get("mentions", ()) if isinstance(v, str))
        return names - {data.user} - self._automated - {"automation", "accountability", "system", ""}

    # ------------------------------------------------------------- erasure

    def erase(self, user: str, by: str, reason: str) -> ErasureReport:
        if not by.strip() or not reason.strip():
            raise InvalidRequest("an erasure needs who asks it (--by) and why (--reason)")
        now = self._clock()
        holds = [h for h in self._reads.governance.find("hold") if isinstance(h, Hold) and h.in_force(now)]
        if any(h.scope == "user" and h.target == user for h in holds):
            rows = self._reads.archive.of_user(user)
            why = "a legal hold on this person"
            return self._restrict(user, by, reason, {why: [r.id for r in rows]}, ErasureReport(user, None), now)
        erase_ids: list[str] = []
        restricted: dict[str, list[str]] = {}
        for row in self._reads.archive.of_user(user):
            low, _ = self._policy.retention.window(row.group)
            if any(h.covers(row.id, user, row.group, now) for h in holds):
                restricted.setdefault("a legal hold", []).append(row.id)
            elif row.type in OWN_TYPES and now - row.ts < low * DAY:
                restricted.setdefault(f"the retention minimum ({low} days)", []).append(row.id)
            else:
                erase_ids.append(row.id)
        pseudonym = "erased-" + secrets.token_hex(8)
        report = ErasureReport(user, pseudonym, erased=len(erase_ids))

        def decide(store: Store) -> tuple[Effects, ErasureReport]:
            tally = self._projection.get_many([user], store)[user]
            entries = [msgspec.structs.replace(e, user=pseudonym, excerpt="") for e in tally.entries]
            notices = [
                msgspec.structs.replace(n, user=pseudonym, facts=ERASED, text=ERASED, note="")
                for n in store.notices.of_user(user)
            ]
            items = [
                i for s in ("open", "in-review", "escalated", "decided") for i in store.reviews.list(s, 100_000, user)
            ]
            reviews = [msgspec.structs.replace(i, user=pseudonym, excerpt="") for i in items]
            effects = Effects(act="erasure", actor=by)
            effects.erasure = Erasure(user, pseudonym, erase_ids, entries, notices, reviews)
            # the standings caches: nothing under the erased id, the ledger under the pseudonym
            effects.tallies = {user: Tally(user, self._policy), pseudonym: Tally(pseudonym, self._policy, entries)}
            kept = [x for x in store.governance.find("listing", subject=user)] + [
                x for x in store.governance.find("sanction", subject=user)
            ]
            if kept:
                report.kept.append(
                    f"{len(kept)} sanctions and blacklist listings (kept to enforce them; lifted ones expire)"
                )
            return effects, report

        self._writer.write(decide, subjects=[user, pseudonym])
        return self._restrict(user, by, reason, restricted, report, now)

    def _restrict(
        self, user: str, by: str, reason: str, restricted: dict[str, list[str]], report: ErasureReport, now: float
    ) -> ErasureReport:
        notes = [
            Restriction(f"rs-{secrets.token_hex(8)}", user, tuple(ids), f"{why}: {reason}", by, now)
            for why, ids in restricted.items()
            if ids
        ]
        report.restricted = {why: len(ids) for why, ids in restricted.items() if ids}
        if notes:
            self._writer.write(lambda store: (Effects(records=list(notes), act="restriction", actor=by), None))
        return report
