"""The progress page in Chromium, against a real `rapport serve`: a learner with five graded sessions follows
"My progress" from the chat page, sees the charts drawn (Plotly.js from Rapport itself: the page may reach
nothing else), reads what to practise next and clicks it: a chat with the suggested persona starts, the focus
above the brief, and the client answers. A learner with nothing graded sees the empty page.

Screenshots go to test-artifacts/ (21-... to 25-...)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

import tests.e2e.test_browser as browser
from app.store.accounts import Role
from app.store.db import Database
from tests.e2e.test_browser import WAIT, say, shot
from tests.support.progress import seed_runs
from tests.support.server import RapportServer

page = browser.page  # one Chromium tab that may reach nothing but the local server
pytestmark = browser.pytestmark

# Five sessions of listening without ever asking before going into sensitive ground: the suggestion is to
# practise asking permission, with Marcus (as bad with everyone, and met least).
PLAN = [
    ("priya-team-lead", "listener_no_permission"),
    ("dewi-teacher", "listener_no_permission"),
    ("marcus-engineer", "listener_no_permission"),
    ("priya-team-lead", "listener_no_permission"),
    ("dewi-teacher", "listener_no_permission"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RapportServer]:
    running = RapportServer(data_dir=tmp_path_factory.mktemp("e2e-progress"))
    running.add_accounts(
        ("ada", "teach-well-now", Role.INSTRUCTOR, None),
        ("sam", "practise-hard", Role.LEARNER, "ada"),
        ("newcomer", "practise-hard", Role.LEARNER, "ada"),
    )

    async def seed() -> None:
        db = Database(running.db_url)
        try:
            await seed_runs(db, "sam", PLAN)
        finally:
            await db.dispose()

    asyncio.run(seed())
    running.start()
    yield running
    running.stop()


async def test_progress_charts_and_practise_next(server: RapportServer, page: Any) -> None:
    expect = browser.playwright_api.expect
    p = page
    await browser.sign_in(p, server.url, "sam", "practise-hard", landing="You are coaching Dewi Anggraini")

    # "My progress" in the chat page's header opens the page in the same tab.
    await p.get_by_role("link", name="My progress").click()
    await p.wait_for_url(f"{server.url}/progress", timeout=WAIT)
    await expect(p.get_by_role("heading", name="Your progress")).to_be_visible(timeout=WAIT)
    await expect(p.get_by_text("5 graded sessions.", exact=True)).to_be_visible()
    # Both charts drawn by Plotly.js: the criteria's panels (with their titles) and the trust per persona.
    criteria = p.locator("#criteria-chart")
    await expect(criteria.locator(".main-svg").first).to_be_visible(timeout=WAIT)
    await expect(criteria.locator(".annotation-text", has_text="Overall score")).to_have_count(1)
    await expect(criteria.locator(".annotation-text", has_text="Asks permission before")).to_have_count(1)
    assert await criteria.locator(".scatterlayer .trace").count() >= 10
    trust = p.locator("#trust-chart")
    await expect(trust.locator(".main-svg").first).to_be_visible(timeout=WAIT)
    for name in ("Priya Raman", "Dewi Anggraini", "Marcus Hale"):
        await expect(trust.locator(".legendtext", has_text=name)).to_have_count(1)
    await expect(p.locator("#personas").get_by_role("row")).to_have_count(4)  # a header and three personas
    next_box = p.locator(".next")
    await expect(next_box).to_contain_text("Asks permission before sensitive or new ground")
    await expect(next_box).to_contain_text("Marcus Hale")
    await shot(p, "21-progress.png")
    await p.get_by_role("heading", name="What most often held you back").scroll_into_view_if_needed()
    await expect(p.locator(".behaviour").first).to_contain_text("In 5 of your 5 graded sessions")
    await shot(p, "22-progress-held-back.png")

    # One click: a chat with Marcus starts, with the focus above the brief, and he answers.
    await next_box.scroll_into_view_if_needed()
    await p.get_by_role("button", name="Practise next with Marcus Hale").click()
    await expect(p.get_by_text("You are coaching Marcus Hale")).to_be_visible(timeout=browser.NEW_CHAT_WAIT)
    await expect(p.get_by_text("Practise next — Asks permission", exact=False)).to_be_visible(timeout=WAIT)
    await expect(p.get_by_text("Would it be OK if we looked at that?", exact=False).first).to_be_visible()
    await shot(p, "23-practise-next-brief.png")
    await say(p, "What would you like to get out of our time today?", 1)
    await shot(p, "24-practise-next-chat.png")


async def test_nothing_graded_yet(server: RapportServer, page: Any) -> None:
    expect = browser.playwright_api.expect
    p = page
    await browser.sign_in(p, server.url, "newcomer", "practise-hard")
    await p.goto(f"{server.url}/progress")
    await expect(p.get_by_text("No graded sessions yet.", exact=False)).to_be_visible(timeout=WAIT)
    await expect(p.locator("#criteria-chart")).to_have_count(0)
    await expect(p.get_by_role("button", name="Practise next", exact=False)).to_have_count(0)
    await shot(p, "25-progress-empty.png")
    await p.get_by_role("link", name="Start a practice session").click()
    await expect(p.get_by_text("You are coaching").first).to_be_visible(timeout=browser.NEW_CHAT_WAIT)
