"""A server stopped with SIGTERM (systemd's stop, supervisord's, a rolling restart) drains before it exits
(app/ui/drain.py): the turn it is answering is finished and stored on the socket it came on, the chat then moves
to the other server through nginx and carries on there; a chat that was idle is answered once more and moved
the same way; meanwhile its health check and new connections answer 503. Two servers on PostgreSQL behind
nginx, the learner speaking Socket.IO as the page does (tests/support/balanced.py)."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from app.cluster import DEPLOY, SUPERVISOR_TEMPLATE
from app.config import Settings
from app.practice.markup import escape
from app.store.accounts import Role
from app.ui.drain import refused_while_draining
from app.ui.server import GRACEFUL_SECONDS
from tests.support.balanced import BrowserChat, Cluster, Event, logged, running_cluster
from tests.support.server import STOP_TIMEOUT
from tests.support.stub_llm import IN_CHARACTER, StubServer

pytestmark = pytest.mark.skipif(
    not Path("/usr/sbin/nginx").exists(), reason="Debian's nginx is not installed (make test installs it)"
)

PASSWORD = "practise-hard"
PERSONA = "Priya Raman"
SCRIPT = Path(__file__).parents[1] / "data" / "scripts" / "priya-team-lead" / "skilled.json"
TURNS: list[str] = json.loads(SCRIPT.read_text())[:4]
MODEL = "normal#drain"  # the stub voice; a test holds one reply part-way (`StubServer.hold`) to stop a server in it
# Longer than any test here takes: an idle chat keeps its server draining until the test has looked at it.
DRAIN_SECONDS = "300"


@pytest.fixture(scope="module")
def cluster(
    tmp_path_factory: pytest.TempPathFactory, module_postgres_url: str, llm_stub: StubServer
) -> Iterator[Cluster]:
    accounts = (
        ("lee", PASSWORD, Role.LEARNER, None),
        ("ada", PASSWORD, Role.LEARNER, None),
        ("kim", PASSWORD, Role.LEARNER, None),
    )
    settings = {
        "RAPPORT_LLM_PROVIDER": "openai",
        "OPENAI_BASE_URL": llm_stub.base_url,
        "OPENAI_API_KEY": "sk-test",
        "RAPPORT_MODEL": MODEL,
        "RAPPORT_DRAIN_SECONDS": DRAIN_SECONDS,
    }
    with running_cluster(
        tmp_path_factory.mktemp("drain"), module_postgres_url, accounts, settings=settings
    ) as c:
        yield c


@pytest_asyncio.fixture(autouse=True)
async def both_servers_up(cluster: Cluster) -> AsyncIterator[None]:
    yield
    await cluster.restore()  # the next test starts from both servers in nginx's rotation


def _named(name: str) -> Callable[[Event], bool]:
    return lambda event: event[0] == name


def _replies(events: list[Event]) -> list[str]:
    """The client's replies sent among `events` (a streamed reply ends as a new_message with all of it)."""
    return [
        str(data.get("output"))
        for name, data in events
        if name == "new_message" and isinstance(data, dict) and data.get("name") == PERSONA
    ]


async def _stored(chat: BrowserChat) -> list[dict[str, object]]:
    runs, _ = await chat.get("/api/runs")
    assert len(runs) == 1, f"the learner's turns went to {len(runs)} runs"
    run, _ = await chat.get(f"/api/runs/{runs[0]['id']}")
    turns: list[dict[str, object]] = run["turns"]
    return turns


async def test_sigterm_mid_reply_finishes_the_turn_once_and_the_chat_carries_on_elsewhere(
    cluster: Cluster, llm_stub: StubServer
) -> None:
    chat = BrowserChat(cluster.url)
    try:
        await chat.login("lee", PASSWORD)
        await chat.connect(PERSONA)
        for text in TURNS[:2]:
            await chat.send(text)
        first = cluster.by_address(await chat.holder())

        llm_stub.hold(MODEL, containing=TURNS[2])  # the reply stops part-way until the server is draining
        mark = await chat.emit_message(TURNS[2])
        await chat.wait_for(_named("stream_token"), after=mark)  # the client's reply is streaming
        log_from = cluster.terminate(first)
        draining = await logged(first, "Draining:", after=log_from)
        assert "1 chats open, 1 with work under way" in draining, draining
        llm_stub.release(MODEL)

        # The turn is finished on the socket it came on, and only then is that socket closed.
        done = await chat.index_of(_named("task_end"), after=mark)
        dropped = await chat.index_of(_named("disconnect"), after=mark)
        assert done < dropped, "the socket was closed before the turn was answered"
        assert _replies(chat.events[mark:dropped]) == [escape(IN_CHARACTER)]
        assert await cluster.exit_status(first) == 0  # it stopped by itself, cleanly (SIGKILL: -9)

        # The page reconnects through nginx to the other server, which resumes the chat without answering
        # that turn again.
        back = await chat.index_of(_named("connect"), after=dropped)
        await chat.wait_for(_named("resume_thread"), after=back)
        assert cluster.by_address(await chat.holder()) is not first
        mark = await chat.send(TURNS[3])
        assert not any(name == "stream_start" for name, _ in chat.events[back:mark]), (
            "a turn was voiced again"
        )
        assert _replies(chat.events[mark:]) == [escape(IN_CHARACTER)]

        turns = await _stored(chat)
        assert [turn["learner"] for turn in turns] == TURNS  # each once, in order
        assert all(turn["status"] == "done" and turn["coachee"] == IN_CHARACTER for turn in turns)
    finally:
        llm_stub.release(MODEL)
        await chat.close()


