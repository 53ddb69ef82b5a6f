"""chatcredit: a trust-and-accountability engine for group-chat platforms.

Open an engine on a database and a policy, feed it events, ask it questions::

    from chatcredit import open_engine
    engine = open_engine("chatcredit.db")
    engine.ingest_lines(open("events.jsonl", "rb"))
    engine.standing("u1").score
    engine.permit("u1", "create_group").allowed
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from chatcredit.domain.events import Event, parse_event
from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.permits import ACTIONS, PermitDecision
from chatcredit.domain.standing import Reason, Standing
from chatcredit.errors import (
    ChatcreditError,
    ConflictError,
    InvalidEvent,
    InvalidRequest,
    NotFound,
    PolicyError,
)
from chatcredit.policy import Policy, default_policy, load_policy
from chatcredit.service.engine import Engine, Explanation, IngestReport
from chatcredit.store import open_store

__version__ = "0.1.0"

__all__ = [
    "ACTIONS",
    "ChatcreditError",
    "ConflictError",
    "Engine",
    "Event",
    "Explanation",
    "IngestReport",
    "InvalidEvent",
    "InvalidRequest",
    "LedgerEntry",
    "NotFound",
    "PermitDecision",
    "Policy",
    "PolicyError",
    "Reason",
    "Standing",
    "default_policy",
    "load_policy",
    "open_engine",
    "parse_event",
]


def open_engine(
    db: str | Path = "chatcredit.db",
    policy: str | Path | Policy | None = None,
    clock: Callable[[], float] = time.time,
    pool_size: int = 4,
) -> Engine:
    """Open (and migrate) the store at ``db`` (a SQLite file or a ``postgresql://`` URL)
    and build an engine with ``policy``."""
    if policy is None:
        chosen = default_policy()
    elif isinstance(policy, Policy):
        chosen = policy
    else:
        chosen = load_policy(policy)
    return Engine(open_store(db, pool_size), chosen, clock=clock)
