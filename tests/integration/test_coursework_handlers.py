"""Assignments in the chat, through the Chainlit handlers on a real temporary database: a learner sees only
their own assignments, an attempt runs on the pinned persona and is graded with the pinned rubric and the
assignment's pass mark, attempts and due dates are enforced, a submitted attempt takes no more turns."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import chainlit as cl
import pytest_asyncio

import tests.integration.test_ui_handlers as ui
from app.files.catalog import Catalog
from app.store import attempts, runs
from app.store.assignments import AssignmentView
from app.store.db import Database
from app.store.schema import utcnow
from app.ui import app as handlers
from app.ui import coursework, state
from tests.integration.test_ui_handlers import Chat, live, message
from tests.support.coursework import assign, shipped

app_db = ui.app_db  # the same fixture: a fresh database with teacher, alice (teacher's) and bob
with_accounts = ui.with_accounts
OPENING_TURNS = ["What would you like to get out of our time today?", "How will you know it went well?"]


def pinned_catalog() -> Catalog:
    """The shipped catalog with a rubric title only the pinned copy has."""
    rubric = shipped().rubric("icf-trust-agreements").model_copy(update={"title": "Pinned rubric"})
    return Catalog(personas=shipped().personas, rubrics={rubric.id: rubric})


@pytest_asyncio.fixture
async def homework(app_db: Database) -> AssignmentView:
    return await assign(
        app_db,
        "teacher",
        learners=["alice"],
        attempts=2,
        pass_mark=12.5,
        due=utcnow() + timedelta(days=7),
        instructions="Agree the goal before anything else.",
        catalog=pinned_catalog(),
    )


@pytest_asyncio.fixture
async def alice_on(homework: AssignmentView) -> AsyncIterator[Chat]:
    chat = Chat("alice", profile=coursework.profile_name(homework.id))
    yield chat
    chat.close()


async def attempt_once() -> None:
    await handlers.on_chat_start()
    for text in OPENING_TURNS:
        await message(text)
    await message("/end")


async def test_learners_see_only_their_own_assignments_as_profiles(homework: AssignmentView) -> None:
    [mine] = await coursework.profiles(cl.User(identifier="alice"))
    assert (
        mine.name == f"assignment:{homework.id}" and mine.display_name == "Assignment: Contracting with Priya"
    )
    assert "0 of 2 attempts used" in mine.markdown_description
    assert await coursework.profiles(cl.User(identifier="bob")) == []
    assert await coursework.profiles(cl.User(identifier="teacher")) == []
    everything = await handlers.profiles(cl.User(identifier="alice"))
    assert {"Priya Raman", f"assignment:{homework.id}"} <= {p.name for p in everything}


async def test_the_brief_shows_the_terms_and_the_pinned_persona(
    alice_on: Chat, homework: AssignmentView
) -> None:
    original = shipped().persona("priya-team-lead")
    # The persona file is edited after the assignment was set: the attempt still uses the pinned copy.
    services = state.current().practice.services
    services.catalog.personas[original.id] = original.model_copy(update={"brief": "EDITED BRIEF"})
    await handlers.on_chat_start()
    brief, opening = alice_on.said()
    assert "Assignment: Contracting with Priya" in brief and "Agree the goal before anything else" in brief
    assert "Attempt 1 of 2" in brief and "pass mark 12\\.5" in brief and "due 20" in brief
    assert "EDITED BRIEF" not in brief and live().persona == original
    assert opening


async def test_an_attempt_is_graded_with_the_pinned_rubric_and_the_pass_mark(
    alice_on: Chat, app_db: Database, homework: AssignmentView
) -> None:
    await attempt_once()
    report = alice_on.last()
    assert report.startswith("**Attempt 1 of 2 submitted.** 1 attempt left.")
    [profile] = await coursework.profiles(cl.User(identifier="alice"))
    assert "1 of 2 attempts used" in profile.markdown_description and "best " in profile.markdown_description
    run = await runs.run_for_thread(app_db, "thread-alice")
    assert run is not None
    [grade] = await runs.grades_of(app_db, run.id)
    assert grade.report["rubric_title"] == "Pinned rubric" and grade.report["pass_mark"] == 12.5
    [made] = await attempts.attempts_at(app_db, homework.id)
    assert made.run_id == run.id and made.submitted_at is not None and not made.late
    assert (made.score, made.passed) == (grade.report["score"], grade.report["passed"])


async def test_a_submitted_attempt_takes_no_more_turns_rewinds_or_grades(
    alice_on: Chat, app_db: Database, homework: AssignmentView
) -> None:
    await attempt_once()
    run = await runs.run_for_thread(app_db, "thread-alice")
    assert run is not None
    for command in ["Can I ask one more thing?", "/rewind 1", "/end"]:
        await message(command)
        assert "has been submitted" in alice_on.last()
    await handlers.on_rewind(cl.Action(name="rewind", payload={"run": run.id, "turn": 1}))
    assert "has been submitted" in alice_on.last()
    assert len(await runs.all_turns(app_db, run.id)) == len(OPENING_TURNS)
    assert len(await runs.grades_of(app_db, run.id)) == 1


async def test_attempts_run_out(app_db: Database) -> None:
    once = await assign(app_db, "teacher", learners=["alice"], attempts=1)
    first = Chat("alice", profile=coursework.profile_name(once.id))
    try:
        await attempt_once()
        assert "No attempts left." in first.last()
    finally:
        first.close()
    second = Chat("alice", profile=coursework.profile_name(once.id))
    try:
        await handlers.on_chat_start()
        assert second.said() == ["You have used all 1 attempt at this assignment\\."]
        await message("Hello?")
        # This test chat keeps the thread of the submitted attempt, which the message finds in the store.
        assert "has been submitted" in second.last()
    finally:
        second.close()
    assert len(await attempts.attempts_at(app_db, once.id)) == 1


async def test_another_learner_cannot_open_an_assignment_by_its_id(
    app_db: Database, homework: AssignmentView
) -> None:
    for name in ("bob", "teacher"):
        chat = Chat(name, profile=coursework.profile_name(homework.id))
        try:
            await handlers.on_chat_start()
            assert chat.said() == ["This assignment is not set for you\\."]
            await message("What would you like from today?")
        finally:
            chat.close()
    assert await attempts.attempts_at(app_db, homework.id) == []


async def test_a_late_attempt_is_marked_late(app_db: Database) -> None:
    overdue = await assign(app_db, "teacher", learners=["alice"], due=utcnow() - timedelta(hours=1))
    chat = Chat("alice", profile=coursework.profile_name(overdue.id))
    try:
        await handlers.on_chat_start()
        assert "\\(now late\\)" in chat.said()[0]
        for text in OPENING_TURNS:
            await message(text)
        await message("/end")
        assert chat.last().startswith("**Attempt 1 of 1 submitted late.**")
    finally:
        chat.close()
    [made] = await attempts.attempts_at(app_db, overdue.id)
    assert made.late


async def test_no_late_attempt_when_the_assignment_takes_none(app_db: Database) -> None:
    closed = await assign(
        app_db, "teacher", learners=["alice"], due=utcnow() - timedelta(hours=1), late_allowed=False
    )
    chat = Chat("alice", profile=coursework.profile_name(closed.id))
    try:
        await handlers.on_chat_start()
        assert "does not accept late attempts" in chat.last()
    finally:
        chat.close()


async def test_an_attempt_resumes_on_its_pinned_persona_and_stays_submitted(
    alice_on: Chat, app_db: Database, homework: AssignmentView
) -> None:
    await handlers.on_chat_start()
    await message(OPENING_TURNS[0])
    original = live().persona
    services = state.current().practice.services
    services.catalog.personas[original.id] = original.model_copy(update={"name": "Someone Else"})
    again = Chat("alice", profile=coursework.profile_name(homework.id))
    try:
        await handlers.on_chat_resume(_thread("thread-alice"))
        assert live().persona == original and live().turns == 1
        await message("/end")
        assert "Attempt 1 of 2 submitted" in again.last()
    finally:
        again.close()
    third = Chat("alice", profile=coursework.profile_name(homework.id))
    try:
        await handlers.on_chat_resume(_thread("thread-alice"))
        await message("One more thing?")
        assert "has been submitted" in third.last()
    finally:
        third.close()


def _thread(thread_id: str) -> Any:
    return {"id": thread_id}
