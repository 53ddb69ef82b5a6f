"""Sign-in: an API key of ``read`` or ``moderate`` scope exchanged for a session cookie
(HttpOnly, SameSite=Strict, Secure over TLS), with a CSRF token for every form. Sessions
live in the serving process's memory and end at sign-out, after eight hours, or as soon
as their key is revoked."""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

COOKIE = "cc_session"
LOGIN_COOKIE = "cc_login"
LIFETIME = 8 * 3600.0


@dataclass
class Session:
    token: str
    key_id: str
    name: str
    scopes: tuple[str, ...]
    csrf: str
    expires: float
    flash: list[tuple[str, str]] = field(default_factory=list)

    @property
    def can_act(self) -> bool:
        return "moderate" in self.scopes

    def says(self, kind: str, text: str) -> None:
        self.flash.append((kind, text))

    def take_flash(self) -> list[tuple[str, str]]:
        out, self.flash = self.flash, []
        return out


class Sessions:
    def __init__(self) -> None:
        self._by_token: dict[str, Session] = {}

    def create(self, key_id: str, name: str, scopes: tuple[str, ...]) -> Session:
        self._expire()
        s = Session(secrets.token_urlsafe(32), key_id, name, scopes, secrets.token_urlsafe(24), time.time() + LIFETIME)
        self._by_token[s.token] = s
        return s

    def of(self, request: Request) -> Session | None:
        token = request.cookies.get(COOKIE, "")
        s = self._by_token.get(token)
        if s is None or s.expires < time.time():
            self._by_token.pop(token, None)
            return None
        return s

    def end(self, session: Session) -> None:
        self._by_token.pop(session.token, None)

    def _expire(self) -> None:
        now = time.time()
        for token in [t for t, s in self._by_token.items() if s.expires < now]:
            del self._by_token[token]


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="strict", secure=request.url.scheme == "https", path="/ui"
    )


def csrf_ok(expected: str, given: object) -> bool:
    return isinstance(given, str) and bool(given) and hmac.compare_digest(expected, given)
