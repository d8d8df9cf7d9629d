"""Several `rapport serve` processes, for real: SQLite refuses a second server on its file (pointing at
PostgreSQL); on PostgreSQL two servers share everything a learner needs. A login ended on one server is ended
on the other at once; a second tab on another server is told when the session moved on; and when the server
answering a turn is killed mid-reply, the learner's tab reconnects to the other, which finishes that turn
once, with nothing lost."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import pytest
import socketio
from sqlalchemy import text

from app.practice.markup import escape
from app.store import runs
from app.store.accounts import Role
from app.store.db import Database
from tests.support.cli import run_rapport
from tests.support.cluster import kill, servers_on_postgres
from tests.support.databases import _throwaway_postgres
from tests.support.server import RapportServer, free_port, login
from tests.support.sockets import ChatSocket
from tests.support.stub_llm import IN_CHARACTER, StubServer

PASSWORD = "long enough"
PEOPLE = (
    ("teacher", PASSWORD, Role.INSTRUCTOR, None),
    ("alice", PASSWORD, Role.LEARNER, "teacher"),
    ("dave", PASSWORD, Role.LEARNER, "teacher"),
)
FIRST = "What would you like to get out of our time today?"
SECOND = "How will you know it worked?"
THIRD = "What matters most to you about that?"


def _token(client: httpx.Client) -> str:
    token = client.cookies.get("access_token")
    assert token
    return token


def _with_token(server: RapportServer, token: str) -> httpx.Client:
    return httpx.Client(base_url=server.url, cookies={"access_token": token}, timeout=10)


def _socket_opens(server: RapportServer, token: str) -> bool:
    async def attempt() -> bool:
        chat = ChatSocket(server, token)
        try:
            await chat.connect()
        except socketio.exceptions.ConnectionError:
            return False
        await chat.close()
        return True

    return asyncio.run(attempt())


# --- SQLite: one server per database file -----------------------------------------------------------------


def test_a_second_server_on_the_same_sqlite_file_is_refused(tmp_path: Path) -> None:
    first = RapportServer(data_dir=tmp_path)
    first.add_accounts(PEOPLE[0])
    first.start()
    try:
        env = first.env()
        second = run_rapport("serve", "--port", str(free_port()), env=env, timeout=60)
        assert second.returncode == 1
        message = second.stderr
        assert "already serving the SQLite database" in message and str(tmp_path / "rapport.db") in message
        assert "PostgreSQL" in message and "DATABASE_URL=postgresql://" in message
        assert f"pid {first.process.pid if first.process else ''}" in message
        # The first server is untouched, and the CLI's commands still work beside it.
        assert httpx.get(f"{first.url}/health", timeout=10).status_code == 200
        added = run_rapport("users", "add", "newcomer", "--role", "learner", "--password", PASSWORD, env=env)
        assert added.returncode == 0, added.stderr
        with closing(login(first, "newcomer", PASSWORD)) as newcomer:
            assert newcomer.get("/api/runs").status_code == 200
        # A crashed server leaves nothing behind that blocks its restart.
        kill(first)
        first.start()
        assert httpx.get(f"{first.url}/health", timeout=10).status_code == 200
        again = run_rapport("serve", "--port", str(free_port()), env=env, timeout=60)
        assert again.returncode == 1 and "already serving the SQLite database" in again.stderr
    finally:
        first.stop()


def test_servers_on_another_sqlite_file_or_after_a_clean_stop_start(tmp_path: Path) -> None:
    one, other = RapportServer(data_dir=tmp_path / "one"), RapportServer(data_dir=tmp_path / "other")
    for server in (one, other):
        server.data_dir.mkdir()
        server.add_accounts(PEOPLE[0])
    one.start()
    try:
        other.start()  # its own file: no conflict
        one.stop()
        one.start()  # stopped cleanly: starts again
    finally:
        one.stop()
        other.stop()


# --- PostgreSQL: two servers, one database --------------------------------------------------------------


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[RapportServer]]:
    with (
        _throwaway_postgres() as url,
        servers_on_postgres(tmp_path_factory.mktemp("pair"), url, PEOPLE) as servers,
    ):
        yield servers


def test_logout_on_one_server_ends_the_login_on_the_other(pair: list[RapportServer]) -> None:
    a, b = pair
    with closing(login(a, "alice", PASSWORD)) as on_a:
        token = _token(on_a)
        # One login, honoured by both servers (one login secret, one logins table).
        with _with_token(b, token) as on_b:
            assert on_a.get("/api/runs").status_code == 200 and on_b.get("/api/runs").status_code == 200
            assert _socket_opens(a, token)
            assert on_b.post("/logout").status_code == 200
        with _with_token(a, token) as replayed:
            assert replayed.get("/api/runs").status_code == 401
            assert replayed.get("/user").status_code == 401
        assert not _socket_opens(a, token) and not _socket_opens(b, token)


def test_a_new_password_ends_the_account_s_logins_on_every_server(pair: list[RapportServer]) -> None:
    a, b = pair
    with closing(login(a, "dave", PASSWORD)) as on_a, closing(login(b, "dave", PASSWORD)) as on_b:
        tokens = _token(on_a), _token(on_b)
    env = {"DATABASE_URL": a.database_url or "", "RAPPORT_DATA_DIR": str(a.data_dir)}
    changed = run_rapport("users", "set-password", "dave", "--password", "a new long one", env=env)
    assert changed.returncode == 0, changed.stderr
    for server in pair:
        for token in tokens:
            with _with_token(server, token) as replayed:
                assert replayed.get("/api/runs").status_code == 401
            assert not _socket_opens(server, token)
    with closing(login(b, "dave", "a new long one")) as again:
        assert again.get("/api/runs").status_code == 200


def test_an_open_chat_is_refused_once_its_login_ends_on_another_server(pair: list[RapportServer]) -> None:
    a, b = pair

    async def scenario() -> None:
        with closing(login(a, "alice", PASSWORD)) as on_a:
            token = _token(on_a)
        chat = ChatSocket(a, token)
        await chat.connect()
        try:
            await chat.send(FIRST)
            with _with_token(b, token) as on_b:
                assert on_b.post("/logout").status_code == 200
            mark = len(chat.events)
            await chat.send(SECOND)
            await chat.said("Your login has ended", after=mark)
        finally:
            await chat.close()
        run = await _run_of(a, chat.thread_id)
        assert [turn.learner for turn in run] == [FIRST]  # nothing after the logout was taken

    asyncio.run(scenario())


async def _forget_step(server: RapportServer, thread_id: str, output: str) -> None:
    db = Database(server.db_url)
    try:
        forget = text('DELETE FROM steps WHERE "threadId" = :thread AND "output" = :output')
        await db.write(lambda session: session.execute(forget, {"thread": thread_id, "output": output}))
    finally:
        await db.dispose()


async def _run_of(server: RapportServer, thread_id: str) -> list[runs.StoredTurn]:
    db = Database(server.db_url)
    try:
        run = await runs.run_for_thread(db, thread_id)
        assert run is not None
        return await runs.branch(db, run.id)
    finally:
        await db.dispose()


def test_a_second_tab_on_another_server_is_told_the_session_moved_on(pair: list[RapportServer]) -> None:
    a, b = pair

    async def scenario() -> None:
        with closing(login(a, "alice", PASSWORD)) as client:
            token = _token(client)
        first = ChatSocket(a, token)
        await first.connect()
        await first.send(FIRST)
        second = ChatSocket(b, token, thread_id=first.thread_id)  # the same chat, reopened in another tab
        await second.resume()
        await first.send(SECOND)
        mark = len(second.events)
        await second.send("Shall we talk about something else?")
        await second.said("moved on in another tab", after=mark)
        await first.close()
        await second.close()
        line = await _run_of(a, first.thread_id)
        assert [(turn.learner, turn.status) for turn in line] == [(FIRST, "done"), (SECOND, "done")]

    asyncio.run(scenario())


# --- a server killed mid-reply ----------------------------------------------------------------------------


def test_a_turn_cut_off_by_a_killed_server_is_finished_once_on_the_other(
    tmp_path: Path, llm_stub: StubServer
) -> None:
    # A model voice whose reply to the second turn stops part-way until its server is gone, so the kill lands
    # mid-reply however long the test takes to see the first words.
    model = "normal#failover"
    voice = {
        "RAPPORT_LLM_PROVIDER": "openai",
        "OPENAI_BASE_URL": llm_stub.base_url,
        "OPENAI_API_KEY": "sk-test",
        "RAPPORT_MODEL": model,
    }
    llm_stub.hold(model, containing=SECOND)

    async def scenario(a: RapportServer, b: RapportServer) -> None:
        with closing(login(a, "alice", PASSWORD)) as client:
            token = _token(client)
        chat = ChatSocket(a, token)
        await chat.connect()
        await chat.send(FIRST)
        mark = len(chat.events)
        await chat.client.emit(
            "client_message",
            {
                "message": {
                    "id": "0f0c56e4-6f6e-4f0e-9d4a-3f5e2a8b7c10",
                    "threadId": chat.thread_id,
                    "name": "coach",
                    "type": "user_message",
                    "output": SECOND,
                    "createdAt": "2026-01-01T00:00:00Z",
                },
                "fileReferences": None,
            },
        )
        await chat.wait_for(lambda event: event[0] == "stream_token", after=mark)  # the reply is streaming
        kill(a)
        line = await _run_of(b, chat.thread_id)
        assert [(turn.learner, turn.status) for turn in line] == [(FIRST, "done"), (SECOND, "pending")]
        # The page's copy of the learner's words is saved in the background: say the dead server never got to.
        await _forget_step(b, chat.thread_id, SECOND)

        # The page reconnects (the balancer sends it to the server still alive) with its thread's id.
        again = ChatSocket(b, token, thread_id=chat.thread_id)
        again.session_id = chat.session_id
        resumed = await again.resume()
        shown = [step.get("output") for step in resumed[1]["steps"]]
        assert shown.count(FIRST) == 1 and shown.count(SECOND) == 1  # the learner's words, kept, once
        await again.said(escape(IN_CHARACTER))  # the cut-off turn, answered (shown as text: escaped)
        await again.send(THIRD)
        line = await _run_of(b, chat.thread_id)
        assert [(turn.learner, turn.status) for turn in line] == [
            (FIRST, "done"),
            (SECOND, "done"),
            (THIRD, "done"),
        ]
        assert line[1].coachee == IN_CHARACTER
        # Reopened once more (the page reloaded): every reply is there once, none voiced again.
        await again.close()
        reload = ChatSocket(b, token, thread_id=chat.thread_id)
        steps = (await reload.resume())[1]["steps"]
        await reload.close()
        said = [(step.get("name"), step.get("output")) for step in steps if "message" in step.get("type", "")]
        replies = [text for name, text in said if name == "Priya Raman"]
        assert replies == [escape(IN_CHARACTER)] * 4  # the opening and turns 1 to 3, each once
        assert [text for _, text in said if text in (FIRST, SECOND, THIRD)] == [FIRST, SECOND, THIRD]
        assert [t.status for t in await _run_of(b, chat.thread_id)] == ["done", "done", "done"]

    with (
        _throwaway_postgres() as url,
        servers_on_postgres(tmp_path, url, PEOPLE, settings=voice) as (a, b),
    ):
        asyncio.run(scenario(a, b))


def test_the_instructor_s_live_trust_switch_stays_on_when_the_chat_reopens_on_another_server(
    pair: list[RapportServer],
) -> None:
    a, b = pair

    async def scenario() -> None:
        with closing(login(a, "teacher", PASSWORD)) as client:
            token = _token(client)
        chat = ChatSocket(a, token)
        await chat.connect()
        await chat.client.emit("chat_settings_change", {"show_trust": True})
        await chat.send(FIRST)
        await chat.said("/100 · level")  # the meter, under the reply
        # The chat reopens on the other server while this socket never closed (as when its server dies:
        # Chainlit's own save of the session, at a clean disconnect, never happens).
        again = ChatSocket(b, token, thread_id=chat.thread_id)
        await again.resume()
        _, widgets = await again.wait_for(lambda event: event[0] == "chat_settings")
        assert [(w["id"], w["initial"]) for w in widgets] == [("show_trust", True)]
        mark = len(again.events)
        await again.send(SECOND)
        await again.said("/100 · level", after=mark)
        await again.close()
        await chat.close()

    asyncio.run(scenario())
