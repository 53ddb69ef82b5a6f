"""Importers: real chat exports in, as events (Telegram, Slack, Matrix, WhatsApp,
Discord, IRC). Each is registered under the ``chatcredit.importers`` entry point, as
detectors are; ``importers()`` finds them all (a plugin package can add more)."""

from __future__ import annotations

from importlib.metadata import entry_points

from chatcredit.importers.base import Importer, Item, Options

__all__ = ["Importer", "Item", "Options", "importers"]


def importers() -> dict[str, Importer]:
    """Every registered importer by name."""
    found: dict[str, Importer] = {}
    for point in entry_points(group="chatcredit.importers"):
        importer = point.load()()
        found[importer.name] = importer
    return dict(sorted(found.items()))
