"""Event schema v1: what a platform tells chatcredit, and how it is parsed.

One JSON object per event, ``type`` selects the shape. Validation is done by msgspec
against the structs below; a failure becomes an :class:`~chatcredit.errors.InvalidEvent`
that names the line and the field. See ``docs/events.md`` for the documented schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Literal

import msgspec

from chatcredit.domain.taxonomy import is_known
from chatcredit.errors import InvalidEvent

SCHEMA_VERSION = 1

#: an id is printable: no control characters (no NUL, which no database text can hold)
ID_PATTERN = "^[^\x00-\x1f\x7f]+$"
Id = Annotated[str, msgspec.Meta(min_length=1, max_length=256, pattern=ID_PATTERN)]
Timestamp = Annotated[datetime, msgspec.Meta(tz=True)]
Text = Annotated[str, msgspec.Meta(max_length=65_536)]
Role = Literal["owner", "admin", "moderator"]
#: an identity level as the policy names them (``identity.levels``; checked at ingest)
IdentityLevel = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
AccountKind = Literal["channel", "bot", "organization"]
ModerationKind = Literal["remove_message", "warn", "mute", "kick", "ban"]


class _Event(msgspec.Struct, frozen=True, kw_only=True, tag_field="type", forbid_unknown_fields=True):
    id: Id
    ts: Timestamp
    v: int = SCHEMA_VERSION


class Message(_Event, tag="message", frozen=True):
    user: Id
    group: Id
    text: Text = ""
    media: bool = False
    mentions: list[Id] = []
    reply_to: Id | None = None
    lang: Annotated[str, msgspec.Meta(max_length=16)] | None = None


class MessageEdited(_Event, tag="message_edited", frozen=True):
    message: Id
    user: Id
    group: Id
    text: Text


class MessageDeleted(_Event, tag="message_deleted", frozen=True):
    message: Id
    user: Id
    group: Id


class MemberJoined(_Event, tag="member_joined", frozen=True):
    user: Id
    group: Id
    invited_by: Id | None = None


class MemberLeft(_Event, tag="member_left", frozen=True):
    user: Id
    group: Id


class GroupCreated(_Event, tag="group_created", frozen=True):
    user: Id
    group: Id
    name: Annotated[str, msgspec.Meta(max_length=512)] = ""


class RoleGranted(_Event, tag="role_granted", frozen=True):
    user: Id
    group: Id
    role: Role
    by: Id | None = None


class RoleRevoked(_Event, tag="role_revoked", frozen=True):
    user: Id
    group: Id
    role: Role
    by: Id | None = None


class ModerationAction(_Event, tag="moderation_action", frozen=True):
    user: Id  # the moderator who acted
    group: Id
    action: ModerationKind
    target_user: Id
    message: Id | None = None
    reason: Annotated[str, msgspec.Meta(max_length=4096)] = ""


class Report(_Event, tag="report", frozen=True):
    user: Id  # the reporter
    target_user: Id
    category: Id
    group: Id | None = None
    message: Id | None = None
    note: Annotated[str, msgspec.Meta(max_length=4096)] = ""


class IdentityVerified(_Event, tag="identity_verified", frozen=True):
    """A verification provider confirmed the user's identity to ``level``; only the
    level, the provider and its reference are kept, never documents."""

    user: Id
    level: IdentityLevel
    provider: Annotated[str, msgspec.Meta(max_length=128)] = ""
    provider_ref: Annotated[str, msgspec.Meta(max_length=256)] = ""


class AccountRegistered(_Event, tag="account_registered", frozen=True):
    """A public account (a channel, a bot, an organisation's page) that broadcasts to
    many people: scored and listed like a user; its operator answers for what it posts."""

    user: Id  # the operator: the person who runs the account
    account: Id
    kind: AccountKind
    verified_organization: bool = False
    name: Annotated[str, msgspec.Meta(max_length=512)] = ""


Event = (
    Message
    | MessageEdited
    | MessageDeleted
    | MemberJoined
    | MemberLeft
    | GroupCreated
    | RoleGranted
    | RoleRevoked
    | ModerationAction
    | Report
    | IdentityVerified
    | AccountRegistered
)

EVENT_TYPES: tuple[type[_Event], ...] = (
    Message,
    MessageEdited,
    MessageDeleted,
    MemberJoined,
    MemberLeft,
    GroupCreated,
    RoleGranted,
    RoleRevoked,
    ModerationAction,
    Report,
    IdentityVerified,
    AccountRegistered,
)

_decoder = msgspec.json.Decoder(Event)
_encoder = msgspec.json.Encoder()
_AT_FIELD = re.compile(r" - at `\$\.?([^`]*)`$")
_MISSING_FIELD = re.compile(r"(?:missing required|contains unknown) field `([^`]+)`")


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input record that could not be accepted, kept with the reason."""

    line: int
    raw: str
    field: str | None
    reason: str


def _field_of(message: str) -> str | None:
    if m := _AT_FIELD.search(message):
        return m.group(1) or None
    if m := _MISSING_FIELD.search(message):
        return m.group(1)
    return None


#: times before the epoch are not chat (a year 0001 is a platform's placeholder or a bug)
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)
_BOM = "\ufeff"


