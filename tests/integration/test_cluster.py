"""Two `rapport serve` processes on PostgreSQL behind nginx (deploy/nginx/rapport.conf), as deployed: the
config nginx itself accepts, stickiness, and failover when the server holding a learner's socket is killed
in the middle of a streamed reply. The browser version is tests/e2e/test_cluster_browser.py; the local
cluster command (`rapport cluster up/down`) is tested at the end."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import psycopg
import pytest

from app.cluster import NGINX_SITE, check_nginx_config, site_config, write_nginx_config
from app.store.accounts import Role
from app.store.urls import sync_url
from app.ui.server import KEEP_ALIVE_SECONDS, build_server
from tests.support.balanced import BrowserChat, Cluster, Event, running_cluster
from tests.support.cli import run_rapport
from tests.support.server import free_port

pytestmark = pytest.mark.skipif(
    not Path("/usr/sbin/nginx").exists(), reason="Debian's nginx is not installed (make test installs it)"
)

PASSWORD = "practise-hard"
PERSONA = "Priya Raman"
SCRIPT = Path(__file__).parents[1] / "data" / "scripts" / "priya-team-lead" / "skilled.json"
TURNS: list[str] = json.loads(SCRIPT.read_text())[:6]
CUT_OFF = 4  # the learner turn whose reply is streaming when its server is killed


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, module_postgres_url: str) -> Iterator[Cluster]:
    accounts = (
        ("lee", PASSWORD, Role.LEARNER, None),
        ("ada", PASSWORD, Role.LEARNER, None),
        ("kim", PASSWORD, Role.LEARNER, None),
        ("sam", PASSWORD, Role.LEARNER, None),
        ("max", PASSWORD, Role.LEARNER, None),
    )
    with running_cluster(tmp_path_factory.mktemp("cluster"), module_postgres_url, accounts) as running:
        yield running


def test_the_shipped_nginx_config_is_what_runs(tmp_path: Path) -> None:
    """nginx accepts the rendered file, which is deploy/nginx/rapport.conf with only the ports changed."""
    result = check_nginx_config(write_nginx_config([18001, 18002, 18003], 18000, tmp_path))
    assert result.returncode == 0, result.stderr
    shipped = NGINX_SITE.read_text()
    rendered = site_config([8001, 8002], 80, name_upstream=False).replace(
        "listen 127.0.0.1:80;", "listen 80;"
    )
    assert rendered == shipped
    three = site_config([18001, 18002, 18003], 18000)
    assert three.count("max_fails=1 fail_timeout=10s;") == 3
    assert "hash $rapport_sticky_key consistent;" in three


def test_nginx_drops_idle_connections_to_a_server_before_the_server_does() -> None:
    """nginx reuses idle connections to a server; were the server to close one first, a request sent on it in
    that instant would fail, and with the other server down nginx could not retry it (a 502). The upstream's
    keepalive_timeout is below the idle timeout of the server `rapport serve` starts (uvicorn's own default,
    5 s, is not)."""
    nginx_idle = re.search(r"^\s*keepalive_timeout (\d+)s;", NGINX_SITE.read_text(), re.MULTILINE)
    served = build_server("127.0.0.1", free_port(), drain_seconds=1).config
    assert served.timeout_keep_alive == KEEP_ALIVE_SECONDS
    assert nginx_idle is not None and int(nginx_idle[1]) < served.timeout_keep_alive


def test_a_config_without_servers_is_refused() -> None:
    with pytest.raises(ValueError, match="no ports"):
        site_config([], 18000)


def _reply(persona: str) -> Callable[[Event], bool]:
    """A piece of the client's reply, or the app's brief of a chat started afresh (which must not come)."""

    def wanted(event: Event) -> bool:
        name, data = event
        if name not in ("new_message", "stream_start") or not isinstance(data, dict):
            return False
        return data.get("name") == persona or "You are coaching" in str(data.get("output", ""))

    return wanted


@pytest.mark.parametrize(
    "opened",
    [
        "reopened from the history",  # the page at /thread/ID sends the thread's id on every connect
        "as a new chat",  # the page sends no thread id until the server's first_interaction names it
    ],
)
async def test_killed_mid_reply_the_learner_carries_on_through_the_other_server(
    cluster: Cluster, opened: str
) -> None:
    chat = BrowserChat(cluster.url)
    learner = "lee" if opened == "as a new chat" else "ada"
    try:
        await chat.login(learner, PASSWORD)
        await chat.connect(PERSONA, thread_id="" if opened == "as a new chat" else str(uuid.uuid4()))
        for text in TURNS[: CUT_OFF - 1]:
            await chat.send(text)
        first = cluster.by_address(await chat.holder())

        mark = await chat.emit_message(TURNS[CUT_OFF - 1])
        await chat.wait_for(lambda event: event[0] == "stream_start", after=mark)
        cluster.kill(first)  # SIGKILL while the reply streams
        dropped = await chat.index_of(lambda event: event[0] == "disconnect", after=mark)
        assert not any(name == "task_end" for name, _ in chat.events[mark:dropped]), (
            "the reply was not cut off"
        )

        # The page's socket reconnects by itself, through nginx, to the server still up.
        back = await chat.index_of(lambda event: event[0] == "connect", after=dropped)
        assert cluster.by_address(await chat.holder()) is not first
        _, data = await chat.wait_for(_reply(PERSONA), after=back)
        assert "You are coaching" not in str(data.get("output", "")), (
            "the reconnect started a new chat instead of carrying on with the learner's run"
        )
        await chat.wait_for(lambda event: event[0] == "task_end", after=back)

        for text in TURNS[CUT_OFF:]:
            await chat.send(text)
        report_at = await chat.send("/end")
        await chat.said("Session report", after=report_at)

        runs, _ = await chat.get("/api/runs")
        assert len(runs) == 1, f"the learner's turns went to {len(runs)} runs"
        run, _ = await chat.get(f"/api/runs/{runs[0]['id']}")
        # Complete, in order, and the cut-off turn answered once: one stored turn per learner message.
        assert [turn["learner"] for turn in run["turns"]] == TURNS
        assert all(
            turn["in_play"] and turn["status"] != "pending" and turn["coachee"] for turn in run["turns"]
        )
        report, _ = await chat.get(f"/api/runs/{runs[0]['id']}/report")
        timeline = report["report"]["timeline"]
        assert len(timeline) == len(TURNS) + 1  # the start, then every turn
    finally:
        await chat.close()
        await cluster.restore()  # the next test starts from every server in rotation


async def test_a_message_typed_while_reconnecting_is_answered_once(cluster: Cluster) -> None:
    """The message reaches the other server before the page's resume: it takes the run up from the store, and
    the resume that follows takes up the same run (not a second copy whose head would make every later turn
    "moved on in another tab")."""
    chat = BrowserChat(cluster.url)
    try:
        await chat.login("sam", PASSWORD)
        await chat.connect(PERSONA)
        await chat.send(TURNS[0])
        first = cluster.by_address(await chat.holder())
        chat.typed_while_away.append(TURNS[1])  # typed while the page shows it is reconnecting
        cluster.kill(first)
        dropped = await chat.index_of(lambda event: event[0] == "disconnect")
        back = await chat.index_of(lambda event: event[0] == "connect", after=dropped)
        _, data = await chat.wait_for(
            lambda event: (
                event[0] == "new_message"
                and isinstance(event[1], dict)
                and event[1].get("name") in (PERSONA, "Rapport")
            ),
            after=back,
        )
        assert data.get("name") == PERSONA, (
            f"the message typed while reconnecting was answered: {data['output']}"
        )
        await chat.wait_for(lambda event: event[0] == "task_end", after=back)
        await chat.wait_for(lambda event: event[0] == "resume_thread", after=back)
        mark = await chat.send(TURNS[2])
        said = [str(data.get("output"))[:200] for name, data in chat.events[mark:] if name == "new_message"]
        runs, _ = await chat.get("/api/runs")
        assert len(runs) == 1
        run, _ = await chat.get(f"/api/runs/{runs[0]['id']}")
        assert [turn["learner"] for turn in run["turns"]] == TURNS[:3], f"the next turn was not kept: {said}"
    finally:
        await chat.close()
        await cluster.restore()  # the next test starts from every server in rotation


async def test_a_page_whose_socket_dropped_before_its_chat_was_resumed_carries_on(
    cluster: Cluster, module_postgres_url: str
) -> None:
    """A reopened chat whose first socket to the server dropped before the page's `connection_successful`:
    the server keeps the session it made for that socket and restores it on the next connect, where Chainlit
    took it for a new chat and started one under the old chat's thread id (each later turn then failed on
    `uq_runs_thread_id`: the rolling-restart bench's lost learners). The chat is resumed instead. The thread
    also carries the first tab's session as Chainlit saved it when that tab closed: the resume sends it whole."""
    first, page = BrowserChat(cluster.url), BrowserChat(cluster.url)
    try:
        await first.login("kim", PASSWORD)
        await first.connect(PERSONA)
        await first.send(TURNS[0])
        runs, _ = await first.get("/api/runs")
        thread_id = runs[0]["thread_id"]
        await first.close()
        _saved_session_of(module_postgres_url, thread_id)

        await page.login("kim", PASSWORD)
        await page.half_open(PERSONA, thread_id)
        answer, data = await page.reopen(PERSONA, thread_id)
        assert answer == "resume_thread", f"the chat was not resumed: {answer} {str(data)[:200]}"
        mark = await page.send(TURNS[1])
        said = [str(data.get("output"))[:200] for name, data in page.events[mark:] if name == "new_message"]
        runs, _ = await page.get("/api/runs")
        assert len(runs) == 1, f"the learner's turns went to {len(runs)} runs: {said}"
        run, _ = await page.get(f"/api/runs/{runs[0]['id']}")
        assert [turn["learner"] for turn in run["turns"]] == TURNS[:2], f"the next turn was not kept: {said}"
    finally:
        await first.close()
        await page.close()


