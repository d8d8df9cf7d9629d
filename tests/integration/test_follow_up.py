"""Second sessions through the practice service, on SQLite and PostgreSQL: practise, end, follow up. The client
opens by referring to last time, trust starts between where it usually starts and where the last session ended,
the agreements and disclosures are remembered, and what stayed locked is still locked and out of the model's
prompt. Only the learner's own ended runs can be followed up."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from app.bootstrap import bootstrap
from app.domain.turns import TurnRecord
from app.grade.report import disclosures, timeline
from app.practice.follow_up import FollowUpRefused, session_note
from app.practice.report import trace_report
from app.practice.service import LiveRun, Practice
from app.store import runs
from app.store.accounts import AccountView, Role, add_account
from app.store.db import Database
from app.ui import follow_up as chat
from app.ui.state import AppState, install
from app.voice.prompt import system_prompt
from app.voice.reply import unshown
from tests.support.names import unique

PERSONA = "priya-team-lead"
SESSION = (
    "Before we start: what you say here stays between us, and I'm not reporting to anyone.",
    "What would you like to get out of our time today?",
    "How will you know it worked?",
    "How would you like us to work together?",
    "So it sounds like Dan's behaviour in meetings has left you feeling undermined.",
    "That sounds really hard. What matters most to you about it?",
    "What's that like for you?",
)


@pytest_asyncio.fixture
async def practice(db: Database) -> AsyncIterator[Practice]:
    served = Practice(bootstrap(), db, trace_report)
    yield served
    await served.claims.close()


async def learner(db: Database, name: str) -> AccountView:
    return await add_account(db, unique(f"{name}-"), "long enough", Role.LEARNER)


async def practised(practice: Practice, owner: AccountView, end: bool = True) -> LiveRun:
    live = await practice.start(PERSONA)
    await practice.save(live, owner, None)
    for line in SESSION:
        await practice.turn(live, line, unshown)
    if end:
        await practice.end(live)
    return live


async def test_the_next_session_remembers_the_last(practice: Practice) -> None:
    owner = await learner(practice.db, "ana")
    first = await practised(practice, owner)
    assert first.run_id is not None
    last = first.rehearsal.state
    persona = first.persona
    assert last.disclosed and last.contract.goal  # something to remember

    follow = await practice.follow_up(first.run_id, owner)
    start = follow.rehearsal.state
    # The client refers to last time, in the first words.
    assert follow.opening.startswith("Hello again.") and "Last time we agreed" in follow.opening
    # Trust starts between the usual start and where the last session ended; each effect has a cause at turn 0.
    assert persona.difficulty.initial_trust < start.trust < last.trust
    assert start.level < max(state.level for state in first.rehearsal.states)
    assert any(change.cause == "follow_up" and change.turn == 0 for change in start.changes)
    # The agreements and disclosures are remembered; what stayed locked is still locked.
    assert start.contract == last.contract == start.carried
    assert start.disclosed == last.disclosed
    locked = [d for d in persona.disclosures if d.id not in last.disclosed]
    assert locked and not set(start.disclosed) & {d.id for d in locked}

    # The model voice is told about last time, and nothing still locked.
    await practice.save(follow, owner, None)
    prepared = follow.rehearsal.prepare("Last time we agreed a plan for Dan. How has it gone since?")
    prompt = system_prompt(prepared.request)
    assert "From your last session together:" in prompt
    assert "Last time you agreed what you want from the sessions" in prompt
    assert all(persona.disclosure(d).summary in prompt for d in last.disclosed)
    for disclosure in locked:
        if disclosure.id != prepared.act.disclosure:
            assert disclosure.text not in prompt and disclosure.summary not in prompt

    # Stored per learner: the run says which run it follows, and resumes from its carried-over start.
    assert follow.run_id is not None
    stored = await runs.get_run(practice.db, follow.run_id)
    assert stored is not None and stored.follows_run_id == first.run_id and stored.session == 2
    assert session_note(stored) == f"Session 2 with Priya Raman, following run {first.run_id[:8]}."
    resumed, _ = await practice.resume(stored)
    assert resumed.rehearsal.state == start and resumed.follows_run_id == first.run_id


async def test_a_name_the_client_said_last_time_is_not_inside_knowledge_next_time(practice: Practice) -> None:
    """Asked who Dan is, Priya says "Dan Whitlock": next session the coach may call him Whitlock, and the run
    resumed from the store remembers it; a name she never said is still taken for reading her file."""
    owner = await learner(practice.db, "ivo")
    live = await practice.start(PERSONA)
    await practice.save(live, owner, None)
    for line in (*SESSION[:2], "Who is Dan, exactly?"):
        await practice.turn(live, line, unshown)
    assert "Whitlock" in live.rehearsal.transcript[-1].text
    await practice.end(live)
    assert live.run_id is not None
    follow = await practice.follow_up(live.run_id, owner)
    assert "whitlock" in follow.rehearsal.state.carried_names
    await practice.save(follow, owner, None)
    assert not follow.rehearsal.prepare("Has Whitlock been any easier since?").signals.knows_unsaid
    assert follow.rehearsal.prepare("Have you heard back from Hallam?").signals.knows_unsaid
    assert follow.run_id is not None
    stored = await runs.get_run(practice.db, follow.run_id)
    assert stored is not None
    resumed, _ = await practice.resume(stored)
    assert "whitlock" in resumed.rehearsal.state.carried_names


async def test_checking_in_on_last_time_earns_trust_in_the_follow_up(practice: Practice) -> None:
    owner = await learner(practice.db, "ben")
    first = await practised(practice, owner)
    assert first.run_id is not None
    follow = await practice.follow_up(first.run_id, owner)
    await practice.save(follow, owner, None)
    outcome = await practice.turn(follow, "What would you like to get out of our time today?", unshown)
    check_in = [change for change in outcome.record.changes if change.cause == "check_in"]
    assert check_in and check_in[0].delta > 0


async def test_a_third_session_follows_the_second(practice: Practice) -> None:
    owner = await learner(practice.db, "cy")
    first = await practised(practice, owner)
    assert first.run_id is not None
    second = await practice.follow_up(first.run_id, owner)
    await practice.save(second, owner, None)
    await practice.turn(second, "What would you like to get out of our time today?", unshown)
    await practice.end(second)
    assert second.run_id is not None
    third = await practice.follow_up(second.run_id, owner)
    assert third.session == 3 and third.follows_run_id == second.run_id


async def test_only_the_learners_own_ended_runs_can_be_followed_up(practice: Practice) -> None:
    owner = await learner(practice.db, "dee")
    other = await learner(practice.db, "eve")
    ended = await practised(practice, owner)
    active = await practised(practice, owner, end=False)
    assert ended.run_id is not None and active.run_id is not None
    before = await runs.runs_of(practice.db, [owner.id, other.id])
    with pytest.raises(FollowUpRefused, match=f"there is no run '{ended.run_id}' of yours to follow up"):
        await practice.follow_up(ended.run_id, other)
    with pytest.raises(FollowUpRefused, match="there is no run 'no-such-run' of yours"):
        await practice.follow_up("no-such-run", owner)
    with pytest.raises(
        FollowUpRefused, match="with Priya Raman has not ended: end it before the next session"
    ):
        await practice.follow_up(active.run_id, owner)
    # Nothing was stored or changed by the refusals.
    assert await runs.runs_of(practice.db, [owner.id, other.id]) == before


async def test_a_chat_follows_up_only_the_learners_own_run_with_that_client(practice: Practice) -> None:
    owner = await learner(practice.db, "fay")
    other = await learner(practice.db, "gus")
    first = await practised(practice, owner)
    cookie = f"{chat.COOKIE}={first.run_id}"
    install(AppState(practice=practice, db=practice.db))
    try:
        live = await chat.begin(owner, PERSONA, cookie)
        assert live is not None and live.follows_run_id == first.run_id and live.session == 2
        assert "**Session 2 with Priya Raman**, following run" in chat.header(live)
        assert await chat.begin(other, PERSONA, cookie) is None  # another learner's run: a first session
        assert await chat.begin(owner, "marcus-engineer", cookie) is None  # a chat with another client
        assert await chat.begin(owner, PERSONA, None) is None
    finally:
        install(None)


async def test_the_reports_trust_timeline_starts_where_the_follow_up_did(practice: Practice) -> None:
    owner = await learner(practice.db, "hal")
    first = await practised(practice, owner)
    assert first.run_id is not None
    follow = await practice.follow_up(first.run_id, owner)
    await practice.save(follow, owner, None)
    await practice.turn(follow, "What would you like to get out of our time today?", unshown)
    start = follow.rehearsal.states[0]
    points = timeline(follow.persona, follow.rehearsal.records, [None])
    assert points[0].trust == start.trust > follow.persona.difficulty.initial_trust
    assert any("session 2: picks up from last time" in cause.reason for cause in points[0].causes)
    assert follow.run_id is not None
    [stored] = await runs.branch(practice.db, follow.run_id)
    assert TurnRecord.model_validate(stored.record).start == start  # kept with the turn, for a later report
    assert first.rehearsal.records[0].start is None  # a first session starts afresh
    # What the client told last time is neither reached in this session nor "still locked" in its reports.
    told = set(first.rehearsal.state.disclosed)
    report = await practice.end(follow)
    assert told and not told & {d["id"] for d in report.data["disclosures"]["locked"]}
    reached, locked, _ = disclosures(follow.persona, follow.rehearsal.records)
    assert locked and not told & {d.id for d in [*reached, *locked]}
