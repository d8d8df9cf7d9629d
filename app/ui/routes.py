"""Rapport's HTTP routes on Chainlit's server, and guards in front of Chainlit routes that skip ownership.

- GET /api/runs, /api/runs/{id}, /api/runs/{id}/report: a learner's own runs; an instructor's own, their
  learners', and attempts at assignments they set. Anyone else gets 404, as if the run did not exist.
- PUT/DELETE /feedback: Chainlit writes or deletes any feedback row by id, whoever asks; only the owner of the
  thread may now.
"""

from __future__ import annotations

from typing import Annotated, Any

import chainlit.server as server
from chainlit.auth import get_current_user
from chainlit.types import DeleteFeedbackRequest, UpdateFeedbackRequest
from chainlit.user import PersistedUser, User
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse

from app.practice.access import can_view
from app.store import history, runs
from app.store.accounts import AccountView, Role, get_account, learners_of
from app.store.assignments import get_assignment
from app.store.attempts import attempt_of_run
from app.ui.state import current

CurrentUser = Annotated[User | PersistedUser | None, Depends(get_current_user)]
router = APIRouter()


async def viewer_of(user: User | PersistedUser | None) -> AccountView:
    account = await get_account(current().db, user.identifier) if user else None
    if account is None:
        raise HTTPException(status_code=401, detail="Log in first")
    return account


async def _visible_run(user: User | PersistedUser | None, run_id: str) -> runs.RunInfo:
    viewer = await viewer_of(user)
    run = await runs.get_run(current().db, run_id)
    if run is None or not (can_view(viewer, run) or await _set_by(viewer, run)):
        raise HTTPException(status_code=404, detail="No such run")
    return run


async def _set_by(viewer: AccountView, run: runs.RunInfo) -> bool:
    """Whether the run is an attempt at an assignment this instructor set (their gradebook links to it)."""
    if viewer.role is not Role.INSTRUCTOR:
        return False
    attempt = await attempt_of_run(current().db, run.id)
    assignment = await get_assignment(current().db, attempt.assignment_id) if attempt else None
    return assignment is not None and assignment.created_by_id == viewer.id


def _run_json(run: runs.RunInfo) -> dict[str, Any]:
    return {
        "id": run.id,
        "learner": run.owner,
        "persona": run.persona_id,
        "persona_name": run.persona_name,
        "status": run.status,
        "created_at": run.created_at.isoformat(),
        "ended_at": run.ended_at.isoformat() if run.ended_at else None,
        "thread_id": run.thread_id,
    }


@router.get("/api/runs")
async def list_runs(user: CurrentUser) -> JSONResponse:
    viewer = await viewer_of(user)
    ids = (
        [viewer.id, *await learners_of(current().db, viewer.id)]
        if viewer.role is Role.INSTRUCTOR
        else [viewer.id]
    )
    return JSONResponse([_run_json(run) for run in await runs.runs_of(current().db, ids)])


@router.get("/api/runs/{run_id}")
async def get_run(run_id: str, user: CurrentUser) -> JSONResponse:
    run = await _visible_run(user, run_id)
    turns = await runs.all_turns(current().db, run.id)
    in_play = {turn.id for turn in runs.line_to(turns, run.head_turn_id)}
    return JSONResponse(
        {
            **_run_json(run),
            "opening": run.opening,
            "turns": [
                {
                    "id": t.id,
                    "parent": t.parent_id,
                    "position": t.position,
                    "in_play": t.id in in_play,
                    "status": t.status,
                    "learner": t.learner,
                    "coachee": t.coachee,
                    "moves": t.moves,
                    "trust": t.trust,
                    "level": t.level,
                }
                for t in turns
            ],
        }
    )


@router.get("/api/runs/{run_id}/report")
async def get_report(run_id: str, user: CurrentUser) -> JSONResponse:
    run = await _visible_run(user, run_id)
    grades = await runs.grades_of(current().db, run.id)
    if not grades:
        raise HTTPException(status_code=404, detail="This run has not been graded yet")
    latest = grades[-1]
    return JSONResponse(
        {
            "run": run.id,
            "result": latest.result,
            "graded_at": latest.created_at.isoformat(),
            "markdown": latest.markdown,
            "report": latest.report,
        }
    )


async def _own_thread(user: User | PersistedUser | None, thread_id: str | None) -> None:
    owner = await history.thread_owner(current().db, thread_id) if thread_id else None
    if user is None or owner is None or owner != user.identifier:
        raise HTTPException(status_code=404, detail="Not found")


@router.put("/feedback")
async def update_feedback(request: Request, update: UpdateFeedbackRequest, user: CurrentUser) -> Any:
    feedback = update.feedback
    thread = await history.thread_of_step(current().db, feedback.forId)
    await _own_thread(user, thread)
    if feedback.threadId not in (None, thread):
        raise HTTPException(status_code=404, detail="Not found")
    if feedback.id and (existing := await history.thread_of_feedback(current().db, feedback.id)):
        await _own_thread(user, existing)
    return await server.update_feedback(request, update, user)


@router.delete("/feedback")
async def delete_feedback(request: Request, payload: DeleteFeedbackRequest, user: CurrentUser) -> Any:
    await _own_thread(user, await history.thread_of_feedback(current().db, payload.feedbackId))
    return await server.delete_feedback(request, payload, user)


def install(*more: APIRouter) -> None:
    """Put these routes (and `more`) before Chainlit's: its catch-all page route and its unguarded feedback
    routes would otherwise answer first."""
    app = server.app
    count = len(app.router.routes)
    for each in (router, *more):
        app.include_router(each)
    added = app.router.routes[count:]
    del app.router.routes[count:]
    app.router.routes[0:0] = added
