"""Prometheus metrics of the service (one registry per app, exposed at /metrics)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

from chatcredit.service.engine import IngestReport

BUCKETS = (0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "chatcredit_http_requests",
            "HTTP requests by route and status",
            ["method", "route", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "chatcredit_http_request_duration_seconds",
            "Request latency by route",
            ["method", "route"],
            buckets=BUCKETS,
            registry=r,
        )
        self.events = Counter("chatcredit_events_ingested", "Events accepted", registry=r)
        self.duplicates = Counter("chatcredit_events_duplicate", "Events skipped as duplicates", registry=r)
        self.quarantined = Counter("chatcredit_events_quarantined", "Events rejected to quarantine", registry=r)
        self.signals = Counter("chatcredit_signals", "Detector signals by category", ["category"], registry=r)
        self.ledger_entries = Counter("chatcredit_ledger_entries", "Ledger entries appended", registry=r)

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def count_ingest(self, report: IngestReport) -> None:
        self.events.inc(report.accepted)
        self.duplicates.inc(report.duplicates)
        self.quarantined.inc(report.quarantined)
        self.ledger_entries.inc(report.penalties)
        for category, n in report.signals_by_category.items():
            self.signals.labels(category).inc(n)

    def render(self) -> bytes:
        return generate_latest(self.registry)
