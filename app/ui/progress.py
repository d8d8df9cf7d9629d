"""A learner's progress over HTTP (same login cookie as the app): their own, or, for an instructor, one of
their own learners' (anyone else's: 404, as if there were no such learner).

- GET /progress[?learner=NAME]: the page (HTML, charts drawn by Plotly.js from /progress/plotly.min.js).
- GET /api/progress[?learner=NAME]: the same figures as JSON.
- POST /progress/practise: start what the page suggests practising next (own progress only): back to the chat
  page, which opens a chat with that persona and shows the focus (app/ui/practise_next.py).
- GET /progress/plotly.min.js: Plotly.js from the installed plotly package, so the page needs no internet.

A learner's figures come from the learner's view of each report (what stayed closed only in general terms),
whoever reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import chainlit.server as server
import plotly
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import ValidationError

from app.grade.progress import GradedRun, Progress, progress
from app.grade.report import Report
from app.practice.markup import escape
from app.store.accounts import AccountView, Role, get_account
from app.store.progress import graded_runs
from app.store.runs import StoredGrade
from app.ui import pages, practise_next
from app.ui.gradebook import _body as form_fields  # the gradebook's forms' same-site check
from app.ui.progress_page import progress_page
from app.ui.routes import CurrentUser, viewer_of
from app.ui.state import current

router = APIRouter()
PLOTLY_FILE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


async def _subject(user: CurrentUser, learner: str | None) -> tuple[AccountView, bool]:
    """Whose progress, and whether it is the viewer's own."""
    viewer = await viewer_of(user)
    if learner is None or learner == viewer.name:
        return viewer, True
    account = await get_account(current().db, learner) if viewer.role is Role.INSTRUCTOR else None
    if account is None or account.role is not Role.LEARNER or account.instructor != viewer.name:
        raise HTTPException(status_code=404, detail="No such learner of yours")
    return account, False


def _learner_report(grade: StoredGrade) -> Report | None:
    """The report as the learner reads it; None for a grade that is not a rubric report (a trust trace)."""
    shown: Any = (grade.report.get("learner") or {}).get("report") or grade.report
    try:
        return Report.model_validate(shown)
    except ValidationError:
        return None


async def progress_of(account: AccountView) -> Progress:
    found = [
        GradedRun(
            run_id=run.id,
            persona_id=run.persona_id,
            persona_name=run.persona_name,
            graded_at=grade.created_at,
            report=report,
        )
        for run, grade in await graded_runs(current().db, account.id)
        if (report := _learner_report(grade)) is not None
    ]
    practice = current().practice
    return progress(found, practice.personas(), practice.services.catalog.rubrics)


@router.get("/progress")
async def progress_html(user: CurrentUser, learner: str | None = None) -> HTMLResponse:
    subject, own = await _subject(user, learner)
    return HTMLResponse(progress_page(subject.name, await progress_of(subject), own))


@router.get("/api/progress")
async def progress_json(user: CurrentUser, learner: str | None = None) -> JSONResponse:
    subject, _ = await _subject(user, learner)
    return JSONResponse({"learner": subject.name, **(await progress_of(subject)).model_dump(mode="json")})


@router.post("/progress/practise")
async def practise(request: Request, user: CurrentUser) -> Response:
    viewer = await viewer_of(user)
    await form_fields(request)
    suggestion = (await progress_of(viewer)).practise_next
    if suggestion is None:
        page = pages.message_page(
            "Nothing to suggest", "There is no suggestion to practise yet.", "/progress"
        )
        return HTMLResponse(page, status_code=409)
    response = RedirectResponse("/", status_code=303)
    practise_next.ask(response, suggestion.persona_id)
    return response


async def focus_header(account: AccountView, persona_id: str, cookie_header: str | None) -> str:
    """What goes above the brief of a chat with `persona_id` when the learner started it from their progress
    page's suggestion (the cookie names it) and it is still the suggestion: its focus. Else nothing."""
    if practise_next.asked_in(cookie_header) != persona_id:
        return ""
    suggestion = (await progress_of(account)).practise_next
    if suggestion is None or suggestion.persona_id != persona_id:
        return ""
    return f"**Practise next — {escape(suggestion.criterion_title)}:** {escape(suggestion.focus)}\n\n"


def install() -> APIRouter:
    """The cookie reader on every request (for the default chat profile), and these routes to install."""
    server.app.add_middleware(practise_next.ReadCookie)
    return router


@router.get("/progress/plotly.min.js")
async def plotly_js() -> FileResponse:
    return FileResponse(PLOTLY_FILE, media_type="text/javascript", headers={"cache-control": "max-age=86400"})
