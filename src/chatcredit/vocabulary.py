"""The shared vocabulary: enums and type aliases used across the package, in one place.

Each is a ``Literal`` for the type checker and a tuple of its values for validation,
documentation and the OpenAPI schemas (the tuple is derived from the ``Literal``).
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

import msgspec

Severity = Literal["low", "medium", "high", "critical"]
SEVERITIES: tuple[str, ...] = get_args(Severity)

EntryKind = Literal["penalty", "credit", "reversal", "review"]

Scope = Literal["ingest", "read", "moderate", "admin"]
SCOPES: tuple[str, ...] = get_args(Scope)

#: Seconds since the epoch (UTC). Shown as ISO 8601 in JSON views and the OpenAPI schemas.
Time = Annotated[float, msgspec.Meta(extra_json_schema={"type": "string", "format": "date-time"})]
