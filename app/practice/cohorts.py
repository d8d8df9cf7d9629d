"""Whose figures a cohort view shows (README "Cohort views"), for the HTTP routes and the CLI alike:

- an assignment: the learners of its gradebook (whom it is for, and anyone who attempted it);
- a cohort: the instructor's own learners in it, over the instructor's assignments set for or attempted by
  them (the cohort's other members are left out);
- a learner: their own learner, or one their assignments are for, over those assignments only.

None means "not this instructor's": the caller answers as if it did not exist."""

from __future__ import annotations

from typing import Any

from app.grade.cohort import CohortFigures, cohort_figures, concerning
from app.store.accounts import Role, get_account
from app.store.assignments import AssignmentView, get_assignment, list_assignments
from app.store.cohort_view import Loaded, load, own_cohorts, own_learners
from app.store.db import Database


async def of_assignment(db: Database, assignment: AssignmentView) -> CohortFigures:
    loaded = await load(db, [assignment])
    [shown] = loaded.assignments
    learners = set(shown.learners) | {a.learner for a in loaded.attempts}
    return cohort_figures(loaded.assignments, loaded.attempts, sorted(learners))


async def of_cohort(db: Database, instructor_id: int, name: str) -> CohortFigures | None:
    members = (await own_cohorts(db, instructor_id)).get(name)
    if members is None:
        return None
    loaded = await load(db, await list_assignments(db, instructor_id))
    return cohort_figures(concerning(loaded.assignments, loaded.attempts, members), loaded.attempts, members)


async def of_learner(db: Database, instructor_id: int, name: str) -> tuple[Loaded, CohortFigures] | None:
    """Also their attempts, with the assignments they were at (for the learner's page)."""
    loaded = await load(db, await list_assignments(db, instructor_id))
    chosen = concerning(loaded.assignments, loaded.attempts, [name])
    if not chosen and not await own_learners(db, instructor_id, [name]):
        return None
    attempts = [a for a in loaded.attempts if a.learner == name]
    return Loaded(assignments=chosen, attempts=attempts), cohort_figures(chosen, attempts, [name])


class NotFound(Exception):
    """What a cohort view was asked for is not there; the message says what."""


async def figures_for(
    db: Database, assignment: int | None, cohort: str | None, by: str | None
) -> tuple[CohortFigures, dict[str, Any]]:
    """The figures of an assignment (by id), or of a cohort as instructor `by` sees it, with their scope as
    the export names it; NotFound otherwise. Give `assignment`, or `cohort` and `by`."""
    if assignment is not None:
        found = await get_assignment(db, assignment)
        if found is None:
            raise NotFound(f"no assignment {assignment}")
        return await of_assignment(db, found), {"assignment": assignment, "title": found.title}
    assert cohort is not None and by is not None
    instructor = await get_account(db, by)
    if instructor is None or instructor.role is not Role.INSTRUCTOR:
        raise NotFound(f"no instructor called {by!r}")
    figures = await of_cohort(db, instructor.id, cohort)
    if figures is None:
        raise NotFound(f"no cohort called {cohort!r} with learners of {by}")
    return figures, {"cohort": cohort}
