"""The moderator dashboard in a real headless Chromium (Debian's, driven by Playwright)
against a real `chatcredit serve` on 127.0.0.1: sign in, work through the review queue
with the keyboard, decide an appeal (refused to the original decider), reverse a penalty
and see the score chart change, sign out; a read key sees no action; a form without its
CSRF token is refused. Screenshots of every page at 1280 and 390 px go to
$CHATCREDIT_SCREENSHOTS when it is set (docs/images/ holds the committed ones)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from browser import CHROMIUM
from chatcredit.testing import T0, event, lines, message

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)"),
]
SPAM = "you have won a guaranteed prize, call now"
SHOTS = os.environ.get("CHATCREDIT_SCREENSHOTS")


def feed() -> bytes:
    events: list[dict[str, Any]] = [message("s1", "spammer", SPAM, group="g-lax")]
    events.append(event("group_created", "gc1", T0 - 100, user="owner-lax", group="g-lax"))
    for i in range(7):
        events.append(message(f"m{i}", f"member{i}", f"see you at the meeting {i}", ts=T0 + i, group="g-lax"))
        events.append(
            event(
                "report",
                f"r{i}",
                T0 + 60 + i,
                user=f"reporter{i % 3}",
                target_user=f"member{i}",
                category="harassment",
                message=f"m{i}",
                group="g-lax",
            )
        )
    return b"\n".join(line.rstrip(b"\n") for line in lines(*sorted(events, key=lambda e: e["ts"])))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Any]:
    from api_server import start_server

    server = start_server(tmp_path)
    try:
        sent = server.client("ingest").post(
            "/v1/events", content=feed(), headers={"Content-Type": "application/x-ndjson"}
        )
        assert sent.status_code == 200 and sent.json()["rejected"] == 0, sent.text
        adjusted = server.client("all").post(
            "/v1/adjust", json={"user": "appellant", "points": -80, "category": "harassment", "reason": "insults"}
        )
        entry = adjusted.json()["entry"]["id"]
        filed = server.client("ingest").post(
            "/v1/appeals", json={"target": entry, "user": "appellant", "statement": "I was quoting a film"}
        )
        assert filed.status_code == 200, filed.text
        server.appeal_id = filed.json()["id"]
        yield server
    finally:
        server.stop()


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield b
        b.close()


def sign_in(page: Any, url: str, token: str) -> None:
    page.goto(f"{url}/ui/login")
    page.get_by_label("API key").fill(token)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{url}/ui/")


def shoot(page: Any, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_moderator_works_the_queues_in_a_browser(served: Any, browser: Any) -> None:
    url = served.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{url}/ui/review")
    assert "/ui/login" in page.url  # signed out: sent to sign in
    sign_in(page, url, served.tokens["all"])
    shoot(page, "overview")
    page.goto(f"{url}/ui/review")
    before = int(page.locator("h1 .count").inner_text())
    assert before >= 7
    shoot(page, "review-queue")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/ui/review/r-.*"))
    shoot(page, "review-item")
    for _ in range(5):  # five items, each in two keys and a reason
        current = page.url
        page.keyboard.press("d")
        page.keyboard.type("no insult in it")
        page.keyboard.press("Control+Enter")
        page.wait_for_url(lambda u, c=current: u != c)
    page.goto(f"{url}/ui/review")
    assert int(page.locator("h1 .count").inner_text()) == before - 5

    # an appeal: refused to the original decider (this key made the penalty), decided by another
    page.goto(f"{url}/ui/appeals/{served.appeal_id}")
    shoot(page, "appeal")
    page.get_by_label("Overturn").check()
    page.get_by_label("Reason (shown to the person)").fill("I decided it myself")
    page.get_by_role("button", name="Decide").click()
    assert "another person must decide" in page.locator(".flash.error").first.inner_text()
    page.goto(f"{url}/ui/appeals")
    shoot(page, "appeals")

    # reverse a penalty from the user's page: the score and its chart change
    page.goto(f"{url}/ui/users/spammer")
    score = int(page.locator("#score").inner_text())
    line = page.locator("#score-chart path.score-line").get_attribute("d")
    shoot(page, "user")
    page.get_by_label(re.compile("Reason to reverse")).first.fill("a real prize draw")
    page.locator("button.reverse").first.click()
    page.wait_for_selector(".flash.ok")
    assert int(page.locator("#score").inner_text()) > score
    assert page.locator("#score-chart path.score-line").get_attribute("d") != line
    assert page.locator("#score-chart line.mark-reversal").count() == 1

    for name, path in (
        ("groups", "/ui/groups"),
        ("group", "/ui/groups/g-lax"),
        ("rules", "/ui/rules"),
        ("blacklist", "/ui/blacklist"),
        ("report", "/ui/report"),
    ):
        page.goto(f"{url}{path}")
        assert page.locator("h1").count() >= 1, path
        shoot(page, name)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{url}/ui/login")
    page.goto(f"{url}/ui/")
    assert "/ui/login" in page.url

    # another moderator decides the appeal
    sign_in(page, url, served.tokens["moderate"])
    page.goto(f"{url}/ui/appeals/{served.appeal_id}")
    page.get_by_label("Overturn").check()
    page.get_by_label("Reason (shown to the person)").fill("a quotation, in context")
    page.get_by_role("button", name="Decide").click()
    page.wait_for_selector(".flash.ok")
    assert "overturned" in page.locator("h1 .status").inner_text()


def test_a_read_key_sees_no_action_and_forged_forms_are_refused(served: Any, browser: Any) -> None:
    url = served.url
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, url, served.tokens["read"])
    page.goto(f"{url}/ui/users/spammer")
    assert page.locator("button.reverse").count() == 0 and page.locator("#adjust").count() == 0
    page.goto(f"{url}/ui/review")
    page.locator("a.item-link").first.click()
    assert page.locator("#decide").count() == 0
    item = page.url.rsplit("/", 1)[1]
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    with httpx.Client(base_url=url, cookies=cookies) as client:
        forged = client.post(f"/ui/review/{item}/decide", data={"outcome": "uphold", "reason": "forged"})
        assert forged.status_code == 403 and "CSRF" in forged.text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.content())
        assert csrf is not None
        as_reader = client.post(
            f"/ui/review/{item}/decide", data={"outcome": "uphold", "reason": "x", "csrf": csrf.group(1)}
        )
        assert as_reader.status_code == 403 and "moderate" in as_reader.text
    with httpx.Client(base_url=url) as anonymous:
        assert anonymous.post(f"/ui/review/{item}/decide", data={"outcome": "uphold"}).status_code == 403
    context.close()


def test_the_overview_shows_the_numbers_of_the_api(served: Any, browser: Any) -> None:
    page = browser.new_page()
    sign_in(page, served.url, served.tokens["read"])
    shown = {el.get_attribute("data-figure"): el.inner_text() for el in page.locator("[data-figure]").all()}
    reader = served.client("read")
    queue = reader.get("/v1/review/queue", params={"limit": 1000}).json()
    now = httpx.get(f"{served.url}/healthz").headers.get("date")
    assert now
    report = reader.get("/v1/report", params={"from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z"}).json()
    assert int(shown["waiting for review"]) == len(queue)
    assert int(shown["appeals open"]) == len(reader.get("/v1/appeals", params={"status": "filed"}).json())
    assert int(shown["decisions"]) == report["decisions"]  # every decision here is within the last 30 days


def test_the_report_page_shows_the_numbers_of_the_cli_and_the_api(served: Any, browser: Any) -> None:
    page = browser.new_page()
    sign_in(page, served.url, served.tokens["read"])
    page.goto(f"{served.url}/ui/report?from=2000-01-01&to=2100-01-01")
    shown = {}
    for figure in page.locator(".report .figure").all():
        value, label = figure.locator("span").all_inner_texts()
        shown[label] = value
    api = (
        served.client("read")
        .get("/v1/report", params={"from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z"})
        .json()
    )
    assert shown["decisions (statements of reasons)"] == str(api["decisions"])
    assert shown["appeals received"] == str(api["appeals_received"])
    assert shown["reviews decided"] == str(api["reviews_decided"])
    assert page.locator(".report svg.chart").count() == 8
