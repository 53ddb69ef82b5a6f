"""A small HTTP/1.1 keep-alive load generator for loopback benchmarks (asyncio, raw sockets).

Each connection sends one request, reads the whole response, and sends the next, for a
fixed time; latencies are recorded per request. Bounded in count and time by design.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    def line(self, label: str) -> str:
        return (
            f"{label}: {self.rps:,.0f} req/s, p50 {self.percentile(50):.2f} ms, "
            f"p99 {self.percentile(99):.2f} ms, mean {statistics.fmean(self.latencies) * 1000:.2f} ms, "
            f"errors {self.errors} ({self.requests:,} requests in {self.seconds:.1f} s)"
        )


def request_bytes(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    if length:
        await reader.readexactly(length)
    return status


async def _connection(
    host: str,
    port: int,
    requests: Sequence[bytes],
    until: float,
    out: list[float],
    errors: list[int],
    offset: int,
    max_requests: int,
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    n = offset
    sent = 0
    try:
        while time.perf_counter() < until and sent < max_requests:
            started = time.perf_counter()
            writer.write(requests[n % len(requests)])
            status = await _read_response(reader)
            out.append(time.perf_counter() - started)
            if status >= 400:
                errors.append(status)
            n += 1
            sent += 1
    finally:
        writer.close()


async def _run(
    host: str, port: int, requests: Sequence[bytes], connections: int, seconds: float, max_requests: int
) -> Result:
    latencies: list[float] = []
    errors: list[int] = []
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(
        *(
            _connection(host, port, requests, until, latencies, errors, i * 997, max_requests // connections + 1)
            for i in range(connections)
        )
    )
    return Result(len(latencies), time.perf_counter() - started, latencies, len(errors))


def run_load(
    port: int,
    requests: Sequence[bytes],
    connections: int,
    seconds: float,
    max_requests: int = 2_000_000,
    host: str = "127.0.0.1",
) -> Result:
    return asyncio.run(_run(host, port, requests, connections, seconds, max_requests))
