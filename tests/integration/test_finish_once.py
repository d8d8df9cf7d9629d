"""A turn is answered once, whoever answers it: a turn cut off by a dead server is finished on resume exactly
once even when two servers (or two tabs) race to finish it; a server still answering it is waited for, not
doubled; a second tab's turn while the first is being answered is refused with a clear reason.

On PostgreSQL each "server" is a Practice on a Database of its own (its own claims' connection), as two
`rapport serve` processes are; on SQLite, which serves one process, the two tabs share one Practice."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
import pytest_asyncio

from app.bootstrap import bootstrap
from app.practice.coursework import Coursework
from app.practice.report import trace_report
from app.practice.service import AnsweredElsewhere, LiveRun, Practice, TurnOutcome
from app.store import runs
from app.store.accounts import AccountView, Role, add_account
from app.store.db import Database
from app.store.urls import is_sqlite
from tests.support.coursework import assign, shipped
from tests.support.names import unique

PERSONA = "priya-team-lead"
FIRST = "What would you like to get out of our time today?"
SECOND = "How will you know it worked?"
THIRD = "What matters most to you about that?"
WAIT = 60.0


@dataclass
class Servers:
    one: Practice
    two: Practice  # the same Practice on SQLite (one process), another process's on PostgreSQL
    owner: AccountView


@pytest_asyncio.fixture
async def servers(database_url: str) -> AsyncIterator[Servers]:
    services = bootstrap()
    first = Database(database_url)
    second = first if is_sqlite(database_url) else Database(database_url)
    owner = await add_account(first, unique("learner-"), "long enough", Role.LEARNER)
    one = Practice(services, first, trace_report)
    two = one if second is first else Practice(services, second, trace_report)
    yield Servers(one, two, owner)
    for practice in {id(one): one, id(two): two}.values():
        await practice.claims.close()
        await practice.db.dispose()


class Screen:
    """What one tab was shown while a reply streamed; optionally held up after its first piece."""

    def __init__(self, hold: bool = False) -> None:
        self.pieces: list[str] = []
        self.started = asyncio.Event()
        self.release = asyncio.Event()
        if not hold:
            self.release.set()

    async def show(self, piece: str) -> None:
        self.pieces.append(piece)
        self.started.set()
        await self.release.wait()


async def _played(servers: Servers, thread: str) -> LiveRun:
    live = await servers.one.start(PERSONA)
    await servers.one.save(live, servers.owner, thread)
    await servers.one.turn(live, FIRST, Screen().show)
    return live


async def _cut_off(servers: Servers, live: LiveRun) -> None:
    """The server dies after storing the learner's second turn, before the voice answers it."""
    assert live.run_id is not None
    prepared = live.rehearsal.prepare(SECOND)
    await runs.add_pending_turn(
        servers.one.db,
        live.run_id,
        expected_head=live.head,
        learner=prepared.learner,
        moves=[str(move) for move in prepared.signals.moves],
        trust=prepared.state.trust,
        level=prepared.state.level,
        state=prepared.state.model_dump(mode="json"),
        prepared=prepared.model_dump(mode="json"),
    )


async def _resumed(practice: Practice, run_id: str) -> tuple[LiveRun, object]:
    run = await runs.get_run(practice.db, run_id)
    assert run is not None
    live, unfinished = await practice.resume(run)
    assert unfinished is not None and unfinished.learner == SECOND
    return live, unfinished


async def test_two_servers_racing_to_finish_a_cut_off_turn_answer_it_once(servers: Servers) -> None:
    live = await _played(servers, "thread-race")
    await _cut_off(servers, live)
    assert live.run_id is not None
    (first, first_turn), (second, second_turn) = [
        await _resumed(practice, live.run_id) for practice in (servers.one, servers.two)
    ]
    screens = Screen(), Screen()
    outcomes: list[TurnOutcome] = await asyncio.gather(
        servers.one.finish(first, first_turn, screens[0].show),  # type: ignore[arg-type]
        servers.two.finish(second, second_turn, screens[1].show),  # type: ignore[arg-type]
    )
    # One voiced it (and streamed it); the other took that answer from the store, streaming nothing.
    assert sorted(outcome.stored for outcome in outcomes) == [False, True]
    assert [bool(screen.pieces) for screen in screens] == [not o.stored for o in outcomes]
    assert outcomes[0].record == outcomes[1].record
    line = await runs.branch(servers.one.db, live.run_id)
    assert [(t.learner, t.status) for t in line] == [(FIRST, "done"), (SECOND, "done")]
    assert line[1].coachee == outcomes[0].record.coachee
    # Both chats go on from the same place.
    assert first.rehearsal.records == second.rehearsal.records and first.turns == 2


async def test_a_server_still_answering_is_waited_for_not_doubled(servers: Servers) -> None:
    live = await _played(servers, "thread-slow")
    assert live.run_id is not None
    answering = Screen(hold=True)
    # Server one is answering turn 2 (its reply half streamed) when the learner's tab reaches server two.
    slow = asyncio.create_task(servers.one.turn(live, SECOND, answering.show))
    async with asyncio.timeout(WAIT):
        await answering.started.wait()
    other, unfinished = await _resumed(servers.two, live.run_id)
    elsewhere = Screen()
    waiting = asyncio.create_task(servers.two.finish(other, unfinished, elsewhere.show))  # type: ignore[arg-type]
    answering.release.set()
    async with asyncio.timeout(WAIT):
        answered, taken = await slow, await waiting
    assert not answered.stored and taken.stored and taken.record == answered.record
    assert elsewhere.pieces == []  # never voiced a second time
    line = await runs.branch(servers.one.db, live.run_id)
    assert [t.status for t in line] == ["done", "done"]


