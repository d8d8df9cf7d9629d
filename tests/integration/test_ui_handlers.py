"""The Chainlit handlers, called as Chainlit calls them (with its context), on a real temporary database."""

from __future__ import annotations

import asyncio
import json
import os
import re
import tempfile
from collections.abc import AsyncIterator, Callable
from functools import cache
from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock, Mock

import pytest
import pytest_asyncio

# Chainlit makes .chainlit/ and .files/ where it is imported from; keep them out of the work tree.
os.environ.setdefault("CHAINLIT_APP_ROOT", tempfile.mkdtemp(prefix="rapport-chainlit-"))

import chainlit as cl
import chainlit.data
from chainlit.context import ChainlitContext, context_var
from chainlit.data import get_data_layer
from chainlit.emitter import BaseChainlitEmitter
from chainlit.session import WebsocketSession
from chainlit.user_session import user_sessions

from app.bootstrap import Services, bootstrap
from app.config import Settings
from app.practice.inputs import MAX_MESSAGE_CHARS, PAUSE, SILENCE_SHOWN
from app.practice.markup import escape
from app.practice.report import trace_report
from app.practice.service import LiveRun, Practice
from app.store import runs
from app.store.accounts import Role, add_account
from app.store.db import Database
from app.ui import app as handlers
from app.ui import branches, state
from tests.support.databases import copy_of
from tests.support.stub_llm import IN_CHARACTER, StubServer, stub_settings

PACE = Settings.model_fields["reading_pace"].default  # words a second, as a user gets it
EMITTED = ["send_step", "update_step", "delete_step", "stream_start", "send_token", "send_element", "emit"]
EMITTED += ["send_action", "remove_action", "task_start", "task_end", "resume_thread"]


