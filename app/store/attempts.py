"""Attempts at assignments (each one run) and instructors' grade overrides. The grader's score and pass/fail
stay on the attempt as first recorded; an override is a new row with who, when and why."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.coursework import AttemptRecord, Override, Terms, is_late, refusal
from app.store.columns import from_row
from app.store.db import Database
from app.store.runs import RunFields, new_run
from app.store.schema import Account, AttemptRow, GradeOverride

# Two attempts started at the same moment on PostgreSQL both read the same count; the unique attempt
# number makes one of them fail, and it counts again.
START_TRIES = 3


class AttemptRefused(Exception):
    """No attempt can start: `str(error)` tells the learner why."""


async def _overrides(db: Database, attempt_ids: list[int]) -> dict[int, list[Override]]:
    """Every override of these attempts, oldest first."""
    async with db.reads() as session:
        rows = await session.execute(
            select(GradeOverride, Account.name)
            .join(Account, Account.id == GradeOverride.by_id)
            .where(GradeOverride.attempt_id.in_(attempt_ids))
            .order_by(GradeOverride.id)
        )
        found: dict[int, list[Override]] = {}
        for row, by in rows:
            found.setdefault(row.attempt_id, []).append(from_row(Override, row, by=by, at=row.created_at))
        return found


def _record(row: AttemptRow, learner: str, overrides: list[Override]) -> AttemptRecord:
    return from_row(AttemptRecord, row, learner=learner, override=overrides[-1] if overrides else None)


async def _records(db: Database, *conditions: ColumnElement[bool]) -> list[AttemptRecord]:
    async with db.reads() as session:
        rows = list(
            (
                await session.execute(
                    select(AttemptRow, Account.name)
                    .join(Account, Account.id == AttemptRow.account_id)
                    .where(*conditions)
                    .order_by(AttemptRow.id)
                )
            ).all()
        )
    overrides = await _overrides(db, [row.id for row, _ in rows])
    return [_record(row, learner, overrides.get(row.id, [])) for row, learner in rows]


async def attempts_at(db: Database, assignment_id: int, account_id: int | None = None) -> list[AttemptRecord]:
    """Every attempt at an assignment (or one learner's), in the order they were started."""
    conditions = [AttemptRow.assignment_id == assignment_id]
    if account_id is not None:
        conditions.append(AttemptRow.account_id == account_id)
    return await _records(db, *conditions)


async def get_attempt(db: Database, attempt_id: int) -> AttemptRecord | None:
    found = await _records(db, AttemptRow.id == attempt_id)
    return found[0] if found else None


async def attempt_of_run(db: Database, run_id: str) -> AttemptRecord | None:
    found = await _records(db, AttemptRow.run_id == run_id)
    return found[0] if found else None


def _insert(session: Session, assignment_id: int, terms: Terms, run: RunFields, now: datetime) -> int:
    used = session.scalar(
        select(func.count())
        .select_from(AttemptRow)
        .where(AttemptRow.assignment_id == assignment_id, AttemptRow.account_id == run["account_id"])
    )
    reason = refusal(terms, used or 0, now)
    if reason is not None:
        raise AttemptRefused(reason)
    run_row = new_run(run)
    session.add(run_row)
    session.flush()
    row = AttemptRow(
        assignment_id=assignment_id,
        account_id=run["account_id"],
        run_id=run_row.id,
        number=(used or 0) + 1,
        started_at=now,
        late=is_late(terms, now),
    )
    session.add(row)
    session.flush()
    return row.id


async def start_attempt(
    db: Database, assignment_id: int, terms: Terms, run: RunFields, now: datetime
) -> AttemptRecord:
    """The learner's next attempt and its run, in one transaction; AttemptRefused when the terms forbid it
    (no attempts left, or past the due date of an assignment that takes no late attempts)."""
    for tries_left in reversed(range(START_TRIES)):
        try:
            attempt_id = await db.write(lambda session: _insert(session, assignment_id, terms, run, now))
            break
        except IntegrityError:
            if not tries_left:
                raise
    found = await get_attempt(db, attempt_id)
    assert found is not None
    return found


async def submit_attempt(
    db: Database, attempt: AttemptRecord, terms: Terms, *, score: float, passed: bool, at: datetime
) -> bool:
    """Record the grader's result, once: False when the attempt had already been submitted."""
    once = (
        update(AttemptRow)
        .where(AttemptRow.id == attempt.id, AttemptRow.submitted_at.is_(None))
        .values(submitted_at=at, score=score, passed=passed, late=attempt.late or is_late(terms, at))
    )
    done = await db.write(lambda session: session.execute(once))
    return bool(getattr(done, "rowcount", 0))


async def add_override(
    db: Database, attempt_id: int, *, score: float, passed: bool, comment: str, by_id: int
) -> Override:
    row = GradeOverride(attempt_id=attempt_id, score=score, passed=passed, comment=comment, by_id=by_id)
    await db.write(lambda session: session.add(row))
    return (await _overrides(db, [attempt_id]))[attempt_id][-1]


async def overrides_of(db: Database, attempt_id: int) -> list[Override]:
    """Every override of an attempt, oldest first (the last one counts)."""
    return (await _overrides(db, [attempt_id])).get(attempt_id, [])
