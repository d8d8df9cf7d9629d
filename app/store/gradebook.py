"""The gradebook's data: every learner an assignment is for (and anyone who attempted it), with their
attempts and the latest override of each."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from app.domain.coursework import AttemptRecord, Standing, standing
from app.store.assignments import assigned_learners
from app.store.attempts import attempts_at
from app.store.db import Database
from app.store.schema import GradeRow


async def standings(db: Database, assignment_id: int) -> list[Standing]:
    """One standing per learner, by name. A learner taken off the assignment keeps their row if they made
    attempts; one who never started has a row with none."""
    made: dict[str, list[AttemptRecord]] = {name: [] for name in await assigned_learners(db, assignment_id)}
    attempts = await attempts_at(db, assignment_id)
    answers = await client_answers(db, [attempt.run_id for attempt in attempts])
    for attempt in attempts:
        made.setdefault(attempt.learner, []).append(replace(attempt, client=answers.get(attempt.run_id)))
    return [standing(name, made[name]) for name in sorted(made)]


async def client_answers(db: Database, run_ids: list[str]) -> dict[str, dict[str, str]]:
    """Per run, the client's answers (question -> answer) stored with its latest grade, where it has them."""
    if not run_ids:
        return {}
    async with db.reads() as session:
        rows = await session.execute(
            select(GradeRow.run_id, GradeRow.report).where(GradeRow.run_id.in_(run_ids)).order_by(GradeRow.id)
        )
        latest = {run_id: report for run_id, report in rows.all()}  # a later grade replaces an earlier one
    return {run_id: answers for run_id, report in latest.items() if (answers := _answers(report))}


def _answers(report: object) -> dict[str, str]:
    client = report.get("client") if isinstance(report, dict) else None
    found = client.get("answers") if isinstance(client, dict) else None
    return {
        str(a["question"]): str(a["answer"])
        for a in found or []
        if isinstance(a, dict) and "question" in a and "answer" in a
    }
