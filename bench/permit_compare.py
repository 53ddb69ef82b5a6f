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

e = Engine(MemoryStore(), history_policy(), clock=FakeClock())
e.ingest_lines(lines(*[message(f"m{i}", f"u{i % 100}", "hello there", ts=1772323200.0 + i) for i in range(2000)]))
users = [f"u{i}" for i in range(100)]
for u in users:
    e.permit(u, "post_link")
    e.permit(u, "send_message")
best = {}
for action in ("post_link", "send_message"):
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(200):
            for u in users:
                e.permit(u, action)
        runs.append((time.perf_counter() - t) / 20000 * 1e6)
    best[action] = min(runs)
print(sys.argv[1], {k: f"{v:.2f} µs" for k, v in best.items()})