@pytest.fixture(scope="module")
def with_accounts(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> Path:
    """A migrated database holding the module's accounts, made once: each test gets a copy (password hashing
    is slow on purpose)."""

    async def add_them(db: Database) -> None:
        await add_account(db, "teacher", "long enough", Role.INSTRUCTOR)
        await add_account(db, "alice", "long enough", Role.LEARNER, instructor="teacher")
        await add_account(db, "bob", "long enough", Role.LEARNER)
        await db.dispose()

    path = tmp_path_factory.mktemp("accounts") / "ui.db"
    asyncio.run(add_them(Database(copy_of(migrated_sqlite, path))))
    return path


@cache
def offline_services() -> Services:
    """The offline services, built once: they hold no state of any learner's."""
    return bootstrap()


@pytest_asyncio.fixture
async def app_db(tmp_path: Path, with_accounts: Path) -> AsyncIterator[Database]:
    db = Database(copy_of(with_accounts, tmp_path / "ui.db"))
    state.install(state.AppState(practice=Practice(offline_services(), db, trace_report), db=db))
    # Chainlit caches its data layer per process; every test gets one on its own database.
    chainlit.data._data_layer, chainlit.data._data_layer_initialized = None, False
    yield db
    state.install(None)
    await db.dispose()


class Chat:
    """One browser tab: a Chainlit session for a user, recording what the server sent."""

    def __init__(self, user: str, profile: str = "Priya Raman") -> None:
        session = Mock(spec=WebsocketSession)
        session.id, session.thread_id = f"session-{user}", f"thread-{user}"
        session.user = cl.User(identifier=user)
        session.user_env, session.chat_settings, session.chat_profile = {}, {}, profile
        session.client_type, session.environ, session.has_first_interaction = "webapp", None, True
        session.files, session.emit = {}, AsyncMock()
        emitter = Mock(spec=BaseChainlitEmitter)
        for name in EMITTED:
            setattr(emitter, name, AsyncMock())
        self.context = ChainlitContext(session, emitter=emitter)
        self.session = session
        self.token = context_var.set(self.context)

    def said(self) -> list[str]:
        """Every message sent or updated, in the order the page got them."""
        calls = self.context.emitter.mock_calls
        return [call.args[0]["output"] for call in calls if call[0] in ("send_step", "update_step")]

    def steps(self) -> list[dict[str, Any]]:
        """The messages as Chainlit stores them (each step's last version), for a thread to resume."""
        emitter = self.context.emitter
        calls = emitter.send_step.await_args_list + emitter.update_step.await_args_list
        latest: dict[str, dict[str, Any]] = {}
        for call in calls:
            latest[call.args[0]["id"]] = dict(call.args[0])
        return list(latest.values())

    def got_settings(self) -> bool:
        return any(call.args[0] == "chat_settings" for call in self.context.emitter.emit.await_args_list)

    def last(self) -> str:
        """The last message; after a report, the report (the next-session offer that follows it aside)."""
        return [said for said in self.said() if "](/follow-up/" not in said][-1]

    def close(self) -> None:
        context_var.reset(self.token)
        user_sessions.pop(self.session.id, None)


@pytest_asyncio.fixture
async def alice(app_db: Database) -> AsyncIterator[Chat]:
    chat = Chat("alice")
    yield chat
    chat.close()


async def message(text: str) -> None:
    await handlers.on_message(cl.Message(content=text))


def live() -> LiveRun:
    found = cl.user_session.get("live")
    assert isinstance(found, LiveRun)
    return found


async def test_login_checks_the_password_against_the_store(app_db: Database) -> None:
    user = await handlers.login("alice", "long enough")
    assert user is not None and user.identifier == "alice" and user.metadata["role"] == "learner"
    assert await handlers.login("alice", "wrong") is None
    assert await handlers.login("mallory", "long enough") is None


async def test_chat_start_shows_the_brief_and_never_the_hidden_material(alice: Chat) -> None:
    await handlers.on_chat_start()
    brief, opening = alice.said()
    persona = live().persona
    assert persona.id == "priya-team-lead"
    assert "You are coaching Priya Raman" in brief
    for secret in persona.disclosures:
        assert secret.text not in brief and secret.summary not in brief
    assert opening
    assert not alice.got_settings()  # learners get no trust switch


async def test_a_turn_is_stored_and_the_reply_streamed(alice: Chat, app_db: Database) -> None:
    await handlers.on_chat_start()
    await message("What would you like to get out of our time today?")
    assert alice.context.emitter.send_token.await_count > 0
    run = await runs.run_for_thread(app_db, "thread-alice")
    assert run is not None and run.owner == "alice"
    [turn] = await runs.branch(app_db, run.id)
    assert turn.status == "done" and turn.learner == "What would you like to get out of our time today?"
    assert "goal" in turn.moves and turn.state.turn == 1


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("x" * (MAX_MESSAGE_CHARS + 1), "the limit is"),
        ("hello\x00there", "control characters"),
        ("hi \x1b[31mred", "control characters"),
        ("abc\u202edcba", "control characters"),
    ],
)
async def test_bad_input_gets_a_clear_message_and_nothing_is_stored(
    alice: Chat, app_db: Database, text: str, answer: str
) -> None:
    await handlers.on_chat_start()
    await message(text)
    assert answer in alice.last()
    assert await runs.run_for_thread(app_db, "thread-alice") is None
    assert live().turns == 0


async def test_markup_is_stored_as_typed_and_shown_as_text(alice: Chat, app_db: Database) -> None:
    await handlers.on_chat_start()
    typed = "<img src=x onerror=alert(1)> **bold** [link](javascript:alert(1)) So what brings you here?"
    await message(typed)
    run = await runs.run_for_thread(app_db, "thread-alice")
    assert run is not None
    [turn] = await runs.branch(app_db, run.id)
    assert turn.learner == typed
    await message("/end")
    report = alice.last()
    assert "\\<img" in report and re.search(r"(?<!\\)[<>]", report) is None
    assert "](javascript" not in report and "**bold**" not in report


