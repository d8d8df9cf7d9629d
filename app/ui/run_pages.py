"""A run as pages a person reads (the gradebook links here rather than to the JSON API): the transcript, with
turns a rewind left behind marked as an earlier branch, and the latest report. Who may open them is exactly
who may read the run through the API (`visible_run`); a learner gets the learner's view of the report.

- GET /gradebook/runs/{id}: the transcript, after the client's answers about the latest grade.
- GET /gradebook/runs/{id}/report: the report."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from app.practice.report import stored_client_side
from app.store import runs
from app.store.accounts import Role
from app.ui import pages
from app.ui.routes import CurrentUser, viewer_of
from app.ui.routes import _visible_run as visible_run  # the API's own guard, so pages and API agree
from app.ui.state import current

router = APIRouter()


@router.get("/gradebook/runs/{run_id}")
async def transcript_page(run_id: str, user: CurrentUser) -> HTMLResponse:
    run = await visible_run(user, run_id)
    turns = await runs.all_turns(current().db, run.id)
    in_play = runs.line_to(turns, run.head_turn_id)
    grades = await runs.grades_of(current().db, run.id)
    # The client's answers about the latest grade, as in its report (learner and instructor read the same).
    side = stored_client_side(grades[-1].report) if grades else None
    return HTMLResponse(pages.transcript_page(run, in_play, [t for t in turns if t not in in_play], side))


@router.get("/gradebook/runs/{run_id}/report")
async def report_page(run_id: str, user: CurrentUser) -> HTMLResponse:
    run = await visible_run(user, run_id)
    grades = await runs.grades_of(current().db, run.id)
    if not grades:
        return HTMLResponse(
            pages.message_page(
                "No report yet", "This run has not been graded yet.", f"/gradebook/runs/{run.id}"
            ),
            status_code=404,
        )
    latest = grades[-1]
    markdown = latest.markdown
    if (await viewer_of(user)).role is Role.LEARNER:
        markdown = (latest.report.get("learner") or {}).get("markdown", f"**{latest.result}**")
    return HTMLResponse(pages.report_page(run, markdown))
