"""A learner's graded runs for their progress page: each run with its latest grade, oldest grade first."""

from __future__ import annotations

from sqlalchemy import func, select

from app.store.db import Database
from app.store.runs import RunInfo, StoredGrade, _grade, _run
from app.store.schema import Account, GradeRow, Run


async def graded_runs(db: Database, account_id: int) -> list[tuple[RunInfo, StoredGrade]]:
    """Every run of the account that has a grade, with its latest one (a run rewound and ended again is graded
    again: the latest grade is the one the learner last read), in the order they were graded."""
    latest = (
        select(func.max(GradeRow.id).label("id"))
        .join(Run, Run.id == GradeRow.run_id)
        .where(Run.account_id == account_id)
        .group_by(GradeRow.run_id)
        .subquery()
    )
    query = (
        select(Run, Account.name, Account.instructor_id, GradeRow)
        .join(Account, Account.id == Run.account_id)
        .join(GradeRow, GradeRow.run_id == Run.id)
        .where(GradeRow.id.in_(select(latest.c.id)))
        .order_by(GradeRow.created_at, GradeRow.id)
    )
    async with db.reads() as session:
        rows = await session.execute(query)
        return [(_run(run, owner, instructor), _grade(grade)) for run, owner, instructor, grade in rows]