async def test_rewind_restores_the_state_and_keeps_the_old_branch(alice: Chat, app_db: Database) -> None:
    await handlers.on_chat_start()
    for text in [
        "What would you like from today?",
        "How will you know it worked?",
        "Why don't you just quit?",
    ]:
        await message(text)
    before_third = live().rehearsal.states[2]
    await message("/rewind 3")
    assert "Rewound to just before your turn 3" in alice.last()
    assert live().rehearsal.state == before_third
    await message("What makes this matter now?")
    run = await runs.run_for_thread(app_db, "thread-alice")
    assert run is not None
    assert [t.learner for t in await runs.branch(app_db, run.id)][-1] == "What makes this matter now?"
    assert len(await runs.all_turns(app_db, run.id)) == 4


async def test_a_rewind_marks_the_replies_it_leaves_as_an_earlier_branch(alice: Chat) -> None:
    await handlers.on_chat_start()
    for text in ["What would you like from today?", "How will you know it worked?", "What matters most?"]:
        await message(text)
    replies = [step for step in alice.steps() if step["name"] == "Priya Raman"][1:]  # after the opening
    await message("/rewind 2")
    marked = {step["id"]: step["output"] for step in alice.steps()}
    assert not marked[replies[0]["id"]].startswith(branches.EARLIER)  # turn 1 is still in play
    for left in replies[1:]:
        assert marked[left["id"]] == branches.EARLIER + left["output"]
    emitted = alice.context.emitter.emit.await_args_list
    removed = {call.args[1]["forId"] for call in emitted if call.args[0] == "remove_action"}
    assert removed == {left["id"] for left in replies[1:]}
    assert "Rewound to just before your turn 2" in alice.last()  # the notice comes after, at the bottom


async def test_rewind_and_end_buttons_only_work_for_their_own_run(alice: Chat) -> None:
    await handlers.on_chat_start()
    await message("What would you like from today?")
    await handlers.on_rewind(cl.Action(name="rewind", payload={"run": "someone-else", "turn": 1}))
    assert "another session" in alice.last()
    await handlers.on_end(cl.Action(name="end", payload={"run": "someone-else"}))
    assert "another session" in alice.last()
    assert live().turns == 1
    await handlers.on_end(cl.Action(name="end", payload={"run": live().run_id}))
    assert "Session report" in alice.last()
    assert alice.context.emitter.send_element.await_count >= 1  # the Plotly timeline


def sent_actions(chat: Chat) -> list[dict[str, Any]]:
    return [call.args[1] for call in chat.context.emitter.emit.await_args_list if call.args[0] == "action"]


async def test_stay_silent_leaves_a_silence_the_client_fills(alice: Chat, app_db: Database) -> None:
    """The page cannot send an empty message: the button under every client message (the opening too) takes the
    same turn as an empty line in `rapport practice`, shown as a silence in the chat, transcript and report."""
    await handlers.on_chat_start()
    opening = [step for step in alice.steps() if step["name"] == "Priya Raman"][-1]
    [button] = [a for a in sent_actions(alice) if a["forId"] == opening["id"]]
    assert button["name"] == "silence" and "silent" in button["label"].lower()
    await message("What would you like to get out of our time today?")
    await message("Dan is taking the room from you, and that matters.")
    said_before = len(live().rehearsal.transcript)
    await handlers.on_silence(cl.Action(name="silence", payload=button["payload"] | {"run": live().run_id}))
    assert live().turns == 3
    record = live().rehearsal.records[-1]
    assert record.learner == PAUSE and record.act.kind.value == "go_on"
    assert record.coachee and len(live().rehearsal.transcript) == said_before + 2
    mine = [step for step in alice.steps() if step["type"] == "user_message"]
    assert [step["output"] for step in mine] == [SILENCE_SHOWN]
    assert alice.said()[-1] == escape(record.coachee)  # the client's reply follows the silence
    run = await runs.run_for_thread(app_db, "thread-alice")
    assert run is not None
    assert [t.learner for t in await runs.branch(app_db, run.id)][-1] == PAUSE
    await message("/end")
    assert f"| 3 | {escape(SILENCE_SHOWN)} |" in alice.last()


