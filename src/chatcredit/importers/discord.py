"""DiscordChatExporter's JSON export: ``guild``, ``channel`` and ``messages`` (authors,
timestamps, content, attachments, mentions, replies, member joins)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec

from chatcredit.errors import InvalidRequest
from chatcredit.importers.base import Item, Options, event_of, rejected


class DiscordImporter:
    name = "discord"
    reads = "DiscordChatExporter JSON (guild channels, group DMs)"

    def read(self, data: bytes, source: str, options: Options) -> Iterator[Item]:
        try:
            doc = msgspec.json.decode(data)
        except msgspec.DecodeError as exc:
            raise InvalidRequest(f"{source}: not a DiscordChatExporter export (JSON): {exc}") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("messages"), list):
            raise InvalidRequest(f"{source}: a DiscordChatExporter export has a messages list")
        channel = doc.get("channel") or {}
        group = options.group or f"{options.prefix}discord-{channel.get('id') or 'channel'}"
        for n, m in enumerate(doc["messages"], start=1):
            yield from self._message(n, f"messages[{n - 1}]", m, group, options)

    def _message(self, n: int, where: str, m: Any, group: str, options: Options) -> Iterator[Item]:
        if not isinstance(m, dict) or not m.get("id") or not isinstance(m.get("author"), dict):
            yield rejected(n, m, where, "a message needs an id and an author")
            return
        author = m["author"].get("id")
        base = {
            "id": f"{options.prefix}discord-{m['id']}",
            "ts": m.get("timestamp"),
            "user": f"{options.prefix}discord-{author}",
            "group": group,
        }
        kind = m.get("type", "Default")
        if kind == "GuildMemberJoin":
            yield event_of(n, {**base, "type": "member_joined"}, where)
        elif kind in ("Default", "Reply"):
            record: dict[str, Any] = {
                **base,
                "type": "message",
                "text": str(m.get("content", ""))[:65_536],
                "media": bool(m.get("attachments")),
                "mentions": [
                    f"{options.prefix}discord-{x.get('id')}" for x in m.get("mentions") or [] if isinstance(x, dict)
                ],
            }
            ref = (m.get("reference") or {}).get("messageId")
            if ref:
                record["reply_to"] = f"{options.prefix}discord-{ref}"
            yield event_of(n, record, where)
            if m.get("timestampEdited"):
                options.skip("discord edit (the export keeps only the last text)")
        else:
            options.skip(f"discord {kind}")
