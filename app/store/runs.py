"""Practice runs, their turns (a tree: rewind starts a new branch, the old one stays) and their grades."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NotRequired, TypedDict, Unpack

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.domain.trust_state import TrustState
from app.domain.turns import PreparedTurn, TurnRecord
from app.store.columns import from_row
from app.store.db import Database
from app.store.schema import Account, AttemptRow, GradeRow, Run, RunStatus, TurnRow, TurnStatus, utcnow

# Each record is made from its row by `from_row`: a field named like a column is filled from it, so a new
# column reaches the record by adding a field here.


@dataclass(frozen=True)
class RunInfo:
    id: str
    account_id: int
    owner: str
    owner_instructor_id: int | None
    thread_id: str | None
    persona_id: str
    persona_name: str
    seed: int
    opening: str
    head_turn_id: int | None
    status: RunStatus
    created_at: datetime
    ended_at: datetime | None
    follows_run_id: str | None = None  # a follow-up session: the run it follows
    session: int = 1  # which session with this client it is
    start_state: TrustState | None = None  # a follow-up's first engine state (carried over)


@dataclass(frozen=True)
class StoredTurn:
    id: int
    parent_id: int | None
    position: int
    status: TurnStatus
    learner: str
    moves: list[str]
    trust: float
    level: int
    state: TrustState
    prepared: PreparedTurn
    record: TurnRecord | None
    coachee: str | None


@dataclass(frozen=True)
class StoredGrade:
    id: int
    run_id: str
    head_turn_id: int | None
    result: str
    report: dict[str, Any]
    markdown: str
    created_at: datetime


class StoreConflict(RuntimeError):
    """The run changed underneath the caller (another tab moved on): reload and try again."""


class _Unchecked:
    """No optimistic check asked for (a caller that seeds data, not a chat)."""


UNCHECKED = _Unchecked()


def _check_head(run: Run, expected: int | _Unchecked | None) -> None:
    # Every change a chat makes to a run names the head its tab saw: a tab that fell behind (another tab, on
    # this server or another, moved the run on) is refused instead of writing from a stale picture.
    if not isinstance(expected, _Unchecked) and run.head_turn_id != expected:
        raise StoreConflict(f"run {run.id} moved on")


def _run(row: Run, owner: str, instructor_id: int | None) -> RunInfo:
    return from_row(RunInfo, row, owner=owner, owner_instructor_id=instructor_id)


def _turn(row: TurnRow) -> StoredTurn:
    return from_row(StoredTurn, row, moves=list(row.moves))


def _grade(row: GradeRow) -> StoredGrade:
    return from_row(StoredGrade, row, report=dict(row.report))


_RUN_WITH_OWNER = select(Run, Account.name, Account.instructor_id).join(Account, Account.id == Run.account_id)


class RunFields(TypedDict):
    """What a new run starts from."""

    account_id: int
    thread_id: str | None
    persona_id: str
    persona_name: str
    seed: int
    opening: str
    # A follow-up session (see Run): the run it follows, its number, its carried-over first state.
    follows_run_id: NotRequired[str | None]
    session: NotRequired[int]
    start_state: NotRequired[TrustState | None]


def new_run(fields: RunFields) -> Run:
    """A run row to add to a session: alone (`create_run`) or with an assignment's attempt, in one transaction."""
    return Run(id=str(uuid.uuid4()), status=RunStatus.ACTIVE, **fields)


async def create_run(db: Database, **fields: Unpack[RunFields]) -> RunInfo:
    def write(session: Session) -> RunInfo:
        run = new_run(fields)
        session.add(run)
        session.flush()
        row = session.execute(_RUN_WITH_OWNER.where(Run.id == run.id)).one()
        return _run(row[0], row[1], row[2])

    return await db.write(write)


async def get_run(db: Database, run_id: str) -> RunInfo | None:
    async with db.reads() as session:
        row = (await session.execute(_RUN_WITH_OWNER.where(Run.id == run_id))).first()
    return _run(row[0], row[1], row[2]) if row else None


async def run_for_thread(db: Database, thread_id: str) -> RunInfo | None:
    async with db.reads() as session:
        row = (await session.execute(_RUN_WITH_OWNER.where(Run.thread_id == thread_id))).first()
    return _run(row[0], row[1], row[2]) if row else None


async def runs_of(db: Database, account_ids: list[int]) -> list[RunInfo]:
    async with db.reads() as session:
        rows = await session.execute(
            _RUN_WITH_OWNER.where(Run.account_id.in_(account_ids)).order_by(Run.created_at.desc())
        )
        return [_run(run, owner, instructor) for run, owner, instructor in rows]


