"""Rapport's HTTP routes on Chainlit's server, and guards in front of Chainlit routes that skip ownership.

- GET /api/runs, /api/runs/{id}, /api/runs/{id}/report: a learner's own runs; an instructor's own, their
  learners', and attempts at assignments they set. Anyone else gets 404, as if the run did not exist.
  A learner's run shows what the learner may see (their words and the client's); the hidden trust, level and
  moves read from each turn are for instructors.
- PUT/DELETE /feedback: Chainlit writes or deletes any feedback row by id, whoever asks; only the owner of the
  thread may now. Feedback without a thread is stored on the thread of the message it is about.
- POST /project/action: Chainlit answers 500 for a session it does not know; 404 now, and 403 for another
  user's session.
- Thread sharing (PUT /project/thread/share, GET /project/share/{id}) is switched off in chainlit.toml but
  Chainlit serves it anyway: refused here.
- PUT/DELETE /project/element change or delete a custom element by the id and thread the browser names, in
  any thread; Rapport has no custom elements, so both are refused.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

import chainlit.server as server
from chainlit.action import Action
from chainlit.auth import get_current_user
from chainlit.session import WebsocketSession
from chainlit.types import CallActionRequest, DeleteFeedbackRequest, UpdateFeedbackRequest
from chainlit.user import PersistedUser, User
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse

from app.practice.access import can_view
from app.store import history, runs
from app.store.accounts import AccountView, Role, get_account, learners_of
from app.store.assignments import get_assignment
from app.store.attempts import attempt_of_run
from app.ui import logins
from app.ui.drain import drain
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


def _turn_json(turn: runs.StoredTurn, in_play: bool, hidden_too: bool) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "id": turn.id,
        "parent": turn.parent_id,
        "position": turn.position,
        "in_play": in_play,
        "status": turn.status,
        "learner": turn.learner,
        "coachee": turn.coachee,
    }
    if hidden_too:  # what the engine read and decided: the learner practises without seeing it
        shown |= {"moves": turn.moves, "trust": turn.trust, "level": turn.level}
    return shown


@router.get("/api/runs/{run_id}")
async def get_run(run_id: str, user: CurrentUser) -> JSONResponse:
    run = await _visible_run(user, run_id)
    instructor = (await viewer_of(user)).role is Role.INSTRUCTOR
    turns = await runs.all_turns(current().db, run.id)
    in_play = {turn.id for turn in runs.line_to(turns, run.head_turn_id)}
    return JSONResponse(
        {
            **_run_json(run),
            "opening": run.opening,
            "turns": [_turn_json(t, t.id in in_play, instructor) for t in turns],
        }
    )


@router.get("/api/runs/{run_id}/report")
async def get_report(run_id: str, user: CurrentUser) -> JSONResponse:
    run = await _visible_run(user, run_id)
    grades = await runs.grades_of(current().db, run.id)
    if not grades:
        raise HTTPException(status_code=404, detail="This run has not been graded yet")
    latest = grades[-1]
    markdown, report = latest.markdown, latest.report
    if (await viewer_of(user)).role is Role.LEARNER:
        # A learner reads what stayed closed only in general terms (issue 12, item 4).
        shown = report.get("learner") or {"markdown": f"**{latest.result}**", "report": {}}
        markdown, report = shown["markdown"], shown["report"]
    return JSONResponse(
        {
            "run": run.id,
            "result": latest.result,
            "graded_at": latest.created_at.isoformat(),
            "markdown": markdown,
            "report": report,
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
    feedback.threadId = thread  # Chainlit's row needs it: without, the write fails quietly and says success
    if feedback.id and (existing := await history.thread_of_feedback(current().db, feedback.id)):
        await _own_thread(user, existing)
    return await server.update_feedback(request, update, user)


@router.delete("/feedback")
async def delete_feedback(request: Request, payload: DeleteFeedbackRequest, user: CurrentUser) -> Any:
    await _own_thread(user, await history.thread_of_feedback(current().db, payload.feedbackId))
    return await server.delete_feedback(request, payload, user)


@router.post("/project/action")
async def call_action(payload: CallActionRequest, user: CurrentUser) -> Any:
    session = WebsocketSession.get_by_id(payload.sessionId)
    if session is None:
        raise HTTPException(status_code=404, detail="No such chat session: reload the page")
    if user is None or session.user is None or session.user.identifier != user.identifier:
        raise HTTPException(status_code=403, detail="This chat session is not yours")
    try:
        Action(**payload.action)  # Chainlit builds it unchecked: a bad one was a 500
    except (TypeError, ValueError):
        raise HTTPException(status_code=422, detail="Not an action") from None
    drain.track(session, asyncio.current_task())  # a stopping server closes the chat's socket after it
    return await server.call_action(payload, user)


@router.put("/project/thread/share")
@router.get("/project/share/{thread_id}")
async def sharing_is_off() -> None:
    # allow_thread_sharing = false in chainlit.toml: a chat is never readable by anyone but its learner.
    raise HTTPException(status_code=404, detail="Sharing chats is switched off")


@router.put("/project/element")
@router.delete("/project/element")
async def no_custom_elements() -> None:
    raise HTTPException(status_code=404, detail="There are no editable elements")


def install(*more: APIRouter) -> None:
    """Put these routes (and `more`) before Chainlit's: its catch-all page route and its unguarded feedback
    routes would otherwise answer first."""
    app = server.app
    count = len(app.router.routes)
    for each in (router, logins.router, *more):
        app.include_router(each)
    added = app.router.routes[count:]
    del app.router.routes[count:]
    app.router.routes[0:0] = added
