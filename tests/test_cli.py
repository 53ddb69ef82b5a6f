"""The command line, through Click's runner on real SQLite files, plus one real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from chatcredit.cli import main
from chatcredit.policy.load import default_policy_text
from chatcredit.testing import T0, event, iso, message
from databases import database

SPAM = "Y0U HAVE W0N a guaranteed prize, call now"


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    path = tmp_path / "events.jsonl"
    rows = [json.dumps(message(f"c{d}", "vet", "hi", ts=T0 + d * 86_400)) for d in range(30)]
    rows += [
        json.dumps(message("m1", "u1", "hello")),
        json.dumps(message("m2", "u1", SPAM, ts=T0 + 60)),
        "{broken",
        json.dumps(event("report", "r1", user="vet", target_user="u1", category="spam")),
    ]
    path.write_text("\n".join(rows) + "\n")
    return path


def run(tmp_path: Path, *args: str, input: str | None = None) -> Result:
    runner = CliRunner()
    env = {"CHATCREDIT_DB": database(tmp_path, "cli.db"), "COLUMNS": "200"}
    return runner.invoke(main, list(args), env=env, input=input, catch_exceptions=False)


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_reports_counts_and_is_idempotent(tmp_path: Path, feed: Path) -> None:
    first = as_json(run(tmp_path, "ingest", str(feed), "--json"))
    assert (first["accepted"], first["duplicates"], first["quarantined"]) == (33, 0, 1)
    again = as_json(run(tmp_path, "ingest", str(feed), "--json"))
    assert (again["accepted"], again["duplicates"], again["quarantined"]) == (0, 33, 1)
    rows = as_json(run(tmp_path, "quarantine", "--json"))
    assert [r["line"] for r in rows] == [33] and rows[0]["reason"].startswith("malformed JSON")  # kept once
    human = run(tmp_path, "ingest", str(feed))
    assert "accepted 0, duplicates skipped 33, quarantined 1" in human.stdout


def test_ingest_reads_stdin(tmp_path: Path) -> None:
    data = json.dumps(message("s1", "u9", "hi")) + "\n"
    assert as_json(run(tmp_path, "ingest", "-", "--json", input=data))["accepted"] == 1


def test_standing_explain_ledger_notices_permit(tmp_path: Path, feed: Path) -> None:
    run(tmp_path, "ingest", str(feed))
    at = iso(T0 + 31 * 86_400)
    s = as_json(run(tmp_path, "standing", "u1", "--at", iso(T0 + 120), "--json"))
    assert s["user"] == "u1" and s["score"] < 500 and s["tier"] == "limited"
    assert {"code": "spam-prize", "points": 60, "category": "spam", "count": 1} in s["reasons"]
    later = as_json(run(tmp_path, "standing", "u1", "--at", iso(T0 + 60 * 86_400 + 60), "--json"))
    assert {"code": "spam-prize", "points": 30, "category": "spam", "count": 1} in later["reasons"]
    year = as_json(run(tmp_path, "standing", "u1", "--at", iso(T0 + 400 * 86_400), "--json"))
    assert year["score"] > s["score"]
    x = as_json(run(tmp_path, "explain", "u1", "--at", at, "--json"))
    assert x["entries"][0]["rule_id"] == "spam-prize" and x["open_reviews"][0]["reporter"] == "vet"
    entries = as_json(run(tmp_path, "ledger", "u1", "--json"))
    assert len(entries) == 1 and entries[0]["id"].startswith("e-")
    notices = as_json(run(tmp_path, "notices", "u1", "--json"))
    assert notices[0]["id"].startswith("n-") and notices[0]["entry_id"] == entries[0]["id"]
    p = as_json(run(tmp_path, "permit", "u1", "create_group", "--at", at, "--json"))
    assert p["allowed"] is False and p["action"] == "create_group" and p["reasons"]
    v = as_json(run(tmp_path, "permit", "vet", "create_group", "--at", at, "--json"))
    assert v["allowed"] is True
    text = run(tmp_path, "explain", "u1", "--at", at).stdout
    assert "spam-prize" in text and "key factors" in text
    assert "You can appeal" in run(tmp_path, "notices", "u1").stdout


def test_reverse_and_adjust(tmp_path: Path, feed: Path) -> None:
    run(tmp_path, "ingest", str(feed))
    [entry] = as_json(run(tmp_path, "ledger", "u1", "--json"))
    out = as_json(run(tmp_path, "reverse", entry["id"], "--by", "mod", "--reason", "ok", "--json"))
    assert out["entry"]["reverses"] == entry["id"] and out["notice"]["kind"] == "reversal"
    again = run(tmp_path, "reverse", entry["id"], "--by", "mod", "--reason", "ok")
    assert again.exit_code == 1 and "already been reversed" in again.stderr
    adj = as_json(
        run(
            tmp_path,
            "adjust",
            "u2",
            "-50",
            "--by",
            "mod",
            "--category",
            "harassment",
            "--reason",
            "insults",
            "--json",
        )
    )
    assert adj["entry"]["points"] == -50 and adj["entry"]["automated_decision"] is False
    bad = run(tmp_path, "adjust", "u2", "-5", "--by", "mod", "--category", "politics", "--reason", "x")
    assert bad.exit_code == 2


def test_rebuild_gives_identical_standings(tmp_path: Path, feed: Path) -> None:
    run(tmp_path, "ingest", str(feed))
    run(tmp_path, "rebuild")
    first = [as_json(run(tmp_path, "standing", u, "--at", iso(T0 + 40 * 86_400), "--json")) for u in ("u1", "vet")]
    assert as_json(run(tmp_path, "rebuild", "--json"))["users"] == 2
    second = [as_json(run(tmp_path, "standing", u, "--at", iso(T0 + 40 * 86_400), "--json")) for u in ("u1", "vet")]
    assert first == second


def test_policy_show_and_check(tmp_path: Path) -> None:
    shown = as_json(run(tmp_path, "policy", "show", "--json"))
    assert shown["source"] == "<default policy>" and shown["text"] == default_policy_text()
    bad = tmp_path / "bad.toml"
    bad.write_text(default_policy_text().replace('category = "threat"', 'category = "politics"'))
    result = run(tmp_path, "policy", "check", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:" in result.stderr and "rules[5].category" in result.stderr
    assert "classifier.heads.threat.category" in result.stderr  # every place is named
    good = tmp_path / "good.toml"
    good.write_text(default_policy_text())
    assert "ok" in run(tmp_path, "policy", "check", str(good)).stdout
    # an older policy's head name: the model has no such head, and the refining heads
    # point at a head the policy no longer has
    old = tmp_path / "old.toml"
    renamed = default_policy_text().replace("[classifier.heads.harassment]", "[classifier.heads.abuse]")
    old.write_text(renamed.replace('heads = ["harassment"]', 'heads = ["abuse"]'))  # its burst section too
    result = run(tmp_path, "policy", "check", str(old))
    assert result.exit_code == 1
    assert "classifier.heads.abuse: the model has no head 'abuse'" in result.stderr
    assert "classifier.heads.hate.refines: no head 'harassment' in the policy" in result.stderr


def test_errors_go_to_stderr_with_nonzero_exit(tmp_path: Path) -> None:
    missing = run(tmp_path, "ingest", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 1 and "no such file" in missing.stderr
    bad_time = run(tmp_path, "standing", "u1", "--at", "last tuesday")
    assert bad_time.exit_code == 2 and "ISO 8601" in bad_time.stderr
    assert run(tmp_path, "permit", "u1", "fly").exit_code == 2
    assert run(tmp_path, "reverse", "e-missing", "--by", "m", "--reason", "r").exit_code == 1


def test_taxonomy_lists_categories(tmp_path: Path) -> None:
    rows = as_json(run(tmp_path, "taxonomy", "--json"))
    assert {"spam", "scam", "harassment", "threat", "hate"} <= {r["code"] for r in rows}


def test_installed_command_runs_in_a_real_process(tmp_path: Path, feed: Path) -> None:
    exe = Path(sys.executable).parent / "chatcredit"
    env = {**os.environ, "CHATCREDIT_DB": database(tmp_path, "proc.db")}
    done = subprocess.run(
        [str(exe), "ingest", str(feed), "--json"], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(done.stdout)["accepted"] == 33
    failed = subprocess.run(
        [str(exe), "reverse", "e-x", "--by", "m", "--reason", "r"], capture_output=True, text=True, env=env
    )
    assert failed.returncode == 1 and failed.stderr.startswith("error:")


def test_the_config_files_db_counts_when_no_db_option_is_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: the CLI's --db default used to override the config file's db."""
    from chatcredit.cli.base import settings_of

    config = tmp_path / "chatcredit.toml"
    config.write_text(f'db = "{tmp_path / "from-config.db"}"\n')
    monkeypatch.delenv("CHATCREDIT_DB", raising=False)
    monkeypatch.setenv("CHATCREDIT_CONFIG", str(config))
    with click.Context(main, obj={"db": None, "policy": None}) as ctx:
        assert settings_of(ctx).db == str(tmp_path / "from-config.db")
    with click.Context(main, obj={"db": "given.db", "policy": None}) as ctx:
        assert settings_of(ctx).db == "given.db"
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "from-config.db").exists()


