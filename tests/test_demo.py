from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from chatcredit.cli import main
from chatcredit.cli.demo import generate_world, load_corpus


def test_world_is_reproducible_and_realistic() -> None:
    corpus = load_corpus()
    a = generate_world(corpus, 120, 1500, seed=3, end=1_800_000_000.0)
    assert a == generate_world(corpus, 120, 1500, seed=3, end=1_800_000_000.0)
    types = {e["type"] for e in a}
    assert {"message", "group_created", "member_joined", "report", "identity_verified"} <= types
    texts = {e["text"] for e in a if e["type"] == "message"}
    assert texts & set(corpus.spam) and texts & set(corpus.abusive) and texts & set(corpus.clean)


def test_demo_runs_end_to_end(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(
        main,
        ["demo", "--db", str(db), "--users", "150", "--messages", "3000", "--json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["events"]["quarantined"] == 3 and summary["events"]["accepted"] > 3000
    assert summary["violations_by_category"]["spam"] > 0
    assert "flooding" in summary["violations_by_category"]
    assert sum(summary["tiers"].values()) >= 140
    lowest = summary["lowest"]
    assert len(lowest) == 5 and lowest[0]["score"] <= lowest[-1]["score"] and lowest[0]["reasons"]
    assert summary["example"]["entries"]
    assert db.exists()
