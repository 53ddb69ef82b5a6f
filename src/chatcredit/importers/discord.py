"""DiscordChatExporter's JSON export: ``guild``, ``channel`` and ``messages`` (authors,
timestamps, content, attachments, mentions, replies, member joins)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from chatcredit.errors import InvalidRequest
from chatcredit.importers.base import Item, Options, event_of, rejected, streamed_objects


class DiscordImporter:
    name = "discord"
    reads = "DiscordChatExporter JSON (guild channels, group DMs)"

    def read(self, stream: BinaryIO, source: str, options: Options) -> Iterator[Item]:
        group = options.group
        n = 0
        for prefix, value in streamed_objects(stream, ("messages.item",), ("channel.id",)):
            if prefix in ("truncated", "malformed"):
                if prefix == "malformed" and n == 0:
                    raise InvalidRequest(f"{source}: not a DiscordChatExporter export (JSON): {value}")
                reason = "the export ends inside a record (truncated?)" if prefix == "truncated" else str(value)
                yield rejected(n + 1, "", "end of file", f"{reason}; the {n} records before it were read")
                return
            if prefix == "channel.id":
                group = options.group or f"{options.prefix}discord-{value}"
                continue
            n += 1
            yield from self._message(
                n, f"messages[{n - 1}]", value, group or f"{options.prefix}discord-channel", options
            )

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
