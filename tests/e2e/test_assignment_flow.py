"""An assignment from end to end in Chromium, against a real `rapport serve`: the instructor sets it with the
CLI, the learner logs in, finds it among the chat profiles with its due date and attempts, completes an
attempt and is graded; the instructor opens the gradebook page, sees the score and overrides it.

Screenshots go to test-artifacts/ (11-... to 16-...)."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

import tests.e2e.test_browser as browser
from app.store.accounts import Role
from app.store.attempts import attempts_at
from app.store.db import Database
from tests.e2e.test_browser import SCRIPT, WAIT, say, shot
from tests.support.server import RAPPORT, RapportServer

page = browser.page  # the same fixture: one Chromium tab that may reach nothing but the local server
pytestmark = browser.pytestmark
TITLE = "Contracting with Priya"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RapportServer]:
    running = RapportServer(data_dir=tmp_path_factory.mktemp("e2e-assignment"))
    running.add_accounts(
        ("ada", "teach-well-now", Role.INSTRUCTOR, None), ("sam", "practise-hard", Role.LEARNER, "ada")
    )
    made = subprocess.run(
        [RAPPORT, "assign", "create", "--title", TITLE, "--persona", "priya-team-lead",
         "--rubric", "icf-trust-agreements", "--attempts", "2", "--due", "2099-06-30T17:00",
         "--instructions", "Agree what she wants from the session before anything else.",
         "--learner", "sam", "--by", "ada", "--json"],
        env=running.env(), capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert json.loads(made.stdout)["id"] == 1
    running.start()
    yield running
    running.stop()


async def test_set_attempt_grade_and_read_the_gradebook(server: RapportServer, page: Any) -> None:
    expect = browser.playwright_api.expect
    p = page
    await browser.sign_in(p, server.url, "sam", "practise-hard")

    # The assignment is one of the chat profiles, under its title.
    await p.get_by_text("Dewi Anggraini").first.click()
    choice = p.get_by_text(f"Assignment: {TITLE}").last
    await expect(choice).to_be_visible(timeout=WAIT)
    await shot(p, "11-assignment-profile.png")
    await choice.click()
    await expect(p.get_by_text("Attempt 1 of 2", exact=False).first).to_be_visible(timeout=WAIT)
    await expect(p.get_by_text("due 2099-06-30 17:00 UTC", exact=False).first).to_be_visible(timeout=WAIT)
    await expect(p.get_by_text("Agree what she wants from the session").first).to_be_visible(timeout=WAIT)
    await expect(p.get_by_text("You are coaching Priya Raman")).to_be_visible(timeout=browser.NEW_CHAT_WAIT)
    await shot(p, "12-assignment-brief.png")

    turns: list[str] = json.loads(SCRIPT.read_text())[:4]
    for number, text in enumerate(turns, start=1):
        await say(p, text, number)
    await p.get_by_role("button", name="End session").last.click()
    await expect(p.get_by_text("Attempt 1 of 2 submitted.").first).to_be_visible(timeout=WAIT)
    await expect(p.get_by_text("1 attempt left.").first).to_be_visible(timeout=WAIT)
    await p.get_by_text("Attempt 1 of 2 submitted.").first.scroll_into_view_if_needed()
    await shot(p, "13-attempt-graded.png")

    [attempt] = await _attempts(server)
    assert attempt.score is not None and attempt.submitted_at is not None

    # The instructor logs in and opens the gradebook.
    await p.context.clear_cookies()
    await browser.sign_in(p, f"{server.url}/login", "ada", "teach-well-now")
    await p.goto(f"{server.url}/gradebook")
    await expect(p.get_by_role("link", name=TITLE)).to_be_visible(timeout=WAIT)
    await shot(p, "14-gradebook-index.png")
    await p.get_by_role("link", name=TITLE).click()
    learners = p.locator("table").first
    row = learners.get_by_role("row").filter(has_text="sam")
    await expect(row).to_contain_text(f"{attempt.score:g}", timeout=WAIT)
    await expect(row).to_contain_text("1 of 2")
    await expect(p.get_by_role("link", name="report")).to_be_visible()
    await shot(p, "15-gradebook-assignment.png")

    # An override from the page: the new grade counts, the grader's stays beside it.
    await p.get_by_label("score for attempt 1").fill("70")
    await p.get_by_label("result for attempt 1").select_option("true")  # no default: chosen every time
    await p.get_by_label("comment for attempt 1").fill("Goal agreed in turn 1; the tagger missed it")
    await p.get_by_role("button", name="Override").click()
    await expect(row).to_contain_text("70", timeout=WAIT)
    await expect(p.get_by_text("Goal agreed in turn 1", exact=False)).to_be_visible(timeout=WAIT)
    await expect(p.locator("s").first).to_contain_text(f"{attempt.score:g}")
    await shot(p, "16-gradebook-override.png")

    # The client's answers in brief lead to them in full, at the top of the attempt's run page.
    await p.get_by_role("link", name=re.compile(r"^heard (yes|partly|no) · agreed ")).click()
    side = p.locator("#client-side")
    await expect(side.get_by_role("heading", name="The client's side")).to_be_visible(timeout=WAIT)
    await expect(side.locator("tbody tr")).to_have_count(5)
    await expect(side).to_contain_text("Would I book another session?")
    await shot(p, "17-gradebook-client-side.png")


async def _attempts(server: RapportServer) -> list[Any]:
    db = Database(server.db_url)
    try:
        return await attempts_at(db, 1)
    finally:
        await db.dispose()
