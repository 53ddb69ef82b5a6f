from __future__ import annotations

import json

import pytest

from chatcredit.domain.events import EVENT_TYPES, Message, Rejected, Report, parse_event, parse_lines
from chatcredit.errors import InvalidEvent


def test_message_parses_and_timestamp_is_utc() -> None:
    e = parse_event(
        '{"type":"message","id":"m1","ts":"2026-03-01T13:00:00+01:00","user":"u1","group":"g1","text":"hi"}'
    )
    assert isinstance(e, Message)
    assert (
        e.ts.timestamp()
        == parse_event(
            '{"type":"message","id":"m2","ts":"2026-03-01T12:00:00Z","user":"u1","group":"g1"}'
        ).ts.timestamp()
    )


@pytest.mark.parametrize(
    ("raw", "field", "fragment"),
    [
        ('{"type":"message","id":"m1","ts":"2026-03-01T12:00:00Z","group":"g1"}', "user", "missing"),
        ('{"type":"sticker","id":"x","ts":"2026-03-01T12:00:00Z"}', "type", "unknown event type"),
        ('{"type":"message","id":"m1","ts":"yesterday","user":"u","group":"g"}', "ts", "datetime"),
        ('{"type":"message","id":"m1","ts":"2026-03-01T12:00:00","user":"u","group":"g"}', "ts", "timezone"),
        ('{"type":"message","id":"m1","ts":"2026-03-01T12:00:00Z","user":5,"group":"g"}', "user", "str"),
        ('{"type":"message","id":"","ts":"2026-03-01T12:00:00Z","user":"u","group":"g"}', "id", "length"),
        (
            '{"type":"report","id":"r","ts":"2026-03-01T12:00:00Z","user":"u","target_user":"v","category":"politics"}',
            "category",
            "unknown category",
        ),
        (
            '{"type":"message","id":"m1","ts":"2026-03-01T12:00:00Z","user":"u","group":"g","v":2}',
            "v",
            "version",
        ),
        ('{"type":"message", "id": "m1"', None, "malformed JSON"),
        ("[1, 2]", None, "object"),
    ],
)
def test_invalid_events_name_the_field(raw: str, field: str | None, fragment: str) -> None:
    with pytest.raises(InvalidEvent) as info:
        parse_event(raw, line=7)
    assert info.value.line == 7
    assert info.value.field == field
    assert fragment.lower() in info.value.reason.lower()


def test_parse_lines_keeps_going_after_bad_lines() -> None:
    good = json.dumps({"type": "message", "id": "a", "ts": "2026-03-01T12:00:00Z", "user": "u", "group": "g"})
    out = list(parse_lines([good, "{oops", "", good.replace('"a"', '"b"')]))
    assert [n for n, _ in out] == [1, 2, 4]
    assert isinstance(out[1][1], Rejected) and out[1][1].raw == "{oops"


def test_every_event_type_has_a_tag_and_report_category_is_checked() -> None:
    tags = {cls.__struct_config__.tag for cls in EVENT_TYPES}
    assert tags == {
        "message",
        "message_edited",
        "message_deleted",
        "member_joined",
        "member_left",
        "group_created",
        "account_registered",
        "role_granted",
        "role_revoked",
        "moderation_action",
        "report",
        "identity_verified",
    }
    r = parse_event(
        '{"type":"report","id":"r","ts":"2026-03-01T12:00:00Z","user":"u","target_user":"v","category":"spam"}'
    )
    assert isinstance(r, Report) and r.category == "spam"
