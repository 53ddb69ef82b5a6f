"""The notice outbox, delivered at least once.

Every notice has a ``Delivery`` row written in the same transaction (the one writer), so
no notice can exist without being queued. ``deliver`` POSTs each due notice as JSON to the
platform's webhook with an ``Idempotency-Key`` (the notice id: a receiver that keeps the
keys it has processed gets each notice once, even when a delivery is repeated after a
crash) and an ``X-Chatcredit-Signature: sha256=<hex>`` header, the HMAC-SHA256 of the
exact body with the shared secret. A failure is retried with exponential backoff and
jitter; after ``max_attempts`` the notice is dead-lettered (``notices pending --failed``).
A platform may pull instead: ``pending`` and ``ack``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import msgspec

from chatcredit import views
from chatcredit.domain.effects import Effects
from chatcredit.dueprocess.cases import Delivery
from chatcredit.dueprocess.notices import Notice
from chatcredit.errors import NotFound
from chatcredit.service.writer import Writer
from chatcredit.store.base import Store

SIGNATURE_HEADER = "X-Chatcredit-Signature"


def sign(body: bytes, secret: str) -> str:
    """The signature header's value: ``sha256=`` and the hex HMAC-SHA256 of the body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def backoff(attempts: int, base: float, cap: float, rnd: random.Random) -> float:
    """Seconds before the next try: base × 2^(attempts−1), capped, times a jitter of 0.5–1.5."""
    return float(min(cap, base * 2 ** max(0, attempts - 1)) * rnd.uniform(0.5, 1.5))


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)


class Outbox:
    def __init__(self, reads: Store, writer: Writer, clock: Callable[[], float]) -> None:
        self._reads = reads
        self._writer = writer
        self._clock = clock
        self._random = random.Random()

    def pending(self, failed: bool = False, limit: int = 1000) -> list[tuple[Delivery, Notice]]:
        """Notices not yet delivered (``failed``: the dead-lettered ones), the soonest due
        first (the store reads only ``limit`` of them, however long the backlog)."""
        rows = self._reads.governance.find("delivery", status=("dead",) if failed else ("pending",), limit=limit)
        out = []
        for d in rows:
            notice = self._reads.notices.get(d.id) if isinstance(d, Delivery) else None
            if isinstance(d, Delivery) and notice is not None:
                out.append((d, notice))
        return out

    def ack(self, notice_ids: Sequence[str]) -> int:
        """The platform fetched these notices itself: nothing more to deliver."""
        now = self._clock()

        def decide(store: Store) -> tuple[Effects, int]:
            done = []
            for nid in notice_ids:
                d = store.governance.get("delivery", nid)
                if not isinstance(d, Delivery):
                    raise NotFound(f"no notice {nid!r} in the outbox")
                if d.status in ("pending", "dead"):
                    done.append(msgspec.structs.replace(d, status="acked", delivered=now))
            return Effects(records=list(done)), len(done)

        return self._writer.write(decide)

    def retry_dead(self) -> int:
        """Put dead-lettered notices back in the queue (after the receiver is fixed)."""
        dead = [d for d, _ in self.pending(failed=True, limit=1_000_000)]
        again = [msgspec.structs.replace(d, status="pending", attempts=0, next_at=self._clock()) for d in dead]
        return self._writer.write(lambda store: (Effects(records=list(again)), len(again)))

    def deliver(
        self,
        url: str,
        secret: str,
        max_attempts: int = 8,
        base_delay: float = 5.0,
        max_delay: float = 3600.0,
        timeout: float = 10.0,
        limit: int = 1000,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> DeliveryReport:
        """One pass over the due notices; each result is written before the next is sent."""
        now = self._clock()
        due = [(d, n) for d, n in self.pending(limit=limit) if d.next_at <= now]
        report = DeliveryReport()
        for done, (d, notice) in enumerate(due, 1):
            body = json.dumps(views.notice_view(notice), sort_keys=True).encode()
            error = self._post(url, body, secret, notice.id, timeout)
            attempts = d.attempts + 1
            if error is None:
                after = msgspec.structs.replace(d, status="delivered", attempts=attempts, delivered=self._clock())
                report.delivered += 1
            elif attempts >= max_attempts:
                after = msgspec.structs.replace(d, status="dead", attempts=attempts, last_error=error)
                report.dead += 1
            else:
                wait = backoff(attempts, base_delay, max_delay, self._random)
                after = msgspec.structs.replace(d, attempts=attempts, last_error=error, next_at=self._clock() + wait)
                report.failed += 1
            if error is not None:
                report.errors.append(f"{notice.id}: {error}")
            self._record(after)
            if on_progress:
                on_progress(done, len(due))
        return report

    def _record(self, delivery: Delivery) -> None:
        def decide(store: Store) -> tuple[Effects, None]:
            return Effects(records=[delivery]), None

        self._writer.write(decide)

    @staticmethod
    def _post(url: str, body: bytes, secret: str, key: str, timeout: float) -> str | None:
        """None if the receiver took it (2xx), else what went wrong."""
        headers = {"Content-Type": "application/json", "Idempotency-Key": key, SIGNATURE_HEADER: sign(body, secret)}
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status = int(response.status)
        except urllib.error.HTTPError as exc:
            return f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            return f"{type(exc).__name__}: {exc}"
        return None if 200 <= status < 300 else f"HTTP {status}"
