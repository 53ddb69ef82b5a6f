"""API keys: created and revoked through the one writer (each change is audited)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from chatcredit.domain.effects import Effects
from chatcredit.domain.keys import ApiKey, new_key
from chatcredit.errors import InvalidRequest, NotFound
from chatcredit.service.writer import Writer
from chatcredit.store.base import Store


class Keyring:
    def __init__(self, reads: Store, writer: Writer, clock: Callable[[], float]) -> None:
        self._reads = reads
        self._writer = writer
        self._clock = clock

    def create(self, name: str, scopes: Sequence[str]) -> tuple[ApiKey, str]:
        """A new key; the token is returned once and never stored (only its hash)."""
        try:
            record, token = new_key(name, tuple(scopes), self._clock())
        except ValueError as exc:
            raise InvalidRequest(str(exc)) from None

        def decide(store: Store) -> tuple[Effects, ApiKey]:
            return Effects(api_keys=[record], act="key created", actor=name), record

        return self._writer.write(decide), token

    def list(self) -> list[ApiKey]:
        return self._reads.keys.list()

    def revoke(self, key_id: str) -> ApiKey:
        now = self._clock()

        def decide(store: Store) -> tuple[Effects, ApiKey]:
            key = store.keys.get(key_id)
            if key is None or key.revoked is not None:
                raise NotFound(f"no active key {key_id!r}")
            revoked = dataclasses.replace(key, revoked=now)
            return Effects(api_keys=[revoked], act="key revoked", actor=key.name), revoked

        return self._writer.write(decide)
