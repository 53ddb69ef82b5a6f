"""The Engine: the composition root, and the operations on top of it.

It wires the store (and a read handle), the projection, the gate, detection, the one writer,
ingestion, oversight (groups, sanctions, the blacklist) and casework (reviews, appeals);
every change goes through the writer, queries are answered from the projection and the
read handle (one thread writes; queries may run on another).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from chatcredit.detectors import Detector
from chatcredit.domain.effects import Effects
from chatcredit.domain.events import Event, parse_event, parse_lines
from chatcredit.domain.events import Rejected as RejectedLine
from chatcredit.domain.keys import ApiKey
from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.permits import PermitDecision
from chatcredit.domain.records import ModerationRecord, QuarantineRow
from chatcredit.domain.standing import Standing
from chatcredit.dueprocess.decisions import marks_for
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem, ShadowHit
from chatcredit.errors import NotFound
from chatcredit.governance.records import Listing, Sanction
from chatcredit.policy.decide import decide_adjustment, decide_reversal
from chatcredit.policy.model import Policy
from chatcredit.service.appeals import Appeals
from chatcredit.service.casework import Casework
from chatcredit.service.detection import Detection
from chatcredit.service.gate import Gate
from chatcredit.service.keyring import Keyring
from chatcredit.service.oversight import Oversight
from chatcredit.service.pipeline import BATCH_SIZE, IngestReport, Pipeline
from chatcredit.service.projection import Projection
from chatcredit.service.recordkeeping import Records
from chatcredit.service.subjects import Subjects
from chatcredit.service.writer import Writer
from chatcredit.store.base import Store

__all__ = ["BATCH_SIZE", "Engine", "Explanation", "IngestReport"]


@dataclass(frozen=True, slots=True)
class Explanation:
    standing: Standing
    entries: tuple[LedgerEntry, ...]
    reversed_ids: frozenset[str]
    open_reviews: tuple[ReviewItem, ...]
    shadow_hits: tuple[ShadowHit, ...] = ()
    #: what the platform's own moderators did about this user (shown, not scored here)
    moderation: tuple[ModerationRecord, ...] = ()
    #: measures beyond points: sanctions and blacklist listings, with their expiry
    sanctions: tuple[Sanction, ...] = ()
    listings: tuple[Listing, ...] = ()


class Engine:
    def __init__(
        self,
        store: Store,
        policy: Policy,
        clock: Callable[[], float] = time.time,
        detectors: Sequence[Detector] | None = None,
        follow_every: float = 1.0,
    ) -> None:
        self.store = store
        self.reads = store.reader()
        self._clock = clock
        self._detectors = detectors
        self._follow_every = follow_every
        self.use_policy(policy)

    def use_policy(self, policy: Policy) -> None:
        """Work under ``policy`` from now on (a running service reloads its file so):
        standings are derived again under it, the detectors are built for it."""
        self.policy = policy
        self.projection = Projection(self.reads, policy, follow_every=self._follow_every)
        self.gate = Gate(self.reads, self.projection, policy, self._clock)
        self.detection = Detection(self.store, policy, self._clock, self._detectors, self.reads)
        self.writer = Writer(self.store, self.projection, self._clock, policy.audit.enabled)
        self.writer.after_commit(self._after_commit)
        self.pipeline = Pipeline(self.writer, self.projection, self.detection, policy, self._clock)
        self.oversight = Oversight(self.reads, self.writer, self.projection, policy, self._clock)
        automated = frozenset(self.detection.priorities)
        self.casework = Casework(self.reads, self.writer, self.projection, policy, self._clock, automated)
        self.appeals = Appeals(self.casework)
        self.keyring = Keyring(self.reads, self.writer, self._clock)
        self.records = Records(self.reads, self.writer, self.projection, policy, self._clock)
        self.subjects = Subjects(self.reads, self.writer, self.projection, policy, self._clock, automated)
        self.records.note_policy()

    def _after_commit(self, effects: Effects) -> None:
        self.gate.record_messages((e.user, e.ts) for e in effects.events if e.type == "message")
        self.gate.forget_groups({c.group for c in effects.memberships})

    def close(self) -> None:
        if self.reads is not self.store:
            self.reads.close()
        self.store.close()

    def now(self) -> float:
        return self._clock()

    def ingest_lines(
        self,
        lines: Iterable[bytes | str],
        source: str = "-",
        batch_size: int = BATCH_SIZE,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> IngestReport:
        """Ingest JSON Lines. ``on_progress(bytes, lines)`` is called after each batch."""
        size = count = 0

        def measured() -> Iterable[bytes | str]:
            nonlocal size, count
            for line in lines:
                size += len(line)
                count += 1
                yield line

        progress = (lambda: on_progress(size, count)) if on_progress else None
        return self.ingest_items(parse_lines(measured()), source, batch_size, progress)

    def ingest_items(
        self,
        items: Iterable[tuple[int, Event | RejectedLine]],
        source: str = "api",
        batch_size: int = BATCH_SIZE,
        after_batch: Callable[[], None] | None = None,
        history: bool = False,
    ) -> IngestReport:
        """Parsed events and rejected records, in batches; ``history``: an imported export."""
        return self.pipeline.ingest(items, source, batch_size, after_batch, history)

    def ingest_events(self, events: Sequence[Event], source: str = "api") -> IngestReport:
        return self.ingest_items(enumerate(events), source)

    def standing(self, user: str, at: float | None = None) -> Standing:
        return self.projection.get(user).standing(self._clock() if at is None else at)

    def is_known(self, user: str) -> bool:
        """Has this user ever been seen (an event, a ledger entry, an active day)?"""
        tally = self.projection.get(user)
        return bool(tally.entries or tally.days) or bool(self.reads.detection.first_seen([user]))

    def check_known(self, user: str) -> None:
        """NotFound, saying what a new user would get, for a user never seen."""
        if not self.is_known(user):
            new = self.standing(user)
            raise NotFound(f"user {user!r} has never been seen; a new user would start at {new.score} ({new.tier})")

    def standings(self) -> Iterator[Standing]:
        """The current standing of every user the store has scored, in user order."""
        users = self.reads.ledger.scored_users()
        now = self._clock()
        for start in range(0, len(users), BATCH_SIZE):
            chunk = users[start : start + BATCH_SIZE]
            tallies = self.projection.get_many(chunk, self.reads)
            for user in chunk:
                yield tallies[user].standing(now)

    def explain(self, user: str, at: float | None = None) -> Explanation:
        at = self._clock() if at is None else at
        tally = self.projection.get(user)
        standing = tally.standing(at, detail=True)
        entries = tuple(e for e in tally.entries if e.ts <= at)
        reviews = tuple(self.reads.reviews.list("open", 1000, user))
        shadow = tuple(h for h in self.reads.detection.shadow_hits(user) if h.ts <= at)
        acts = tuple(a for a in self.reads.groups.actions_on(user) if a.ts <= at)
        reversed_ids = frozenset(e.reverses for e in entries if e.reverses)
        sanctions = tuple(self.oversight.sanctions(user))
        listings = tuple(self.oversight.listings_of(user))
        return Explanation(standing, entries, reversed_ids, reviews, shadow, acts, sanctions, listings)

    def ledger(self, user: str, at: float | None = None) -> list[LedgerEntry]:
        return [e for e in self.projection.get(user).entries if at is None or e.ts <= at]

    def notices(self, user: str) -> list[Notice]:
        return self.reads.notices.of_user(user)

    def permit(
        self,
        user: str,
        action: str,
        group: str | None = None,
        at: float | None = None,
        size: int | None = None,
        audience: int | None = None,
    ) -> PermitDecision:
        """May ``user`` do ``action`` now (or at ``at``)? A lookup on cached state;
        ``size``: the group size asked for, ``audience``: followers to reach."""
        return self.gate.permit(user, action, group, at, size, audience)

    def quarantine(self, limit: int = 1000, offset: int = 0) -> list[QuarantineRow]:
        return self.reads.quarantine.list(limit, offset)

    def review_queue(self, limit: int = 1000) -> list[ReviewItem]:
        return self.reads.reviews.list("open", limit)

    def follow(self) -> set[str]:
        """Catch up with what other processes wrote now, without waiting for the next
        second; the users whose standings they changed (their rate windows reload too)."""
        changed = self.projection.follow()
        self.gate.forget_windows(changed)
        return changed

    def forget_standings(self) -> None:
        """Drop every cached standing (another process rebuilt them)."""
        self.projection.clear()
        self.gate.reset()

    def reverse(self, entry_id: str, by: str, reason: str) -> tuple[LedgerEntry, Notice]:
        def decision(store: Store) -> Effects:
            target = store.ledger.get(entry_id)
            if target is None:
                raise NotFound(f"no ledger entry {entry_id!r}")
            tally = self.projection.get_many([target.user], store)[target.user]
            effects = decide_reversal(target, by, reason, tally, self.policy, self._clock())
            effects.records.extend(marks_for(target, by, reason, self._clock(), self.policy))
            return effects

        return self._manual(decision)

    def adjust(
        self,
        user: str,
        points: int,
        category: str,
        by: str,
        reason: str,
        severity: str = "medium",
    ) -> tuple[LedgerEntry, Notice]:
        def decision(store: Store) -> Effects:
            tally = self.projection.get_many([user], store)[user]
            return decide_adjustment(user, points, category, severity, by, reason, tally, self.policy, self._clock())

        return self._manual(decision)

    def _manual(self, decision: Callable[[Store], Effects]) -> tuple[LedgerEntry, Notice]:
        """A moderator's decision (and the marks that keep automation from undoing it)."""
        effects = self.writer.write(lambda store: (lambda e: (e, e))(decision(store)))
        return effects.entries[0], effects.notices[0]

    def rebuild(self, on_progress: Callable[[int, int], None] | None = None) -> int:
        """Drop the cached standings and derive every user's from the ledger again."""
        users = self.reads.ledger.scored_users()
        self.projection.clear()
        self.gate.reset()
        for start in range(0, len(users), BATCH_SIZE):
            self.projection.get_many(users[start : start + BATCH_SIZE], self.reads)
            if on_progress:
                on_progress(min(start + BATCH_SIZE, len(users)), len(users))
        return len(users)

    def rescan(self, since: float | None = None, batch_size: int = BATCH_SIZE) -> IngestReport:
        """Run the detectors again over archived messages (after a rule change), one
        write per batch. Evidence already decided, including penalties a moderator
        reversed, is skipped."""
        report = IngestReport()
        for part in self.rescan_slices(since, batch_size):
            report.add(part)
        return report

    def rescan_slices(self, since: float | None = None, batch_size: int = BATCH_SIZE) -> Iterator[IngestReport]:
        """The rescan one write at a time: the caller may run other writes between
        slices (the service does: a rescan never holds up ingestion for long). Data
        restricted instead of erased is used for nothing but its hold's purpose: skipped."""
        scan = self.detection.archive_scanner()
        restricted = self.records.restricted()
        archive = self.store.reader()  # a connection of its own, open for the whole scan
        try:
            batch: list[tuple[float, Event]] = []
            for row in archive.events.iterate(["message", "message_edited", "member_joined"], since):
                if row.id in restricted:
                    continue
                batch.append((row.ts, parse_event(row.payload)))
                if len(batch) >= batch_size:
                    yield self.pipeline.rescan_batch(scan, batch)
                    batch = []
            if batch:
                yield self.pipeline.rescan_batch(scan, batch)
        finally:
            if archive is not self.store:
                archive.close()

    def create_key(self, name: str, scopes: Sequence[str]) -> tuple[ApiKey, str]:
        """A new API key (for the HTTP API); the token is returned once and never stored."""
        return self.keyring.create(name, scopes)

    def list_keys(self) -> list[ApiKey]:
        return self.keyring.list()

    def revoke_key(self, key_id: str) -> None:
        self.keyring.revoke(key_id)
