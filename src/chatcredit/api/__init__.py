"""The HTTP API: ``create_app(settings)`` builds the ASGI app; ``chatcredit serve`` runs it."""

from chatcredit.api.app import create_app

__all__ = ["create_app"]
