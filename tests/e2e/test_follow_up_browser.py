"""A second session in Debian's Chromium, against a real `rapport serve`: practise with Priya, end the session,
take "Next session with Priya Raman", and the new chat is session 2, whose first words refer to last time; its
end offers session 3, and the first run reopened from the history offers its next session again. Over
HTTP beside it: another learner cannot follow the run up (404, nothing set), and the follow-up's run page says
which run it follows. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from contextlib import closing
from typing import Any

import pytest
import pytest_asyncio

from app.store.accounts import Role
from app.ui.follow_up import COOKIE
from tests.e2e.test_browser import WAIT, chromium_context, needs_chromium, open_chat, say, scroll_to, shot
from tests.support.server import RapportServer, login

playwright_api = pytest.importorskip("playwright.async_api")
pytestmark = needs_chromium

PASSWORD = "practise-hard"
FIRST_SESSION = (
    "Before we start: what you say here stays between us, and I'm not reporting to anyone.",
    "What would you like to get out of our time today?",
    "How would you like us to work together?",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RapportServer]:
    running = RapportServer(data_dir=tmp_path_factory.mktemp("follow-up"))
    running.add_accounts(("ana", PASSWORD, Role.LEARNER, None), ("ben", PASSWORD, Role.LEARNER, None))
    running.start()
    yield running
    running.stop()


@pytest_asyncio.fixture
async def context(server: RapportServer) -> AsyncIterator[Any]:
    async with chromium_context() as made:
        yield made


async def test_practise_end_and_take_the_next_session(server: RapportServer, context: Any) -> None:
    expect = playwright_api.expect
    p = await context.new_page()
    await open_chat(p, server.url, "ana", PASSWORD)

    for number, text in enumerate(FIRST_SESSION, start=1):
        await say(p, text, number)
    await p.get_by_role("button", name="End session").last.click()
    await expect(p.get_by_text("Session report")).to_be_visible(timeout=WAIT)
    offer = p.get_by_role("link", name=re.compile("Next session with Priya Raman"))
    await expect(offer).to_be_visible(timeout=WAIT)
    await offer.scroll_into_view_if_needed()
    await shot(p, "51-follow-up-offered.png")
    href = await offer.get_attribute("href")
    assert href is not None and href.startswith("/follow-up/")
    first_run = href.removeprefix("/follow-up/")

    # Another learner cannot follow Ana's run up: refused with the reason, no cookie set.
    with closing(login(server, "ben", PASSWORD)) as ben:
        refused = ben.get(href)
        assert refused.status_code == 404
        assert f"there is no run &#x27;{first_run}&#x27; of yours to follow up" in refused.text
        assert COOKIE not in refused.headers.get("set-cookie", "")

    # The link opens the next session (in a new tab, as Chainlit opens links, or in this one).
    if await offer.get_attribute("target") == "_blank":
        async with context.expect_page() as opened:
            await offer.click()
        p = await opened.value
    else:
        await offer.click()
    await expect(p.get_by_text("Session 2 with Priya Raman")).to_be_visible(timeout=WAIT)
    opening = p.get_by_text(re.compile("Hello again. Last time we agreed"))
    await expect(opening).to_be_visible(timeout=WAIT)
    await shot(p, "52-follow-up-opening.png")

    # Checking in on last time: the client answers, and the session goes on as session 2; its end offers a third.
    await say(p, "Last time you wanted a plan for Dan. What would you like to get out of today?", 1)
    await shot(p, "53-follow-up-check-in.png")
    await p.get_by_role("button", name="End session").last.click()
    offered = re.compile(r"Session 2 with Priya Raman, following run \w{8}\. Next session with Priya Raman")
    await expect(p.get_by_text(offered)).to_be_visible(timeout=WAIT)
    third = p.get_by_role("link", name=re.compile("Next session with Priya Raman"))
    await expect(third).to_be_visible(timeout=WAIT)
    assert await third.get_attribute("href") != href

    # The first run, reopened from the history, offers its next session again.
    await p.get_by_text(FIRST_SESSION[0][:30]).first.click()
    await expect(p.get_by_text("Session report")).to_be_visible(timeout=WAIT)
    reopened = p.get_by_role("link", name=re.compile("Next session with Priya Raman"))
    await expect(reopened.last).to_have_attribute("href", href, timeout=WAIT)
    await scroll_to(reopened.last)
    await shot(p, "54-follow-up-offered-on-reopen.png")

    # The follow-up's transcript page says which run it follows.
    with closing(login(server, "ana", PASSWORD)) as ana:
        runs = ana.get("/api/runs").json()
        follow = next(run for run in runs if run["id"] != first_run)
        page = ana.get(f"/gradebook/runs/{follow['id']}")
        assert page.status_code == 200
        assert f'Session 2 with Priya Raman, following <a href="/gradebook/runs/{first_run}">' in page.text
