"""PostgreSQL as a second store: moving a deployment, and several processes on one
database. Runs where ``CHATCREDIT_TEST_POSTGRES`` names a test server (make
test-postgres, and CI, start one)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from chatcredit import open_engine, views
from chatcredit.service.engine import Engine
from databases import fresh_postgres, on_postgres

pytestmark = pytest.mark.skipif(not on_postgres(), reason="no PostgreSQL test server (make test-postgres)")
CLI = str(Path(sys.executable).parent / "chatcredit")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=600)


def everything(engine: Engine, at: float) -> dict[str, object]:
    """Every user's standing, ledger and notices as the API shows them."""
    users = engine.reads.ledger.scored_users()
    return {
        u: (
            views.standing_view(engine.standing(u, at)),
            [views.entry_view(e) for e in engine.ledger(u)],
            [views.notice_view(n) for n in engine.notices(u)],
        )
        for u in users
    }


@pytest.mark.slow
def test_a_deployment_copied_to_postgres_and_back_has_the_same_standings(tmp_path: Path) -> None:
    sqlite_db = tmp_path / "demo.db"
    built = cli("demo", "--db", str(sqlite_db), "--users", "150", "--messages", "3000")
    assert built.returncode == 0, built.stderr[-2000:]
    target = fresh_postgres(f"{tmp_path}/copy-target")
    copied = cli("db", "copy", "--from", f"sqlite:{sqlite_db}", "--to", target, "--json")
    assert copied.returncode == 0, copied.stderr[-2000:]
    tables = json.loads(copied.stdout)["tables"]
    assert tables["events"] >= 3000 and tables["ledger"] > 0 and tables["notices"] > 0 and tables["api_keys"] >= 0
    assert cli("--db", target, "rebuild").returncode == 0
    again = cli("db", "copy", "--from", f"sqlite:{sqlite_db}", "--to", target)
    assert again.returncode == 1 and "not empty" in again.stderr  # never mixed into a used database
    back = tmp_path / "back.db"
    assert cli("db", "copy", "--from", target, "--to", f"sqlite:{back}").returncode == 0

    source, on_pg, round_trip = open_engine(sqlite_db), open_engine(target), open_engine(back)
    try:
        at = source.now()
        expected = everything(source, at)
        assert expected and everything(on_pg, at) == expected
        assert everything(round_trip, at) == expected
        assert on_pg.reads.events.count() == source.reads.events.count()
        assert [r.id for r in on_pg.review_queue()] == [r.id for r in source.review_queue()]
    finally:
        for e in (source, on_pg, round_trip):
            e.close()


def _world(tmp_path: Path) -> tuple[Path, list[dict[str, object]]]:
    from chatcredit.cli.demo import generate_world, load_corpus, world_lines

    events = generate_world(load_corpus(), 200, 5000, 11, time.time())
    feed = tmp_path / "world.jsonl"
    feed.write_text("\n".join(world_lines(events)) + "\n", "utf-8")
    return feed, events


def _subject(event: dict[str, object]) -> str:
    """Whom an event is about: a report's target, else its author."""
    return str(event.get("target_user") or event["user"])


def _comparable(engine: Engine, at: float) -> dict[str, object]:
    """Standings, ledgers (without global positions, which depend on commit order) and
    the notices of those entries, of every user. (Notices of a group's steps go to
    whoever held a role when a process judged the violation: measures on groups are
    judged by each process's own clock, docs/operations.md.)"""
    out: dict[str, object] = {}
    for user, (standing, entries, notices) in everything(engine, at).items():  # type: ignore[misc]
        own = {e["id"] for e in entries}
        out[user] = (
            {k: v for k, v in standing.items() if k != "at"},
            [{k: v for k, v in e.items() if k != "pos"} for e in entries],
            sorted(n["entry_id"] for n in notices if n["entry_id"] in own),
        )
    return out