def _check(event: Event, line: int) -> Event:
    if not EARLIEST <= event.ts < LATEST:
        raise InvalidEvent(line, "ts", f"time {event.ts.isoformat()} is outside 1970 to 9000")
    if event.v != SCHEMA_VERSION:
        raise InvalidEvent(line, "v", f"unsupported schema version {event.v}; this is v{SCHEMA_VERSION}")
    if isinstance(event, Report) and not is_known(event.category):
        raise InvalidEvent(line, "category", f"unknown category {event.category!r}")
    return event


def parse_event(raw: bytes | str, line: int = 1) -> Event:
    """Parse and validate one JSON event; raise :class:`InvalidEvent` naming the field."""
    try:
        event = _decoder.decode(raw)
    except msgspec.ValidationError as exc:
        text = str(exc)
        field = _field_of(text)
        reason = _AT_FIELD.sub("", text)
        if field == "type" and reason.startswith("Invalid value"):
            reason = f"unknown event type {reason.removeprefix('Invalid value ')}"
        raise InvalidEvent(line, field, reason) from None
    except msgspec.DecodeError as exc:
        raise InvalidEvent(line, None, f"malformed JSON: {exc}") from None
    except UnicodeDecodeError as exc:
        raise InvalidEvent(line, None, f"not UTF-8: byte {exc.start} is not valid") from None
    except RecursionError:
        raise InvalidEvent(line, None, "malformed JSON: nested too deeply") from None
    return _check(event, line)


def parse_lines(lines: Iterable[bytes | str], first_line: int = 1) -> Iterator[tuple[int, Event | Rejected]]:
    """Parse JSON Lines; yield ``(line_number, event or Rejected)``; skip blank lines."""
    for number, raw in enumerate(lines, start=first_line):
        if number == first_line:  # a byte-order mark before the first line is not content
            raw = raw.removeprefix(b"\xef\xbb\xbf") if isinstance(raw, bytes) else raw.removeprefix(_BOM)
        if not raw.strip():
            continue
        try:
            yield number, parse_event(raw, number)
        except InvalidEvent as exc:
            text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
            yield number, Rejected(number, text.rstrip("\r\n"), exc.field, exc.reason)


def encode_event(event: Event) -> bytes:
    return _encoder.encode(event)


_TYPE_NAMES: dict[type, str] = {cls: str(cls.__struct_config__.tag) for cls in EVENT_TYPES}


def event_type(event: Event) -> str:
    """The event's ``type`` name, as in the schema (``message``, ``member_joined``, ...)."""
    return _TYPE_NAMES[type(event)]