async def test_a_silence_can_come_first_and_the_button_checks_its_run(alice: Chat, app_db: Database) -> None:
    await handlers.on_chat_start()
    await handlers.on_silence(cl.Action(name="silence", payload={"run": "someone-else"}))
    assert "another session" in alice.last() and live().turns == 0
    await handlers.on_silence(cl.Action(name="silence", payload={"run": ""}))  # under the opening
    assert live().turns == 1 and live().rehearsal.records[0].learner == PAUSE
    assert await runs.run_for_thread(app_db, "thread-alice") is not None


async def test_end_grades_and_stores_the_report(alice: Chat, app_db: Database) -> None:
    await handlers.on_chat_start()
    await message("/end")
    assert "nothing to grade" in alice.last()
    await message("What would you like to get out of our time today?")
    await message("/end")
    run = await runs.run_for_thread(app_db, "thread-alice")
    assert run is not None and run.status == "ended"
    [grade] = await runs.grades_of(app_db, run.id)
    assert grade.report["learner"]["markdown"] == alice.last() and "disclosures" in grade.report


async def test_end_offers_the_next_session_with_the_client(alice: Chat, app_db: Database) -> None:
    await handlers.on_chat_start()
    await message("What would you like to get out of our time today?")
    await message("/end")
    run = await runs.run_for_thread(app_db, "thread-alice")
    assert run is not None
    *_, report, offer = alice.said()
    assert "Session report" in report
    assert offer == (
        f"[**Next session with Priya Raman →**](/follow-up/{run.id}) (session 2: the client will remember this one)"
    )


async def test_a_learner_reads_locked_disclosures_in_general_terms(alice: Chat, app_db: Database) -> None:
    await handlers.on_chat_start()
    await message("What would you like to get out of our time today?")
    await message("/end")
    secrets = [d.summary for d in live().persona.disclosures]
    assert "Still locked" in alice.last() and not any(secret in alice.last() for secret in secrets)
    run = await runs.run_for_thread(app_db, "thread-alice")
    assert run is not None
    [grade] = await runs.grades_of(app_db, run.id)
    assert all(escape(secret) in grade.markdown for secret in secrets)  # the instructor's view has it all


async def test_an_ended_run_takes_no_more_turns_until_rewound(alice: Chat, app_db: Database) -> None:
    await handlers.on_chat_start()
    await message("What would you like to get out of our time today?")
    await message("/end")
    await message("And how will you know it worked?")
    assert "ended" in alice.last() and "Rewind here" in alice.last() and "new chat" in alice.last()
    run = await runs.run_for_thread(app_db, "thread-alice")
    assert run is not None and run.status == "ended" and live().turns == 1
    assert len(await runs.branch(app_db, run.id)) == 1
    await message("/rewind 1")
    await message("How will you know it worked?")
    assert live().turns == 1 and not live().ended
    run = await runs.run_for_thread(app_db, "thread-alice")
    assert run is not None and run.status == "active"


async def test_a_resumed_ended_run_stays_ended(app_db: Database) -> None:
    first = Chat("alice")
    try:
        await handlers.on_chat_start()
        await message("What would you like to get out of our time today?")
        await message("/end")
    finally:
        first.close()
    again = Chat("alice")
    try:
        await handlers.on_chat_resume({"id": "thread-alice"})  # type: ignore[typeddict-item]
        await message("Anything else?")
        assert "ended" in again.last() and live().turns == 1
    finally:
        again.close()


async def test_only_instructors_can_show_trust_live(app_db: Database) -> None:
    learner = Chat("alice")
    try:
        await handlers.on_chat_start()
        await handlers.on_settings_update({"show_trust": True})
        await message("What would you like from today?")
        assert not any("trust" in said and "level" in said for said in learner.said()[-2:])
    finally:
        learner.close()
    teacher = Chat("teacher")
    try:
        await handlers.on_chat_start()
        assert teacher.got_settings()
        await handlers.on_settings_update({"show_trust": True})
        await message("What would you like from today?")
        assert "/100 · level" in teacher.last()
    finally:
        teacher.close()


