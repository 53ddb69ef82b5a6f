"""A Slack workspace export (.zip): ``channels.json`` (created, creator, members),
``users.json`` (bots), and a folder per channel with a JSON file per day. Messages,
bot messages, joins and leaves, edits (``message_changed``) and deletions
(``message_deleted``); a record that cannot be mapped is kept with its file and index."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import Any, BinaryIO

import msgspec

from chatcredit.domain.timestamps import to_iso
from chatcredit.errors import InvalidRequest
from chatcredit.importers.base import Item, Options, event_of, rejected


class SlackImporter:
    name = "slack"
    reads = "Slack workspace export .zip (channels.json, users.json, one folder per channel)"

    def read(self, stream: BinaryIO, source: str, options: Options) -> Iterator[Item]:
        try:
            archive = zipfile.ZipFile(stream)  # read in place: one member at a time
        except zipfile.BadZipFile as exc:
            raise InvalidRequest(f"{source}: not a zip archive: {exc}") from None
        with archive:
            names = set(archive.namelist())
            days = [n for n in names if n.count("/") == 1 and n.endswith(".json")]
            if "channels.json" not in names and not days:
                raise InvalidRequest(f"{source}: neither channels.json nor channel folders (is this a Slack export?)")
            position = 0
            channels: Any = []
            if "channels.json" in names:
                channels = _json(archive, "channels.json")
            else:  # the messages still go in; who created and joined the channels is unknown
                position += 1
                yield rejected(
                    position, "", "channels.json", "missing from the archive: channel owners and members unknown"
                )
            for i, channel in enumerate(channels if isinstance(channels, list) else []):
                position += 1
                yield from self._channel(position, i, channel, options)
            by_name = (
                {c.get("name"): c.get("id") for c in channels if isinstance(c, dict)}
                if isinstance(channels, list)
                else {}
            )
            for name in sorted(n for n in names if n.count("/") == 1 and n.endswith(".json")):
                folder = name.split("/")[0]
                group = options.group or f"{options.prefix}slack-{by_name.get(folder) or folder}"
                try:
                    day = _json(archive, name)
                except InvalidRequest as exc:
                    position += 1
                    yield rejected(position, name, name, str(exc))
                    continue
                for k, message in enumerate(day if isinstance(day, list) else []):
                    position += 1
                    yield from self.message(position, f"{name}[{k}]", message, group, options)

    def _channel(self, n: int, i: int, c: Any, options: Options) -> Iterator[Item]:
        where = f"channels.json[{i}]"
        if not isinstance(c, dict) or not c.get("id"):
            yield rejected(n, c, where, "a channel without an id")
            return
        group = options.group or f"{options.prefix}slack-{c['id']}"
        try:
            ts = to_iso(float(c.get("created", 0)))
        except ValueError:
            yield rejected(n, c, f"{where}.created", "not a time")
            return
        if c.get("creator"):
            yield event_of(
                n,
                {
                    "type": "group_created",
                    "id": f"{group}:created",
                    "ts": ts,
                    "user": f"{options.prefix}slack-{c['creator']}",
                    "group": group,
                    "name": str(c.get("name", ""))[:512],
                },
                where,
            )
        for member in c.get("members") or []:
            yield event_of(
                n,
                {
                    "type": "member_joined",
                    "id": f"{group}:member:{member}",
                    "ts": ts,
                    "user": f"{options.prefix}slack-{member}",
                    "group": group,
                },
                where,
            )

    def message(self, n: int, where: str, m: Any, group: str, options: Options) -> Iterator[Item]:
        """One message record, as the export and the Events API both write them."""
        if not isinstance(m, dict) or "ts" not in m:
            yield rejected(n, m, where, "a message without ts")
            return
        try:
            ts = to_iso(float(m["ts"]))
        except (TypeError, ValueError):
            yield rejected(n, m, f"{where}.ts", f"not a Slack timestamp: {m.get('ts')!r}")
            return
        subtype = m.get("subtype")
        inner = m.get("message") or m.get("comment") or {}
        author = m.get("user") or m.get("bot_id") or (inner.get("user") if isinstance(inner, dict) else None)
        if not author:
            yield rejected(n, m, f"{where}.user", "no user or bot_id")
            return
        base = {"id": f"{group}:{m['ts']}", "ts": ts, "user": f"{options.prefix}slack-{author}", "group": group}
        if subtype == "channel_join":
            yield event_of(n, {**base, "type": "member_joined"}, where)
        elif subtype == "channel_leave":
            yield event_of(n, {**base, "type": "member_left"}, where)
        elif subtype == "message_changed":
            inner = m.get("message") or {}
            yield event_of(
                n,
                {
                    **base,
                    "type": "message_edited",
                    "message": f"{group}:{inner.get('ts')}",
                    "text": str(inner.get("text", ""))[:65_536],
                },
                where,
            )
        elif subtype == "message_deleted":
            yield event_of(n, {**base, "type": "message_deleted", "message": f"{group}:{m.get('deleted_ts')}"}, where)
        elif subtype == "file_comment":
            comment = str(inner.get("comment", "")) if isinstance(inner, dict) else ""
            yield event_of(n, {**base, "type": "message", "text": comment[:65_536]}, where)
        elif subtype in (None, "bot_message", "file_share", "thread_broadcast", "me_message"):
            media = bool(m.get("files")) or subtype == "file_share"
            yield event_of(
                n, {**base, "type": "message", "text": str(m.get("text", ""))[:65_536], "media": media}, where
            )
        else:
            options.skip(f"slack {subtype}")


def _json(archive: zipfile.ZipFile, name: str) -> Any:
    try:
        return msgspec.json.decode(archive.read(name))
    except (msgspec.DecodeError, KeyError, zipfile.BadZipFile) as exc:
        raise InvalidRequest(f"{name}: {exc}") from None
