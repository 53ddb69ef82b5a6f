"""The dashboard's routes under /ui: sign-in and sign-out, the pages, the static files."""

from __future__ import annotations

import secrets
from importlib import resources

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from chatcredit.web import lists, people, queues
from chatcredit.web.session import COOKIE, LIFETIME, LOGIN_COOKIE, Session, csrf_ok, set_cookie
from chatcredit.web.shell import Served, Web, back


def ui_routes(service: Served) -> list[Route | Mount]:
    web = Web(service)

    def login_page(request: Request, next_: str, status: int = 200, error: str = "") -> Response:
        """The sign-in form, with a fresh token of its own (double submit: cookie and field)."""
        token = secrets.token_urlsafe(24)
        response = web.render(request, None, "login.html", status, login_csrf=token, next=next_, error=error)
        set_cookie(response, request, LOGIN_COOKIE, token, 600)
        return response

    async def login_form(request: Request) -> Response:
        return login_page(request, request.query_params.get("next", "/ui/"))

    async def login(request: Request) -> Response:
        from chatcredit.api.problems import HttpProblem  # the api package mounts these pages: import late

        form = await request.form()
        if not csrf_ok(request.cookies.get(LOGIN_COOKIE, ""), form.get("csrf")):
            return Response("The sign-in form expired: load it again.", 403)
        try:
            key = service.auth.authenticate(f"Bearer {form.get('key', '')}")
        except HttpProblem:
            return login_page(request, "/ui/", 401, "That key is not valid (unknown, malformed or revoked).")
        if not {"read", "moderate"} & set(key.scopes):
            return Response("The dashboard needs a key of 'read' or 'moderate' scope.", 403)
        session = web.sessions.create(key.id, key.name, tuple(key.scopes))
        target = str(form.get("next") or "/ui/")
        response = RedirectResponse(target if target.startswith("/ui/") else "/ui/", 303)
        set_cookie(response, request, COOKIE, session.token, int(LIFETIME))
        response.delete_cookie(LOGIN_COOKIE, path="/ui")
        return response

    async def logout(web_: Web, request: Request, session: Session) -> Response:
        web_.sessions.end(session)
        response = back("/ui/login")
        response.delete_cookie(COOKIE, path="/ui")
        return response

    static = StaticFiles(directory=str(resources.files("chatcredit.web").joinpath("static")))
    get, post = ["GET"], ["POST"]
    return [
        Route("/ui/login", login_form, methods=get),
        Route("/ui/login", login, methods=post),
        Route("/ui/logout", web.page(logout), methods=post),
        Mount("/ui/static", static),
        Route("/ui/", web.page(queues.overview), methods=get),
        Route("/ui/review", web.page(queues.review_list), methods=get),
        Route("/ui/review/{item_id}", web.page(queues.review_item), methods=get),
        Route("/ui/review/{item_id}/claim", web.page(queues.review_claim, act=True), methods=post),
        Route("/ui/review/{item_id}/decide", web.page(queues.review_decide, act=True), methods=post),
        Route("/ui/appeals", web.page(queues.appeals), methods=get),
        Route("/ui/appeals/{appeal_id}", web.page(queues.appeal), methods=get),
        Route("/ui/appeals/{appeal_id}/decide", web.page(queues.appeal_decide, act=True), methods=post),
        Route("/ui/find", web.page(people.find), methods=get),
        Route("/ui/users/{user}", web.page(people.user_page), methods=get),
        Route("/ui/users/{user}/reverse", web.page(people.reverse, act=True), methods=post),
        Route("/ui/users/{user}/adjust", web.page(people.adjust, act=True), methods=post),
        Route("/ui/groups", web.page(people.groups), methods=get),
        Route("/ui/groups/{group}", web.page(people.group_page), methods=get),
        Route("/ui/rules", web.page(lists.rules), methods=get),
        Route("/ui/blacklist", web.page(lists.blacklist), methods=get),
        Route("/ui/blacklist/{listing_id}/confirm", web.page(lists.listing_confirm, act=True), methods=post),
        Route("/ui/blacklist/{listing_id}/lift", web.page(lists.listing_lift, act=True), methods=post),
        Route("/ui/report", web.page(lists.report), methods=get),
        Route("/ui", lambda request: RedirectResponse("/ui/", 308)),
    ]
