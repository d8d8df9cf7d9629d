"""The gradebook's data: every learner an assignment is for (and anyone who attempted it), with their
attempts and the latest override of each."""

from __future__ import annotations

from app.domain.coursework import AttemptRecord, Standing, standing
from app.store.assignments import assigned_learners
from app.store.attempts import attempts_at
from app.store.db import Database


async def standings(db: Database, assignment_id: int) -> list[Standing]:
    """One standing per learner, by name. A learner taken off the assignment keeps their row if they made
    attempts; one who never started has a row with none."""
    made: dict[str, list[AttemptRecord]] = {name: [] for name in await assigned_learners(db, assignment_id)}
    for attempt in await attempts_at(db, assignment_id):
        made.setdefault(attempt.learner, []).append(attempt)
    return [standing(name, made[name]) for name in sorted(made)]
