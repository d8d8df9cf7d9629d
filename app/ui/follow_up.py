"""The next session with the same client, from the chat: after End session (and on an ended run reopened from
the history) the learner gets a "Next session with <client>" link.

- GET /follow-up/{run_id}: the learner's own ended run only (anything else: 404 with the reason, nothing
  stored). Sends the learner to the chat page with two short-lived cookies: the client's persona as the chat's
  profile (app/ui/practise_next.py) and the run to follow; the chat that then starts is the follow-up.

A cookie rather than server memory, as for "practise next": behind a load balancer the chat may start on
another server. The chat checks the run again (the learner's own, ended) before following it up."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.practice.follow_up import FollowUpRefused, followable, session_note
from app.practice.markup import escape
from app.practice.service import LiveRun
from app.store.accounts import AccountView
from app.store.runs import RunInfo
from app.ui import pages, practise_next
from app.ui.routes import CurrentUser, viewer_of
from app.ui.state import current

COOKIE = "rapport_follow_up"
router = APIRouter()


def link(run: RunInfo) -> str:
    """The Markdown that offers the next session after `run` (saying which session `run` was, for a follow-up)."""
    note = session_note(run)
    return (
        f"{escape(note) + ' ' if note else ''}"
        f"[**Next session with {escape(run.persona_name)} →**](/follow-up/{run.id}) "
        f"(session {run.session + 1}: the client will remember this one)"
    )


@router.get("/follow-up/{run_id}")
async def follow_up(run_id: str, user: CurrentUser) -> Response:
    viewer = await viewer_of(user)
    try:
        run = await followable(current().db, run_id, viewer)
    except FollowUpRefused as refused:
        page = pages.message_page("No next session", f"{refused}.", "/")
        return HTMLResponse(page, status_code=404)
    response = RedirectResponse("/", status_code=303)
    practise_next.ask(response, run.persona_id)
    response.set_cookie(COOKIE, run.id, max_age=practise_next.LASTS, path="/", httponly=True, samesite="lax")
    return response


def asked_in(cookie_header: str | None) -> str | None:
    """The run id the Cookie header asks the next chat to follow up, if any."""
    return practise_next.cookie_in(cookie_header, COOKIE)


async def begin(account: AccountView, persona_id: str, cookie_header: str | None) -> LiveRun | None:
    """The follow-up the learner asked for, when this chat is with that run's client; else None (a first
    session). A run that can no longer be followed up (rewound meanwhile) starts a first session."""
    run_id = asked_in(cookie_header)
    if run_id is None:
        return None
    try:
        live = await current().practice.follow_up_begin(run_id, account)
    except FollowUpRefused:
        return None
    return live if live.persona.id == persona_id else None


def header(live: LiveRun) -> str:
    if live.follows_run_id is None:
        return ""
    return (
        f"**Session {live.session} with {escape(live.persona.name)}**, following run "
        f"{live.follows_run_id[:8]}: they remember what you agreed and what they told you last time.\n\n"
    )
