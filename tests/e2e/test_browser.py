"""The practice app in Debian's Chromium, against a real `rapport serve`: log in, pick a client, practise a
short skilled session, end it and read the report with its chart, rewind, restart the server and resume.

Screenshots of the key screens go to test-artifacts/ for a reviewer to look at."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from app.store.accounts import Role
from tests.support.server import RapportServer

playwright_api = pytest.importorskip("playwright.async_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Every browser test needs Debian's Chromium (`make test` installs it); without it they are skipped, not failed.
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
pytestmark = needs_chromium

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCRIPT = Path(__file__).resolve().parents[1] / "data" / "scripts" / "priya-team-lead" / "skilled.json"
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WAIT = 30_000  # ms: generous, for a loaded CI machine; nothing asserts on time
# ms: a new chat's brief, under a second suite's load, once failed to show within 30 s of sign-in and once within 30 s
# of "Practise next" (test_progress_page; the server's log showed nothing wrong): every new chat gets this long
NEW_CHAT_WAIT = 90_000


async def new_context(browser: Any) -> Any:
    """A browser context whose pages' console messages and uncaught errors are printed as they come: pytest
    shows them with a failed test (a chat page that never showed its brief under load left nothing else to
    read)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.on("console", lambda message: print(f"[page console] {message.type}: {message.text}"))
    context.on("weberror", lambda error: print(f"[page error] {error.error}"))
    context.on(
        "requestfailed", lambda request: print(f"[page request failed] {request.url}: {request.failure}")
    )
    context.on("page", _print_sockets)
    return context


def _print_sockets(page: Any) -> None:
    """Each WebSocket the page opens, and how it ends: under load a signed-in chat page once never started its chat
    (the server had no chat open when it stopped), and whether its Socket.IO socket opened is the next thing to know."""

    def opened(socket: Any) -> None:
        print(f"[page websocket] opened {socket.url}")
        socket.on("close", lambda _: print(f"[page websocket] closed {socket.url}"))
        socket.on("socketerror", lambda error: print(f"[page websocket] error {error} on {socket.url}"))

    page.on("websocket", opened)


@asynccontextmanager
async def chromium_context() -> AsyncIterator[Any]:
    """A fresh browser context in Debian's Chromium, closed afterwards; screenshots go to ARTIFACTS."""
    ARTIFACTS.mkdir(exist_ok=True)
    async with playwright_api.async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield await new_context(browser)
        finally:
            await browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RapportServer]:
    # The test restarts the server with its page open: an idle chat keeps the drain waiting to its deadline (a turn
    # typed meanwhile is still answered, tests/integration/test_drain.py), which this test has no need to wait for.
    running = RapportServer(data_dir=tmp_path_factory.mktemp("e2e"), settings={"RAPPORT_DRAIN_SECONDS": "1"})
    running.add_accounts(("coach", "practise-hard", Role.LEARNER, None))
    running.start()
    yield running
    running.stop()


@pytest_asyncio.fixture
async def page(server: RapportServer) -> AsyncIterator[Any]:
    ARTIFACTS.mkdir(exist_ok=True)
    external: list[str] = []
    async with playwright_api.async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = await new_context(browser)

        async def local_only(route: Any) -> None:
            url = route.request.url
            if url.startswith(("http://127.0.0.1", "ws://127.0.0.1")):
                await route.continue_()
            else:
                external.append(url)
                await route.abort()

        await context.route("**/*", local_only)
        tab = await context.new_page()
        yield tab
        await browser.close()
    assert external == [], f"the page asked the internet for {external}"


async def shot(page: Any, name: str) -> None:
    await page.screenshot(path=str(ARTIFACTS / name), full_page=False)


async def scroll_to(locator: Any, tries: int = 3) -> None:
    """Scroll the element into view for a screenshot. A reopened chat may render its history once more while
    this runs, replacing the element (Playwright then reports it "not attached to the DOM"): find it again."""
    for tried in range(1, tries + 1):
        try:
            await locator.scroll_into_view_if_needed(timeout=WAIT)
            return
        except playwright_api.Error as error:
            if "not attached" not in str(error) or tried == tries:
                raise


