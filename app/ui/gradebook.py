"""Coursework over HTTP (same login cookie as the app). Instructors only, and only for assignments they set:
a learner gets 403, another instructor 404 (as if the assignment did not exist).

- GET /gradebook, /gradebook/{id}: the instructor's pages (HTML).
- GET /api/assignments: an instructor's assignments; for a learner, their own assignments and attempts.
- POST /api/assignments: set an assignment (JSON `AssignmentRequest`, or the page's form).
- GET /api/assignments/{id}/gradebook?format=json|csv: the gradebook export.
- POST /api/attempts/{id}/override: `{"score", "passed", "comment"}` (JSON, or the page's form): a new grade
  that counts from now on, with who and when; the grader's stays beside it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError

from app.files.catalog import Catalog
from app.lti import passback
from app.practice.access import check_own_class
from app.practice.assigning import AssignmentRequest, set_assignment
from app.practice.coursework import Coursework
from app.practice.gradebook import assignment_json, attempt_json, iso, row, to_csv, to_json
from app.store import attempts
from app.store.accounts import AccountError, AccountView, Role
from app.store.assignments import AssignmentView, assigned_learners, get_assignment, list_assignments
from app.store.cohort_view import own_cohorts
from app.store.gradebook import standings
from app.ui import pages
from app.ui.routes import CurrentUser, viewer_of
from app.ui.state import current

router = APIRouter()


class OverrideRequest(BaseModel):
    score: float = Field(ge=0, le=100)
    passed: bool
    comment: str = Field(min_length=1, max_length=2000)


async def _instructor(user: CurrentUser) -> AccountView:
    viewer = await viewer_of(user)
    if viewer.role is not Role.INSTRUCTOR:
        raise HTTPException(status_code=403, detail="Only instructors can do this")
    return viewer


async def _own(user: CurrentUser, assignment_id: int) -> tuple[AccountView, AssignmentView]:
    viewer = await _instructor(user)
    assignment = await get_assignment(current().db, assignment_id)
    if assignment is None or assignment.created_by_id != viewer.id:
        raise HTTPException(status_code=404, detail="No such assignment")
    return viewer, assignment


def _catalog() -> Catalog:
    """The personas and rubrics the server loaded at start (the ones its learners practise with)."""
    return current().practice.services.catalog


def _is_form(request: Request) -> bool:
    return not request.headers.get("content-type", "").startswith("application/json")


async def _body(request: Request) -> dict[str, Any]:
    """The request's fields, from JSON or from a form. A form posted from another site is refused (the login
    cookie is SameSite=lax already; this also covers a deployment that loosened it)."""
    if not _is_form(request):
        try:
            data = await request.json()
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise HTTPException(status_code=422, detail="Send a JSON object")
        return data
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise HTTPException(status_code=403, detail="Forms are accepted from this site only")
    return {key: value for key, value in (await request.form()).items() if isinstance(value, str)}


def _refused(request: Request, status: int, message: str, back: str) -> Response:
    if _is_form(request):
        return HTMLResponse(pages.message_page("Not done", message, back), status_code=status)
    return JSONResponse({"detail": message}, status_code=status)


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    return f"{'.'.join(str(part) for part in first['loc'])}: {first['msg']}"


def _names(text: str) -> list[str]:
    return [name for name in text.replace(",", " ").split() if name]


def _form_assignment(fields: dict[str, Any]) -> dict[str, Any]:
    """The page's form as an AssignmentRequest: empty fields left out, lists from separated names."""
    given = {key: value for key, value in fields.items() if value != ""}
    given["late_allowed"] = given.get("late_allowed") == "true"
    given["learners"] = _names(given.get("learners", ""))
    given["cohorts"] = _names(given.get("cohorts", ""))
    return given


@router.get("/gradebook")
async def gradebook_index(user: CurrentUser) -> HTMLResponse:
    viewer = await _instructor(user)
    db = current().db
    mine = [(a, len(await assigned_learners(db, a.id))) for a in await list_assignments(db, viewer.id)]
    catalog = _catalog()
    personas = sorted(((p.id, p.name) for p in catalog.personas.values()), key=lambda pair: pair[1])
    rubrics = sorted(((r.id, r.title) for r in catalog.rubrics.values()), key=lambda pair: pair[1])
    cohorts = await own_cohorts(db, viewer.id)
    return HTMLResponse(pages.index_page(mine, personas, rubrics, cohorts))


