"""A practice run kept in the store turn by turn: the learner's words are saved before any voice is asked,
the reply after; rewind moves the run's head back (the old branch stays); ending grades the branch in play.

The UI holds a `LiveRun` per chat and calls these functions; everything here works without a UI."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from app.bootstrap import Services
from app.domain.persona import Persona
from app.domain.turns import PreparedTurn, TurnRecord
from app.practice import follow_up
from app.practice.inputs import clean_message
from app.practice.report import Grader, Report
from app.session import Rehearsal
from app.store import runs
from app.store.accounts import AccountView
from app.store.claims import RunClaims
from app.store.db import Database
from app.store.schema import RunStatus, TurnStatus
from app.voice.reply import Reply, Show, unshown


@dataclass
class LiveRun:
    """One chat's run in memory. `run_id` is None until the first message: nothing to keep before it."""

    rehearsal: Rehearsal
    opening: str
    run_id: str | None = None
    head: int | None = None  # the store's head turn: new turns hang below it
    ended: bool = False  # graded: no more turns until a rewind reopens it
    follows_run_id: str | None = None  # a follow-up session: the run it follows
    session: int = 1  # which session with this client
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)  # one turn at a time, even with two tabs

    @property
    def persona(self) -> Persona:
        return self.rehearsal.persona

    @property
    def turns(self) -> int:
        return len(self.rehearsal.records)


class RunEnded(Exception):
    """A turn sent to a run that has ended: rewind it or start a new chat."""


class AnsweredElsewhere(runs.StoreConflict):
    """Another chat (this server's or another's) is answering a turn of this run right now."""


# How long a resumed chat waits for another process to finish answering a turn it is answering, before
# telling the learner to reload: longer than a model reply may take (the voice's deadline, plus grace).
FINISH_WAIT = 120.0
FINISH_POLL = 0.2  # seconds between looks at the store while waiting


@dataclass(frozen=True)
class TurnOutcome:
    record: TurnRecord
    replaced: bool  # the words streamed were withdrawn (a stand-in voice spoke): show `record.coachee`
    stored: bool = False  # answered by another chat (or server) meanwhile: nothing was streamed here


def run_fields(live: LiveRun, owner: AccountView, thread_id: str | None) -> runs.RunFields:
    """The stored run of a live one."""
    return runs.RunFields(
        account_id=owner.id,
        thread_id=thread_id,
        persona_id=live.persona.id,
        persona_name=live.persona.name,
        seed=live.rehearsal.seed,
        opening=live.opening,
        follows_run_id=live.follows_run_id,
        session=live.session,
        # A follow-up's carried-over first state, so that a resume or a rewind to turn 1 starts from it.
        start_state=live.rehearsal.states[0] if live.follows_run_id else None,
    )