def _saved_session_of(database_url: str, thread_id: str, deadline: float = 60.0) -> None:
    """Wait until Chainlit has saved the closed tab's session (its `replies` among it) in the thread's metadata:
    it does so in the server's handler of the socket's end, which the closing page does not wait for."""
    url = sync_url(database_url).replace("+psycopg", "")
    until = time.monotonic() + deadline
    with psycopg.connect(url, autocommit=True) as connection:
        while time.monotonic() < until:
            row = connection.execute("SELECT metadata FROM threads WHERE id = %s", (thread_id,)).fetchone()
            saved = row[0] if row else None
            if "replies" in (saved if isinstance(saved, dict) else json.loads(saved or "{}")):
                return
            time.sleep(0.1)  # a row another process writes: nothing to wait on but the database
    raise AssertionError("the closed tab's session was never saved with its thread")


async def test_a_chat_whose_history_was_not_written_yet_carries_on(
    cluster: Cluster, module_postgres_url: str
) -> None:
    chat = BrowserChat(cluster.url)
    try:
        await chat.login("max", PASSWORD)
        await chat.connect(PERSONA)
        await chat.send(TURNS[0])
        runs, _ = await chat.get("/api/runs")
        # The server dies before its background write of Chainlit's thread row: as if it never happened.
        with psycopg.connect(sync_url(module_postgres_url).replace("+psycopg", "")) as connection:
            connection.execute("DELETE FROM threads WHERE id = %s", (runs[0]["thread_id"],))
        first = cluster.by_address(await chat.holder())
        cluster.kill(first)
        dropped = await chat.index_of(lambda event: event[0] == "disconnect")
        back = await chat.index_of(lambda event: event[0] == "connect", after=dropped)
        # Ready when the other server has resumed the chat (the thread made again from the run).
        ready = await chat.index_of(
            lambda event: event[0] in ("resume_thread", "resume_thread_error"), after=back
        )
        assert chat.events[ready][0] == "resume_thread", "the other server could not resume the chat"
        mark = await chat.send(TURNS[1])
        failed = [str(data.get("output"))[:200] for name, data in chat.events[mark:] if name == "new_message"]
        runs, _ = await chat.get("/api/runs")
        assert len(runs) == 1
        run, _ = await chat.get(f"/api/runs/{runs[0]['id']}")
        assert [turn["learner"] for turn in run["turns"]] == TURNS[:2], (
            f"the next turn was not kept: {failed}"
        )
    finally:
        await chat.close()
        await cluster.restore()  # the next test starts from every server in rotation


