"""Bad and hostile input through the CLI and over HTTP: the good records go through, the
bad ones are quarantined with their position and reason, nothing crashes, nothing 5xx.
Each case is bounded in time by the runner (subprocess timeouts), not by an assertion."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from api_server import Server, start_server
from chatcredit import open_engine
from chatcredit.testing import T0, iso, message
from databases import database

CLI = str(Path(sys.executable).parent / "chatcredit")
GOOD = [json.dumps(message(f"g{i}", "u1", f"hello {i}", ts=T0 + i)).encode() for i in range(3)]
DEEP = b'{"type": "message", "id": "d", "ts": "2026-03-01T12:00:00Z", "user": "u", "group": "g", "zz": '
DEEP += b"[" * 100_000 + b"]" * 100_000 + b"}"
HOSTILE = {
    "invalid UTF-8": (GOOD[0].replace(b'"g0"', b'"bad"').replace(b"hello", b"h\xffllo"), None, "not UTF-8"),
    "nested 100,000 deep": (DEEP, "zz", "unknown field"),
    "an unknown field (body for text)": (
        json.dumps({**message("b1", "u1"), "body": "win money"}).replace('"text": "hello", ', "").encode(),
        "body",
        "unknown field",
    ),
    "year 0001": (json.dumps(message("y1", "u1") | {"ts": "0001-01-01T00:00:00Z"}).encode(), "ts", "1970"),
    "year 9999": (json.dumps(message("y9", "u1") | {"ts": "9999-01-01T00:00:00Z"}).encode(), "ts", "1970"),
    "a year ahead": (json.dumps(message("f1", "u1", ts=T0 + 366 * 86_400)).encode(), "ts", "ahead of the clock"),
    "markup in the type": (json.dumps({"type": "[/x]", "id": "t1"}).encode(), "type", "[/x]"),
}


def cli(db: str, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {"CHATCREDIT_DB": str(db), "PATH": "/usr/bin:/bin"}
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, timeout=120, env=env)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_the_cli_quarantines_each_hostile_line_and_keeps_the_rest(tmp_path: Path, case: str) -> None:
    raw, field, reason = HOSTILE[case]
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"\xef\xbb\xbf" + b"\n".join([GOOD[0], raw, GOOD[1], GOOD[2]]) + b"\n")
    db = database(tmp_path, "h.db")
    done = cli(db, "ingest", str(feed), "--json")
    assert done.returncode == 0, done.stderr.decode()[-500:]
    assert b"Traceback" not in done.stderr
    report = json.loads(done.stdout)
    assert (report["accepted"], report["quarantined"]) == (3, 1), report  # the BOM did not cost line 1
    strict = cli(db, "ingest", str(feed), "--strict", "--json")
    assert strict.returncode == 4 and json.loads(strict.stdout)["duplicates"] == 3
    engine = open_engine(db)
    try:
        [row] = engine.quarantine()  # ingesting the same file twice keeps the record once
        assert row.line == 2 and row.field == field and reason in row.reason and len(row.raw) <= 4200
    finally:
        engine.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = start_server(tmp_path_factory.mktemp("hostile"))
    yield s
    assert s.stop()


@pytest.mark.parametrize("case", list(HOSTILE))
def test_http_ndjson_takes_the_good_events_beside_a_hostile_one(server: Server, case: str) -> None:
    raw, field, reason = HOSTILE[case]
    good = [json.dumps(message(f"{case}-{i}", "u2", "hi", ts=T0 + i)).encode() for i in range(2)]
    r = server.client("ingest").post(
        "/v1/events", content=b"\n".join([good[0], raw, good[1]]), headers={"Content-Type": "application/x-ndjson"}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["accepted"], body["rejected"]) == (2, 1)
    [rejection] = body["rejections"]
    assert rejection["index"] == 1 and rejection["field"] == field and reason in rejection["reason"]


def test_http_bodies_that_cannot_be_split_get_400_not_500(server: Server) -> None:
    c = server.client("ingest")
    deep = c.post("/v1/events", content=b"[" + DEEP + b"]", headers={"Content-Type": "application/json"})
    assert deep.status_code == 400 and deep.json()["type"].endswith("malformed-json")
    bad_utf8 = c.post("/v1/adjust", content=b'{"user": "\xff"}', headers={"Content-Type": "application/json"})
    assert bad_utf8.status_code in (400, 403)


def test_an_id_reused_with_different_content_is_kept_for_a_human(tmp_path: Path) -> None:
    db = database(tmp_path, "ids.db")
    first = tmp_path / "a.jsonl"
    first.write_text(json.dumps(message("m1", "u1", "hello")) + "\n")
    second = tmp_path / "b.jsonl"
    second.write_text(
        json.dumps(message("m1", "u1", "WIN A PRIZE now")) + "\n" + json.dumps(message("m2", "u1")) + "\n"
    )
    assert cli(db, "ingest", str(first)).returncode == 0
    report = json.loads(cli(db, "ingest", str(second), "--json").stdout)
    assert (report["accepted"], report["duplicates"], report["quarantined"]) == (1, 0, 1)
    engine = open_engine(db)
    try:
        [row] = engine.quarantine()
        assert row.field == "id" and "reused with different content" in row.reason and "WIN A PRIZE" in row.raw
        stored = engine.reads.events.payloads(["m1"])["m1"]
        assert b"hello" in stored  # the first version stays in the archive
    finally:
        engine.close()


def test_untrusted_text_is_never_read_as_terminal_markup(tmp_path: Path) -> None:
    policy = tmp_path / "p.toml"
    policy.write_text('[score]\n"[/x]" = 1\n')
    checked = cli(database(tmp_path, "x.db"), "policy", "check", str(policy))
    assert checked.returncode == 1 and b"[/x]" in checked.stderr and b"Traceback" not in checked.stderr


def test_times_are_read_alike_by_the_cli_and_the_api(server: Server, tmp_path: Path) -> None:
    db = database(tmp_path, "t.db")
    feed = tmp_path / "one.jsonl"
    feed.write_text(json.dumps(message("t1", "u1")) + "\n")
    assert cli(db, "ingest", str(feed)).returncode == 0
    server.client("ingest").post("/v1/events", json=[message("t1", "u1")])
    zoneless = cli(db, "standing", "u1", "--at", "2027-01-01T00:00:00")
    assert zoneless.returncode == 2 and b"with a zone" in zoneless.stderr
    assert cli(db, "standing", "u1", "--at", "+1y").returncode == 0
    c = server.client("read")
    assert c.get("/v1/users/u1/standing", params={"at": "+365d"}).status_code == 200
    assert c.get("/v1/users/u1/standing", params={"at": "+1y"}).status_code == 200
    refused = c.get("/v1/users/u1/standing", params={"at": "2027-01-01T00:00:00"})
    assert refused.status_code == 400 and "with a zone" in refused.json()["detail"]
    assert c.get("/v1/users/u1/standing", params={"at": iso(T0)}).status_code == 200


def test_a_user_never_seen_is_reported_as_such(server: Server, tmp_path: Path) -> None:
    db = database(tmp_path, "u.db")
    assert cli(db, "init").returncode == 0
    unknown = cli(db, "standing", "nobody")
    assert unknown.returncode == 1 and b"never been seen" in unknown.stderr and b"500 (limited)" in unknown.stderr
    r = server.client("read").get("/v1/users/nobody/standing")
    assert r.status_code == 404 and "never been seen" in r.json()["detail"]
    assert server.client("read").get("/v1/permit", params={"user": "nobody", "action": "post_media"}).status_code == 200


def test_permit_exit_status_for_scripts(tmp_path: Path) -> None:
    db = database(tmp_path, "p.db")
    assert cli(db, "init").returncode == 0
    assert cli(db, "permit", "newbie", "post_media", "--exit-status").returncode == 0
    assert cli(db, "permit", "newbie", "create_group", "--exit-status").returncode == 3
    assert cli(db, "permit", "newbie", "create_group").returncode == 0


def test_a_revoked_key_stops_working_at_once_and_bearer_is_case_insensitive(server: Server) -> None:
    admin = server.client("admin")
    made = admin.post("/v1/keys", json={"name": "short-lived", "scopes": ["read"]}).json()
    headers = {"Authorization": f"bearer {made['token']}"}
    permit = {"user": "u1", "action": "post_media"}
    assert server.client(None).get("/v1/permit", params=permit, headers=headers).status_code == 200
    assert admin.delete(f"/v1/keys/{made['id']}").status_code == 200
    assert server.client(None).get("/v1/permit", params=permit, headers=headers).status_code == 401


def test_a_catastrophic_pattern_runs_in_linear_time_and_lookarounds_are_refused(tmp_path: Path) -> None:
    from chatcredit.policy.load import default_policy_text

    rule = '\n[[rules]]\nid = "evil"\ncategory = "spam"\nseverity = "low"\npatterns = [\'(a+)+b\']\n'
    policy = tmp_path / "evil.toml"
    policy.write_text(default_policy_text() + rule)
    feed = tmp_path / "evil.jsonl"
    feed.write_text(json.dumps(message("e1", "u1", "a" * 5000 + " c ab")) + "\n")
    done = cli(database(tmp_path, "e.db"), "--policy", str(policy), "ingest", str(feed), "--json")  # 120 s bound
    assert done.returncode == 0 and json.loads(done.stdout)["accepted"] == 1
    policy.write_text(default_policy_text() + rule.replace("(a+)+b", "(?<=a)b"))
    checked = cli(database(tmp_path, "e.db"), "policy", "check", str(policy))
    assert checked.returncode == 1 and b"patterns[0]" in checked.stderr and b"linear time" in checked.stderr


# Texts at the length limit of a message (65,536 characters) built to make a frame's search
# go quadratic or backtrack: thousands of negated insults, of a speaker's own taunts, of
# groups each followed by "they are", letters spaced out, an adverb repeated without spaces.
_HOSTILE_TEXTS = (
    *(
        f"{no} {insult} "
        for no in ("not", "never", "no", "isn't", "aren't", "wasn't", "weren't")
        for insult in ("ur trash", "you idiot", "u r so useless")
    ),
    "im the worst teammates ",
    "women " + "x " * 25 + "they are ",
    "someone should burn ",
    "w o m e n ",
    "i really ",
    "ly",
    "you are so bad" + " " * 50,
    # the forms of the fourth session
    "if i see a muslim ",
    "'women are ",
    "this idiot ",
    "women are behind every ",
    "the claim that women ",
    "nobody likes ",
    "a + ratio ",
    # the fifth session's: heroes, the speaker's own blame, ranks
    "our invoker is ",
    "i suck at ",
    "ur the worst ",
    "how are you even ",
    "slark ur mom ",
    "liberals are ",
    "ur a cheater and a ",
    "to me noob ",
    # the sixth session's: the words of scorn respelled
    "women are s c u m . ",
    "jews 4$4$",
    "jews a d i s e a s e ",
    # the seventh session's: crowds called mad, pitches, warnings
    "these people are so ",
    "dm me 1111",
    "on my channel sub ",
    'search "',
    "scam beware ",
    "go back to ",
    "nice kill ",
    "kill the support ",
    "he is such a ",
    "i will burn ",
    "you absolute ",
    # the eighth session's: links after a name, exclamations, own work, sayings
    "get a life loser url ",
    "what a loser!",
    "i make videos check them out ",
    "shut up and take my money ",
    "ur the worst player i have ever ",
    "i dont want any more pakistanis ",
    "a woman's opinion is worth ",
    "our mid is autistic ",
    "kill this x ",
    "someone should shoot that ",
)
_CLASSIFY = """
import sys
from chatcredit.ml.classifier import TextClassifier
texts = [(unit * (65_536 // len(unit) + 1))[:65_536] for unit in sys.argv[1:]]
TextClassifier.load().predict(texts)
print("classified", len(texts))
"""


def test_hostile_texts_at_the_length_limit_are_classified_in_linear_time() -> None:
    """Each takes tens of milliseconds (a negation looked for in all the text before each
    insult took 2 to 5 s a text, a minute for the 21 of them); the bound is the runner's, several
    times what the whole run needs here."""
    done = subprocess.run(
        [sys.executable, "-c", _CLASSIFY, *_HOSTILE_TEXTS], capture_output=True, timeout=30, check=True
    )
    assert done.stdout.strip() == f"classified {len(_HOSTILE_TEXTS)}".encode()
