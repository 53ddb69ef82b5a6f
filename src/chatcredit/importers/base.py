"""What every importer shares: the protocol, options, and turning a platform's record
into a validated event — or a rejected record that names where it was and why.

An importer reads an export (bytes: a file, or a member of a zip archive) and yields
``(position, Event | Rejected)``: the position is the line in a text export or the
index of the record in a JSON one, and a Rejected's ``field`` names the JSON path. Ids
are derived from the platform's own ids, so importing the same export twice adds
nothing (the pipeline deduplicates by id).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, tzinfo
from typing import Any, BinaryIO, Protocol

import msgspec

from chatcredit.domain.events import Event, Rejected, parse_event
from chatcredit.errors import InvalidEvent

Item = tuple[int, Event | Rejected]
_encoder = msgspec.json.Encoder()


@dataclass(frozen=True, slots=True)
class Options:
    """How to read an export: the time zone of exports that carry none (WhatsApp, IRC),
    the group id for exports of one chat that carry none, a prefix for every id (two
    platforms' ids never collide), the date of an IRC log, and WhatsApp's day order."""

    timezone: tzinfo = UTC
    group: str | None = None
    prefix: str = ""
    day: date | None = None
    day_first: bool | None = None
    #: what the schema cannot represent, counted by kind (reported, never silently dropped)
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, what: str) -> None:
        self.skipped[what] = self.skipped.get(what, 0) + 1


class Importer(Protocol):
    name: str
    #: what the importer reads, for ``--help`` and the docs
    reads: str

    def read(self, stream: BinaryIO, source: str, options: Options) -> Iterator[Item]:
        """The export's records, read from ``stream`` as they come (constant memory)."""
        ...


def stable_id(*parts: object) -> str:
    """A short id from the platform's own ids (or, where it has none, the record's
    content): the same record always gets the same id."""
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


def event_of(position: int, record: dict[str, Any], where: str = "") -> Item:
    """The event ``record`` describes, validated as ``ingest`` validates it, or the record
    rejected with the reason and where it was."""
    raw = _encoder.encode(record)
    try:
        return position, parse_event(raw, position)
    except InvalidEvent as exc:
        at = f"{where}.{exc.field}" if where and exc.field else (where or exc.field)
        return position, Rejected(position, raw.decode(), at, exc.reason)


def rejected(position: int, raw: object, where: str, reason: str) -> Item:
    text = raw if isinstance(raw, str) else _encoder.encode(raw).decode(errors="replace")
    return position, Rejected(position, text[:4096], where, reason)


def streamed_objects(
    stream: BinaryIO, arrays: tuple[str, ...], scalars: tuple[str, ...] = ()
) -> Iterator[tuple[str, Any]]:
    """Stream a JSON document: ``(prefix, object)`` for each element of the arrays named by
    ``arrays`` (ijson prefixes such as ``messages.item``), and ``(prefix, value)`` for the
    scalars named by ``scalars`` as they pass. A document cut short ends with
    ``("truncated", records read)``; malformed JSON with ``("malformed", reason)``."""
    import ijson

    builder: ijson.ObjectBuilder | None = None
    depth = 0
    count = 0
    try:
        for prefix, event, value in ijson.parse(stream, use_float=True):
            if builder is not None:
                builder.event(event, value)
                if event in ("start_map", "start_array"):
                    depth += 1
                elif event in ("end_map", "end_array"):
                    depth -= 1
                if depth == 0:
                    count += 1
                    yield "item", builder.value
                    builder = None
                continue
            if prefix in arrays and event in ("start_map", "start_array"):
                builder = ijson.ObjectBuilder()
                builder.event(event, value)
                depth = 1
            elif prefix in arrays and event in ("string", "number", "boolean", "null"):
                count += 1
                yield "item", value
            elif prefix in scalars and event in ("string", "number"):
                yield prefix, value
    except ijson.IncompleteJSONError as exc:
        if "premature" in str(exc).lower() or "incomplete" in str(exc).lower():
            yield "truncated", count
        else:
            yield "malformed", f"{exc} (after {count} records)"
    except ijson.JSONError as exc:
        yield "malformed", f"{exc} (after {count} records)"
