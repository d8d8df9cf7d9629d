"""Cohort views over HTTP (same login cookie as the app), for instructors only: a learner gets 403; another
instructor gets 404 for what is not theirs, as if it did not exist. Whose figures each shows:
app/practice/cohorts.py.

- GET /gradebook/{id}/cohort, /api/assignments/{id}/cohort: an assignment they set.
- GET /gradebook/cohorts/{name}, /api/cohorts/{name}: their own learners in a cohort.
- GET /gradebook/learners/{name}, /api/learners/{name}/cohort: one learner (their attempts lead to the runs).

The /api routes take `format=json` (everything) or `format=csv` with `table=learners|assignments|costs`."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from app.grade.cohort import CohortFigures
from app.practice import cohorts
from app.practice.cohort_export import to_csv, to_json
from app.practice.cohort_tables import Table
from app.store.cohort_view import Loaded, own_learners
from app.ui import cohort_pages
from app.ui.gradebook import _instructor as instructor
from app.ui.gradebook import _own as own_assignment
from app.ui.routes import CurrentUser
from app.ui.state import current

router = APIRouter()


def _export(figures: CohortFigures, scope: dict[str, Any], format: str, table: str, name: str) -> Response:
    if format == "json":
        return JSONResponse(to_json(figures, scope))
    if format != "csv":
        raise HTTPException(status_code=422, detail="format is json or csv")
    try:
        chosen = Table(table)
    except ValueError:
        raise HTTPException(status_code=422, detail="table is learners, assignments or costs") from None
    headers = {"content-disposition": f'attachment; filename="{name}-{chosen.value}.csv"'}
    return PlainTextResponse(to_csv(figures, chosen), media_type="text/csv", headers=headers)


async def _cohort(user: CurrentUser, name: str) -> CohortFigures:
    viewer = await instructor(user)
    figures = await cohorts.of_cohort(current().db, viewer.id, name)
    if figures is None:
        raise HTTPException(status_code=404, detail="No such cohort")
    return figures


async def _learner(user: CurrentUser, name: str) -> tuple[Loaded, CohortFigures, bool]:
    """Their figures, and whether the learner is the instructor's own (their progress page is then open)."""
    viewer = await instructor(user)
    found = await cohorts.of_learner(current().db, viewer.id, name)
    if found is None:
        raise HTTPException(status_code=404, detail="No such learner")
    return *found, bool(await own_learners(current().db, viewer.id, [name]))


@router.get("/gradebook/{assignment_id:int}/cohort")
async def assignment_page(assignment_id: int, user: CurrentUser) -> HTMLResponse:
    _, assignment = await own_assignment(user, assignment_id)
    figures = await cohorts.of_assignment(current().db, assignment)
    return HTMLResponse(cohort_pages.assignment_view(assignment, figures))


@router.get("/api/assignments/{assignment_id}/cohort")
async def assignment_export(
    assignment_id: int, user: CurrentUser, format: str = "json", table: str = "learners"
) -> Response:
    _, assignment = await own_assignment(user, assignment_id)
    figures = await cohorts.of_assignment(current().db, assignment)
    scope = {"assignment": assignment_id, "title": assignment.title}
    return _export(figures, scope, format, table, f"cohort-assignment-{assignment_id}")


@router.get("/gradebook/cohorts/{name}")
async def cohort_page(name: str, user: CurrentUser) -> HTMLResponse:
    return HTMLResponse(cohort_pages.cohort_view(name, await _cohort(user, name)))


@router.get("/api/cohorts/{name}")
async def cohort_export(
    name: str, user: CurrentUser, format: str = "json", table: str = "learners"
) -> Response:
    return _export(await _cohort(user, name), {"cohort": name}, format, table, f"cohort-{name}")


@router.get("/gradebook/learners/{name}")
async def learner_page(name: str, user: CurrentUser) -> HTMLResponse:
    loaded, figures, own = await _learner(user, name)
    titles = {a.id: a for a in loaded.assignments}
    attempts = [(titles[a.assignment_id], a) for a in loaded.attempts if a.assignment_id in titles]
    progress = f"/progress?learner={quote(name, safe='')}" if own else None
    return HTMLResponse(cohort_pages.learner_view(name, figures, attempts, progress))


@router.get("/api/learners/{name}/cohort")
async def learner_export(
    name: str, user: CurrentUser, format: str = "json", table: str = "learners"
) -> Response:
    _, figures, _ = await _learner(user, name)
    return _export(figures, {"learner": name}, format, table, f"learner-{name}")
