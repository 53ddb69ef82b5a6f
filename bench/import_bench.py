"""Importing an export beside ingesting the same messages as JSON Lines, in one run.

    .venv/bin/python bench/import_bench.py --messages 1000000 --users 100000

Generates (not timed) a Telegram Desktop account export (``chats.list``, one chat per
group) of the ``ingest_bench.py`` feed, and the same events as JSON Lines (written by
the Telegram importer itself, so both paths ingest identical events). Then, each in a
fresh ``chatcredit`` process on a fresh SQLite file: ``ingest`` of the JSON Lines and
``import --format telegram --history`` (shadow judging off the table: the policy's
``import.penalise_history`` is turned on so both runs do the same work). Prints time,
events per second, the ratio, and each process's peak resident memory; run with two
sizes to see that the importer's memory does not grow with the export.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from chatcredit.domain.events import Message, encode_event
from chatcredit.importers import Options
from chatcredit.importers.telegram import TelegramImporter
from chatcredit.policy.load import default_policy_text
from corpus import feed_lines

CLI = str(Path(sys.executable).parent / "chatcredit")


def write_export(path: Path, n: int, users: int, groups: int) -> None:
    chats: dict[str, list[dict[str, object]]] = defaultdict(list)
    for line in feed_lines(n, users, groups):
        e = json.loads(line)
        ts = time.mktime(time.strptime(e["ts"][:19], "%Y-%m-%dT%H:%M:%S")) - time.timezone
        chats[e["group"]].append(
            {
                "id": int(e["id"][1:]),
                "type": "message",
                "date_unixtime": str(int(ts)),
                "from": e["user"],
                "from_id": f"user{e['user'][1:]}",
                "text": e["text"],
            }
        )
    with open(path, "w") as out:
        out.write('{"about": "bench", "chats": {"about": "", "list": [')
        for k, (group, messages) in enumerate(sorted(chats.items())):
            out.write(
                ("," if k else "")
                + json.dumps({"name": group, "type": "private_supergroup", "id": int(group[1:]), "messages": messages})
            )
        out.write("]}}")


def run(label: str, args: list[str], total: int) -> float:
    """Run one ``chatcredit`` process; its own peak RSS comes from ``wait4``."""
    started = time.perf_counter()
    child = subprocess.Popen([CLI, *args, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout = child.stdout.read() if child.stdout else b""
    stderr = child.stderr.read() if child.stderr else b""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if child.returncode:
        raise SystemExit(f"{label} failed: {stderr.decode()[-2000:]}")
    report = json.loads(stdout)
    print(
        f"{label}: {report['accepted']:,} events in {elapsed:.1f} s = {total / elapsed:,.0f} events/s; "
        f"quarantined {report['quarantined']}; peak RSS {usage.ru_maxrss / 1024:.0f} MiB",
        flush=True,
    )
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--groups", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chatcredit-import-bench-") as name:
        tmp = Path(name)
        export, feed, policy = tmp / "result.json", tmp / "feed.jsonl", tmp / "policy.toml"
        write_export(export, args.messages, args.users, args.groups)
        with open(export, "rb") as stream, open(feed, "w") as out:
            for _, item in TelegramImporter().read(stream, str(export), Options()):
                if isinstance(item, Message):
                    out.write(encode_event(item).decode() + "\n")
        policy.write_text(default_policy_text().replace("penalise_history = false", "penalise_history = true"))
        size = export.stat().st_size / 2**20
        print(
            f"{args.messages:,} messages, {args.users:,} users, {args.groups:,} groups; export {size:.0f} MiB",
            flush=True,
        )
        ingest = run(
            "ingest (JSON Lines)",
            ["--db", str(tmp / "a.db"), "--policy", str(policy), "ingest", str(feed)],
            args.messages,
        )
        imported = run(
            "import --format telegram",
            ["--db", str(tmp / "b.db"), "--policy", str(policy), "import", "--format", "telegram", str(export)],
            args.messages,
        )
        print(f"import runs at {ingest / imported:.2f} of ingest's speed", flush=True)


if __name__ == "__main__":
    main()
