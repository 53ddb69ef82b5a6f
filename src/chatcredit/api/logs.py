"""Structured JSON logs, one object per line. Secrets (keys, bodies) are never logged."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

import msgspec

_encoder = msgspec.json.Encoder()
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        data.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info and record.exc_info[0] is not None:
            data["error"] = record.exc_info[0].__name__
            data["message"] = str(record.exc_info[1])[:2000]  # what went wrong, for the operator
        return _encoder.encode(data).decode()


class AccessLog:
    """One JSON line per request, in the shape of the other log lines, written in batches:
    the request only appends a line to a buffer; ``flush()`` (every fraction of a second,
    and at shutdown) writes them. Through the logging module, with a write per line, the
    access log cost a fifth of a permit request (bench/README.md)."""

    FLUSH_AT = 1000

    def __init__(self, stream: Any = None) -> None:
        self._stream = stream
        self._lines: list[bytes] = []

    def record(self, **fields: Any) -> None:
        now = time.time()
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now * 1000) % 1000:03d}Z"
        line = {"ts": stamp, "level": "info", "logger": "chatcredit", "msg": "request", **fields}
        self._lines.append(_encoder.encode(line))
        if len(self._lines) >= self.FLUSH_AT:
            self.flush()

    def flush(self) -> None:
        if not self._lines:
            return
        lines, self._lines = self._lines, []
        stream = self._stream or sys.stderr
        stream.buffer.write(b"\n".join(lines) + b"\n")
        stream.flush()


def configure(level: str) -> logging.Logger:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("chatcredit")
    logger.handlers[:] = [handler]
    logger.setLevel(level.upper())
    logger.propagate = False
    return logger
