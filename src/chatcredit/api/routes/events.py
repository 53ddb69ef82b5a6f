"""Ingestion, the quarantine and the review queue."""

from __future__ import annotations

from typing import Any

from chatcredit import views
from chatcredit.api import schemas as sc
from chatcredit.api.call import Call
from chatcredit.api.endpoint import INGEST_SLICE, LIMIT, MAX_OFFSET, OFFSET, Endpoint


async def post_events(call: Call) -> Any:
    kind = call.content_type()
    body = await call.body()
    report = await call.write("ingest", body, kind, call.settings.max_events_per_request, INGEST_SLICE)
    call.metrics.count_ingest(report)
    return {
        **{k: v for k, v in views.ingest_view(report).items() if k != "quarantined"},
        "rejected": report.quarantined,
        "rejections": [{"index": r.line, "field": r.field, "reason": r.reason} for r in report.rejected],
    }


async def get_quarantine(call: Call) -> Any:
    limit = call.integer("limit", 100, 1, call.settings.max_list_items)
    offset = call.integer("offset", 0, 0, MAX_OFFSET)
    return [views.quarantine_view(q) for q in call.engine.quarantine(limit, offset)]


async def get_review(call: Call) -> Any:
    limit = call.integer("limit", 100, 1, call.settings.max_list_items)
    return [views.review_view(r) for r in call.engine.review_queue(limit)]


ROUTES: tuple[Endpoint, ...] = (
    Endpoint(
        "POST",
        "/v1/events",
        "ingest",
        post_events,
        "Ingest a batch of events (JSON array or NDJSON)",
        sc.ref("IngestResult"),
        body=sc.EVENTS_BODY,
        tag="events",
        errors=(400, 401, 403, 408, 413, 415),
    ),
    Endpoint(
        "GET",
        "/v1/quarantine",
        "read",
        get_quarantine,
        "Rejected input records",
        sc.array(sc.ref("Quarantined")),
        (LIMIT, OFFSET),
        tag="events",
    ),
    Endpoint(
        "GET",
        "/v1/review",
        "read",
        get_review,
        "The open human review queue",
        sc.array(sc.ref("Review")),
        (LIMIT,),
        tag="events",
    ),
)