@router.get("/gradebook/{assignment_id}")
async def gradebook_page(assignment_id: int, user: CurrentUser) -> HTMLResponse:
    _, assignment = await _own(user, assignment_id)
    return HTMLResponse(pages.assignment_page(assignment, await standings(current().db, assignment_id)))


@router.get("/api/assignments")
async def list_for(user: CurrentUser) -> JSONResponse:
    viewer = await viewer_of(user)
    db = current().db
    if viewer.role is Role.INSTRUCTOR:
        return JSONResponse([assignment_json(a) for a in await list_assignments(db, viewer.id)])
    offers = await Coursework(current().practice).offers(viewer)
    return JSONResponse(
        [
            {
                "id": o.assignment.id,
                "title": o.assignment.title,
                "instructions": o.assignment.instructions,
                "persona_name": o.assignment.persona_name,
                "pass_mark": o.assignment.terms.pass_mark,
                "due_at": iso(o.assignment.terms.due_at),
                "attempts_left": o.left,
                **row(o.standing, o.assignment),
                "attempt_list": [attempt_json(a) for a in o.standing.attempts],
            }
            for o in offers
        ]
    )


@router.post("/api/assignments")
async def create(request: Request, user: CurrentUser) -> Response:
    viewer = await _instructor(user)
    fields = await _body(request)
    try:
        wanted = AssignmentRequest.model_validate(_form_assignment(fields) if _is_form(request) else fields)
        await check_own_class(current().db, viewer, wanted.learners, wanted.cohorts)
        made = await set_assignment(current().db, _catalog(), wanted, viewer.name)
    except ValidationError as error:
        return _refused(request, 422, _first_error(error), "/gradebook")
    except AccountError as error:
        return _refused(request, 400, str(error), "/gradebook")
    if _is_form(request):
        return RedirectResponse(f"/gradebook/{made.id}", status_code=303)
    return JSONResponse(assignment_json(made), status_code=201)


@router.get("/api/assignments/{assignment_id}/gradebook")
async def export(assignment_id: int, user: CurrentUser, format: str = "json") -> Response:
    _, assignment = await _own(user, assignment_id)
    found = await standings(current().db, assignment_id)
    if format == "csv":
        headers = {"content-disposition": f'attachment; filename="gradebook-{assignment_id}.csv"'}
        return PlainTextResponse(to_csv(found, assignment), media_type="text/csv", headers=headers)
    if format != "json":
        raise HTTPException(status_code=422, detail="format is json or csv")
    return JSONResponse(to_json(found, assignment))


@router.post("/api/attempts/{attempt_id}/override")
async def override(attempt_id: int, request: Request, user: CurrentUser) -> Response:
    viewer = await _instructor(user)
    attempt = await attempts.get_attempt(current().db, attempt_id)
    if attempt is None:
        raise HTTPException(status_code=404, detail="No such attempt")
    await _own(user, attempt.assignment_id)
    back = f"/gradebook/{attempt.assignment_id}"
    if not attempt.graded:
        return _refused(request, 409, "This attempt has not been graded yet.", back)
    try:
        wanted = OverrideRequest.model_validate(await _body(request))
    except ValidationError as error:
        return _refused(request, 422, _first_error(error), back)
    made = await attempts.add_override(
        current().db,
        attempt_id,
        score=wanted.score,
        passed=wanted.passed,
        comment=wanted.comment.strip(),
        by_id=viewer.id,
    )
    await passback.safely(current().db, attempt_id)  # the new grade goes to the LMS too
    if _is_form(request):
        return RedirectResponse(back, status_code=303)
    return JSONResponse(
        {"attempt": attempt_id, "score": made.score, "passed": made.passed, "comment": made.comment}
        | {"by": made.by, "at": iso(made.at), "graded_score": attempt.score, "graded_passed": attempt.passed}
    )
