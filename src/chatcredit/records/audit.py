"""The audit log: every state change, as a hash chain.

Each committed write appends one record: what kind of act it was, who did it, and the
state it wrote — each item named by kind and id with the hash of its content as stored
(an archived event's payload, a ledger entry, a notice, a review item, a governance or
due-process record, an API key), or ``gone`` for what a purge or an erasure removed on
purpose. A record's hash covers the previous record's hash and its own contents, so no
record can be changed, removed or reordered without breaking every hash after it.

``verify`` walks the chain, then compares each item's latest recorded hash with the
state as it is now: a changed byte, a deleted row or a state nobody recorded is reported
with the record that vouched for it. Pure: the caller hands in the records and a lookup.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import msgspec

from chatcredit.vocabulary import Time

GENESIS = "0" * 32
GONE = "gone"
#: (state kind, id, content hash or GONE)
Item = tuple[str, str, str]
Lookup = Callable[[str, Sequence[str]], dict[str, str | None]]


class AuditRecord(msgspec.Struct, frozen=True):
    seq: int
    ts: Time
    kind: str
    actor: str
    summary: str
    items: tuple[tuple[str, str, str], ...]
    prev: str
    hash: str


_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(AuditRecord)


def digest(content: bytes) -> str:
    return hashlib.blake2b(content, digest_size=16).hexdigest()


def state_digest(obj: msgspec.Struct) -> str:
    """The hash of a stored struct's canonical JSON (the same bytes on every backend)."""
    return digest(_encoder.encode(obj))


def _record_hash(seq: int, ts: float, kind: str, actor: str, summary: str, items: Sequence[Item], prev: str) -> str:
    return digest(_encoder.encode([prev, seq, ts, kind, actor, summary, list(items)]))


def chain(
    prev: AuditRecord | None, ts: float, kind: str, actor: str, summary: str, items: Sequence[Item]
) -> AuditRecord:
    """The record that follows ``prev`` (None: the first)."""
    seq = prev.seq + 1 if prev else 1
    before = prev.hash if prev else GENESIS
    frozen = tuple((k, i, h) for k, i, h in items)
    return AuditRecord(
        seq, ts, kind, actor, summary, frozen, before, _record_hash(seq, ts, kind, actor, summary, frozen, before)
    )


def encode_record(r: AuditRecord) -> bytes:
    return _encoder.encode(r)


def decode_record(body: bytes) -> AuditRecord:
    return _decoder.decode(body)


@dataclass(frozen=True, slots=True)
class Broken:
    """The first broken link: the record (by seq) and what is wrong."""

    seq: int
    why: str


@dataclass(frozen=True, slots=True)
class Verdict:
    records: int
    items: int
    head: str
    broken: Broken | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify(records: Callable[[], Iterable[AuditRecord]], lookup: Lookup, chunk: int = 2000) -> Verdict:
    """Check the chain, then every item's latest recorded hash against the state now.
    ``records()`` iterates the log from the start (it is read twice: archived events, the
    bulk, are checked record by record so that memory stays bounded by everything else);
    ``lookup(kind, ids)`` gives the current content hash of each id (None: not there)."""
    expected: dict[tuple[str, str], tuple[str, int]] = {}
    gone_events: dict[str, int] = {}
    prev: AuditRecord | None = None
    count = 0
    for r in records():
        count += 1
        want_seq = prev.seq + 1 if prev else 1
        want_prev = prev.hash if prev else GENESIS
        if r.seq != want_seq:
            return Verdict(count, 0, "", Broken(want_seq, f"record {want_seq} is missing (next found: {r.seq})"))
        if r.prev != want_prev:
            return Verdict(count, 0, "", Broken(r.seq, "does not follow the previous record's hash"))
        if r.hash != _record_hash(r.seq, r.ts, r.kind, r.actor, r.summary, r.items, r.prev):
            return Verdict(count, 0, "", Broken(r.seq, "its contents do not match its hash (the record was changed)"))
        for kind, item_id, h in r.items:
            if kind == "event":
                if h == GONE:
                    gone_events[item_id] = r.seq
            else:
                expected[(kind, item_id)] = (h, r.seq)
        prev = r
    problems: list[Broken] = []
    checked = 0
    for r in records():  # archived events: immutable once written, unless removed on purpose
        events = [(i, h) for k, i, h in r.items if k == "event" and h != GONE and i not in gone_events]
        for start in range(0, len(events), chunk):
            part = events[start : start + chunk]
            now = lookup("event", [i for i, _ in part])
            checked += len(part)
            problems.extend(_compare("event", i, h, r.seq, now.get(i)) for i, h in part if now.get(i) != h)
        if problems:
            break
    for item_id, seq in gone_events.items():
        expected[("event", item_id)] = (GONE, seq)
    by_kind: dict[str, list[str]] = {}
    for kind, item_id in expected:
        by_kind.setdefault(kind, []).append(item_id)
    for kind, ids in sorted(by_kind.items()):
        for start in range(0, len(ids), chunk):
            names = ids[start : start + chunk]
            now = lookup(kind, names)
            for item_id in names:
                want, seq = expected[(kind, item_id)]
                if now.get(item_id) != (None if want == GONE else want):
                    problems.append(_compare(kind, item_id, want, seq, now.get(item_id)))
    first = min(problems, key=lambda b: (b.seq, b.why)) if problems else None
    return Verdict(count, checked + len(expected), prev.hash if prev else GENESIS, first)


def _compare(kind: str, item_id: str, want: str, seq: int, have: str | None) -> Broken:
    if want == GONE:
        return Broken(seq, f"{kind} {item_id} was removed on purpose but is there again")
    if have is None:
        return Broken(seq, f"{kind} {item_id} is missing (deleted behind the program's back)")
    return Broken(seq, f"{kind} {item_id} was changed after it was recorded")