async def test_the_switch_is_kept_in_the_thread_before_the_reply_shows_it(app_db: Database) -> None:
    """A server that dies just after a reply with the meter must not take the switch with it: by the time the
    meter is sent, the thread's metadata already holds it (a reopened chat, on any server, reads it there)."""
    teacher = Chat("teacher")
    kept_when_shown: list[object] = []

    async def on_send(step: dict[str, Any]) -> None:
        if "/100 · level" in (step.get("output") or ""):
            layer = get_data_layer()
            assert layer is not None
            thread = await layer.get_thread("thread-teacher")
            kept_when_shown.append(((thread or {}).get("metadata") or {}).get("chat_settings"))

    try:
        teacher.context.emitter.send_step.side_effect = on_send
        await handlers.on_chat_start()
        teacher.session.has_first_interaction = False  # nothing said yet: the thread is not stored
        await handlers.on_settings_update({"show_trust": True})
        teacher.session.has_first_interaction = True  # as Chainlit sets it before the first message
        await message("What would you like from today?")
        assert kept_when_shown == [{"show_trust": True}]
    finally:
        teacher.close()


async def test_instructors_get_a_link_to_their_gradebook_in_the_chat(app_db: Database) -> None:
    learner = Chat("alice")
    try:
        await handlers.on_chat_start()
        assert not any("/gradebook" in said for said in learner.said())
    finally:
        learner.close()
    teacher = Chat("teacher")
    try:
        await handlers.on_chat_start()
        assert any("[gradebook](/gradebook)" in said for said in teacher.said())
    finally:
        teacher.close()


async def test_resume_restores_the_run_and_refuses_another_learners(app_db: Database) -> None:
    alice = Chat("alice")
    try:
        await handlers.on_chat_start()
        await message("What would you like from today?")
        state_then = live().rehearsal.state
    finally:
        alice.close()
    again = Chat("alice")
    try:
        await handlers.on_chat_resume({"id": "thread-alice"})  # type: ignore[typeddict-item]
        assert live().rehearsal.state == state_then and live().run_id is not None
    finally:
        again.close()
    bob = Chat("bob")
    try:
        await handlers.on_chat_resume({"id": "thread-alice"})  # type: ignore[typeddict-item]
        assert live().run_id is None and live().turns == 0
    finally:
        bob.close()


async def test_a_reopened_chat_gets_its_buttons_and_chart_back(app_db: Database) -> None:
    first = Chat("alice")
    try:
        await handlers.on_chat_start()
        await message("What would you like from today?")
        await message("How will you know it worked?")
        await message("/end")
        steps = first.steps()
    finally:
        first.close()
    again = Chat("alice")
    try:
        await handlers.on_chat_resume({"id": "thread-alice", "steps": steps})  # type: ignore[typeddict-item]
        await cl.user_session.get("restoring")
        replies = [step["id"] for step in steps if step["name"] == "Priya Raman"][1:]  # after the opening
        emitted = again.context.emitter.emit.await_args_list
        sent = [call.args[1] for call in emitted if call.args[0] == "action"]
        assert sorted((a["forId"], a["name"], a["payload"].get("turn")) for a in sent) == sorted(
            [
                (replies[0], "rewind", 1),
                (replies[0], "silence", None),
                (replies[0], "end", None),
                (replies[1], "rewind", 2),
                (replies[1], "silence", None),
                (replies[1], "end", None),
            ]
        )
        report = next(step["id"] for step in steps if "Session report" in step["output"])
        charts = [call.args[0] for call in again.context.emitter.send_element.await_args_list]
        assert [(c["type"], c["forId"]) for c in charts] == [("plotly", report)]
    finally:
        again.close()


async def test_a_reopened_chat_sends_its_history_whole_after_a_saved_session(app_db: Database) -> None:
    """Chainlit saves a chat's user session into its thread's metadata when the socket closes, and on a resume
    makes the session from a shallow copy of it: the saved `replies` (turned to nulls) are shared with the
    thread it then sends to the page. Filling them with the reopened replies made that send fail."""
    first = Chat("alice")
    try:
        await handlers.on_chat_start()
        await message("What would you like from today?")
        steps = first.steps()
    finally:
        first.close()
    again = Chat("alice")
    try:
        metadata: dict[str, Any] = {"replies": {"1": None}}
        thread = {"id": "thread-alice", "steps": steps, "metadata": metadata}
        user_sessions[again.session.id] = metadata.copy()  # what Chainlit's resume_thread does
        await handlers.on_chat_resume(thread)  # type: ignore[arg-type]
        await cl.user_session.get("restoring")
        json.dumps(thread)  # what Chainlit sends to the page next
        assert metadata == {"replies": {"1": None}}
    finally:
        again.close()


