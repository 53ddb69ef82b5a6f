"""Telegram Desktop's ``result.json``: one chat (``{"messages": [...]}``) or a whole
account (``{"chats": {"list": [...]}}``). Text is a string or a list of entities;
times are ``date_unixtime`` (or ``date``, local time); service messages carry joins,
removals, group creation and pins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, BinaryIO

from chatcredit.domain.timestamps import to_iso
from chatcredit.errors import InvalidRequest
from chatcredit.importers.base import Item, Options, event_of, rejected, stable_id, streamed_objects


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in value)
    return ""


class TelegramImporter:
    name = "telegram"
    reads = "Telegram Desktop result.json (one chat, or a whole account's export)"

    def read(self, stream: BinaryIO, source: str, options: Options) -> Iterator[Item]:
        arrays = ("messages.item", "chats.list.item.messages.item")
        scalars = ("id", "name", "chats.list.item.id", "chats.list.item.name")
        chat: dict[str, Any] = {}
        position = 0
        chats = 0
        group = options.group
        for prefix, value in streamed_objects(stream, arrays, scalars):
            if prefix in ("truncated", "malformed"):
                if prefix == "malformed" and position == 0:
                    raise InvalidRequest(f"{source}: not a Telegram export (JSON): {value}")
                reason = "the export ends inside a record (truncated?)" if prefix == "truncated" else str(value)
                yield rejected(position + 1, "", "end of file", f"{reason}; the {position} records before it were read")
                return
            if prefix != "item":
                key = prefix.rsplit(".", 1)[-1]
                if prefix.startswith("chats.") and key == "id" and chat.get("id") is not None:
                    chat, chats = {}, chats + 1  # the next chat of an account export
                chat[key] = value
                group = options.group or f"{options.prefix}tg-{chat.get('id') or stable_id(chat.get('name', chats))}"
                continue
            position += 1
            where = f"messages[{position - 1}]"
            yield from self._message(position, value, group or f"{options.prefix}tg-chat", where, options)

    def _message(self, position: int, m: Any, group: str, where: str, options: Options) -> Iterator[Item]:
        if not isinstance(m, dict):
            yield rejected(position, m, where, "a message is a JSON object")
            return
        ts = _when(m, options)
        if ts is None:
            yield rejected(position, m, f"{where}.date_unixtime", "no date_unixtime or date")
            return
        author = m.get("from_id") or m.get("actor_id") or m.get("from") or m.get("actor")
        if not author:
            yield rejected(position, m, f"{where}.from", "no author (from_id or from)")
            return
        user = f"{options.prefix}tg-{author}"
        mid = m.get("id", stable_id(ts, author, _text(m.get("text"))))
        base = {"id": f"{group}:{mid}", "ts": ts, "user": user, "group": group}
        if m.get("type") == "service":
            action = m.get("action")
            if action in ("create_group", "create_channel", "migrate_from_group"):
                yield event_of(
                    position, {**base, "type": "group_created", "name": str(m.get("title", ""))[:512]}, where
                )
            elif action in ("invite_members", "join_group_by_link", "join_group_by_request"):
                members = m.get("members") or [m.get("actor") or author]
                for n, member in enumerate(members):
                    who = f"{options.prefix}tg-{member}"
                    yield event_of(
                        position, {**base, "id": f"{group}:{mid}:{n}", "type": "member_joined", "user": who}, where
                    )
            elif action == "remove_members":
                for n, member in enumerate(m.get("members") or []):
                    who = f"{options.prefix}tg-{member}"
                    yield event_of(
                        position, {**base, "id": f"{group}:{mid}:{n}", "type": "member_left", "user": who}, where
                    )
            else:
                options.skip(f"telegram service message {action}")
            return
        if m.get("type", "message") != "message":
            options.skip(f"telegram {m.get('type')}")
            return
        media = bool(m.get("photo") or m.get("file") or m.get("media_type"))
        record = {**base, "type": "message", "text": _text(m.get("text"))[:65_536], "media": media}
        if isinstance(m.get("reply_to_message_id"), int):
            record["reply_to"] = f"{group}:{m['reply_to_message_id']}"
        yield event_of(position, record, where)


def _when(m: dict[str, Any], options: Options) -> str | None:
    unix = m.get("date_unixtime")
    try:
        if unix is not None:
            return to_iso(float(unix))
        if isinstance(m.get("date"), str):
            local = datetime.fromisoformat(m["date"])
            return to_iso((local if local.tzinfo else local.replace(tzinfo=options.timezone)).timestamp())
    except (ValueError, OverflowError, OSError):
        return None
    return None
