"""Importers on the real chat-export samples in ../shared/data/chat-exports, and on
broken copies of them."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import msgspec
import pytest

from chatcredit import Engine
from chatcredit.domain.events import Message, Rejected
from chatcredit.errors import InvalidRequest
from chatcredit.importers import Options, importers
from chatcredit.store import open_store
from chatcredit.testing import FakeClock, history_policy
from databases import database

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "chat-exports"
pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="the chat-export samples in ../shared are not here")
CASES = [
    ("telegram", "telegram/chat-miner_test_single_export.json", 2),
    ("telegram", "telegram/chat-miner_test_batch_export.json", 2),
    ("slack", "slack/slack-export-viewer_testarchive.zip", 160),
    ("matrix", "matrix/matrix-nio_sync.json", 5),
    ("matrix", "matrix/matrix-nio_context.json", 5),
    *[("matrix", f"matrix/{p.name}", 0) for p in sorted((SAMPLES / "matrix").glob("matrix-nio_event_*.json"))],
    *[("whatsapp", f"whatsapp/{p.name}", 7) for p in sorted((SAMPLES / "whatsapp").glob("chat-miner_*.txt"))],
    ("irc", "irc/ubuntu_2004-11-15_03.raw.txt", 500),
    ("irc", "irc/ubuntu_2005-07-06_14.raw.txt", 500),
]


def _read(fmt: str, data: bytes, name: str = "x", **options: object) -> list[tuple[int, object]]:
    return list(importers()[fmt].read(io.BytesIO(data), name, Options(**options)))  # type: ignore[arg-type]


@pytest.mark.parametrize(("fmt", "sample", "at_least"), CASES, ids=[c[1] for c in CASES])
def test_every_sample_imports_without_a_rejected_record(fmt: str, sample: str, at_least: int) -> None:
    items = _read(fmt, (SAMPLES / sample).read_bytes(), sample)
    rejected = [i for _, i in items if isinstance(i, Rejected)]
    assert rejected == []
    assert len(items) >= at_least


def test_whatsapp_dates_clocks_and_lines_are_read_as_written() -> None:
    by_name = {}
    for path in sorted((SAMPLES / "whatsapp").glob("chat-miner_*.txt")):
        messages = [i for _, i in _read("whatsapp", path.read_bytes(), path.name) if isinstance(i, Message)]
        by_name[path.name] = messages
        assert [m.ts.date().isoformat() for m in messages][:2] == [
            "2019-01-01",
            "2019-01-20",
        ]  # day/month order inferred
        assert messages[1].text == "." and "\nconsectetur adipiscing" in messages[2].text  # a message over two lines
        assert messages[2].ts.hour == 20  # 08:49 p. m. is 20:49
    assert {m.user for m in by_name["chat-miner_test_mmddyyyy_12hrs.txt"]} >= {"wa-John Doe", "wa-Jahn Doe"}
    madrid = _read(
        "whatsapp",
        (SAMPLES / "whatsapp/chat-miner_test_ddmmyy_24hrs.txt").read_bytes(),
        timezone=ZoneInfo("Europe/Madrid"),
    )
    assert isinstance(madrid[0][1], Message) and madrid[0][1].ts.astimezone(UTC).hour == 10  # 11:25 in Madrid, winter


def test_matrix_power_levels_and_membership_become_roles_and_joins() -> None:
    events = [i for _, i in _read("matrix", (SAMPLES / "matrix/matrix-nio_event_power_levels.json").read_bytes())]
    roles = {(e.user, e.role) for e in events if type(e).__name__ == "RoleGranted"}  # type: ignore[attr-defined]
    assert roles == {("@example:localhost", "admin"), ("@alice:localhost", "moderator")}
    redaction = _read("matrix", (SAMPLES / "matrix/matrix-nio_event_redaction.json").read_bytes())
    assert type(redaction[0][1]).__name__ == "MessageDeleted"


def test_broken_records_are_reported_with_their_position_and_the_rest_imported() -> None:
    doc = json.loads((SAMPLES / "telegram/chat-miner_test_single_export.json").read_text())
    doc["messages"].insert(1, {"type": "message", "date_unixtime": "not a time", "from": "X", "text": "hi"})
    doc["messages"].append({"type": "message", "date_unixtime": "1544006999", "text": "nobody wrote this"})
    items = _read("telegram", json.dumps(doc).encode())
    bad = [(n, i.field, i.reason) for n, i in items if isinstance(i, Rejected)]
    assert bad == [
        (2, "messages[1].date_unixtime", "no date_unixtime or date"),
        (4, "messages[3].from", "no author (from_id or from)"),
    ]
    assert sum(isinstance(i, Message) for _, i in items) == 2
    cut = _read("telegram", (SAMPLES / "telegram/chat-miner_test_single_export.json").read_bytes()[:-60])
    assert isinstance(cut[0][1], Message) and isinstance(cut[-1][1], Rejected)  # what came before the cut is kept
    assert "truncated" in cut[-1][1].reason and cut[-1][1].field == "end of file"
    with pytest.raises(InvalidRequest, match="not a Telegram export"):
        _read("telegram", b"<html>not json</html>")
    # a Slack archive with a day file broken: the rest goes through, the file is named
    source = zipfile.ZipFile(SAMPLES / "slack/slack-export-viewer_testarchive.zip")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as broken:
        for name in source.namelist():
            data = source.read(name)
            broken.writestr(name, data[: len(data) // 2] if name == "enrique/2016-02-07.json" else data)
    items = _read("slack", out.getvalue())
    [(_, bad_file)] = [(n, i) for n, i in items if isinstance(i, Rejected)]
    assert bad_file.field == "enrique/2016-02-07.json"
    assert sum(isinstance(i, Message) for _, i in items) > 100


def _engine(tmp_path: Path, penalise: bool = False) -> Engine:
    policy = history_policy()
    policy = msgspec.structs.replace(policy, import_=msgspec.structs.replace(policy.import_, penalise_history=penalise))
    return Engine(
        open_store(database(tmp_path, f"hist-{penalise}.db")),
        policy,
        clock=FakeClock(datetime(2026, 6, 1, tzinfo=UTC).timestamp()),
    )


def _history() -> bytes:
    lines = []
    for day in range(1, 29):
        for month in range(1, 6):
            lines.append(f"{day:02d}/{month:02d}/2026, 10:{day:02d} - Regular Rita: good morning everyone")
    lines.append("15/05/2026, 11:00 - Spammy Sam: you have won a cash prize, call to claim")
    return "\n".join(lines).encode()


@pytest.mark.parametrize("penalise", [False, True])
def test_history_earns_tenure_and_is_judged_in_shadow_unless_the_policy_says(tmp_path: Path, penalise: bool) -> None:
    engine = _engine(tmp_path, penalise)
    items = importers()["whatsapp"].read(io.BytesIO(_history()), "club.txt", Options())
    report = engine.ingest_items(items, source="club.txt", history=True)
    assert report.accepted == 28 * 5 + 1
    rita = engine.standing("wa-Regular Rita")
    assert (rita.tenure_credit > 0 and rita.tier != "limited") or rita.score > history_policy().score.initial
    sam = engine.explain("wa-Spammy Sam")
    if penalise:
        assert report.penalties == 1 and sam.entries
    else:
        assert report.penalties == 0 and not sam.entries and sam.shadow_hits  # what the rules would have flagged
    engine.close()


def test_a_slack_archive_without_channels_json_imports_its_messages_and_says_what_is_missing() -> None:
    source = zipfile.ZipFile(SAMPLES / "slack/slack-export-viewer_testarchive.zip")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as partial:
        for name in source.namelist():
            if name != "channels.json":
                partial.writestr(name, source.read(name))
    items = _read("slack", out.getvalue())
    [(_, missing)] = [(n, i) for n, i in items if isinstance(i, Rejected)]
    assert missing.field == "channels.json" and "missing" in missing.reason
    assert sum(isinstance(i, Message) for _, i in items) > 100


DISCORD = {  # the shape DiscordChatExporter writes
    "guild": {"id": "1", "name": "Guild"},
    "channel": {"id": "2", "type": "GuildTextChat", "name": "general"},
    "messages": [
        {
            "id": "10",
            "type": "GuildMemberJoin",
            "timestamp": "2024-01-01T10:00:00+00:00",
            "content": "",
            "author": {"id": "100", "name": "ann", "isBot": False},
        },
        {
            "id": "11",
            "type": "Default",
            "timestamp": "2024-01-01T10:01:00.123+00:00",
            "timestampEdited": "2024-01-01T10:02:00+00:00",
            "content": "hi <@101>",
            "author": {"id": "100", "name": "ann"},
            "attachments": [{"id": "a"}],
            "mentions": [{"id": "101"}],
        },
        {
            "id": "12",
            "type": "Reply",
            "timestamp": "2024-01-01T10:03:00+00:00",
            "content": "hello",
            "author": {"id": "101", "name": "bob"},
            "reference": {"messageId": "11"},
        },
        {"id": "13", "type": "ChannelPinnedMessage", "timestamp": "2024-01-01T10:04:00+00:00", "author": {"id": "100"}},
        {"id": "14", "timestamp": "not a time", "author": {"id": "100"}, "content": "x"},
    ],
}


def test_discord_exports_map_joins_messages_replies_and_report_the_rest() -> None:
    options = Options()
    items = list(importers()["discord"].read(io.BytesIO(json.dumps(DISCORD).encode()), "d.json", options))
    kinds = [type(i).__name__ for _, i in items]
    assert kinds == ["MemberJoined", "Message", "Message", "Rejected"]
    message = items[1][1]
    assert (
        isinstance(message, Message)
        and message.media
        and message.mentions == ["discord-101"]
        and message.group == "discord-2"
    )
    assert items[2][1].reply_to == "discord-11"  # type: ignore[union-attr]
    assert items[3][1].field.startswith("messages[4]")  # type: ignore[union-attr]
    assert options.skipped == {
        "discord edit (the export keeps only the last text)": 1,
        "discord ChannelPinnedMessage": 1,
    }


def test_tenure_from_the_platforms_records_earns_the_tier_and_reports_broken_rows(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from chatcredit.cli import main

    db = database(tmp_path, "tenure.db")
    csv_file = tmp_path / "tenure.csv"
    csv_file.write_text(
        "user,first_seen,active_days\n"
        "old-timer,2025-01-01T00:00:00Z,300\n"
        "newcomer,1767225600,0\n"
        ",2025-01-01T00:00:00Z,3\n"
        "time-traveller,2999-01-01T00:00:00Z,1\n"
        "greedy,2026-11-30T00:00:00Z,900\n"
    )
    result = CliRunner().invoke(main, ["--db", db, "tenure", "import", str(csv_file), "--json"])
    assert result.exit_code == 0, result.output
    view = json.loads(result.stdout)
    assert view["users"] == 2 and [b["line"] for b in view["broken"]] == [4, 5, 6]
    again = json.loads(CliRunner().invoke(main, ["--db", db, "tenure", "import", str(csv_file), "--json"]).stdout)
    assert again["active_days"] == 0  # nothing twice
    engine = Engine(open_store(db), history_policy())
    try:
        old = engine.standing("old-timer")
        assert old.tenure_credit > 0 and old.tier != "limited"
        assert engine.standing("newcomer").tier == "limited"
    finally:
        engine.close()


def test_a_year_of_clean_history_earns_members_their_tier(tmp_path: Path) -> None:
    lines = []
    start = datetime(2025, 6, 1, tzinfo=UTC).timestamp()
    for day in range(0, 365, 2):
        when = datetime.fromtimestamp(start + day * 86_400, tz=UTC)
        for who in ("Rita", "Omar", "Lena"):
            lines.append(f"{when:%d/%m/%Y}, 09:{day % 60:02d} - {who}: morning all, see you at practice")
    engine = _engine(tmp_path)
    report = engine.ingest_items(
        importers()["whatsapp"].read(io.BytesIO("\n".join(lines).encode()), "team.txt", Options()), history=True
    )
    assert report.quarantined == 0 and report.penalties == 0
    for who in ("Rita", "Omar", "Lena"):
        standing = engine.standing(f"wa-{who}")
        assert standing.tier != "limited" and standing.tenure_credit > 0, standing
    engine.close()