class Practice:
    def __init__(self, services: Services, db: Database, grader: Grader) -> None:
        self.services = services
        self.db = db
        self.grader = grader
        self.claims = RunClaims(db)

    def personas(self) -> list[Persona]:
        return sorted(self.services.catalog.personas.values(), key=lambda persona: persona.name)

    async def start(self, persona_id: str) -> LiveRun:
        """A fresh run with the client's first words; stored once the learner says something."""
        return await self.start_with(self.services.catalog.persona(persona_id))

    async def start_with(self, persona: Persona) -> LiveRun:
        """`start` with a persona given as a model (an assignment's pinned copy rather than the file)."""
        live = self.begin(persona)
        await self.open(live, unshown)
        return live

    def begin(self, persona: Persona) -> LiveRun:
        """A fresh run whose client has not spoken yet: the brief can be shown while `open` voices them."""
        return LiveRun(rehearsal=self.services.rehearsal(persona), opening="")

    async def follow_up_begin(self, run_id: str, owner: AccountView) -> LiveRun:
        """The next session with the client of `owner`'s ended run `run_id` (FollowUpRefused for any other run):
        the client remembers what was agreed and disclosed, and trust starts where the last session left it.
        Like `begin`, the client has not spoken yet."""
        last = await follow_up.followable(self.db, run_id, owner)
        persona = self.services.catalog.persona(last.persona_id)
        start = await follow_up.follow_up_start(self.db, last, persona)
        return LiveRun(
            rehearsal=self.services.rehearsal(persona, start=start),
            opening="",
            follows_run_id=last.id,
            session=last.session + 1,
        )

    async def follow_up(self, run_id: str, owner: AccountView) -> LiveRun:
        """`follow_up_begin`, with the client's first words (about last time)."""
        live = await self.follow_up_begin(run_id, owner)
        await self.open(live, unshown)
        return live

    async def open(self, live: LiveRun, show: Show) -> Reply:
        """The client's first words, streamed to `show` (with a model voice they take a model call: awaited,
        never blocking the server). The reply says when a stand-in voice spoke them, and why."""
        async with live.lock:  # a message typed meanwhile waits for the client's first words
            reply = await live.rehearsal.stream_opening_reply(show)
            live.opening = reply.text
            return reply

    async def save(self, live: LiveRun, owner: AccountView, thread_id: str | None) -> str:
        if live.run_id is None:
            run = await runs.create_run(self.db, **run_fields(live, owner, thread_id))
            live.run_id = run.id
        return live.run_id

    async def turn(self, live: LiveRun, text: str, show: Show) -> TurnOutcome:
        """One learner turn. Raises BadInput (nothing stored) for a message that cannot be used."""
        learner = clean_message(text)
        if live.run_id is None:
            raise RuntimeError("save the run before its first turn")
        async with live.lock:
            if live.ended:
                raise RunEnded(live.run_id)
            # Claimed from before the words are stored until the reply is: nobody else answers this turn.
            async with self.claims.holding(live.run_id) as claimed:
                if not claimed:
                    raise AnsweredElsewhere(live.run_id)
                prepared = live.rehearsal.prepare(learner)
                pending = await runs.add_pending_turn(
                    self.db,
                    live.run_id,
                    expected_head=live.head,
                    learner=learner,
                    moves=[str(move) for move in prepared.signals.moves],
                    trust=prepared.state.trust,
                    level=prepared.state.level,
                    state=prepared.state,
                    prepared=prepared,
                )
                live.head = pending.id
                return await self._voice(live, prepared, pending.id, show)

    async def _voice(self, live: LiveRun, prepared: PreparedTurn, turn_id: int, show: Show) -> TurnOutcome:
        record, reply = await live.rehearsal.stream_prepared(prepared, show)
        await runs.complete_turn(self.db, turn_id, record.coachee, record)
        return TurnOutcome(record=record, replaced=reply.replaced)

    async def _answered(self, live: LiveRun, turn_id: int) -> TurnOutcome | None:
        """The turn as another chat answered it, taken into the run in play; None while it is still pending."""
        stored = await runs.get_turn(self.db, turn_id)
        if stored is None or stored.status is not TurnStatus.DONE or stored.record is None:
            return None
        _replay(live.rehearsal, stored)
        return TurnOutcome(record=live.rehearsal.records[-1], replaced=False, stored=True)

    async def rewind(self, live: LiveRun, position: int) -> None:
        """Back to just before learner turn `position`, the engine state exactly as it was then."""
        async with live.lock:
            if not 1 <= position <= live.turns:
                raise ValueError(f"there is no turn {position} to go back to (this branch has {live.turns})")
            if live.run_id is not None:
                live.head = await runs.rewind(self.db, live.run_id, position, expected_head=live.head)
            live.rehearsal.rewind(position)
            live.ended = False

    async def end(self, live: LiveRun, grader: Grader | None = None) -> Report:
        """Grade the branch in play (with `grader`, e.g. an assignment's pinned rubric, or the app's)."""
        async with live.lock:
            records = list(live.rehearsal.records)
            report = (grader or self.grader)(live.persona, records, live.rehearsal.as_transcript())
            if live.run_id is not None:
                await runs.add_grade(
                    self.db,
                    live.run_id,
                    head_turn_id=live.head,
                    result=report.result,
                    report=report.data,
                    markdown=report.markdown,
                    check_head=True,
                )
            live.ended = True
            return report

    async def resume(
        self, run: runs.RunInfo, persona: Persona | None = None
    ) -> tuple[LiveRun, PreparedTurn | None]:
        """The run as it was, from the store (with `persona` when given: an assignment's pinned copy). A turn
        cut off by a restart comes back as the prepared turn to voice (`finish`); its learner words were kept."""
        persona = persona or self.services.catalog.persona(run.persona_id)
        rehearsal = self.services.rehearsal(persona, seed=run.seed, start=follow_up.first_state(run, persona))
        rehearsal.restore_opening(run.opening)
        line = await runs.branch(self.db, run.id)
        unfinished = None
        for stored in line:
            if stored.status is TurnStatus.PENDING or stored.record is None:
                unfinished = stored.prepared
                break
            _replay(rehearsal, stored)
        live = LiveRun(
            rehearsal=rehearsal,
            opening=run.opening,
            run_id=run.id,
            head=run.head_turn_id,
            ended=run.status is RunStatus.ENDED,
            follows_run_id=run.follows_run_id,
            session=run.session,
        )
        return live, unfinished

    async def finish(
        self, live: LiveRun, prepared: PreparedTurn, show: Show, wait: float = FINISH_WAIT
    ) -> TurnOutcome:
        """Answer the turn a restart cut off (the run's head, pending), once: voiced here when no other chat
        or server is answering it; otherwise that answer, once stored, taken as it is (`stored`). Raises
        AnsweredElsewhere when the other one has not answered within `wait` seconds."""
        turn_id = live.head
        if turn_id is None or live.run_id is None:
            raise RuntimeError("nothing to finish")
        async with live.lock:
            deadline = asyncio.get_running_loop().time() + wait
            while True:
                async with self.claims.holding(live.run_id) as claimed:
                    # Read under the claim: an answer stored just before it was taken is not voiced again.
                    if (answered := await self._answered(live, turn_id)) is not None:
                        return answered
                    if claimed:
                        return await self._voice(live, prepared, turn_id, show)
                if asyncio.get_running_loop().time() > deadline:
                    raise AnsweredElsewhere(live.run_id)
                await asyncio.sleep(FINISH_POLL)  # the other process's reply: it is in the store, not here


def _replay(rehearsal: Rehearsal, stored: runs.StoredTurn) -> None:
    assert stored.record is not None
    rehearsal.replay(stored.record, stored.state)
