"""IRC logs: ``[HH:MM] <nick> text`` (and ``[HH:MM:SS]``), ``* nick does`` actions,
``=== nick [host] has joined #channel`` / ``has left`` / ``has quit``. The date comes
from ``--date`` or a ``YYYY-MM-DD`` in the file name; the time zone from ``--timezone``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import BinaryIO

from chatcredit.errors import InvalidRequest
from chatcredit.importers.base import Item, Options, event_of, rejected, stable_id

_SAY = re.compile(r"^\[(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\]\s+<\s*(?P<nick>[^>\s][^>]*?)\s*>\s?(?P<text>.*)$")
_ACT = re.compile(r"^\[(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\]\s+\*\s+(?P<nick>\S+)\s(?P<text>.*)$")
_EVENT = re.compile(
    r"^(?:\[(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\]\s+)?(?:===|\*\*\*|-!-)\s+(?P<nick>\S+)\s"
    r".*?has (?P<what>joined|left|quit)(?:\s+(?P<chan>#\S+))?"
)
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
#: ``=== nick does something``: an action, as some loggers write them (not a join or part)
_NOTICE = re.compile(
    r"^(?:\[(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\]\s+)?(?:===|\*\*\*|-!-)\s+(?P<nick>\S+)\s(?P<text>.*)$"
)
_RENAMED = re.compile(r"\bis now known as\b|\bsets mode\b|\bchanges topic\b|\bset the topic\b")


class IrcImporter:
    name = "irc"
    reads = "IRC logs ([HH:MM] <nick> text; joins, parts, quits; --date or a date in the file name)"

    def read(self, stream: BinaryIO, source: str, options: Options) -> Iterator[Item]:
        day = options.day or _day_from(source)
        if day is None:
            raise InvalidRequest(f"{source}: no date: give --date YYYY-MM-DD (the log has times only)")
        group = options.group
        last = "00:00"
        for n, raw in enumerate(stream, start=1):  # line by line: constant memory
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if not line.strip():
                continue
            if (m := _EVENT.match(line)) is not None:
                group = group or f"{options.prefix}irc-{(m['chan'] or '#' + source.rsplit('/', 1)[-1]).lstrip('#')}"
                clock = m["time"] or last
                kind = "member_joined" if m["what"] == "joined" else "member_left"
                record = {
                    "type": kind,
                    "id": f"{group}:{stable_id(n, line)}",
                    "ts": _iso(day, clock, options),
                    "user": f"{options.prefix}irc-{m['nick']}",
                    "group": group,
                }
                yield event_of(n, record, "line")
                continue
            m = _SAY.match(line) or _ACT.match(line)
            if m is None and (notice := _NOTICE.match(line)) is not None:
                if _RENAMED.search(line):
                    options.skip("irc nick, mode or topic change")
                    continue
                m = notice
                if m["time"] is None:  # an action without its own time: the last time seen
                    line = f"[{last}] * {m['nick']} {m['text']}"
                    m = _ACT.match(line)
            if m is None:
                yield rejected(n, line, "line", "not an IRC log line ([HH:MM] <nick> text, or a join/part)")
                continue
            last = m["time"]
            group = (
                group
                or f"{options.prefix}irc-{_DAY.sub('', source.rsplit('/', 1)[-1]).split('.')[0].strip('_-') or 'log'}"
            )
            record = {
                "type": "message",
                "id": f"{group}:{day}:{stable_id(n, line)}",
                "ts": _iso(day, m["time"], options),
                "user": f"{options.prefix}irc-{m['nick']}",
                "group": group,
                "text": m["text"],
            }
            yield event_of(n, record, "line")


def _day_from(source: str) -> date | None:
    m = _DAY.search(source.rsplit("/", 1)[-1])
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _iso(day: date, clock: str, options: Options) -> str:
    bits = [int(b) for b in clock.split(":")]
    hour, minute, second = bits[0], bits[1], bits[2] if len(bits) > 2 else 0
    return datetime(
        day.year, day.month, day.day, hour % 24, minute % 60, second % 60, tzinfo=options.timezone
    ).isoformat()
