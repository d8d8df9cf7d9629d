"""An LTI 1.3 launch in Chromium: the learner clicks the course link in the test LMS (tests/support/lms.py,
the lti1p3platform package's platform side), the browser goes through Rapport's OIDC login and the LMS's
auto-posting launch form, and lands in Rapport logged in, in the assignment's chat.

Screenshot: test-artifacts/31-lti-launch.png."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import tests.e2e.test_browser as browser
from app.store.accounts import Role
from tests.e2e.test_browser import WAIT, shot
from tests.integration.test_lti import World, deep_link, launched, set_assignment
from tests.support.lms import INSTRUCTOR, LEARNER, Lms
from tests.support.server import RapportServer

page = browser.page  # one Chromium tab that may reach nothing but the local servers
pytestmark = browser.pytestmark
TITLE = "Contracting with Priya"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    rapport = RapportServer(data_dir=tmp_path_factory.mktemp("e2e-lti"))
    rapport.add_accounts(("local-admin", "not-an-lms-user", Role.INSTRUCTOR, None))
    lms = Lms(tool_url=rapport.url)
    made = World(rapport, lms)
    made.rapport_cli("lti", "keys", "rotate")
    made.rapport_cli("lti", "platform", "add", *lms.registration_args)
    made.rapport_cli("users", "cohort", "create", "lms-course")
    with lms.running():
        rapport.start()
        try:
            teacher = httpx.Client(base_url=rapport.url, timeout=30)
            launched(made, teacher, "mona", INSTRUCTOR, deep=True)
            set_assignment(made, "mona", TITLE)
            deep_link(made, teacher, TITLE)
            yield made
        finally:
            rapport.stop()


@pytest.fixture(scope="module")
def server(world: World) -> RapportServer:
    return world.rapport


async def test_a_learner_launches_from_the_lms_into_the_assignment(world: World, page: Any) -> None:
    expect = browser.playwright_api.expect
    [link] = world.lms.links.values()
    hint = json.dumps({"role": LEARNER, "link": link.id, "deep": False})
    await page.goto(f"{world.lms.url}/course?{httpx.QueryParams({'user': 'lena', 'hint': hint})}")
    # No login form: the launch logged the learner in, and the assignment is the chat already chosen.
    await expect(page.get_by_text("Attempt 1 of 5", exact=False).first).to_be_visible(timeout=WAIT)
    await expect(page.get_by_text(f"Assignment: {TITLE}").first).to_be_visible(timeout=WAIT)
    await expect(page.get_by_text("You are coaching Priya Raman")).to_be_visible(
        timeout=browser.NEW_CHAT_WAIT
    )
    assert page.url.rstrip("/") == world.rapport.url
    await shot(page, "31-lti-launch.png")
