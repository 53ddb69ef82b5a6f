"""Bearer API keys: verify once, trust for a few seconds, check the scope on every call."""

from __future__ import annotations

import time
from collections.abc import Callable

from chatcredit.api.problems import HttpProblem
from chatcredit.domain.keys import ApiKey, matches, split_token
from chatcredit.store.base import Store

_UNAUTHORIZED = HttpProblem(401, "unauthorized", "An API key is required", "send 'Authorization: Bearer <key>'")


class Authenticator:
    def __init__(self, store: Store, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._store = store
        self._ttl = ttl
        self._clock = clock
        self._cache: dict[str, tuple[ApiKey, float]] = {}

    def authenticate(self, authorization: str | None) -> ApiKey:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():  # schemes are case-insensitive (RFC 9110)
            raise _UNAUTHORIZED
        token = token.strip()
        now = self._clock()
        hit = self._cache.get(token)
        if hit is not None and hit[1] > now:
            return hit[0]
        parts = split_token(token)
        record = self._store.keys.get(parts[0]) if parts else None
        if parts is None or record is None or not record.active or not matches(record, parts[1]):
            self._cache.pop(token, None)
            raise HttpProblem(401, "unauthorized", "The API key is not valid", "unknown, malformed or revoked key")
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[token] = (record, now + self._ttl)
        return record

    def forget(self) -> None:
        self._cache.clear()


#: the scope of routes a platform calls with its own secret (webhook adapters): no API key
PLATFORM = "platform"


def require(key: ApiKey, scope: str) -> None:
    if scope not in key.scopes:
        raise HttpProblem(
            403,
            "forbidden",
            "The API key lacks the scope for this route",
            f"this route needs the '{scope}' scope",
            required_scope=scope,
        )
