"""The commands, one module per area; each registers itself on ``main`` when imported."""

from chatcredit.cli.commands import corrections, detection, maintenance, policy, records, service, users

__all__ = ["corrections", "detection", "maintenance", "policy", "records", "service", "users"]
