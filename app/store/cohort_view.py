"""What the cohort views read: an instructor's assignments with their attempts, each with its graded report,
the trust losses on its graded branch and when each turn was sent; and which learners and cohorts are an
instructor's. The figures themselves are computed in app/grade/cohort.py."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import func, select

from app.domain.coursework import AttemptRecord
from app.domain.turns import TurnRecord
from app.grade.cohort import Assignment, AttemptFacts, TrustLoss
from app.grade.progress import GradedRun
from app.grade.report import Report
from app.store.accounts import Role
from app.store.assignments import AssignmentView, assigned_learners
from app.store.attempts import attempts_at
from app.store.db import Database
from app.store.schema import Account, Cohort, CohortMember, GradeRow, Run, TurnRow


@dataclass(frozen=True)
class _Turn:
    id: int
    parent_id: int | None
    created_at: datetime
    record: TurnRecord | None


@dataclass(frozen=True)
class Loaded:
    """An instructor's assignments in a view, whom each is for, and every attempt at them."""

    assignments: list[Assignment]
    attempts: list[AttemptFacts]


def _graded_run(run: Run, grade: GradeRow) -> GradedRun | None:
    """The stored report as the grader made it; None for a run graded without a rubric (the trust trace)."""
    try:
        report = Report.model_validate(grade.report)
    except ValidationError:
        return None
    return GradedRun(
        run_id=run.id,
        persona_id=run.persona_id,
        persona_name=run.persona_name,
        graded_at=grade.created_at,
        report=report,
    )


def _losses(turns: dict[int, _Turn], head: int | None) -> list[TrustLoss]:
    """The trust losses on the branch that was graded (a rewound branch was not)."""
    line: list[_Turn] = []
    while head is not None and head in turns:
        line.append(turns[head])
        head = turns[head].parent_id
    return [
        TrustLoss.model_validate(change.model_dump())
        for turn in reversed(line)
        if turn.record is not None
        for change in turn.record.changes
        if change.delta < 0
    ]


async def _facts(db: Database, records: list[AttemptRecord]) -> list[AttemptFacts]:
    run_ids = [r.run_id for r in records]
    latest = select(func.max(GradeRow.id)).where(GradeRow.run_id.in_(run_ids)).group_by(GradeRow.run_id)
    async with db.reads() as session:
        runs = {run.id: run for run in await session.scalars(select(Run).where(Run.id.in_(run_ids)))}
        grades = {g.run_id: g for g in await session.scalars(select(GradeRow).where(GradeRow.id.in_(latest)))}
        rows = await session.execute(
            select(TurnRow.run_id, TurnRow.id, TurnRow.parent_id, TurnRow.created_at, TurnRow.record)
            .where(TurnRow.run_id.in_(run_ids))
            .order_by(TurnRow.id)
        )
        turns: dict[str, dict[int, _Turn]] = defaultdict(dict)
        for run_id, turn_id, parent_id, created_at, stored in rows:
            turns[run_id][turn_id] = _Turn(turn_id, parent_id, created_at, stored)
    made = []
    for record in records:
        grade = grades.get(record.run_id) if record.graded else None
        made.append(
            AttemptFacts(
                attempt_id=record.id,
                assignment_id=record.assignment_id,
                learner=record.learner,
                number=record.number,
                run_id=record.run_id,
                started_at=record.started_at,
                submitted_at=record.submitted_at,
                score=record.final_score,
                passed=record.final_passed,
                graded=_graded_run(runs[record.run_id], grade) if grade else None,
                losses=_losses(turns[record.run_id], grade.head_turn_id) if grade else [],
                turn_times=[turn.created_at for turn in turns[record.run_id].values()],
            )
        )
    return made


async def load(db: Database, assignments: list[AssignmentView]) -> Loaded:
    """The assignments (each with whom it is for) and every attempt at them."""
    records: list[AttemptRecord] = []
    shown: list[Assignment] = []
    for assignment in assignments:
        records += await attempts_at(db, assignment.id)
        shown.append(
            Assignment(
                id=assignment.id, title=assignment.title, learners=await assigned_learners(db, assignment.id)
            )
        )
    return Loaded(assignments=shown, attempts=await _facts(db, records))


async def own_learners(db: Database, instructor_id: int, names: list[str] | None = None) -> list[str]:
    """The instructor's learners (of `names`, when given), by name."""
    query = select(Account.name).where(
        Account.role == Role.LEARNER.value, Account.instructor_id == instructor_id
    )
    if names is not None:
        query = query.where(Account.name.in_(names))
    async with db.reads() as session:
        return list(await session.scalars(query.order_by(Account.name)))


async def own_cohorts(db: Database, instructor_id: int) -> dict[str, list[str]]:
    """Every cohort with at least one of the instructor's learners, with those learners only (by name)."""
    async with db.reads() as session:
        rows = await session.execute(
            select(Cohort.name, Account.name)
            .join(CohortMember, CohortMember.cohort_id == Cohort.id)
            .join(Account, Account.id == CohortMember.account_id)
            .where(Account.role == Role.LEARNER.value, Account.instructor_id == instructor_id)
            .order_by(Cohort.name, Account.name)
        )
        found: dict[str, list[str]] = {}
        for cohort, learner in rows:
            found.setdefault(cohort, []).append(learner)
    return found
