"""API keys: created once, shown once, stored hashed, each with scopes.

A key looks like ``cck_<id>_<secret>``. Only the SHA-256 of the secret is stored (the
secret is 192 random bits, so a fast hash is the right tool); the id finds the record.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from chatcredit.vocabulary import SCOPES

_TOKEN = re.compile(r"^cck_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$")


@dataclass(frozen=True, slots=True)
class ApiKey:
    id: str
    name: str
    scopes: tuple[str, ...]
    secret_hash: str
    created: float
    revoked: float | None = None

    @property
    def active(self) -> bool:
        return self.revoked is None


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_key(name: str, scopes: tuple[str, ...], now: float) -> tuple[ApiKey, str]:
    """A new key record and the token to hand out (shown once, never stored)."""
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown or not scopes:
        raise ValueError(f"scopes must be among {', '.join(SCOPES)}; got {', '.join(scopes) or 'none'}")
    if not name:
        raise ValueError("a key needs a name (it is recorded as the actor of what the key does)")
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(24)
    record = ApiKey(key_id, name, tuple(dict.fromkeys(scopes)), _hash(secret), now)
    return record, f"cck_{key_id}_{secret}"


def split_token(token: str) -> tuple[str, str] | None:
    """``(id, secret)`` of a well-formed token, else None."""
    m = _TOKEN.match(token)
    return (m.group(1), m.group(2)) if m else None


def matches(record: ApiKey, secret: str) -> bool:
    return hmac.compare_digest(record.secret_hash, _hash(secret))
