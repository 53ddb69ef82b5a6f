"""Request bodies: strict msgspec structs (their JSON Schema feeds the OpenAPI document)."""

from __future__ import annotations

from typing import Annotated, Literal, TypeVar

import msgspec

from chatcredit.api.problems import HttpProblem
from chatcredit.domain.events import Event, Rejected, parse_event
from chatcredit.errors import InvalidEvent
from chatcredit.vocabulary import Scope, Severity

T = TypeVar("T")
#: free text a person writes: any character but NUL (PostgreSQL text cannot hold it)
Reason = Annotated[str, msgspec.Meta(min_length=1, max_length=4096, pattern="^[^\x00]+$")]


class ReverseBody(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    entry_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    reason: Reason


class AdjustBody(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    user: Annotated[str, msgspec.Meta(min_length=1, max_length=256)]
    points: Annotated[float, msgspec.Meta(ge=-1000, le=1000)]  # a whole number (checked)
    category: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    reason: Reason
    severity: Severity = "medium"


class ListingBody(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    subject: Annotated[str, msgspec.Meta(min_length=1, max_length=512, pattern="^[^\x00-\x1f\x7f]+$")]
    category: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    reason: Reason
    days: Annotated[float, msgspec.Meta(gt=0, le=36_500)] | None = None
    kind: Literal["user", "account", "domain", "user-glob"] = "user"


class LiftBody(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    reason: Reason


Id = Annotated[str, msgspec.Meta(min_length=1, max_length=256, pattern="^[^\x00-\x1f\x7f]+$")]


class DecideReviewBody(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    outcome: Literal["uphold", "dismiss", "escalate"]
    reason: Reason
    severity: Severity | None = None


class AppealBody(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    target: Id  # a notice id, or the entry or measure it is about
    user: Id  # the person appealing (the platform calls on their behalf)
    statement: Reason


class DecideAppealBody(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    outcome: Literal["uphold", "overturn", "modify"]
    reason: Reason
    points: Annotated[float, msgspec.Meta(ge=-1000, le=-1)] | None = None  # a whole number (checked)


class ReferralBody(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    case: Id
    authority: Id
    reason: Reason
    user: Id | None = None


class AckBody(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    notice_ids: Annotated[list[Id], msgspec.Meta(min_length=1, max_length=1000)]


class KeyBody(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    scopes: Annotated[list[Scope], msgspec.Meta(min_length=1)]


def decode_body(body: bytes, kind: type[T]) -> T:
    try:
        return msgspec.json.decode(body, type=kind, strict=True)
    except msgspec.ValidationError as exc:
        raise HttpProblem(422, "invalid-body", "The request body does not fit the schema", str(exc)) from None
    except msgspec.DecodeError as exc:
        raise HttpProblem(400, "malformed-json", "The request body is not valid JSON", str(exc)) from None
    except (RecursionError, UnicodeDecodeError) as exc:
        raise HttpProblem(400, "malformed-json", "The request body is not valid JSON", type(exc).__name__) from None


def parse_events_body(body: bytes, content_type: str, max_events: int) -> list[tuple[int, Event | Rejected]]:
    """Each element (JSON array) or line (NDJSON) parsed alone; a bad one is kept as Rejected.

    The body as a whole must be well formed: otherwise nothing is taken."""
    if content_type == "application/x-ndjson":
        raws: list[bytes] = [line for line in body.split(b"\n") if line.strip()]
    else:
        try:
            raws = [bytes(r) for r in msgspec.json.decode(body, type=list[msgspec.Raw])]
        except (msgspec.ValidationError, msgspec.DecodeError) as exc:
            raise HttpProblem(400, "malformed-json", "The body must be a JSON array of events", str(exc)) from None
        except RecursionError:
            detail = "nested too deeply to split into events (send NDJSON to have each line judged alone)"
            raise HttpProblem(400, "malformed-json", "The body must be a JSON array of events", detail) from None
    if len(raws) > max_events:
        raise HttpProblem(
            413,
            "too-many-events",
            "Too many events in one request",
            f"{len(raws)} events; at most {max_events} per request",
        )
    items: list[tuple[int, Event | Rejected]] = []
    for index, raw in enumerate(raws):
        try:
            items.append((index, parse_event(raw, index)))
        except InvalidEvent as exc:
            items.append((index, Rejected(index, raw.decode("utf-8", "replace"), exc.field, exc.reason)))
    return items
