"""Detectors turn events into signals.

A detector is any object with a ``name`` and a ``scan(events)`` method; a detector
*factory* takes the policy and returns one. Built-in detectors are registered as entry
points in the ``chatcredit.detectors`` group, exactly as a third-party package would
register its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from typing import Protocol

from chatcredit.events import Event
from chatcredit.policy.model import Policy
from chatcredit.signals import Signal

ENTRY_POINT_GROUP = "chatcredit.detectors"


class Detector(Protocol):
    name: str

    def scan(self, events: Sequence[tuple[float, Event]]) -> list[Signal]:
        """Signals for a batch of ``(epoch seconds, event)`` pairs, in ingestion order."""
        ...


DetectorFactory = Callable[[Policy], Detector]


def load_detectors(policy: Policy) -> list[Detector]:
    """Instantiate every registered detector for ``policy``, sorted by entry-point name."""
    found = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)
    if not found:
        raise RuntimeError("no chatcredit detectors are registered: is the package installed (pip install -e .)?")
    factories: list[DetectorFactory] = [ep.load() for ep in found]
    return [factory(policy) for factory in factories]
