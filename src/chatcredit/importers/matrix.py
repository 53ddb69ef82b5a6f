"""Matrix room events: one event, a list of them, a ``/messages`` response
(``{"chunk": [...]}``), ``{"events": [...]}`` or a ``/sync`` response (each joined room's
state and timeline). ``m.room.create`` makes the creator owner, ``m.room.member`` joins
and leaves, ``m.room.message`` messages, ``m.room.redaction`` deletions, and
``m.room.power_levels`` gives admin (100) and moderator (50) roles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import msgspec

from chatcredit.domain.timestamps import to_iso
from chatcredit.errors import InvalidRequest
from chatcredit.importers.base import Item, Options, event_of, rejected

_MEDIA = ("m.image", "m.file", "m.video", "m.audio", "m.sticker")


def _events(doc: Any) -> Iterator[tuple[str, str | None, Any]]:
    """``(path, room id, event)`` for every event in the payload."""
    if isinstance(doc, list):
        for i, e in enumerate(doc):
            yield f"[{i}]", None, e
    elif isinstance(doc, dict) and "rooms" in doc:
        for room, body in (doc.get("rooms", {}).get("join") or {}).items():
            for part in ("state", "timeline"):
                for i, e in enumerate((body.get(part) or {}).get("events") or []):
                    yield f"rooms.join.{room}.{part}.events[{i}]", room, e
    elif isinstance(doc, dict) and "event" in doc and ("events_before" in doc or "events_after" in doc):
        for i, e in enumerate(doc.get("state") or []):  # a /context response
            yield f"state[{i}]", None, e
        for i, e in enumerate(doc.get("events_before") or []):
            yield f"events_before[{i}]", None, e
        yield "event", None, doc["event"]
        for i, e in enumerate(doc.get("events_after") or []):
            yield f"events_after[{i}]", None, e
    elif isinstance(doc, dict) and ("chunk" in doc or "events" in doc):
        key = "chunk" if "chunk" in doc else "events"
        for i, e in enumerate(doc[key] or []):
            yield f"{key}[{i}]", None, e
        for i, e in enumerate(doc.get("state") or []):
            yield f"state[{i}]", None, e
    elif isinstance(doc, dict):
        yield "", None, doc


class MatrixImporter:
    name = "matrix"
    reads = "Matrix room events (/messages, /sync, event lists; messages, members, redactions, power levels)"

    def read(self, stream: BinaryIO, source: str, options: Options) -> Iterator[Item]:
        try:
            doc = msgspec.json.decode(stream.read())  # payloads are pages of a room, not archives
        except msgspec.DecodeError as exc:
            raise InvalidRequest(f"{source}: not Matrix JSON: {exc}") from None
        for position, (where, room, e) in enumerate(_events(doc), start=1):
            if not isinstance(e, dict) or not isinstance(e.get("type"), str):
                yield rejected(position, e, where, "not a Matrix event (no type)")
                continue
            yield from self._event(position, where, room, e, options)

    def _event(self, n: int, where: str, room: str | None, e: dict[str, Any], options: Options) -> Iterator[Item]:
        group = options.group or e.get("room_id") or room or f"{options.prefix}mx-room"
        ts = e.get("origin_server_ts")
        eid, sender = e.get("event_id"), e.get("sender")
        if not isinstance(ts, int | float) or not eid or not sender:
            yield rejected(n, e, where, "needs event_id, sender and origin_server_ts")
            return
        content = e.get("content") or {}
        base = {
            "id": f"{options.prefix}{eid}",
            "ts": to_iso(ts / 1000),
            "user": f"{options.prefix}{sender}",
            "group": group,
        }
        kind = e["type"]
        if kind == "m.room.message":
            text = content.get("body", "")
            media = content.get("msgtype") in _MEDIA
            yield event_of(n, {**base, "type": "message", "text": str(text)[:65_536], "media": media}, where)
        elif kind == "m.room.create":
            creator = content.get("creator") or sender
            yield event_of(n, {**base, "type": "group_created", "user": f"{options.prefix}{creator}"}, where)
        elif kind == "m.room.member":
            who = e.get("state_key") or sender
            membership = content.get("membership")
            if membership == "join":
                yield event_of(n, {**base, "type": "member_joined", "user": f"{options.prefix}{who}"}, where)
            elif membership in ("leave", "ban"):
                yield event_of(n, {**base, "type": "member_left", "user": f"{options.prefix}{who}"}, where)
                if membership == "ban" or (membership == "leave" and who != sender):
                    action = "ban" if membership == "ban" else "kick"
                    act = {
                        **base,
                        "id": f"{base['id']}:act",
                        "type": "moderation_action",
                        "action": action,
                        "target_user": f"{options.prefix}{who}",
                        "reason": str(content.get("reason", ""))[:4096],
                    }
                    yield event_of(n, act, where)
            else:
                options.skip(f"matrix membership {membership}")
        elif kind == "m.room.redaction":
            target = e.get("redacts") or content.get("redacts")
            if not target:
                yield rejected(n, e, where, "a redaction without redacts")
                return
            yield event_of(n, {**base, "type": "message_deleted", "message": f"{options.prefix}{target}"}, where)
        elif kind == "m.room.power_levels":
            for user, level in sorted((content.get("users") or {}).items()):
                role = "admin" if level >= 100 else "moderator" if level >= 50 else None
                if role:
                    grant = {
                        **base,
                        "id": f"{base['id']}:{user}",
                        "type": "role_granted",
                        "role": role,
                        "user": f"{options.prefix}{user}",
                        "by": f"{options.prefix}{sender}",
                    }
                    yield event_of(n, grant, where)
        else:
            options.skip(f"matrix {kind}")
