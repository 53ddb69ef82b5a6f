"""``permit`` in process, for comparing two commits side by side:

    PYTHONPATH=/path/to/old/checkout/src .venv/bin/python bench/permit_compare.py before
    PYTHONPATH=src .venv/bin/python bench/permit_compare.py after

100 users with 20 messages each on a memory store; 20,000 permits per action, best of five.
"""

from __future__ import annotations

import sys
import time

from chatcredit import Engine
from chatcredit.store import MemoryStore
from chatcredit.testing import FakeClock, history_policy, lines, message


def main() -> None:
    engine = Engine(MemoryStore(), history_policy(), clock=FakeClock())
    feed = [message(f"m{i}", f"u{i % 100}", "hello there", ts=1772323200.0 + i) for i in range(2000)]
    engine.ingest_lines(lines(*feed))
    users = [f"u{i}" for i in range(100)]
    for user in users:  # warm the caches
        engine.permit(user, "post_link")
        engine.permit(user, "send_message")
    best = {}
    for action in ("post_link", "send_message"):
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            for _ in range(200):
                for user in users:
                    engine.permit(user, action)
            runs.append((time.perf_counter() - started) / 20_000 * 1e6)
        best[action] = min(runs)
    label = sys.argv[1] if len(sys.argv) > 1 else "this checkout"
    print(label, ", ".join(f"{action} {us:.2f} µs" for action, us in best.items()))


if __name__ == "__main__":
    main()
