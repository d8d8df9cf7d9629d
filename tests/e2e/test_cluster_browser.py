"""Failover in Debian's Chromium: two `rapport serve` processes on PostgreSQL behind nginx; the learner logs in
through nginx, practises, and the server holding the page's socket is killed (SIGKILL) while a reply streams.
The page reconnects by itself to the other server; the chat carries on, the cut-off turn is answered once,
and the grade covers every turn. The same without a browser: tests/integration/test_cluster.py."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from app.cluster import UPSTREAM_HEADER
from app.store.accounts import Role
from tests.e2e.test_browser import WAIT, chromium_context, needs_chromium, open_chat, say, send_message, shot
from tests.integration.test_cluster import PASSWORD, PERSONA, TURNS
from tests.support.balanced import Cluster, running_cluster
from tests.support.stub_llm import StubServer

playwright_api = pytest.importorskip("playwright.async_api")
pytestmark = [
    needs_chromium,
    pytest.mark.skipif(not Path("/usr/sbin/nginx").exists(), reason="Debian's nginx is not installed"),
]
CUT_OFF = 3
MODEL = "normal#cluster"  # the stub voice; the cut-off turn's reply is held part-way (`StubServer.hold`)


@pytest.fixture(scope="module")
def cluster(
    tmp_path_factory: pytest.TempPathFactory, module_postgres_url: str, llm_stub: StubServer
) -> Iterator[Cluster]:
    accounts = (("coach", PASSWORD, Role.LEARNER, None), ("coach2", PASSWORD, Role.LEARNER, None))
    # A model voice, so that a reply can be held part-way: the kill lands inside it however late the browser's
    # event reaches the test (the offline voice's reply takes about one second).
    voice = {
        "RAPPORT_LLM_PROVIDER": "openai",
        "OPENAI_BASE_URL": llm_stub.base_url,
        "OPENAI_API_KEY": "sk-test",
        "RAPPORT_MODEL": MODEL,
    }
    work = tmp_path_factory.mktemp("cluster-e2e")
    with running_cluster(work, module_postgres_url, accounts, settings=voice) as running:
        yield running


@pytest_asyncio.fixture(autouse=True)
async def both_servers_up(cluster: Cluster) -> AsyncIterator[None]:
    yield
    await cluster.restore()  # the next test starts from both servers in nginx's rotation


@pytest_asyncio.fixture
async def page(cluster: Cluster) -> AsyncIterator[Any]:
    async with chromium_context() as context:
        yield await context.new_page()


async def holder(page: Any, cluster: Cluster) -> Any:
    """The server nginx sends this page's requests (and so its socket) to."""
    response = await page.request.get(f"{cluster.url}/health")
    return cluster.by_address(response.headers[UPSTREAM_HEADER.lower()])


@pytest.mark.parametrize(
    "opened",
    [
        "reopened from the history",
        "as a new chat",
    ],
)
async def test_the_page_carries_on_when_its_server_is_killed_mid_reply(
    cluster: Cluster, page: Any, opened: str, llm_stub: StubServer
) -> None:
    expect = playwright_api.expect
    learner = "coach" if opened == "as a new chat" else "coach2"
    await open_chat(page, cluster.url, learner, PASSWORD, PERSONA)
    for number, text in enumerate(TURNS[: CUT_OFF - 1], start=1):
        await say(page, text, number)
    if opened == "reopened from the history":
        # The page is at /thread/ID since the first turn; loaded again there, it reopens the chat on its
        # thread (as a click in the history does) and sends that id on every connect from then on.
        await expect(page).to_have_url(re.compile(r"/thread/"), timeout=WAIT)
        await page.reload()
        await expect(
            page.get_by_role("button", name=f"↩ Rewind here (turn {CUT_OFF - 1})").last
        ).to_be_visible(timeout=WAIT)
    first = await holder(page, cluster)

    llm_stub.hold(MODEL, containing=TURNS[CUT_OFF - 1])  # until its server is killed
    await send_message(page, TURNS[CUT_OFF - 1])
    # The reply is under way once the stub has streamed its first words and holds the rest. Waited on at the
    # stub, not on the page's frames: under load the page may still be on long-polling, where no WebSocket
    # frame shows the reply.
    assert await llm_stub.holding(MODEL, timeout=WAIT / 1000), "the cut-off turn's reply never started"
    cluster.kill(first)
    await shot(page, f"cluster-{opened.split()[-1]}-01-killed-mid-reply.png")

    # The page reconnects through nginx to the other server, and the cut-off turn is answered there once.
    rewind = page.get_by_role("button", name=f"↩ Rewind here (turn {CUT_OFF})")
    new_chat = page.get_by_text("You are coaching").nth(1)
    await expect(rewind.last.or_(new_chat)).to_be_visible(timeout=WAIT * 3)
    await shot(page, f"cluster-{opened.split()[-1]}-02-after-reconnect.png")
    assert await page.get_by_text("You are coaching").count() == 1, "the reconnect started a new chat"
    assert await holder(page, cluster) is not first
    for number, text in enumerate(TURNS[CUT_OFF:], start=CUT_OFF + 1):
        await say(page, text, number)
    await page.get_by_role("button", name="End session").last.click()
    await expect(page.get_by_text("Session report")).to_be_visible(timeout=WAIT)
    await shot(page, f"cluster-{opened.split()[-1]}-03-graded-after-failover.png")

    runs = await (await page.request.get(f"{cluster.url}/api/runs")).json()
    assert len(runs) == 1, f"the learner's turns went to {len(runs)} runs"
    run = await (await page.request.get(f"{cluster.url}/api/runs/{runs[0]['id']}")).json()
    assert [turn["learner"] for turn in run["turns"]] == TURNS
    assert all(turn["status"] != "pending" and turn["coachee"] for turn in run["turns"])
    report = await (await page.request.get(f"{cluster.url}/api/runs/{runs[0]['id']}/report")).json()
    assert len(report["report"]["timeline"]) == len(TURNS) + 1
    assert json.dumps(report)  # the grade is there and readable
