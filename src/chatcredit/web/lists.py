"""Rules, the blacklist and the transparency report."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import Response

from chatcredit.domain.standing import DAY
from chatcredit.dueprocess.charts import bar_chart, column_chart
from chatcredit.dueprocess.publication import as_fragment
from chatcredit.governance.records import Bank
from chatcredit.service.reports import Reports
from chatcredit.web.session import Session
from chatcredit.web.shell import Web, back, field


async def rules(web: Web, request: Request, session: Session) -> Response:
    engine = web.engine
    statuses = engine.detection.rules()
    since = engine.now() - 30 * DAY
    notices = engine.reads.notices.between(since, engine.now())
    penalties = [n for n in notices if n.kind == "penalty"]
    hits = Counter(n.rule_id for n in penalties)
    charts = [bar_chart("Penalties by rule, the last 30 days", dict(hits.most_common(20)))]
    for rule, _ in hits.most_common(4):  # the busiest rules, day by day
        days = Counter(int((n.ts - since) // DAY) for n in penalties if n.rule_id == rule)
        charts.append(column_chart(f"{rule}: penalties per day", {str(d + 1): days.get(d, 0) for d in range(30)}))
    return web.render(request, session, "rules.html", rules=statuses, hits=hits, charts=charts)


async def blacklist(web: Web, request: Request, session: Session) -> Response:
    engine = web.engine
    banks = [b for b in engine.reads.governance.find("bank") if isinstance(b, Bank)]
    return web.render(request, session, "blacklist.html", listings=engine.oversight.listings(), banks=banks)


async def listing_confirm(web: Web, request: Request, session: Session) -> Response:
    listing = request.path_params["listing_id"]
    if await web.write(session, "listing_confirm", listing, session.name) is not None:
        session.says("ok", f"{listing} confirmed")
    return back("/ui/blacklist")


async def listing_lift(web: Web, request: Request, session: Session) -> Response:
    listing, reason = request.path_params["listing_id"], field(request, "reason")
    if reason and await web.write(session, "listing_lift", listing, session.name, reason) is not None:
        session.says("ok", f"{listing} lifted")
    return back("/ui/blacklist")


def _day(text: str | None, default: float) -> float:
    try:
        return datetime.strptime(text or "", "%Y-%m-%d").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return default


async def report(web: Web, request: Request, session: Session) -> Response:
    engine = web.engine
    now = engine.now()
    until = _day(request.query_params.get("to"), now)
    since = _day(request.query_params.get("from"), until - 30 * DAY)
    if until <= since:
        session.says("error", "the period's end must come after its start")
        since = until - 30 * DAY
    numbers = Reports(engine.reads, engine.policy, engine.casework.automated).transparency(since, until)
    return web.render(
        request, session, "report.html", body=as_fragment(numbers), since=_iso_day(since), until=_iso_day(until)
    )


def _iso_day(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d")
