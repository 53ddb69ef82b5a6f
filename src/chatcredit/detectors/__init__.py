"""Detectors turn events into signals.

A detector is any object with a ``name`` and a ``scan(events)`` method; a detector
*factory* takes the policy and returns one. Built-in detectors are registered as entry
points in the ``chatcredit.detectors`` group, exactly as a third-party package would
register its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Protocol

from chatcredit.detectors.normalization import fold, skeleton_of_folded
from chatcredit.domain.events import Event
from chatcredit.domain.signals import Signal
from chatcredit.errors import ChatcreditError
from chatcredit.policy.model import Policy

ENTRY_POINT_GROUP = "chatcredit.detectors"


@dataclass(slots=True)
class Context:
    """What the engine knows beyond the batch (when each user was first seen), and the
    normalised forms of the batch's texts, computed once for all detectors."""

    first_seen: Mapping[str, float] = field(default_factory=dict)
    _forms: dict[str, tuple[str, str]] = field(default_factory=dict)

    def forms(self, text: str) -> tuple[str, str]:
        """``(fold, skeleton)`` of ``text`` (see ``normalization``), memoised for the batch."""
        found = self._forms.get(text)
        if found is None:
            folded = fold(text)
            found = self._forms[text] = (folded, skeleton_of_folded(folded))
        return found

    def account_age(self, user: str, ts: float) -> float:
        """Seconds between the user's first record and ``ts`` (0 for a user new now)."""
        return max(0.0, ts - self.first_seen.get(user, ts))


class Detector(Protocol):
    """What a detector declares: its ``name`` (the actor of what it decides), the event
    ``type`` names it reads (others are not passed to it), and its ``priority`` when
    several detectors find the same category in one event (lower wins: a policy rule,
    priority 0, before the classifier, 2)."""

    name: str
    priority: int
    event_types: tuple[str, ...]
    #: (optional) seconds of history the detector's windows hold. A windowed detector
    #: built afresh (a new process) is first shown the archive's events of that span, so
    #: that a burst split by a restart is still one burst.

    def scan(self, events: Sequence[tuple[float, Event]], context: Context) -> list[Signal]:
        """Signals for a batch of ``(epoch seconds, event)`` pairs, in ingestion order."""
        ...


DetectorFactory = Callable[[Policy], Detector]


def load_detectors(policy: Policy) -> list[Detector]:
    """Instantiate every registered detector for ``policy``, sorted by entry-point name."""
    found = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)
    if not found:
        raise ChatcreditError("no chatcredit detectors are registered: is the package installed (pip install -e .)?")
    factories: list[DetectorFactory] = [ep.load() for ep in found]
    return [factory(policy) for factory in factories]