async def test_a_chat_stays_on_its_server_and_others_spread(cluster: Cluster) -> None:
    """Stickiness: every request of one chat goes to one server; chats are spread over both."""
    await cluster.restore()  # both servers up and in nginx's rotation, whatever ran before
    holders = set()
    for _ in range(12):
        chat = BrowserChat(cluster.url)
        try:
            await chat.login("kim", PASSWORD)
            async with chat.http.post(
                f"{cluster.url}/set-session-cookie", json={"session_id": chat.session_id}
            ) as response:
                assert response.status == 200
            seen = {await chat.holder() for _ in range(5)}
            assert len(seen) == 1
            holders |= seen
        finally:
            await chat.close()
    assert len(holders) == 2


def test_cluster_up_and_down(tmp_path: Path, module_postgres_url: str) -> None:
    """`rapport cluster up` (what `make cluster` runs): servers and nginx under supervisord, the address
    printed, a login through it; `rapport cluster down` stops every process."""
    env = {"RAPPORT_DATA_DIR": str(tmp_path), "DATABASE_URL": module_postgres_url}
    port, first = free_port(), free_port()
    up = run_rapport("cluster", "up", "--port", str(port), "--first-port", str(first), env=env, timeout=300)
    try:
        assert up.returncode == 0, up.stderr
        assert f"behind nginx at http://127.0.0.1:{port}" in up.stdout
        again = run_rapport("cluster", "up", "--port", str(port), env=env)
        assert again.returncode == 2 and "already running" in again.stderr
        response = httpx.post(
            f"http://127.0.0.1:{port}/login", data={"username": "nobody", "password": "wrong"}, timeout=30
        )
        assert response.status_code == 401  # a server answered, through nginx
    finally:
        down = run_rapport("cluster", "down", env=env, timeout=120)
    assert down.returncode == 0, down.stderr
    assert "stopped" in down.stdout
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{first}/health", timeout=5)


def test_cluster_up_refuses_sqlite(tmp_path: Path) -> None:
    env = {"RAPPORT_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'one.db'}"}
    refused = run_rapport("cluster", "up", env=env)
    assert refused.returncode == 2
    assert "a cluster needs PostgreSQL" in refused.stderr