NOTICE_BACKGROUNDS = {"rgb(238, 242, 255)", "rgb(30, 27, 75)"}  # light and dark, app/ui/public/rapport.css


async def panel_colour(step: Any) -> str:
    """The background of a message's panel (the element the notices' style tints)."""
    colour: str = await step.locator(":scope > div > div").first.evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    return colour


def overlap(a: Any, b: Any) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


async def sign_in(page: Any, url: str, name: str, password: str, landing: str = "You are coaching") -> None:
    """Sign in at `url` and wait for the chat page (`landing`, a text it shows). Under load the first page of a
    server can take long (its first chat), and a click on "Sign In" made before the page is ready can be
    dropped: the form is then still there, and it is sent again, as a learner would. A page that never lands
    fails with what it shows, so that the failure can be read."""
    expect = playwright_api.expect
    await page.goto(url)
    landed = page.get_by_text(landing).first
    sign_in_button = page.get_by_role("button", name="Sign In")
    deadline = asyncio.get_running_loop().time() + NEW_CHAT_WAIT / 1000
    while asyncio.get_running_loop().time() < deadline:
        if await sign_in_button.count():
            await page.locator("#email").fill(name)
            await page.locator("#password").fill(password)
            try:
                await sign_in_button.click(timeout=2000)
            except playwright_api.TimeoutError:
                continue
        try:
            await expect(landed).to_be_visible(timeout=10_000)
            return
        except AssertionError:
            continue
    shown = (await page.locator("body").inner_text())[:500]
    raise AssertionError(f"signed in as {name!r} but {landing!r} never showed; at {page.url}: {shown!r}")


async def open_chat(page: Any, url: str, name: str, password: str, persona: str = "Priya Raman") -> None:
    """Sign in at `url` and open a chat with `persona` from the chat profiles (Dewi is the default one)."""
    expect = playwright_api.expect
    await sign_in(page, url, name, password)
    await page.get_by_text("Dewi Anggraini").first.click()
    await page.get_by_text(persona).last.click()
    await expect(page.get_by_text(f"You are coaching {persona}")).to_be_visible(timeout=NEW_CHAT_WAIT)


async def send_message(page: Any, text: str) -> None:
    """Type `text`, send it, and see the page take it (its box empties). Two races of the page, both seen under
    load, are met as a learner meets them: after its first turn the page moves to its thread's address and draws
    the message box again, losing what was typed (typed again here); and just after a reload, while the page
    takes up its thread, a send can be dropped with the words left in the box (sent again here)."""
    expect = playwright_api.expect
    box, button = page.locator("#chat-input"), page.locator("#chat-submit")
    deadline = asyncio.get_running_loop().time() + WAIT / 1000
    while asyncio.get_running_loop().time() < deadline:
        if await box.input_value() != text:
            await box.fill(text)
        try:
            # While the client is still speaking (the opening streams at a reading pace) the page takes no message.
            await expect(button).to_be_enabled(timeout=2000)
        except AssertionError:
            continue
        try:
            # A box drawn anew between the check above and the click comes with its button disabled and empty.
            await button.click(timeout=2000)
        except playwright_api.TimeoutError:
            continue
        try:
            await expect(box).to_have_value("", timeout=10_000)  # the page empties it as it sends
            return
        except AssertionError:
            continue
    raise AssertionError(f"the page never took the message {text!r}")


async def say(page: Any, text: str, turn: int) -> None:
    await send_message(page, text)
    rewind_button = page.get_by_role("button", name=f"↩ Rewind here (turn {turn})")
    await playwright_api.expect(rewind_button.last).to_be_visible(timeout=WAIT)