async def test_a_finish_that_waits_too_long_says_so_and_stores_nothing(servers: Servers) -> None:
    live = await _played(servers, "thread-stuck")
    assert live.run_id is not None
    answering = Screen(hold=True)
    slow = asyncio.create_task(servers.one.turn(live, SECOND, answering.show))
    async with asyncio.timeout(WAIT):
        await answering.started.wait()
    other, unfinished = await _resumed(servers.two, live.run_id)
    with pytest.raises(AnsweredElsewhere):
        await servers.two.finish(other, unfinished, Screen().show, wait=0.3)  # type: ignore[arg-type]
    assert [t.status for t in await runs.branch(servers.one.db, live.run_id)] == ["done", "pending"]
    answering.release.set()
    async with asyncio.timeout(WAIT):
        await slow
    assert [t.status for t in await runs.branch(servers.one.db, live.run_id)] == ["done", "done"]


async def test_a_second_tab_is_told_while_the_first_is_answered_and_after(servers: Servers) -> None:
    live = await _played(servers, "thread-tabs")
    assert live.run_id is not None
    run = await runs.get_run(servers.two.db, live.run_id)
    assert run is not None
    other, _ = await servers.two.resume(run)  # the same chat open in a second tab (on another server)
    answering = Screen(hold=True)
    slow = asyncio.create_task(servers.one.turn(live, SECOND, answering.show))
    async with asyncio.timeout(WAIT):
        await answering.started.wait()
    with pytest.raises(AnsweredElsewhere):
        await servers.two.turn(other, "Something else entirely?", Screen().show)
    answering.release.set()
    async with asyncio.timeout(WAIT):
        await slow
    # Afterwards the second tab is behind: the optimistic check refuses its turn.
    with pytest.raises(runs.StoreConflict):
        await servers.two.turn(other, "Something else entirely?", Screen().show)
    line = await runs.branch(servers.one.db, live.run_id)
    assert [t.learner for t in line] == [FIRST, SECOND]  # nothing of the second tab's was stored


# --- every change a stale tab makes is refused ------------------------------------------------------------


async def _two_tabs(servers: Servers, thread: str) -> tuple[LiveRun, LiveRun]:
    """A run played to two turns in one tab; the second tab (another server on PostgreSQL) opened it after
    turn 1 and has not seen turn 2."""
    live = await _played(servers, thread)
    assert live.run_id is not None
    run = await runs.get_run(servers.two.db, live.run_id)
    assert run is not None
    stale, _ = await servers.two.resume(run)
    await servers.one.turn(live, SECOND, Screen().show)
    return live, stale


async def test_a_stale_tab_cannot_rewind_grade_or_talk_over_the_run(servers: Servers) -> None:
    live, stale = await _two_tabs(servers, "thread-stale")
    assert live.run_id is not None
    with pytest.raises(runs.StoreConflict):
        await servers.two.rewind(stale, 1)
    with pytest.raises(runs.StoreConflict):
        await servers.two.end(stale)
    run = await runs.get_run(servers.one.db, live.run_id)
    assert run is not None and run.status == "active" and run.head_turn_id == live.head
    assert await runs.grades_of(servers.one.db, live.run_id) == []
    # The up-to-date tab grades; a tab that still shows the run open cannot add a turn to the graded run.
    await servers.one.end(live)
    run = await runs.get_run(servers.two.db, live.run_id)
    assert run is not None
    behind, _ = await servers.two.resume(run)
    behind.ended = False  # what a tab that opened it before the grade still believes
    with pytest.raises(runs.StoreConflict):
        await servers.two.turn(behind, THIRD, Screen().show)
    assert [t.learner for t in await runs.branch(servers.one.db, live.run_id)] == [FIRST, SECOND]


async def test_a_submitted_attempt_is_not_reopened_by_a_rewind_from_another_tab(servers: Servers) -> None:
    teacher = await add_account(servers.one.db, unique("teacher-"), "long enough", Role.INSTRUCTOR)
    learner = await add_account(
        servers.one.db, unique("pupil-"), "long enough", Role.LEARNER, instructor=teacher.name
    )
    assignment = await assign(servers.one.db, teacher.name, learners=[learner.name], catalog=shipped())
    work = Coursework(servers.one)
    chat, _ = await work.open(learner, assignment.id)
    await work.begin(chat, learner, "thread-attempt")
    await servers.one.turn(chat.live, FIRST, Screen().show)
    assert chat.live.run_id is not None
    run = await runs.get_run(servers.two.db, chat.live.run_id)
    assert run is not None
    other, _ = await servers.two.resume(run)  # a second tab, open before the attempt was submitted
    await work.submit(chat)
    with pytest.raises(ValueError, match="submitted"):
        await servers.two.rewind(other, 1)
    run = await runs.get_run(servers.one.db, chat.live.run_id)
    assert run is not None and run.status == "ended"