def test_read_commands_refuse_a_database_that_does_not_exist(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    result = CliRunner().invoke(main, ["--db", str(typo), "permit", "u0028", "post_media"])
    assert result.exit_code == 1 and "no database at" in result.stderr and not typo.exists()
    assert CliRunner().invoke(main, ["--db", str(typo), "init"]).exit_code == 0 and typo.exists()


def test_global_options_are_accepted_after_the_subcommand(tmp_path: Path, feed: Path) -> None:
    db = database(tmp_path, "after.db")
    assert CliRunner().invoke(main, ["ingest", str(feed), "--db", str(db)]).exit_code == 0
    result = CliRunner().invoke(main, ["standing", "u1", "--json", f"--db={db}"])
    assert result.exit_code == 0, result.output
    demo = tmp_path / "demo.db"  # demo's own --db stays demo's
    ran = CliRunner().invoke(main, ["--db", str(db), "demo", "--db", str(demo), "--users", "20", "--messages", "200"])
    assert ran.exit_code == 0, ran.output
    assert demo.exists()


def test_piped_output_is_plain_and_ids_never_wrap(tmp_path: Path, feed: Path) -> None:
    db = database(tmp_path, "pipe.db")
    env = {**os.environ, "CHATCREDIT_DB": str(db), "COLUMNS": "60"}
    exe = str(Path(sys.executable).parent / "chatcredit")
    subprocess.run([exe, "ingest", str(feed)], env=env, check=True, capture_output=True)
    review = subprocess.run([exe, "review"], env=env, check=True, capture_output=True, text=True).stdout
    lines = review.splitlines()
    assert lines[0].split()[0] == "id" and "│" not in review and "┃" not in review
    ids = [line.split()[0] for line in lines[1:]]
    assert ids and all(i.startswith("r-") and len(i) == 18 for i in ids)  # one whole id a line


def test_a_narrow_terminal_drops_the_columns_that_matter_least() -> None:
    import io

    from rich.console import Console

    from chatcredit.cli import terminal

    sink = io.StringIO()
    console = Console(file=sink, force_terminal=True, width=80, color_system=None)
    entry = {
        "id": "e-0123456789abcdef",
        "ts": "2026-03-01T12:00:00Z",
        "kind": "penalty",
        "points": -60,
        "points_now": 60.0,
        "reason_code": "spam-prize",
        "category": "spam",
        "actor": "rules",
        "evidence_event": "m1",
        "excerpt": "[/x] win a prize",
    }
    terminal.print_entries(console, [entry])
    text = sink.getvalue()
    assert "e-0123456789abcdef" in text and "2026-03-01T12:00:00Z" in text  # whole, on one line
    assert "evidence" not in text and "actor" not in text
