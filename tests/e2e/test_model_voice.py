"""The practice app with a model configured, in Chromium: a real `rapport serve` whose voice process talks real
HTTP to the stub model. The learner sees the model's words streamed; the voice runs in a child process that
stops with the server."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tests.e2e.test_browser as browser
from app.store.accounts import Role
from tests.e2e.test_browser import WAIT, shot
from tests.support.processes import children, command_line
from tests.support.server import RapportServer
from tests.support.stub_llm import IN_CHARACTER, StubServer

page = browser.page  # the same fixture: one Chromium tab that may reach nothing but the local server
MODEL = "numbered@0.1@0.01#browser"  # answers in character with the digits of the coach's last message


def voice_processes(parent: int) -> list[int]:
    """The pids of `parent`'s children that run the voice process."""
    return [pid for pid in children(parent) if b"app.voice_worker" in command_line(pid)]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, llm_stub: StubServer) -> Iterator[RapportServer]:
    running = RapportServer(
        data_dir=tmp_path_factory.mktemp("model-voice"),
        settings={
            "RAPPORT_LLM_PROVIDER": "openai",
            "OPENAI_BASE_URL": llm_stub.base_url,
            "OPENAI_API_KEY": "sk-test",
            "RAPPORT_MODEL": MODEL,
            # The test stops the server with its page open: no need to wait the whole drain for an idle chat.
            "RAPPORT_DRAIN_SECONDS": "1",
        },
    )
    running.add_accounts(("coach", "practise-hard", Role.LEARNER, None))
    running.start()
    yield running
    running.stop()


async def test_a_model_voiced_practice_streams_from_the_voice_process(
    server: RapportServer, page: Any, llm_stub: StubServer
) -> None:
    expect = browser.playwright_api.expect
    assert server.process is not None
    [worker] = voice_processes(server.process.pid)  # started with the server, before any learner

    await browser.sign_in(page, server.url, "coach", "practise-hard")
    # The brief shows at once; the page takes a message once the client's first words have streamed.
    await browser.send_message(page, "What would you like from week 42 of this?")
    await expect(page.get_by_text(f"{IN_CHARACTER} 42")).to_be_visible(timeout=WAIT)
    await expect(page.get_by_role("button", name="↩ Rewind here (turn 1)").last).to_be_visible(timeout=WAIT)
    await shot(page, "08-model-voice.png")

    assert voice_processes(server.process.pid) == [worker]  # the same child voiced the opening and the turn
    assert len(llm_stub.sent(MODEL)) == 2  # the opening line, then the turn: one model call each
    server.stop()
    assert stopped(worker), "the voice process outlived the server"


def stopped(pid: int, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if "zombie" in Path(f"/proc/{pid}/status").read_text():
                return True  # exited; only its parent has not reaped it yet
        except OSError:
            return True
        time.sleep(0.1)
    return False
