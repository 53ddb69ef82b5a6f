"""A user's page (standing over time, ledger, notices, measures; reverse and adjust) and
the groups' pages (who runs them, health over time, steps taken)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from chatcredit.domain.standing import DAY
from chatcredit.domain.taxonomy import CATEGORIES
from chatcredit.domain.timestamps import to_iso
from chatcredit.dueprocess.charts import line_chart
from chatcredit.governance import accountability
from chatcredit.governance.records import Violation
from chatcredit.web.session import Session
from chatcredit.web.shell import Web, back, field


def score_series(web: Web, user: str) -> tuple[list[tuple[float, float]], list[tuple[float, str, str]]]:
    """The score just before and after each entry, and now; each entry as a mark."""
    tally = web.engine.projection.get(user)
    now = web.engine.now()
    entries = sorted(tally.entries, key=lambda e: (e.ts, e.seq))
    start = entries[0].ts - DAY if entries else now - 30 * DAY
    times = sorted({start, *(e.ts for e in entries), *(e.ts + d * DAY for e in entries for d in (7, 30, 90)), now})
    points = [(t, float(tally.standing(t).score)) for t in times if t <= now]
    marks: list[tuple[float, str, str]] = [
        (e.ts, str(e.kind), f"{e.kind} {e.rule_id} {e.points:+d} ({to_iso(e.ts)[:10]})") for e in entries
    ]
    return points, marks


async def user_page(web: Web, request: Request, session: Session) -> Response:
    user = request.path_params["user"]
    engine = web.engine
    engine.check_known(user)
    x = engine.explain(user)
    points, marks = score_series(web, user)
    lines = {t.name: float(t.min_score) for t in engine.policy.tiers if t.min_score > 0}
    chart = line_chart(f"Score of {user} over time", points, lines, marks, label=lambda t: to_iso(t)[:10])
    return web.render(
        request,
        session,
        "user.html",
        user=user,
        standing=x.standing,
        chart=chart,
        entries=sorted(x.entries, key=lambda e: (e.ts, e.seq), reverse=True),
        reversed=x.reversed_ids,
        multipliers={c.entry.id: f"x{c.multiplier:g}" for c in x.standing.penalties if c.multiplier != 1.0},
        notices=list(reversed(engine.notices(user))),
        sanctions=x.sanctions,
        listings=x.listings,
        appeals=[a for a in engine.appeals.all() if a.user == user],
        categories=sorted(CATEGORIES),
    )


async def find(web: Web, request: Request, session: Session) -> Response:
    return back(f"/ui/users/{request.query_params.get('user', '').strip()}")


async def reverse(web: Web, request: Request, session: Session) -> Response:
    user = request.path_params["user"]
    entry, reason = field(request, "entry"), field(request, "reason")
    if not entry or not reason:
        session.says("error", "a reversal needs the entry and a reason")
    elif await web.write(session, "reverse", entry, session.name, reason) is not None:
        session.says("ok", f"{entry} reversed")
    return back(f"/ui/users/{user}")


async def adjust(web: Web, request: Request, session: Session) -> Response:
    user = request.path_params["user"]
    points, category, reason = field(request, "points"), field(request, "category"), field(request, "reason")
    if not points.lstrip("-").isdigit() or not reason:
        session.says("error", "an adjustment needs whole points and a reason")
    elif await web.write(session, "adjust", user, int(points), category, session.name, reason, "medium") is not None:
        session.says("ok", f"adjusted {user} by {points}")
    return back(f"/ui/users/{user}")


async def groups(web: Web, request: Request, session: Session) -> Response:
    return web.render(request, session, "groups.html", groups=web.engine.oversight.groups())


async def group_page(web: Web, request: Request, session: Session) -> Response:
    engine = web.engine
    report = engine.oversight.group(request.path_params["group"])
    now = engine.now()
    violations = [v for v in engine.reads.governance.find("violation", group=report.group) if isinstance(v, Violation)]
    times = [now - d * DAY for d in range(90, -1, -3)]
    points = [
        (t, float(accountability.health([v for v in violations if v.ts <= t], t, engine.policy.accountability)))
        for t in times
    ]
    chart = line_chart(
        f"Health of {report.group}, the last 90 days", points, {}, [], 0, 100, label=lambda t: to_iso(t)[:10]
    )
    return web.render(request, session, "group.html", g=report, chart=chart)
