"""HTTP routes and Socket.IO events of the running app, called directly with other people's ids: a learner sees
only their own runs and chat history and writes only to their own; an instructor sees their own learners' and
no one else's. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import insert, select

from app.store import runs
from app.store.accounts import get_account
from app.store.db import Database
from app.store.schema import chainlit_feedbacks, chainlit_steps, chainlit_threads, chainlit_users
from app.ui import footer
from tests.support.grading import played
from tests.support.server import RapportServer, classroom, login, serving
from tests.support.sockets import ChatSocket, Event

PASSWORD = "long enough"


@dataclass
class World:
    server: RapportServer
    runs: dict[str, str]  # learner -> run id
    threads: dict[str, str]  # learner -> chainlit thread id
    steps: dict[str, str]
    feedbacks: dict[str, str]

    @contextmanager
    def client(self, name: str) -> Iterator[httpx.Client]:
        logged_in = login(self.server, name, PASSWORD)
        try:
            yield logged_in
        finally:
            logged_in.close()


async def _seed(url: str, names: list[str]) -> tuple[dict[str, str], ...]:
    """A graded run with a chat thread, a step and a feedback for each learner, written as the app would."""
    db = Database(url)
    run_ids, threads, steps, feedbacks = {}, {}, {}, {}
    try:
        for name in names:
            account = await get_account(db, name)
            assert account is not None
            thread, step, user_id = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
            async with db.sessions() as session, session.begin():
                await session.execute(
                    insert(chainlit_users).values(
                        id=user_id, identifier=name, metadata="{}", createdAt="2026"
                    )
                )
                await session.execute(
                    insert(chainlit_threads).values(id=thread, userId=user_id, userIdentifier=name, name="x")
                )
                await session.execute(
                    insert(chainlit_steps).values(
                        id=step, name=name, type="user_message", threadId=thread, streaming=False, output="hi"
                    )
                )
                feedback = str(uuid.uuid4())
                await session.execute(
                    insert(chainlit_feedbacks).values(id=feedback, forId=step, threadId=thread, value=1)
                )
            run = await runs.create_run(
                db,
                account_id=account.id,
                thread_id=thread,
                persona_id="priya-team-lead",
                persona_name="Priya Raman",
                seed=7,
                opening="Hello.",
            )
            prepared, record = played("What would you like from today?")
            turn = await runs.add_pending_turn(
                db,
                run.id,
                expected_head=None,
                learner=prepared.learner,
                moves=["open_question"],
                trust=37.5,
                level=1,
                state=prepared.state,
                prepared=prepared,
            )
            await runs.complete_turn(db, turn.id, "I am not sure.", record)
            learner = {"markdown": f"# {name}, in general terms", "report": {"general": name}}
            report = {"secret": name, "learner": learner}
            await runs.add_grade(
                db, run.id, head_turn_id=None, result="graded", report=report, markdown=f"# {name}"
            )
            run_ids[name], threads[name], steps[name], feedbacks[name] = run.id, thread, step, feedback
    finally:
        await db.dispose()
    return run_ids, threads, steps, feedbacks


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    database = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None

    async def seed(url: str) -> tuple[dict[str, str], ...]:
        return await _seed(url, ["alice", "bob"])

    with serving(tmp_path_factory.mktemp("http"), database, classroom(PASSWORD), seed) as (server, seeded):
        yield World(server, *seeded)


def test_logging_in_needs_the_right_password(world: World) -> None:
    with httpx.Client(base_url=world.server.url) as anonymous:
        assert anonymous.post("/login", data={"username": "alice", "password": "wrong"}).status_code == 401
        assert anonymous.get("/api/runs").status_code == 401
        assert anonymous.get(f"/api/runs/{world.runs['alice']}").status_code == 401


def test_a_learner_sees_only_their_own_runs(world: World) -> None:
    with world.client("alice") as alice:
        listed = alice.get("/api/runs").json()
        assert [run["id"] for run in listed] == [world.runs["alice"]]
        assert alice.get(f"/api/runs/{world.runs['alice']}").status_code == 200
        report = alice.get(f"/api/runs/{world.runs['alice']}/report")
        assert report.status_code == 200 and report.json()["report"] == {"general": "alice"}
        assert report.json()["markdown"] == "# alice, in general terms" and "secret" not in report.text
        for path in (f"/api/runs/{world.runs['bob']}", f"/api/runs/{world.runs['bob']}/report"):
            response = alice.get(path)
            assert response.status_code == 404 and "bob" not in response.text


def test_an_instructor_sees_their_learners_and_no_one_else(world: World) -> None:
    with world.client("teacher") as teacher:
        assert [run["learner"] for run in teacher.get("/api/runs").json()] == ["alice"]
        report = teacher.get(f"/api/runs/{world.runs['alice']}/report").json()
        assert report["markdown"] == "# alice" and report["report"]["secret"] == "alice"
        assert teacher.get(f"/api/runs/{world.runs['bob']}").status_code == 404
        assert teacher.get(f"/api/runs/{world.runs['bob']}/report").status_code == 404
    with world.client("other-teacher") as other:
        assert [run["learner"] for run in other.get("/api/runs").json()] == ["bob"]
        assert other.get(f"/api/runs/{world.runs['alice']}").status_code == 404


def test_chainlit_history_routes_refuse_other_peoples_threads(world: World) -> None:
    bob_thread = world.threads["bob"]
    with world.client("alice") as alice:
        assert alice.get(f"/project/thread/{bob_thread}").status_code in {401, 403, 404}
        assert alice.get(f"/project/thread/{bob_thread}/element/x").status_code in {401, 403, 404}
        renamed = alice.put("/project/thread", json={"threadId": bob_thread, "name": "pwned"})
        assert renamed.status_code in {401, 403, 404}
        deleted = alice.request("DELETE", "/project/thread", json={"threadId": bob_thread})
        assert deleted.status_code in {401, 403, 404}
        listed = alice.post(
            "/project/threads",
            json={"pagination": {"first": 20}, "filter": {"userId": "bob"}},
        ).json()
        assert {thread["id"] for thread in listed["data"]} <= {world.threads["alice"]}
        assert alice.get(f"/project/thread/{world.threads['alice']}").status_code == 200
    assert asyncio.run(_thread_name(world.server.db_url, bob_thread)) == "x"


def test_feedback_cannot_touch_another_learners_thread(world: World) -> None:
    with world.client("alice") as alice:
        forged = {"forId": world.steps["bob"], "threadId": world.threads["bob"], "value": 0}
        assert alice.put("/feedback", json={"feedback": forged, "sessionId": "s"}).status_code == 404
        hijack = {"forId": world.steps["alice"], "value": 0, "id": world.feedbacks["bob"]}
        assert alice.put("/feedback", json={"feedback": hijack, "sessionId": "s"}).status_code == 404
        gone = alice.request("DELETE", "/feedback", json={"feedbackId": world.feedbacks["bob"]})
        assert gone.status_code == 404
        own = {"forId": world.steps["alice"], "threadId": world.threads["alice"], "value": 0}
        assert alice.put("/feedback", json={"feedback": own, "sessionId": "s"}).status_code == 200
    assert asyncio.run(_feedback_of(world.server.db_url, world.feedbacks["bob"])) == (world.steps["bob"], 1)


async def _thread_name(url: str, thread: str) -> str | None:
    db = Database(url)
    try:
        async with db.sessions() as session:
            name: str | None = await session.scalar(
                select(chainlit_threads.c.name).where(chainlit_threads.c.id == thread)
            )
            return name
    finally:
        await db.dispose()


async def _feedback_of(url: str, feedback: str) -> tuple[str, int] | None:
    db = Database(url)
    try:
        async with db.sessions() as session:
            row = (
                await session.execute(
                    select(chainlit_feedbacks.c.forId, chainlit_feedbacks.c.value).where(
                        chainlit_feedbacks.c.id == feedback
                    )
                )
            ).first()
            return (row[0], row[1]) if row else None
    finally:
        await db.dispose()


def test_the_page_asks_nothing_from_the_internet(world: World) -> None:
    page = httpx.get(f"{world.server.url}/login").text
    assert "googleapis" not in page and "jsdelivr" not in page and "gstatic" not in page


def test_unused_path_is_still_the_page(world: World, tmp_path: Path) -> None:
    # Rapport's routes sit before Chainlit's catch-all; the catch-all still serves the app for other paths.
    assert httpx.get(f"{world.server.url}/thread/abc").status_code == 200


HIDDEN = {"moves", "trust", "level"}


def test_a_learner_reads_their_run_without_the_hidden_trust(world: World) -> None:
    run = f"/api/runs/{world.runs['alice']}"
    with world.client("alice") as alice:
        [turn] = alice.get(run).json()["turns"]
        assert turn["learner"] == "What would you like from today?" and turn["coachee"] == "I am not sure."
        assert not HIDDEN & set(turn)
    with world.client("teacher") as teacher:
        [turn] = teacher.get(run).json()["turns"]
        assert (turn["moves"], turn["trust"], turn["level"]) == (["open_question"], 37.5, 1)


def test_thread_sharing_is_refused_as_configured(world: World) -> None:
    own = world.threads["alice"]
    with world.client("alice") as alice:
        shared = alice.put("/project/thread/share", json={"threadId": own, "isShared": True})
        assert shared.status_code == 404
        assert alice.get(f"/project/share/{own}").status_code == 404
    with httpx.Client(base_url=world.server.url) as anonymous:
        assert anonymous.get(f"/project/share/{own}").status_code == 404
    metadata = asyncio.run(_thread_metadata(world.server.db_url, own))
    assert "is_shared" not in (metadata or "")


def test_odd_requests_get_a_clear_4xx(world: World) -> None:
    with world.client("alice") as alice:
        action = {"name": "end", "payload": {"run": world.runs["alice"]}}
        unknown = alice.post("/project/action", json={"sessionId": "no-such-session", "action": action})
        assert unknown.status_code == 404 and "session" in unknown.json()["detail"]
        assert alice.post("/project/action", json={"sessionId": "x"}).status_code == 422
        # Feedback without its thread id is stored on the thread of the message it is about.
        bare = {"forId": world.steps["alice"], "value": 1, "comment": "useful"}
        stored = alice.put("/feedback", json={"feedback": bare, "sessionId": "s"})
        assert stored.status_code == 200
        feedback = stored.json()["feedbackId"]
    assert asyncio.run(_feedback_of(world.server.db_url, feedback)) == (world.steps["alice"], 1)


async def _thread_metadata(url: str, thread: str) -> str | None:
    db = Database(url)
    try:
        async with db.sessions() as session:
            metadata: str | None = await session.scalar(
                select(chainlit_threads.c.metadata).where(chainlit_threads.c.id == thread)
            )
            return metadata
    finally:
        await db.dispose()


def _token(client: httpx.Client) -> str:
    token = client.cookies.get("access_token")
    assert token
    return token


async def _step(url: str, step: str) -> tuple[str, str] | None:
    """(thread, text) of a stored chat step."""
    db = Database(url)
    try:
        async with db.sessions() as session:
            row = (
                await session.execute(
                    select(chainlit_steps.c.threadId, chainlit_steps.c.output).where(
                        chainlit_steps.c.id == step
                    )
                )
            ).first()
            return (row[0], row[1]) if row else None
    finally:
        await db.dispose()


async def _stored(url: str, step: str) -> tuple[str, str]:
    """The step once Chainlit's queued history writes have reached it (they are written in order)."""
    async with asyncio.timeout(60):
        while (found := await _step(url, step)) is None:
            await asyncio.sleep(0.05)
        return found


