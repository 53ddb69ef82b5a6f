"""Live traffic from platforms' own webhooks, mapped to events with the ids the
importers give the same records (so an export imported later adds nothing twice):
Telegram Bot API ``Update`` objects, Slack Events API callbacks, and Matrix
application-service transactions. Pure: payload in, event records out; the HTTP routes
check the platform's secret or signature before calling these."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import msgspec

from chatcredit.domain.timestamps import to_iso
from chatcredit.importers.base import Item, Options, event_of, rejected
from chatcredit.importers.matrix import MatrixImporter
from chatcredit.importers.slack import SlackImporter


def telegram_update(update: Any) -> Iterator[Item]:
    """A Bot API ``Update``: ``message``, ``edited_message`` or ``chat_member``."""
    if not isinstance(update, dict):
        yield rejected(1, update, "", "an Update is a JSON object")
        return
    if isinstance(update.get("message") or update.get("channel_post"), dict):
        m = update.get("message") or update["channel_post"]
        chat, author = m.get("chat") or {}, (m.get("from") or m.get("sender_chat") or {})
        group, mid = f"tg-{chat.get('id')}", m.get("message_id")
        record = {
            "type": "message",
            "id": f"{group}:{mid}",
            "ts": _ts(m.get("date")),
            "user": f"tg-user{author.get('id')}",
            "group": group,
            "text": str(m.get("text") or m.get("caption") or "")[:65_536],
            "media": any(k in m for k in ("photo", "video", "document", "audio", "voice", "sticker")),
        }
        yield event_of(1, record, "message")
    elif isinstance(update.get("edited_message"), dict):
        m = update["edited_message"]
        group, mid = f"tg-{(m.get('chat') or {}).get('id')}", m.get("message_id")
        record = {
            "type": "message_edited",
            "id": f"{group}:{mid}:edit:{m.get('edit_date')}",
            "ts": _ts(m.get("edit_date") or m.get("date")),
            "user": f"tg-user{(m.get('from') or {}).get('id')}",
            "group": group,
            "message": f"{group}:{mid}",
            "text": str(m.get("text") or m.get("caption") or "")[:65_536],
        }
        yield event_of(1, record, "edited_message")
    elif isinstance(update.get("chat_member"), dict):
        yield from _chat_member(update["chat_member"], update.get("update_id"))
    else:
        yield rejected(1, update, "", "no message, edited_message or chat_member in the update")


def _chat_member(c: dict[str, Any], update_id: Any) -> Iterator[Item]:
    group = f"tg-{(c.get('chat') or {}).get('id')}"
    new = c.get("new_chat_member") or {}
    who = f"tg-user{(new.get('user') or {}).get('id')}"
    by = f"tg-user{(c.get('from') or {}).get('id')}"
    base = {"id": f"{group}:member:{update_id}", "ts": _ts(c.get("date")), "user": who, "group": group}
    status = new.get("status")
    if status == "member":
        yield event_of(1, {**base, "type": "member_joined"}, "chat_member")
    elif status in ("left", "kicked"):
        yield event_of(1, {**base, "type": "member_left"}, "chat_member")
        if status == "kicked":
            act = {
                **base,
                "id": f"{base['id']}:ban",
                "type": "moderation_action",
                "user": by,
                "action": "ban",
                "target_user": who,
            }
            yield event_of(1, act, "chat_member")
    elif status in ("administrator", "creator"):
        role = "owner" if status == "creator" else "admin"
        yield event_of(1, {**base, "type": "role_granted", "role": role, "by": by}, "chat_member")


def _ts(value: Any) -> str | None:
    return to_iso(float(value)) if isinstance(value, int | float) else None


def slack_event(payload: Any) -> Iterator[Item]:
    """An Events API ``event_callback``: ``message`` (and its subtypes) and
    ``member_joined_channel`` / ``member_left_channel``."""
    event = payload.get("event") if isinstance(payload, dict) else None
    if not isinstance(event, dict):
        yield rejected(1, payload, "event", "an event_callback has an event")
        return
    group = f"slack-{event.get('channel')}"
    kind = event.get("type")
    if kind == "message":
        yield from SlackImporter().message(1, "event", event, group, Options())
    elif kind in ("member_joined_channel", "member_left_channel"):
        ts = event.get("event_ts") or payload.get("event_time")
        record = {
            "type": "member_joined" if kind == "member_joined_channel" else "member_left",
            "id": f"{group}:member:{payload.get('event_id') or ts}",
            "ts": _ts(float(ts)) if ts is not None else None,
            "user": f"slack-{event.get('user')}",
            "group": group,
        }
        yield event_of(1, record, "event")
    else:
        yield rejected(1, event, "event.type", f"event type {kind!r} is not mapped")


def matrix_transaction(body: bytes) -> Iterator[Item]:
    """An application-service transaction: ``{"events": [...]}``."""
    yield from MatrixImporter().read(io.BytesIO(body), "transaction", Options())


def as_json_events(items: Iterator[Item]) -> tuple[bytes, list[str]]:
    """The mapped events as a JSON array for ``POST /v1/events``'s write, and the reasons
    of the records that could not be mapped."""
    from chatcredit.domain.events import Rejected, encode_event

    events, problems = [], []
    for _, item in items:
        if isinstance(item, Rejected):
            problems.append(f"{item.field or 'payload'}: {item.reason}")
        else:
            events.append(msgspec.Raw(encode_event(item)))
    return msgspec.json.encode(events), problems