async def test_a_message_before_the_resume_and_the_resume_take_up_one_run(app_db: Database) -> None:
    """A message typed while the page reconnected reaches the new server before the page's resume: it takes
    the run up; Chainlit's resume then makes the user session anew (from the thread's metadata), and the
    resume takes up the same run rather than a second copy, whose head would refuse every later turn."""
    first = Chat("alice")
    try:
        await handlers.on_chat_start()
        await message("What would you like from today?")
    finally:
        first.close()
    again = Chat("alice")
    try:
        await message("How will you know it worked?")  # before the page's resume
        taken = live()
        user_sessions[again.session.id] = {}  # Chainlit's resume_thread: the session anew from the metadata
        await handlers.on_chat_resume({"id": "thread-alice", "steps": []})  # type: ignore[typeddict-item]
        assert live() is taken
        await message("What matters most about that?")
        assert handlers.MOVED_ON not in again.said()
        run = await runs.run_for_thread(app_db, "thread-alice")
        assert run is not None
        assert [t.learner for t in await runs.branch(app_db, run.id)] == [
            "What would you like from today?",
            "How will you know it worked?",
            "What matters most about that?",
        ]
    finally:
        again.close()


async def test_a_message_waits_for_the_cut_off_turn_to_be_answered(app_db: Database) -> None:
    """Once a chat has taken up a run whose last turn a dead server cut off, its messages wait for that turn's
    answer: the page's resume answers it only after Chainlit has sent the history, and a message that came in
    between was stored below the unanswered turn, which then stayed pending for good."""
    first = Chat("alice")
    try:
        await handlers.on_chat_start()
        await message("What would you like from today?")
        run_live = live()
        await _cut_off(app_db, run_live, "How will you know it worked?")
    finally:
        first.close()
    again = Chat("alice")
    try:
        run = await runs.run_for_thread(app_db, "thread-alice")
        assert run is not None
        taken, unfinished = await handlers._take_up(run)  # what the page's resume does first
        assert unfinished is not None
        held = handlers._chat().answered  # messages are held from the take-up on, not from the finish
        assert held is not None and not held.done()
        sent = asyncio.ensure_future(message("What matters most about that?"))
        handlers._finish_cut_off_turn(taken, unfinished)  # the resume's last step
        await sent
        line = await runs.branch(app_db, run.id)
        assert [(t.learner, t.status) for t in line] == [
            ("What would you like from today?", "done"),
            ("How will you know it worked?", "done"),
            ("What matters most about that?", "done"),
        ]
    finally:
        again.close()


async def _cut_off(db: Database, run_live: LiveRun, words: str) -> None:
    """The learner's words stored, and the server dead before the voice answered them."""
    prepared = run_live.rehearsal.prepare(words)
    await runs.add_pending_turn(
        db,
        run_live.run_id or "",
        expected_head=run_live.head,
        learner=prepared.learner,
        moves=[],
        trust=prepared.state.trust,
        level=prepared.state.level,
        state=prepared.state.model_dump(mode="json"),
        prepared=prepared.model_dump(mode="json"),
    )


async def test_a_turn_cut_off_by_a_restart_is_finished_on_resume(app_db: Database) -> None:
    service = state.current().practice
    owner = Chat("alice")
    try:
        await handlers.on_chat_start()
        run_live = live()
        await message("What would you like from today?")
        # The server dies after storing the learner's words, before the voice answers:
        await _cut_off(app_db, run_live, "How will you know it worked?")
    finally:
        owner.close()
    run = await runs.run_for_thread(app_db, "thread-alice")
    assert run is not None
    resumed, unfinished = await service.resume(run)
    assert unfinished is not None and unfinished.learner == "How will you know it worked?"

    async def ignore(piece: str) -> None:
        return None

    outcome = await service.finish(resumed, unfinished, ignore)
    assert outcome.record.index == 2
    assert [t.status for t in await runs.branch(app_db, run.id)] == ["done", "done"]