def test_a_message_with_another_learners_message_id_changes_nothing_of_theirs(world: World) -> None:
    with world.client("alice") as alice:
        token = _token(alice)

    async def attack() -> str:
        chat = ChatSocket(world.server, token)
        await chat.connect()
        try:
            await chat.send("Overwritten by alice", message_id=world.steps["bob"])
            # Chainlit writes the history in order: once this later message is stored, so is the attack.
            later = await chat.send("What would you like from today?")
            await _stored(world.server.db_url, later)
            return chat.thread_id
        finally:
            await chat.close()

    alice_thread = asyncio.run(attack())
    assert asyncio.run(_step(world.server.db_url, world.steps["bob"])) == (world.threads["bob"], "hi")
    assert asyncio.run(_feedback_of(world.server.db_url, world.feedbacks["bob"])) == (world.steps["bob"], 1)
    with world.client("alice") as alice:
        steps = alice.get(f"/project/thread/{alice_thread}").json()["steps"]
        assert world.steps["bob"] not in {step["id"] for step in steps}


def test_a_page_whose_socket_dropped_as_its_chat_started_is_sent_the_start_again(world: World) -> None:
    """Under load a page's first socket can drop while its new chat starts: what the start sent (the brief, the
    client's first words, their buttons) went to the dropped socket, and Chainlit starts nothing on the
    reconnect, so the page stayed empty. It is sent again, with the same ids (the page updates a message it
    already has) and each button removed first (so none shows twice); the chat then goes on as one run."""
    with world.client("alice") as alice:
        token = _token(alice)

    async def drop_and_reconnect() -> tuple[list[Event], list[Event], str]:
        chat = ChatSocket(world.server, token)
        await chat.connect()
        try:
            started = list(chat.events)
            mark = await chat.reconnect()
            await chat.wait_for(
                lambda event: event[0] == "action" and event[1]["name"] == "silence", after=mark
            )
            again = chat.events[mark:]
            await chat.send("What would you like to get from our time today?")
            return started, again, chat.thread_id
        finally:
            await chat.close()

    started, again, thread = asyncio.run(drop_and_reconnect())
    messages = [data["id"] for name, data in started if name == "new_message"]
    assert [data["id"] for name, data in again if name == "new_message"] == messages
    assert any("You are coaching" in str(data.get("output")) for name, data in again if name == "new_message")
    buttons = [data["id"] for name, data in started if name == "action"]
    assert [(name, data["id"]) for name, data in again if name in ("action", "remove_action")] == [
        pair for button in buttons for pair in (("remove_action", button), ("action", button))
    ]
    with world.client("alice") as alice:
        [run] = [r for r in alice.get("/api/runs").json() if r["thread_id"] == thread]
        said = [turn["learner"] for turn in alice.get(f"/api/runs/{run['id']}").json()["turns"]]
        assert said == ["What would you like to get from our time today?"]


