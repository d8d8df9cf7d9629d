"""The cohort views in Chromium, against a real `rapport serve` with attempts rehearsed and graded as the app
does: the instructor goes from the gradebook to an assignment's cohort view, sees the heat map drawn (Plotly.js
from Rapport itself: the page may reach nothing else), clicks a learner's row in it to drill down to the
learner, and from there opens a run; the cohort's view shows their own learners only.

Screenshots go to test-artifacts/ (41-... to 44-...)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

import tests.e2e.test_browser as browser
from app.store.accounts import Role
from app.store.cohorts import add_members, create_cohort
from app.store.db import Database
from tests.e2e.test_browser import WAIT, shot
from tests.support.cohort import attempt, rehearsed
from tests.support.coursework import assign
from tests.support.server import RapportServer

page = browser.page  # one Chromium tab that may reach nothing but the local server
pytestmark = browser.pytestmark
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TITLE = "Contracting with Priya"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RapportServer]:
    running = RapportServer(data_dir=tmp_path_factory.mktemp("e2e-cohort"))
    running.add_accounts(
        ("ada", "teach-well-now", Role.INSTRUCTOR, None),
        ("bo", "teach-well-now", Role.INSTRUCTOR, None),
        ("kim", "practise-hard", Role.LEARNER, "ada"),
        ("sam", "practise-hard", Role.LEARNER, "ada"),
        ("lee", "practise-hard", Role.LEARNER, "bo"),
    )

    async def seed() -> None:
        db = Database(running.db_url)
        try:
            await create_cohort(db, "spring")
            await add_members(db, "spring", ["kim", "sam", "lee"])
            homework = await assign(db, "ada", title=TITLE, learners=["kim", "sam"], attempts=2)
            theirs = await assign(db, "bo", title="Bo's homework", learners=["lee"])
            await attempt(db, homework, "kim", "advice_giver", started=T0)
            await attempt(db, homework, "sam", "skilled", started=T0)
            await attempt(db, theirs, "lee", "breach", started=T0)
        finally:
            await db.dispose()

    asyncio.run(seed())
    running.start()
    yield running
    running.stop()


async def test_from_the_gradebook_to_the_heat_map_a_learner_and_a_run(
    server: RapportServer, page: Any
) -> None:
    expect = browser.playwright_api.expect
    p = page
    await browser.sign_in(p, server.url, "ada", "teach-well-now")
    await p.goto(f"{server.url}/gradebook")
    await p.get_by_role("link", name=TITLE).click()
    await p.get_by_role("link", name="Cohort view").click()
    await expect(p.get_by_role("heading", name=f"Cohort view: {TITLE}")).to_be_visible(timeout=WAIT)

    # The heat map, drawn: a learner per row (kim above sam), a criterion per column, a score in each cell.
    heatmap = p.locator("#heatmap")
    await expect(heatmap.locator(".main-svg").first).to_be_visible(timeout=WAIT)
    await expect(heatmap.locator(".ytick", has_text="kim")).to_have_count(1)
    await expect(heatmap.locator(".ytick", has_text="sam")).to_have_count(1)
    criteria = len(rehearsed("priya-team-lead", "skilled").data["criteria"])
    await expect(heatmap.locator(".xtick")).to_have_count(criteria)
    learners = p.locator("table").first
    await expect(learners.get_by_role("row").filter(has_text="sam")).to_contain_text(
        f"{rehearsed('priya-team-lead', 'skilled').score:g}"
    )
    costs = p.get_by_role("heading", name="Moves that most often cost trust")
    await expect(p.locator("table").nth(2).get_by_role("row").nth(1)).to_contain_text("advice")
    await shot(p, "41-cohort-heatmap.png")
    await costs.scroll_into_view_if_needed()
    await shot(p, "42-cohort-tables.png")

    # A click on kim's row of the heat map drills down to kim.
    await heatmap.scroll_into_view_if_needed()
    cells = heatmap.locator(".nsewdrag").first
    box = await cells.bounding_box()
    assert box is not None
    await p.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 4)
    await p.wait_for_url(f"{server.url}/gradebook/learners/kim", timeout=WAIT)
    await expect(p.get_by_role("heading", name="kim", exact=True)).to_be_visible()
    await expect(p.get_by_role("link", name="their progress page")).to_be_visible()
    await shot(p, "43-cohort-learner.png")

    # And from the learner to their run.
    await p.get_by_role("link", name="transcript").first.click()
    await expect(p.get_by_role("heading", name="kim with Priya Raman")).to_be_visible(timeout=WAIT)
    await expect(p.get_by_text("Coach, turn 1:", exact=False)).to_be_visible()

    # The cohort's view, from the gradebook: ada's learners in it, not bo's.
    await p.goto(f"{server.url}/gradebook")
    await p.get_by_role("link", name="spring").click()
    await expect(p.get_by_role("heading", name="Cohort view: spring")).to_be_visible(timeout=WAIT)
    await expect(p.locator("#heatmap .main-svg").first).to_be_visible(timeout=WAIT)
    await expect(p.locator("#heatmap .ytick")).to_have_count(2)
    assert sorted(await p.locator("#heatmap .ytick").all_text_contents()) == ["kim", "sam"]
    await expect(p.get_by_text("lee", exact=True)).to_have_count(0)
    assert "lee" not in await p.locator("table").first.inner_text()
    await expect(p.get_by_text("Bo's homework")).to_have_count(0)
    await shot(p, "44-cohort-spring.png")