@pytest_asyncio.fixture
async def model_voiced(app_db: Database, llm_stub: StubServer) -> AsyncIterator[Callable[[str], None]]:
    """Switch the app to a model voice on the stub, with the model (the stub's behaviour) given."""

    def use(model: str) -> None:
        settings = stub_settings(llm_stub.base_url, model, RAPPORT_LLM_RETRIES=0)
        state.install(state.AppState(practice=Practice(bootstrap(settings), app_db, trace_report), db=app_db))

    yield use


async def test_the_brief_shows_at_once_and_the_opening_streams(
    model_voiced: Callable[[str], None], llm_stub: StubServer
) -> None:
    model = "normal@0.3@0.02#opening"
    model_voiced(model)
    chat = Chat("alice")
    asked_when_briefed: list[int] = []

    async def sent(step: dict[str, Any]) -> None:
        if "You are coaching" in step["output"]:
            asked_when_briefed.append(llm_stub.calls(model))

    chat.context.emitter.send_step.side_effect = sent
    try:
        await handlers.on_chat_start()
        assert asked_when_briefed == [0]  # the brief went out before the model was even asked
        calls = [call[0] for call in chat.context.emitter.mock_calls]
        assert calls.count("send_token") >= 2  # the opening streamed in pieces
        assert chat.last() == escape(live().opening) and live().opening == IN_CHARACTER
    finally:
        chat.close()


async def test_an_opening_the_scripted_voice_stood_in_for_says_so(
    model_voiced: Callable[[str], None],
) -> None:
    model_voiced("empty#opening")
    chat = Chat("alice")
    try:
        await handlers.on_chat_start()
        opening, note = chat.said()[-2:]
        assert opening == escape(live().opening) and live().opening  # the scripted voice's first words
        assert note.startswith("*Note:") and "scripted reply was used" in note
    finally:
        chat.close()


async def test_offline_replies_stream_word_by_word_at_a_reading_pace(alice: Chat, app_db: Database) -> None:
    paced = Settings(_env_file=None, RAPPORT_READING_PACE=PACE)  # type: ignore[call-arg]
    state.install(state.AppState(practice=Practice(bootstrap(paced), app_db, trace_report), db=app_db))
    await handlers.on_chat_start()
    loop = asyncio.get_running_loop()
    arrived: list[tuple[float, str]] = []

    async def started(step: dict[str, Any]) -> None:  # a stream's first piece comes with its start
        arrived.append((loop.time(), step["output"]))

    async def token(**sent: Any) -> None:
        arrived.append((loop.time(), sent["token"]))

    alice.context.emitter.stream_start.side_effect = started
    alice.context.emitter.send_token.side_effect = token
    await message("What would you like to get out of our time today?")
    words = live().rehearsal.records[-1].coachee.split()
    assert len(words) >= 4
    # Not two pieces (the first word, then the rest) but a few words at a time, however the emits batch.
    assert len(arrived) >= len(words) // 2
    spread = arrived[-1][0] - arrived[0][0]
    assert spread >= 0.9 * (len(words) - 1) / PACE


async def test_a_client_who_ends_the_session_brings_up_the_report(alice: Chat, app_db: Database) -> None:
    """Trust broken twice with no repair: Priya ends the session, and the report follows without /end."""
    await handlers.on_chat_start()
    await message(
        "Between you and me, the head of HR told me last week they think you've been struggling a bit."
    )
    assert not live().ended
    await message("Honestly, the head of HR and the finance director can't stand each other. Everyone knows.")
    assert any("has ended the session" in said for said in alice.said())
    assert any("Session report" in said for said in alice.said()) and live().ended
    run = await runs.run_for_thread(app_db, "thread-alice")
    assert run is not None and run.status == "ended"