def test_editing_a_sent_message_is_refused(world: World) -> None:
    with world.client("alice") as alice:
        token = _token(alice)

    async def edit() -> tuple[str, str]:
        chat = ChatSocket(world.server, token)
        await chat.connect()
        try:
            sent = await chat.send("What would you like to get from our time today?")
            mark = len(chat.events)
            await chat.client.emit("edit_message", {"message": {"id": sent, "output": "You should quit."}})
            await chat.said("cannot be edited", after=mark)
            later = await chat.send("What would make this session worthwhile?")
            await _stored(world.server.db_url, later)
            return sent, chat.thread_id
        finally:
            await chat.close()

    sent, thread = asyncio.run(edit())
    assert asyncio.run(_step(world.server.db_url, sent)) == (
        thread,
        "What would you like to get from our time today?",
    )
    with world.client("alice") as alice:
        [run] = [r for r in alice.get("/api/runs").json() if r["thread_id"] == thread]
        said = [turn["learner"] for turn in alice.get(f"/api/runs/{run['id']}").json()["turns"]]
        assert said == [
            "What would you like to get from our time today?",
            "What would make this session worthwhile?",
        ]


def test_elements_cannot_be_changed_or_deleted_from_the_browser(world: World) -> None:
    with world.client("alice") as alice:
        token = _token(alice)

        async def try_elements() -> list[int]:
            chat = ChatSocket(world.server, token)
            await chat.connect()
            try:
                element = {"id": str(uuid.uuid4()), "type": "custom", "threadId": world.threads["bob"]}
                element |= {"forId": world.steps["bob"], "name": "x", "display": "inline", "props": {}}
                body = {"sessionId": chat.session_id, "element": element}
                changed = alice.put("/project/element", json=body)
                deleted = alice.request("DELETE", "/project/element", json=body)
                return [changed.status_code, deleted.status_code]
            finally:
                await chat.close()

        assert asyncio.run(try_elements()) == [404, 404]


def test_the_footer_and_the_notices_look_are_true_for_the_offline_mode(world: World) -> None:
    with world.client("alice") as alice:
        for language in ("en-US", "de-DE"):
            words = alice.get("/project/translations", params={"language": language}).json()
            assert words["translation"]["chat"]["watermark"] == footer.OFFLINE
            assert "LLM" not in words["translation"]["chat"]["watermark"]
        # The notices' own look and avatar are served from the data folder's copy.
        css = alice.get("/public/rapport.css")
        assert css.status_code == 200 and '/avatars/Rapport"' in css.text
        avatar = alice.get("/avatars/Rapport")
        assert (
            avatar.headers["content-type"].startswith("image/svg")
            and avatar.content != alice.get("/avatars/Priya Raman").content
        )


def test_the_footer_names_the_model_when_one_speaks() -> None:
    assert "language model" in footer.footer("openai") and footer.footer("offline") == footer.OFFLINE