async def test_an_idle_chat_is_answered_once_more_and_then_moved(cluster: Cluster) -> None:
    """While the stopping server waits for an idle chat, it fails its health check and refuses new connections
    (nginx sends them to the other server); the chat's next turn is answered by the stopping server, and the
    chat then moves to the other one."""
    chat = BrowserChat(cluster.url)
    try:
        await chat.login("ada", PASSWORD)
        await chat.connect(PERSONA)
        await chat.send(TURNS[0])
        first = cluster.by_address(await chat.holder())

        log_from = cluster.terminate(first)
        draining = await logged(first, "Draining:", after=log_from)
        assert "1 chats open, 0 with work under way" in draining, draining
        async with httpx.AsyncClient(base_url=first.url) as direct:
            assert (await direct.get("/health")).status_code == 503
            handshake = await direct.get("/ws/socket.io/", params={"EIO": "4", "transport": "polling"})
            assert handshake.status_code == 503
        # Through nginx, a new chat (and the health check) reach the other server.
        other = BrowserChat(cluster.url)
        try:
            await other.login("kim", PASSWORD)
            await other.connect(PERSONA)
            assert cluster.by_address(await other.holder()) is not first
        finally:
            await other.close()

        mark = await chat.send(TURNS[1])  # still on the draining server: answered there
        dropped = await chat.index_of(_named("disconnect"), after=mark)
        assert _replies(chat.events[mark:dropped]) == [escape(IN_CHARACTER)]
        assert await cluster.exit_status(first) == 0
        back = await chat.index_of(_named("connect"), after=dropped)
        await chat.wait_for(_named("resume_thread"), after=back)
        await chat.send(TURNS[2])

        turns = await _stored(chat)
        assert [turn["learner"] for turn in turns] == TURNS[:3]
        assert all(turn["status"] == "done" and turn["coachee"] == IN_CHARACTER for turn in turns)
    finally:
        await chat.close()


@pytest.mark.parametrize(
    ("path", "query", "refused"),
    [
        ("/health", b"", True),
        ("/ws/socket.io/", b"EIO=4&transport=polling&t=abc", True),  # a new connection's handshake
        ("/ws/socket.io/", b"EIO=4&transport=websocket", True),
        ("/ws/socket.io/", b"EIO=4&transport=polling&sid=xyz", False),  # an open connection's poll
        ("/ws/socket.io/", b"EIO=4&transport=websocket&sid=xyz", False),  # its upgrade
        ("/login", b"", False),
        ("/project/action", b"", False),
    ],
)
def test_what_a_draining_server_refuses(path: str, query: bytes, refused: bool) -> None:
    assert refused_while_draining(path, query) is refused


def test_the_process_managers_wait_for_the_drain() -> None:
    """systemd and supervisord send SIGKILL only after the drain's deadline and uvicorn's wait for open requests,
    and systemd's SIGTERM goes to the server alone (its voice process finishes the turns being drained)."""
    drain = Settings.model_fields["drain_seconds"].default + GRACEFUL_SECONDS
    unit = (DEPLOY / "systemd" / "rapport@.service").read_text()
    systemd = re.search(r"^TimeoutStopSec=(\d+)$", unit, re.MULTILINE)
    supervisor = re.search(r"^stopwaitsecs=(\d+)$", SUPERVISOR_TEMPLATE.read_text(), re.MULTILINE)
    assert systemd and supervisor
    assert int(systemd[1]) > drain and int(supervisor[1]) > drain
    assert int(systemd[1]) <= STOP_TIMEOUT  # the tests and benches stop servers as systemd does
    assert "KillMode=mixed" in unit
