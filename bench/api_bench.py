"""HTTP API benchmark on loopback: permit latency and throughput, batch ingestion.

    .venv/bin/python bench/api_bench.py

Starts `chatcredit serve` (one worker) on a seeded database and drives it from this
process with bench/loadgen.py (the server gets one core, the load generator the other).
In the same run, for comparison, the same load against a bare Starlette route and a raw
ASGI app returning a constant JSON body under the same uvicorn settings: the framework's
share of a permit request.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from chatcredit import open_engine
from corpus import variations
from loadgen import request_bytes, run_load

BARE_APPS = """
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route
BODY = b'{"user":"u1","action":"post_link","allowed":true,"tier":"standard","score":600,"reasons":["tier-allows"]}'
async def permit(request):
    return Response(BODY, media_type="application/json")
starlette_app = Starlette(routes=[Route("/v1/permit", permit)])
async def raw_app(scope, receive, send):
    if scope["type"] != "http":
        return
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": BODY})
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(port: int, path: str = "/healthz") -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}{path}", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError("server did not start")


def seed(db: Path, users: int) -> str:
    engine = open_engine(db)
    rng = random.Random(1)
    start = time.time() - 30 * 86_400
    lines = []
    for i in range(users * 5):
        user = f"u{rng.randrange(users)}"
        text = "free money now" if rng.random() < 0.02 else "hello everyone"
        ts = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + i * 30))
        lines.append(
            json.dumps({"type": "message", "id": f"s{i}", "ts": ts, "user": user, "group": "g1", "text": text})
        )
    engine.ingest_lines(lines)
    _, token = engine.create_key("bench", ["read", "ingest", "admin"])
    engine.close()
    return token


def serve(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--batches", type=int, default=60)
    args = parser.parse_args()
    exe = str(Path(sys.executable).parent / "chatcredit")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "api.db"
        token = seed(db, args.users)
        auth = {"Authorization": f"Bearer {token}"}
        actions = ["send_message", "post_link", "post_media", "create_group"]
        permits = [
            request_bytes("GET", f"/v1/permit?user=u{i % args.users}&action={actions[i % 4]}", auth)
            for i in range(5000)
        ]
        for access_log in ("true", "false"):
            port = free_port()
            env = {**os.environ, "CHATCREDIT_DB": str(db), "CHATCREDIT_ACCESS_LOG": access_log}
            proc = serve([exe, "serve", "--port", str(port)], env)
            try:
                wait_ready(port)
                run_load(port, permits, 8, 1.0)  # warm up the caches
                for conns in (8, 64):
                    r = run_load(port, permits, conns, args.seconds)
                    print(r.line(f"permit, access log {access_log}, {conns} connections"), flush=True)
                if access_log == "true":
                    batch_ingest(port, auth, args.batches)
                    permit_under_load(port, token, permits, args.seconds)
            finally:
                proc.terminate()
                proc.wait()
        app_file = Path(tmp) / "bare_apps.py"
        app_file.write_text(BARE_APPS)
        for app in ("starlette_app", "raw_app"):
            port = free_port()
            proc = serve(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    f"bare_apps:{app}",
                    "--port",
                    str(port),
                    "--loop",
                    "uvloop",
                    "--http",
                    "httptools",
                    "--no-access-log",
                    "--app-dir",
                    tmp,
                ],
                dict(os.environ),
            )
            try:
                wait_ready(port, "/v1/permit")
                run_load(port, permits, 8, 1.0)
                r = run_load(port, permits, 8, args.seconds)
                print(r.line(f"bare {app}, constant body, 8 connections"), flush=True)
            finally:
                proc.terminate()
                proc.wait()


def _keep_writing(port: int, token: str, seconds: float, counts: Any) -> None:
    """In a process of its own: batches of 1,000 real messages back to back (prepared
    before the clock starts), and rescans of the whole archive one after another."""
    import threading

    auth = {"Authorization": f"Bearer {token}"}
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + seconds

    def rescan() -> None:
        with httpx.Client(base_url=base, headers=auth, timeout=600) as client:
            while time.monotonic() < deadline:
                assert client.post("/v1/rescan").status_code == 200
                counts[1] += 1

    rng = random.Random(3)
    texts = variations(rng, 200_000)
    start = time.time() - 3600
    bodies = [
        json.dumps(
            [
                {
                    "type": "message",
                    "id": f"load{b}-{i}",
                    "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + b + i / 1000)),
                    "user": f"x{rng.randrange(50_000)}",
                    "group": f"g{rng.randrange(1000)}",
                    "text": next(texts),
                }
                for i in range(1000)
            ]
        ).encode()
        for b in range(200)
    ]
    counts[2] = 1  # ready
    deadline = time.monotonic() + seconds
    threading.Thread(target=rescan, daemon=True).start()
    with httpx.Client(base_url=base, headers={**auth, "Content-Type": "application/json"}, timeout=600) as client:
        for body in bodies:
            if time.monotonic() >= deadline:
                break
            assert client.post("/v1/events", content=body).status_code == 200
            counts[0] += 1


def permit_under_load(port: int, token: str, permits: list[bytes], seconds: float) -> None:
    """Permit latency at 8 connections while batches of 1,000 are ingested and a rescan
    runs in the same server (the writes run on its writer thread)."""
    import multiprocessing

    counts = multiprocessing.Array("i", 3)
    writer = multiprocessing.Process(target=_keep_writing, args=(port, token, seconds + 1.0, counts))
    writer.start()
    while not counts[2]:
        time.sleep(0.1)
    time.sleep(0.5)  # let the first batch and the first rescan start
    r = run_load(port, permits, 8, seconds)
    writer.join()
    what = f"{counts[0]} batches of 1,000 and rescans ({counts[1]} finished) ran"
    print(r.line(f"permit, 8 connections, while {what}"), flush=True)


def batch_ingest(port: int, auth: dict[str, str], batches: int) -> None:
    rng = random.Random(2)
    start = time.time() - 86_400
    texts = variations(rng, batches * 1000)  # real messages, repeating as little as real chat
    bodies = []
    for b in range(batches):
        events = [
            {
                "type": "message",
                "id": f"b{b}-{i}",
                "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + b * 1000 + i)),
                "user": f"w{rng.randrange(50_000)}",
                "group": f"g{rng.randrange(1000)}",
                "text": next(texts),
            }
            for i in range(1000)
        ]
        bodies.append(json.dumps(events).encode())
    with httpx.Client(
        base_url=f"http://127.0.0.1:{port}", headers={**auth, "Content-Type": "application/json"}, timeout=60
    ) as client:
        started = time.perf_counter()
        latencies = []
        for body in bodies:
            t = time.perf_counter()
            response = client.post("/v1/events", content=body)
            latencies.append(time.perf_counter() - t)
            assert response.status_code == 200 and response.json()["accepted"] == 1000, response.text
        elapsed = time.perf_counter() - started
    latencies.sort()
    print(
        f"POST /v1/events, batches of 1,000: {batches * 1000 / elapsed:,.0f} messages/s, "
        f"p50 {latencies[len(latencies) // 2] * 1000:.1f} ms per batch, "
        f"p99 {latencies[int(0.99 * (len(latencies) - 1))] * 1000:.1f} ms",
        flush=True,
    )


if __name__ == "__main__":
    main()
