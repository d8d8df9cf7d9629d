"""Silence in Debian's Chromium, against a real `rapport serve`: the page sends no empty message, so the learner
leaves a silence with "… Stay silent" (under the opening and every reply). The client answers it, the chat shows
the learner's turn as a silence, and so does the run's transcript page (the trace report's table is checked in
tests/integration/test_ui_handlers.py; the app's rubric report quotes no turn whole). Screenshots go to
test-artifacts/."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import pytest_asyncio

from app.practice.inputs import SILENCE_SHOWN
from app.store.accounts import Role
from tests.e2e.test_browser import WAIT, chromium_context, needs_chromium, open_chat, say, shot
from tests.support.server import RapportServer

playwright_api = pytest.importorskip("playwright.async_api")
pytestmark = needs_chromium

PASSWORD = "practise-hard"
SILENT = "… Stay silent"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RapportServer]:
    running = RapportServer(data_dir=tmp_path_factory.mktemp("silence"))
    running.add_accounts(("sol", PASSWORD, Role.LEARNER, None))
    running.start()
    yield running
    running.stop()


@pytest_asyncio.fixture
async def page(server: RapportServer) -> AsyncIterator[Any]:
    async with chromium_context() as context:
        yield await context.new_page()


async def test_stay_silent_gets_a_reply_and_shows_as_a_silence(server: RapportServer, page: Any) -> None:
    expect = playwright_api.expect
    p = page
    await open_chat(p, server.url, "sol", PASSWORD)

    # Under the opening, once it has been said: a silence before anything else.
    silent = p.get_by_role("button", name=SILENT)
    await expect(silent.last).to_be_visible(timeout=WAIT)
    await silent.last.click()
    await expect(p.get_by_role("button", name="↩ Rewind here (turn 1)")).to_be_visible(timeout=WAIT)
    await expect(p.get_by_text(SILENCE_SHOWN, exact=True)).to_have_count(1, timeout=WAIT)

    # A typed turn, then a silence under its reply: the client answers each.
    await say(p, "What would you like to get out of our time today?", 2)
    await silent.last.click()
    await expect(p.get_by_role("button", name="↩ Rewind here (turn 3)")).to_be_visible(timeout=WAIT)
    await expect(p.get_by_text(SILENCE_SHOWN, exact=True)).to_have_count(2, timeout=WAIT)
    await shot(p, "silence-01-chat.png")

    await p.get_by_role("button", name="End session").last.click()
    await expect(p.get_by_text("Session report")).to_be_visible(timeout=WAIT)
    link = p.get_by_role("link", name=re.compile("Next session with Priya Raman"))
    await expect(link).to_be_visible(timeout=WAIT)
    run = (await link.get_attribute("href") or "").rsplit("/", 1)[-1]
    assert run

    # The run's transcript page: the silences are turns 1 and 3, each followed by the client's reply.
    await p.goto(f"{server.url}/gradebook/runs/{run}")
    turns = p.locator(".turn")
    await expect(turns.filter(has_text=f"Coach, turn 1: {SILENCE_SHOWN}")).to_have_count(1, timeout=WAIT)
    await expect(turns.filter(has_text=f"Coach, turn 3: {SILENCE_SHOWN}")).to_have_count(1, timeout=WAIT)
    texts = await turns.all_text_contents()
    assert len(texts) == 7 and all(t.startswith("Priya Raman:") for t in texts[::2]), texts
    await shot(p, "silence-02-transcript.png")
