"""The overview and the queues: what waits for a person, decided in one or two keys."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from chatcredit.domain.standing import DAY, clamp
from chatcredit.domain.timestamps import to_iso
from chatcredit.dueprocess.charts import bar_chart, column_chart
from chatcredit.dueprocess.notices import notice_id
from chatcredit.dueprocess.transparency import TransparencyReport
from chatcredit.service.engine import Engine
from chatcredit.service.reports import Reports
from chatcredit.web.session import Session
from chatcredit.web.shell import Web, back, field, when

OVERVIEW_DAYS = 30
#: everyone's tier is counted again at most this often (seconds): tiers move with days,
#: not with each request, and counting 100,000 users takes about 200 ms
TIERS_EVERY = 300.0


@dataclass(frozen=True, slots=True)
class Overview:
    """The overview's numbers: the transparency report's for the same period, the review
    queue's and everyone's tiers (a test compares them with the API's)."""

    report: TransparencyReport
    queue: int
    queue_by_status: dict[str, int]
    oldest_hours: float
    tiers: dict[str, int]
    tiers_at: float
    decisions_per_day: dict[str, int]
    events_per_day: dict[str, int]
    appeals_open: int
    events: int


def overview_numbers(web: Web, days: int = OVERVIEW_DAYS) -> Overview:
    engine = web.engine
    now = engine.now()
    since = now - days * DAY
    notices = engine.reads.notices.between(since, now)
    report = Reports(engine.reads, engine.policy, engine.casework.automated).transparency(since, now, notices)
    waiting = {s: v for s, v in engine.reads.reviews.summary().items() if s != "decided"}
    tiers, tiers_at = web.cached("tiers", TIERS_EVERY, lambda: tier_counts(engine, now))
    per_day = Counter(int((n.ts - since) // DAY) for n in notices if n.appealable and n.recipient == "subject")
    oldest = min((ts for _, ts in waiting.values()), default=None)
    events, _ = web.cached("events per day", TIERS_EVERY, lambda: engine.reads.events.per_day(since))
    first = int(since // DAY)
    return Overview(
        report=report,
        queue=sum(n for n, _ in waiting.values()),
        queue_by_status={s: n for s, (n, _) in sorted(waiting.items())},
        oldest_hours=round((now - oldest) / 3600, 1) if oldest is not None else 0.0,
        tiers={t.name: tiers.get(t.name, 0) for t in engine.policy.tiers},
        tiers_at=tiers_at,
        decisions_per_day={to_iso(since + d * DAY)[5:10]: per_day.get(d, 0) for d in range(days)},
        events_per_day={to_iso((first + d) * DAY)[5:10]: events.get(first + d, 0) for d in range(days + 1)},
        appeals_open=len(engine.appeals.all("filed")),
        events=engine.reads.events.count(),
    )


def tier_counts(engine: Engine, now: float) -> Counter[str]:
    """Everyone by tier: those with a ledger from their tallies, the rest from their tenure
    alone (one aggregate query: no tally to build for a user nothing ever happened to)."""
    policy = engine.policy
    counts: Counter[str] = Counter()
    users = engine.reads.ledger.users()
    for start in range(0, len(users), 20_000):
        chunk = users[start : start + 20_000]
        for tally in engine.projection.get_many(chunk, engine.reads).values():
            counts[tally.standing(now).tier] += 1
    per_day, cap = policy.tenure.points_per_active_day, policy.tenure.cap
    for days, n in engine.reads.activity.unscored_histogram().items():
        counts[policy.tier_for(clamp(policy.score.initial + min(cap, days * per_day))).name] += n
    return counts


async def overview(web: Web, request: Request, session: Session) -> Response:
    n = overview_numbers(web)
    figures = [
        ("decisions", n.report.decisions),
        ("waiting for review", n.queue),
        ("oldest waiting (hours)", n.oldest_hours),
        ("appeals open", n.appeals_open),
        ("archived events", n.events),
    ]
    rates = {k: (v.error_rate or 0.0) * 100 for k, v in n.report.detector_error_rates.items()}
    charts = [
        column_chart("Events per day", n.events_per_day),
        column_chart("Decisions per day", n.decisions_per_day),
        bar_chart("Violations by category", n.report.decisions_by_category),
        bar_chart(f"Users by tier (counted {when(n.tiers_at)})", n.tiers),
        bar_chart("Review queue by status", n.queue_by_status),
        bar_chart("Detector error rate (overturned or dismissed / decided)", rates, "%"),
    ]
    return web.render(
        request, session, "overview.html", figures=figures, charts=charts, days=OVERVIEW_DAYS, now=web.engine.now()
    )


async def review_list(web: Web, request: Request, session: Session) -> Response:
    q = request.query_params
    filters = {k: (q.get(k) or None) for k in ("category", "detector", "group", "age")}
    rows = web.engine.casework.queue(
        1000, category=filters["category"], detector=filters["detector"], group=filters["group"]
    )
    now = web.engine.now()
    if filters["age"] and filters["age"].isdigit():
        rows = [r for r in rows if now - r.item.ts >= int(filters["age"]) * 3600]
    ages = {r.item.id: _age(now - r.item.ts) for r in rows}
    return web.render(request, session, "review_list.html", rows=rows, filters=filters, ages=ages)


def _age(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * DAY:
        return f"{seconds / 3600:.0f} h"
    return f"{seconds / DAY:.0f} d"


async def review_item(web: Web, request: Request, session: Session) -> Response:
    engine = web.engine
    case = engine.casework.case(request.path_params["item_id"])
    tally = engine.projection.get(case.row.item.user)
    waiting = [r.item.id for r in engine.casework.queue(1000) if r.item.id != case.row.item.id]
    return web.render(
        request,
        session,
        "review_item.html",
        item=case.row.item,
        row=case.row,
        message=case.message,
        context=case.context,
        standing=case.standing,
        entries=list(case.recent),
        next_id=waiting[0] if waiting else None,
        reversed={e.reverses for e in tally.entries if e.reverses},
        multipliers={},
        actions=False,
    )


async def review_claim(web: Web, request: Request, session: Session) -> Response:
    item_id = request.path_params["item_id"]
    if await web.write(session, "review_claim", item_id, session.name) is not None:
        session.says("ok", f"{item_id} is yours")
    return back(f"/ui/review/{item_id}")


async def review_decide(web: Web, request: Request, session: Session) -> Response:
    item_id = request.path_params["item_id"]
    outcome, reason = field(request, "outcome"), field(request, "reason")
    if outcome not in ("uphold", "dismiss", "escalate") or not reason:
        session.says("error", "choose uphold, dismiss or escalate, and give a reason")
        return back(f"/ui/review/{item_id}")
    done = await web.write(session, "review_decide", item_id, outcome, session.name, reason, None)
    if done is None:
        return back(f"/ui/review/{item_id}")
    session.says("ok", f"{item_id}: {outcome}")
    waiting = web.engine.casework.queue(1)
    return back(f"/ui/review/{waiting[0].item.id}" if waiting else "/ui/review")


async def appeals(web: Web, request: Request, session: Session) -> Response:
    service = web.engine.appeals
    rows = [(a, service.breached(a)) for a in service.all()]
    rows.sort(key=lambda x: (x[0].status != "filed", x[0].deadline))
    return web.render(request, session, "appeals.html", rows=rows)


async def appeal(web: Web, request: Request, session: Session) -> Response:
    service = web.engine.appeals
    found = service.get(request.path_params["appeal_id"])
    notice = web.engine.reads.notices.get(found.notice_id) or web.engine.reads.notices.get(notice_id(found.target))
    return web.render(request, session, "appeal.html", appeal=found, breached=service.breached(found), notice=notice)


async def appeal_decide(web: Web, request: Request, session: Session) -> Response:
    appeal_id = request.path_params["appeal_id"]
    outcome, reason, points = field(request, "outcome"), field(request, "reason"), field(request, "points")
    value = int(points) if outcome == "modify" and points.lstrip("-").isdigit() else None
    if outcome not in ("uphold", "overturn", "modify") or not reason or (outcome == "modify" and value is None):
        session.says("error", "choose uphold, overturn or modify (with points), and give a reason")
        return back(f"/ui/appeals/{appeal_id}")
    done = await web.write(session, "appeal_decide", appeal_id, outcome, session.name, reason, value)
    if done is not None:
        session.says("ok", f"appeal {appeal_id} {done.status}")
    return back(f"/ui/appeals/{appeal_id}")
