"""A real `chatcredit serve` process on 127.0.0.1 for the API tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from chatcredit import open_engine
from databases import database

SCOPES = ("ingest", "read", "moderate", "admin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    db: str
    port: int
    tokens: dict[str, str]
    process: subprocess.Popen[bytes]
    log: Path
    env: dict[str, str] = field(default_factory=dict)
    clients: dict[str | None, httpx.Client] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self, scope: str | None = "all") -> httpx.Client:
        """One keep-alive client per scope, closed by stop()."""
        if scope not in self.clients:
            headers = {"Authorization": f"Bearer {self.tokens[scope]}"} if scope else {}
            self.clients[scope] = httpx.Client(base_url=self.url, headers=headers, timeout=30)
        return self.clients[scope]

    def stop(self) -> bool:
        """SIGTERM, as an orchestrator would; True if the service shut down gracefully.

        uvicorn re-raises the signal after its graceful shutdown, so the exit status is
        -SIGTERM either way: the log's last line tells a clean stop."""
        for client in self.clients.values():
            client.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        return '"msg":"stopped"' in self.log.read_text()


def start_server(tmp: Path, **settings: str) -> Server:
    db = database(tmp, "api.db")
    engine = open_engine(db)
    tokens = {scope: engine.create_key(f"{scope}-key", [scope])[1] for scope in SCOPES}
    tokens["all"] = engine.create_key("mod-api", list(SCOPES))[1]
    engine.close()
    port = free_port()
    log = tmp / "server.log"
    env = {
        # not PYTEST_CURRENT_TEST: a parametrized test's id can be longer than exec allows
        **{k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"},
        "CHATCREDIT_DB": str(db),
        "CHATCREDIT_KEY_CACHE_SECONDS": "0.2",
        **{f"CHATCREDIT_{k.upper()}": v for k, v in settings.items()},
    }
    exe = Path(sys.executable).parent / "chatcredit"
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            [str(exe), "serve", "--port", str(port)], env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    server = Server(db, port, tokens, process, log, env)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{server.url}/readyz", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"server did not start: {log.read_text()}")
