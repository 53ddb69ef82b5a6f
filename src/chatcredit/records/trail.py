"""What one write puts in the audit log: the state it wrote, item by item, with the
hash of each item's content as stored. Pure: built from the write's effects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple

import msgspec

from chatcredit.domain.effects import Effects
from chatcredit.domain.keys import ApiKey
from chatcredit.governance.records import KINDS, GovRecord
from chatcredit.governance.records import encode_record as encode_gov
from chatcredit.records.audit import GONE, Item, digest, state_digest

_json = msgspec.json.Encoder()


def record_digest(r: GovRecord) -> str:
    return digest(encode_gov(r))


def key_digest(k: ApiKey) -> str:
    return digest(_json.encode(list(astuple(k))))


def has_state(e: Effects) -> bool:
    """Does this write change anything the audit log records?"""
    return bool(
        e.events
        or e.purged
        or e.entries
        or e.notices
        or e.reviews
        or e.decided
        or e.records
        or e.api_keys
        or e.erasure is not None
    )


def items_of(e: Effects) -> list[Item]:
    items: list[Item] = [("event", r.id, digest(r.payload)) for r in e.events]
    items += [("event", i, GONE) for i in e.purged]
    items += [("entry", x.id, state_digest(x)) for x in e.entries]
    items += [("notice", n.id, state_digest(n)) for n in e.notices]
    items += [("review", r.id, state_digest(r)) for r in (*e.reviews, *e.decided)]
    items += [(f"record:{KINDS[type(r)]}", r.id, record_digest(r)) for r in e.records]
    items += [("key", k.id, key_digest(k)) for k in e.api_keys]
    if e.erasure is not None:
        x = e.erasure
        items += [("event", i, GONE) for i in x.events]
        items += [("entry", y.id, state_digest(y)) for y in x.entries]
        items += [("notice", n.id, state_digest(n)) for n in x.notices]
        items += [("review", r.id, state_digest(r)) for r in x.reviews]
    return items


def kind_of(e: Effects) -> str:
    if e.act:
        return e.act
    for name, present in (
        ("ingest", e.events),
        ("purge", e.purged),
        ("erasure", e.erasure),
        ("decision", e.entries),
        ("review", e.decided),
        ("key", e.api_keys),
    ):
        if present:
            return name
    return "records"


def summary_of(e: Effects, items: Sequence[Item]) -> str:
    counts: dict[str, int] = {}
    for kind, _, h in items:
        label = f"{kind} removed" if h == GONE else kind
        counts[label] = counts.get(label, 0) + 1
    return ", ".join(f"{n} {label}" for label, n in sorted(counts.items()))
