"""The commands, one module per area; each registers itself on ``main`` when imported."""

from chatcredit.cli.commands import (
    casework,
    corrections,
    database,
    detection,
    governance,
    importing,
    keeping,
    maintenance,
    notices,
    policy,
    records,
    reports,
    service,
    users,
)

__all__ = [
    "casework",
    "corrections",
    "database",
    "detection",
    "governance",
    "importing",
    "keeping",
    "maintenance",
    "notices",
    "policy",
    "records",
    "reports",
    "service",
    "users",
]
