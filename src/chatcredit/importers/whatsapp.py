"""WhatsApp's "Export chat" ``.txt`` (or the ``.zip`` with it): Android lines
(``01/30/2019, 08:49 p. m. - Name: text``), iOS lines (``[01/30/19 20:49] Name: text``),
day-first or month-first dates (``--day-first``, else inferred from the file), 24-hour
or 12-hour clocks (``a. m.``, ``PM``), messages over several lines, and system lines
(group created, added, joined, left, removed). The file has no time zone: ``--timezone``."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from typing import IO, BinaryIO

from chatcredit.errors import InvalidRequest
from chatcredit.importers.base import Item, Options, event_of, rejected, stable_id

_LINE = re.compile(
    r"^\u200e?\[?(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),?\s+"
    r"(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)\s*(?P<half>[aApP]\.?\s?[mM]\.?)?\]?\s*(?:-\s+)?(?P<rest>.*)$"
)
#: ``Name: text`` (a name has no colon; the text may be empty or start right after it)
_SAID = re.compile(r"^(?P<name>[^:\n]{1,120}?):[ \t]?(?P<text>.*)$", re.S)
_JOINED = re.compile(r"^(?P<who>.+?) (?:joined using this group's invite link|joined)$")
_ADDED = re.compile(r"^(?P<by>.+?) added (?P<who>.+)$")
_LEFT = re.compile(r"^(?P<who>.+?) left$")
_REMOVED = re.compile(r"^(?P<by>.+?) removed (?P<who>.+)$")
_CREATED = re.compile(r'^(?P<by>.+?) created group "(?P<name>.*)"$')


def _lines(stream: BinaryIO, source: str) -> Iterator[tuple[int, str]]:
    """The chat's lines, numbered (the .txt itself, or the one inside WhatsApp's .zip)."""
    head = stream.read(2)
    stream.seek(0)
    if head == b"PK":
        with zipfile.ZipFile(stream) as archive:
            names = [n for n in archive.namelist() if n.endswith(".txt")]
            if not names:
                raise InvalidRequest(f"{source}: the zip has no chat .txt")
            with archive.open(names[0]) as member:
                yield from _decoded(member, source)
        return
    yield from _decoded(stream, source)


def _decoded(stream: IO[bytes], source: str) -> Iterator[tuple[int, str]]:
    for n, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidRequest(f"{source}: line {n} is not UTF-8 (byte {exc.start})") from None
        yield n, line.removeprefix("\ufeff").rstrip("\r\n")


def _day_first(dates: list[tuple[int, int]]) -> bool:
    """Infer the order from the dates themselves: a first field above 12 is a day."""
    if any(a > 12 for a, _ in dates):
        return True
    return not any(b > 12 for _, b in dates)  # month first only when a second field is above 12


class WhatsAppImporter:
    name = "whatsapp"
    reads = "WhatsApp 'Export chat' .txt or .zip (Android and iOS line forms; --timezone)"

    def read(self, stream: BinaryIO, source: str, options: Options) -> Iterator[Item]:
        day_first = options.day_first
        if day_first is None:  # a first pass over the dates: the order is the file's
            numeric = []
            for _, line in _lines(stream, source):
                if (m := _LINE.match(line)) is not None:
                    a, b, *_ = re.split(r"[./-]", m["date"])
                    if len(a) < 4:
                        numeric.append((int(a), int(b)))
            day_first = _day_first(numeric)
            stream.seek(0)
        group = options.group or f"{options.prefix}wa-{stable_id(source.rsplit('/', 1)[-1])}"
        seen: dict[str, int] = {}
        current: tuple[int, re.Match[str]] | None = None
        body: list[str] = []
        any_head = False
        for n, line in _lines(stream, source):
            m = _LINE.match(line)
            if m is None:
                if current is not None:
                    body.append(line)
                elif line.strip():
                    yield rejected(n, line, "line", "not a WhatsApp message line (no date and time)")
                continue
            any_head = True
            if current is not None:
                yield from self._head(current, body, day_first, group, seen, options)
            current, body = (n, m), [m["rest"]]
        if current is not None:
            yield from self._head(current, body, day_first, group, seen, options)
        if not any_head:
            raise InvalidRequest(f"{source}: no WhatsApp message lines (a date and time, then a name or a system line)")

    def _head(
        self,
        current: tuple[int, re.Match[str]],
        body: list[str],
        day_first: bool,
        group: str,
        seen: dict[str, int],
        options: Options,
    ) -> Iterator[Item]:
        n, m = current
        ts = _when(m["date"], m["time"], m["half"], day_first, options)
        if ts is None:
            yield rejected(n, m.group(0), "date", f"not a date: {m['date']} {m['time']}")
            return
        yield from self._record(n, ts, "\n".join(body), group, seen, options)

    def _record(
        self, n: int, ts: datetime, body: str, group: str, seen: dict[str, int], options: Options
    ) -> Iterator[Item]:
        when = ts.isoformat()
        said = _SAID.match(body)
        if said is not None:
            name, text = said["name"], said["text"]
            key = stable_id(group, when, name, text)
            seen[key] = seen.get(key, 0) + 1
            mid = f"{group}:{key}" + (f"-{seen[key]}" if seen[key] > 1 else "")
            user = f"{options.prefix}wa-{name.strip()}"
            media = text.strip() in ("<Media omitted>", "<Multimedia omitido>", "image omitted", "video omitted")
            record = {
                "type": "message",
                "id": mid,
                "ts": when,
                "user": user,
                "group": group,
                "text": text,
                "media": media,
            }
            yield event_of(n, record, "line")
            return
        for pattern, kind in (
            (_CREATED, "group_created"),
            (_JOINED, "member_joined"),
            (_ADDED, "member_joined"),
            (_LEFT, "member_left"),
            (_REMOVED, "member_left"),
        ):
            hit = pattern.match(body.strip())
            if hit:
                who = hit.groupdict().get("who") or hit.groupdict().get("by") or ""
                if kind == "group_created":
                    who = hit["by"]
                for k, person in enumerate(p.strip() for p in re.split(r",| and ", who) if p.strip()):
                    record = {
                        "type": kind,
                        "id": f"{group}:{stable_id(when, body)}:{k}",
                        "ts": when,
                        "user": f"{options.prefix}wa-{person}",
                        "group": group,
                    }
                    yield event_of(n, record, "line")
                return
        options.skip("whatsapp system line")


def _when(day: str, clock: str, half: str | None, day_first: bool, options: Options) -> datetime | None:
    parts = [int(p) for p in re.split(r"[./-]", day)]
    if len(parts) != 3:
        return None
    if parts[0] > 999:
        year, month, dom = parts
    elif day_first:
        dom, month, year = parts
    else:
        month, dom, year = parts
    year += 2000 if year < 100 else 0
    bits = [int(p) for p in re.split(r"[:.]", clock)]
    hour, minute, second = bits[0], bits[1], bits[2] if len(bits) > 2 else 0
    if half:
        pm = half.lower().startswith("p")
        hour = (hour % 12) + (12 if pm else 0)
    try:
        return datetime(year, month, dom, hour, minute, second, tzinfo=options.timezone)
    except ValueError:
        return None
