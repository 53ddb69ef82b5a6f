"""Shared blacklists, pure: three formats in and out (merging a source's list is
:mod:`chatcredit.governance.sharing`).

- ``chatcredit`` (native, documented in docs/governance.md): modelled on how trust and
  safety teams share signals (Meta's ThreatExchange / HMA): each source is a *bank* with
  its own trust; each entry carries an *opinion* (``positive``, ``needs-investigation``,
  ``false-positive``), a reason, a category, created/updated/expires times; a retraction
  is a tombstone (``retracted: true``); the list carries a checkpoint.
- ``matrix``: Matrix policy lists, ``m.policy.rule.user`` state events (``entity`` with
  globs, ``recommendation`` ``m.ban``, ``reason``); an event with empty content retracts.
- ``mastodon``: Mastodon's domain block-list CSV (``#domain,#severity,…``).

Imported entries wait for review (``proposed``) unless their bank is trusted; a local
allow-list entry wins over every import; sources that disagree make an entry ``disputed``.
Broken entries are reported with their position and reason; the rest are imported.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated

import msgspec

from chatcredit.domain.taxonomy import is_known
from chatcredit.domain.timestamps import to_iso
from chatcredit.errors import InvalidRequest
from chatcredit.governance.records import Listing, Opinion, SubjectKind

FORMAT = "chatcredit.blacklist"
FORMATS = ("chatcredit", "matrix", "mastodon")
Subject = Annotated[str, msgspec.Meta(min_length=1, max_length=512, pattern="^[^\x00-\x1f\x7f]+$")]


class SharedEntry(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    subject: Subject
    subject_kind: SubjectKind = "user"
    category: str = "other"
    opinion: Opinion = "positive"
    reason: Annotated[str, msgspec.Meta(max_length=4096)] = ""
    created: datetime | None = None
    updated: datetime | None = None
    expires: datetime | None = None
    retracted: bool = False


class _List(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    format: str
    entries: list[msgspec.Raw]
    version: int = 1
    source: str = ""
    exported: str = ""
    checkpoint: float = 0.0


@dataclass(frozen=True, slots=True)
class Broken:
    """An entry that could not be imported: where it is and why."""

    position: int
    reason: str


@dataclass(slots=True)
class Parsed:
    entries: list[SharedEntry] = field(default_factory=list)
    checkpoint: float = 0.0


_entry = msgspec.json.Decoder(SharedEntry)


def _checked(e: SharedEntry, position: int) -> Broken | None:
    if not is_known(e.category):
        return Broken(position, f"unknown category {e.category!r}")
    return None


def parse(data: bytes, fmt: str, source: str) -> tuple[Parsed, list[Broken]]:
    """The entries of a shared list in ``fmt``, and the broken ones (position, reason)."""
    if fmt == "chatcredit":
        return _parse_native(data)
    if fmt == "matrix":
        return _parse_matrix(data)
    if fmt == "mastodon":
        return _parse_mastodon(data)
    raise InvalidRequest(f"unknown list format {fmt!r}; one of {', '.join(FORMATS)}")


def _parse_native(data: bytes) -> tuple[Parsed, list[Broken]]:
    try:
        doc = msgspec.json.decode(data, type=_List)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise InvalidRequest(f"not a {FORMAT} list: {exc}") from None
    if doc.format != FORMAT:
        raise InvalidRequest(f"format is {doc.format!r}, not {FORMAT!r}")
    parsed, broken = Parsed(checkpoint=doc.checkpoint), []
    for position, raw in enumerate(doc.entries, start=1):
        try:
            entry = _entry.decode(raw)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            broken.append(Broken(position, str(exc)))
            continue
        problem = _checked(entry, position)
        if problem:
            broken.append(problem)
        else:
            parsed.entries.append(entry)
    return parsed, broken


def _category_and_reason(text: str) -> tuple[str, str]:
    """``"spam: sends links"`` → ``("spam", "sends links")``; free text → ``("other", text)``."""
    head, sep, rest = text.partition(":")
    if sep and is_known(head.strip()):
        return head.strip(), rest.strip()
    return "other", text


def _parse_matrix(data: bytes) -> tuple[Parsed, list[Broken]]:
    try:
        doc = msgspec.json.decode(data)
    except msgspec.DecodeError as exc:
        raise InvalidRequest(f"not a Matrix policy list (JSON): {exc}") from None
    events = doc.get("events", doc.get("state", [])) if isinstance(doc, dict) else doc
    if not isinstance(events, list):
        raise InvalidRequest("a Matrix policy list is a JSON list of state events (or {'events': [...]})")
    parsed, broken = Parsed(), []
    for position, event in enumerate(events, start=1):
        if not isinstance(event, dict) or event.get("type") not in ("m.policy.rule.user", "m.room.rule.user"):
            broken.append(Broken(position, "not an m.policy.rule.user state event"))
            continue
        content = event.get("content") or {}
        entity = content.get("entity") or str(event.get("state_key", "")).removeprefix("rule:")
        if not content:  # redacted or emptied rule: a retraction
            if entity:
                parsed.entries.append(SharedEntry(subject=entity, subject_kind=_kind(entity), retracted=True))
            else:
                broken.append(Broken(position, "an emptied rule without a state_key"))
            continue
        if not isinstance(entity, str) or not entity:
            broken.append(Broken(position, "content.entity is missing"))
            continue
        recommendation = content.get("recommendation")
        if recommendation not in ("m.ban", "org.matrix.mjolnir.ban"):
            broken.append(Broken(position, f"recommendation {recommendation!r} is not m.ban"))
            continue
        category, reason = _category_and_reason(str(content.get("reason", "")))
        ts = event.get("origin_server_ts")
        when = datetime.fromtimestamp(ts / 1000, tz=UTC) if isinstance(ts, int | float) else None
        parsed.entries.append(
            SharedEntry(subject=entity, subject_kind=_kind(entity), category=category, reason=reason, updated=when)
        )
    return parsed, broken


def _kind(entity: str) -> SubjectKind:
    return "user-glob" if any(c in entity for c in "*?") else "user"


_SEVERITY: dict[str, Opinion] = {"suspend": "positive", "silence": "needs-investigation", "noop": "false-positive"}


def _parse_mastodon(data: bytes) -> tuple[Parsed, list[Broken]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidRequest(f"not UTF-8 CSV: byte {exc.start}") from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return Parsed(), []
    header = [h.strip().lstrip("#") for h in rows[0]]
    if "domain" not in header:
        raise InvalidRequest("a Mastodon block list needs a #domain column")
    parsed, broken = Parsed(), []
    for position, row in enumerate(rows[1:], start=2):  # the line in the file
        if not any(cell.strip() for cell in row):
            continue
        cells = dict(zip(header, row, strict=False))
        domain = cells.get("domain", "").strip().lower()
        severity = cells.get("severity", "suspend").strip() or "suspend"
        if not domain or " " in domain or "." not in domain.strip("*."):
            broken.append(Broken(position, f"not a domain: {cells.get('domain', '')!r}"))
            continue
        if severity not in _SEVERITY:
            broken.append(Broken(position, f"unknown severity {severity!r} (suspend, silence, noop)"))
            continue
        category, reason = _category_and_reason(cells.get("public_comment", "").strip())
        parsed.entries.append(
            SharedEntry(
                subject=domain, subject_kind="domain", category=category, opinion=_SEVERITY[severity], reason=reason
            )
        )
    return parsed, broken


# ------------------------------------------------------------------ writing


def _iso_or_none(ts: float | None) -> str | None:
    return to_iso(ts) if ts is not None else None


def export_native(listings: Iterable[Listing], source: str, now: float) -> bytes:
    entries = [
        {
            "subject": x.subject,
            "subject_kind": x.subject_kind,
            "category": x.category,
            "opinion": x.opinion,
            "reason": x.reason,
            "created": to_iso(x.created),
            "updated": to_iso(x.updated or x.created),
            "expires": _iso_or_none(x.expires),
            "retracted": x.status in ("lifted", "expired"),
        }
        for x in listings
    ]
    doc = {
        "format": FORMAT,
        "version": 1,
        "source": source,
        "exported": to_iso(now),
        "checkpoint": now,
        "entries": entries,
    }
    return msgspec.json.format(msgspec.json.encode(doc)) + b"\n"


def export_matrix(listings: Iterable[Listing]) -> bytes:
    events = []
    for x in listings:
        if x.subject_kind not in ("user", "user-glob"):
            continue
        content = (
            {}
            if x.status in ("lifted", "expired")
            else {"entity": x.subject, "recommendation": "m.ban", "reason": f"{x.category}: {x.reason}"}
        )
        events.append({"type": "m.policy.rule.user", "state_key": f"rule:{x.subject}", "content": content})
    return msgspec.json.format(msgspec.json.encode(events)) + b"\n"


def export_mastodon(listings: Iterable[Listing]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["#domain", "#severity", "#reject_media", "#reject_reports", "#public_comment", "#obfuscate"])
    back = {v: k for k, v in _SEVERITY.items()}
    for x in listings:
        if x.subject_kind == "domain" and x.status not in ("lifted", "expired"):
            writer.writerow([x.subject, back[x.opinion], "false", "false", f"{x.category}: {x.reason}", "false"])
    return out.getvalue().encode()
