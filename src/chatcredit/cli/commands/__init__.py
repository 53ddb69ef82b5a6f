"""The commands, one module per area; each registers itself on ``main`` when imported."""

from chatcredit.cli.commands import (
    corrections,
    database,
    detection,
    governance,
    importing,
    maintenance,
    policy,
    records,
    service,
    users,
)

__all__ = [
    "corrections",
    "database",
    "detection",
    "governance",
    "importing",
    "maintenance",
    "policy",
    "records",
    "service",
    "users",
]