async def add_pending_turn(
    db: Database,
    run_id: str,
    *,
    expected_head: int | None,
    learner: str,
    moves: list[str],
    trust: float,
    level: int,
    state: TrustState,
    prepared: PreparedTurn,
) -> StoredTurn:
    """Store the learner's turn before any voice is asked for words; it becomes the branch's head."""

    def write(session: Session) -> StoredTurn:
        run = session.get(Run, run_id, with_for_update=True)
        if run is None:
            raise KeyError(run_id)
        _check_head(run, expected_head)
        # graded in another tab meanwhile: a rewind reopens it, a turn does not
        if run.status is not RunStatus.ACTIVE:
            raise StoreConflict(f"run {run_id} has ended")
        position = 1
        if expected_head is not None:
            # Its position only: loading the whole parent row would parse its state, brief and record (JSON
            # through pydantic) on every turn.
            parent_position = session.scalar(select(TurnRow.position).where(TurnRow.id == expected_head))
            assert parent_position is not None
            position = parent_position + 1
        row = TurnRow(
            run_id=run_id,
            parent_id=expected_head,
            position=position,
            status=TurnStatus.PENDING,
            learner=learner,
            moves=moves,
            trust=trust,
            level=level,
            state=state,
            prepared=prepared,
        )
        session.add(row)
        session.flush()
        run.head_turn_id = row.id
        return _turn(row)

    return await db.write(write)


async def complete_turn(db: Database, turn_id: int, coachee: str, record: TurnRecord) -> bool:
    """Store the reply to a pending turn; False (nothing changed) when the turn had already been answered."""
    done = (
        update(TurnRow)
        .where(TurnRow.id == turn_id, TurnRow.status == TurnStatus.PENDING)
        .values(status=TurnStatus.DONE, coachee=coachee, record=record)
    )
    result = await db.write(lambda session: session.execute(done))
    return bool(getattr(result, "rowcount", 0))


async def get_turn(db: Database, turn_id: int) -> StoredTurn | None:
    async with db.reads() as session:
        row = await session.get(TurnRow, turn_id)
        return _turn(row) if row is not None else None


async def all_turns(db: Database, run_id: str) -> list[StoredTurn]:
    """Every turn of the run, on every branch, oldest first."""
    async with db.reads() as session:
        rows = await session.scalars(select(TurnRow).where(TurnRow.run_id == run_id).order_by(TurnRow.id))
        return [_turn(row) for row in rows]


def line_to(turns: list[StoredTurn], head: int | None) -> list[StoredTurn]:
    """The branch ending at `head`, first turn first."""
    by_id = {turn.id: turn for turn in turns}
    line: list[StoredTurn] = []
    while head is not None:
        turn = by_id[head]
        line.append(turn)
        head = turn.parent_id
    return line[::-1]


async def branch(db: Database, run_id: str) -> list[StoredTurn]:
    run = await get_run(db, run_id)
    if run is None:
        raise KeyError(run_id)
    return line_to(await all_turns(db, run_id), run.head_turn_id)


async def rewind(
    db: Database, run_id: str, position: int, *, expected_head: int | _Unchecked | None = UNCHECKED
) -> int | None:
    """Move the head to just before learner turn `position` of the current branch; returns the new head.
    Nothing is deleted: the abandoned turns stay, reachable from the run as another branch. A submitted
    attempt's run is not reopened (ValueError)."""

    def write(session: Session) -> int | None:
        run = session.get(Run, run_id, with_for_update=True)
        if run is None:
            raise KeyError(run_id)
        _check_head(run, expected_head)
        submitted = select(AttemptRow.id).where(
            AttemptRow.run_id == run_id, AttemptRow.submitted_at.is_not(None)
        )
        if session.scalar(submitted) is not None:
            raise ValueError("this attempt has been submitted and graded")
        rows = session.scalars(select(TurnRow).where(TurnRow.run_id == run_id))
        line = line_to([_turn(row) for row in rows], run.head_turn_id)
        if not 1 <= position <= len(line) + 1:
            raise ValueError(f"cannot rewind to turn {position}: this branch has {len(line)} turns")
        run.head_turn_id = line[position - 2].id if position > 1 else None
        run.status = RunStatus.ACTIVE
        head: int | None = run.head_turn_id
        return head

    return await db.write(write)


async def add_grade(
    db: Database,
    run_id: str,
    *,
    head_turn_id: int | None,
    result: str,
    report: dict[str, Any],
    markdown: str,
    check_head: bool = False,
) -> StoredGrade:
    """Store a grade of the branch ending at `head_turn_id` and end the run. With `check_head`, StoreConflict
    when that is no longer the run's head (another tab moved on: the grade would be of a stale branch)."""

    def write(session: Session) -> StoredGrade:
        run = session.get(Run, run_id, with_for_update=True)
        if run is None:
            raise KeyError(run_id)
        if check_head:
            _check_head(run, head_turn_id)
        row = GradeRow(
            run_id=run_id, head_turn_id=head_turn_id, result=result, report=report, markdown=markdown
        )
        session.add(row)
        run.status = RunStatus.ENDED
        run.ended_at = utcnow()
        session.flush()
        return _grade(row)

    return await db.write(write)


async def grades_of(db: Database, run_id: str) -> list[StoredGrade]:
    async with db.reads() as session:
        rows = await session.scalars(select(GradeRow).where(GradeRow.run_id == run_id).order_by(GradeRow.id))
        return [_grade(row) for row in rows]