#: negligence penalties and operators' shares fall on people other than the subject of
#: the events that cause them: with the feed split between processes, when each is
#: decided depends on which process judges first (docs/operations.md). This comparison
#: is about the store: every subject's own conduct, so those two are off here.
def _self_contained(folder: Path) -> Path:
    from chatcredit.policy.load import default_policy_text

    text = default_policy_text()
    for old, new in (
        ("negligence_every = 2", "negligence_every = 1000000"),
        ("suspend_admin_below_score = 350", "suspend_admin_below_score = 0"),
        ("operator_share = 0.5", "operator_share = 0.0"),
    ):
        assert old in text
        text = text.replace(old, new)
    path = folder / "self-contained.toml"
    path.write_text(text, "utf-8")
    return path


def _ingest_at_once(db: str, feeds: list[Path], policy: Path | None = None) -> list[dict[str, int]]:
    extra = ["--policy", str(policy)] if policy else []
    procs = [
        subprocess.Popen(
            [CLI, "--db", db, *extra, "ingest", str(f), "--json", "--batch-size", "400"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for f in feeds
    ]
    reports = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=600)
        assert p.returncode == 0, stderr.decode()[-3000:]
        reports.append(json.loads(stdout))
    return reports


@pytest.mark.slow
def test_two_processes_on_postgres_equal_one_on_sqlite(tmp_path: Path) -> None:
    """A feed split by subject between two processes ingesting into one PostgreSQL
    database at once (in small batches, so that their transactions interleave) gives
    the standings one process gives on SQLite; the same feed delivered to both at once
    is processed exactly once."""
    feed, events = _world(tmp_path)
    sqlite_db = str(tmp_path / "one.db")
    policy = _self_contained(tmp_path)
    [alone] = _ingest_at_once(sqlite_db, [feed], policy)
    halves = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    for n, half in enumerate(halves):
        picked = [e for e in events if zlib.crc32(_subject(e).encode()) % 2 == n]
        half.write_text("".join(json.dumps(e) + "\n" for e in picked), "utf-8")
    split_db = fresh_postgres(f"{tmp_path}/split")
    split = _ingest_at_once(split_db, halves, policy)
    assert sum(r["accepted"] for r in split) == alone["accepted"] == len(events)
    twice_db = fresh_postgres(f"{tmp_path}/twice")
    twice = _ingest_at_once(twice_db, [feed, feed], policy)
    assert sum(r["accepted"] for r in twice) == len(events)  # each event once,
    assert sum(r["duplicates"] for r in twice) == len(events)  # the other copy a duplicate

    engines = [open_engine(db) for db in (sqlite_db, split_db, twice_db)]
    try:
        at = time.time()
        expected = _comparable(engines[0], at)
        assert sum(len(v[1]) for v in expected.values()) > 20  # type: ignore[index,arg-type]
        got = _comparable(engines[1], at)
        assert got.keys() == expected.keys()
        differ = [u for u in expected if got[u] != expected[u]]
        assert differ == []
        for engine in engines[1:]:
            entries = [e for u in engine.reads.ledger.scored_users() for e in engine.ledger(u)]
            assert sorted(e.pos for e in entries) == list(range(1, len(entries) + 1))  # never given twice
            keys = [e.evidence_key for e in entries if e.evidence_key]
            assert len(keys) == len(set(keys))  # no evidence decided twice
        assert engines[2].reads.events.count() == len(events)
    finally:
        for e in engines:
            e.close()


def test_processes_starting_at_once_on_a_new_database_migrate_it_once(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from chatcredit.store import open_store
    from chatcredit.store.migrations import migration_files

    url = fresh_postgres(f"{tmp_path}/blank")
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:  # a blank database, as an operator makes one
        for (table,) in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall():
            conn.execute(f"DROP TABLE {table} CASCADE")
    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _: open_store(url), range(4)))
    try:
        with psycopg.connect(url) as conn:
            applied = conn.execute("SELECT count(*) FROM schema_migrations").fetchone()
        assert applied == (len(migration_files("chatcredit.store.postgres")),)
    finally:
        for s in stores:
            s.close()