async def test_practise_end_rewind_restart_resume(server: RapportServer, page: Any) -> None:
    expect = playwright_api.expect
    p = page
    await p.goto(server.url)
    await expect(p.locator("#email")).to_be_visible(timeout=WAIT)
    await shot(p, "01-login.png")
    await sign_in(p, server.url, "coach", "practise-hard")

    # Pick Priya from the chat profiles; the brief says who she is and never her hidden material.
    await p.get_by_text("Dewi Anggraini").first.click()
    await p.get_by_text("Priya Raman").last.click()
    await expect(p.get_by_text("You are coaching Priya Raman")).to_be_visible(timeout=NEW_CHAT_WAIT)
    await expect(p.get_by_text("interviewing")).to_have_count(0)
    # The brief is the app speaking, not the client: its own look; and the footer is true offline.
    brief = p.locator(".step", has_text="You are coaching Priya Raman").last
    assert await panel_colour(brief) in NOTICE_BACKGROUNDS
    client = p.locator(".step").filter(has_not_text="You are coaching").last
    assert await panel_colour(client) not in NOTICE_BACKGROUNDS
    await expect(p.get_by_text("Offline practice: the client speaks scripted lines")).to_be_visible(
        timeout=WAIT
    )
    await expect(p.get_by_text("LLMs can make mistakes")).to_have_count(0)
    await shot(p, "02-brief.png")

    turns: list[str] = json.loads(SCRIPT.read_text())[:6]
    for number, text in enumerate(turns, start=1):
        await say(p, text, number)
    await shot(p, "03-practice.png")

    await p.get_by_role("button", name="End session").last.click()
    await expect(p.get_by_text("Session report")).to_be_visible(timeout=WAIT)
    await expect(p.get_by_text("Still locked")).to_be_visible(timeout=WAIT)
    chart = p.locator(".js-plotly-plot").last
    await expect(chart).to_be_visible(timeout=WAIT)
    await chart.scroll_into_view_if_needed()
    # Whole turns on the x-axis; the toolbar (shown on hover) clear of the legend.
    ticks = await chart.locator(".xtick text").all_text_contents()
    assert ticks and all(tick.isdigit() for tick in ticks), ticks
    await chart.hover()
    legend, toolbar = chart.locator(".legend"), chart.locator(".modebar")
    await expect(toolbar).to_be_visible(timeout=WAIT)
    assert not overlap(await legend.bounding_box(), await toolbar.bounding_box())
    await shot(p, "04-report-chart.png")

    # Rewind to before turn 5 and take another path from there: the replies left behind are marked as an
    # earlier branch and lose their buttons.
    await p.get_by_role("button", name="↩ Rewind here (turn 5)").last.click()
    await expect(p.get_by_text("Rewound to just before your turn 5")).to_be_in_viewport(timeout=WAIT)
    await expect(p.get_by_text("Earlier branch: you rewound past this turn")).to_have_count(2, timeout=WAIT)
    await expect(p.get_by_role("button", name="↩ Rewind here (turn 6)")).to_have_count(0, timeout=WAIT)
    await expect(p.get_by_role("button", name="↩ Rewind here (turn 5)")).to_have_count(0, timeout=WAIT)
    await say(p, "How would you like us to work together today?", 5)
    await shot(p, "05-rewound.png")

    # Restart the server: the thread is in the history and picks up where it was.
    server.restart()
    await p.reload()
    thread = p.get_by_text(re.compile("^Hi Priya, thanks for coming")).first
    await expect(thread).to_be_visible(timeout=WAIT)
    await thread.click()
    await expect(p.get_by_text("How would you like us to work together today?")).to_be_visible(timeout=WAIT)
    # The reopened chat keeps its buttons and the report keeps its chart.
    await expect(p.get_by_role("button", name="↩ Rewind here (turn 5)")).to_be_visible(timeout=WAIT)
    await expect(p.get_by_role("button", name="End session").last).to_be_visible(timeout=WAIT)
    await expect(p.locator(".js-plotly-plot").first).to_be_visible(timeout=WAIT)
    await shot(p, "06-resumed-history.png")
    await say(p, turns[5], 6)
    await shot(p, "07-resumed-next-turn.png")
