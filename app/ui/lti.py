"""LTI 1.3 over HTTP (docs/lms.md):

- GET|POST /lti/login: OIDC login initiation from the LMS; redirects to the platform's auth endpoint with a
  state (also in a short-lived cookie) and a one-use nonce.
- POST /lti/launch: the platform's id_token. Validated (pylti1p3: state, nonce, signature against the
  platform's JWKS, audience, expiry, deployment); the LMS user's linked account is logged in like a password
  login (a server-side login record) and lands in the assignment the link opens (a learner: that assignment's
  chat; an instructor: its gradebook), or, for Deep Linking, on a page to pick which assignment the link opens.
- GET /lti/jwks: the tool's public keys.
- POST /api/attempts/{id}/confirm: an instructor releases a grade held for review; it goes to the LMS.
- PUT /api/assignments/{id}/lti-review: `{"hold": true|false}`, whether grades wait for that confirmation.
- GET /api/attempts/{id}/lti: the scores sent (or waiting) for an attempt, for the instructor.
- GET /gradebook/{id}/lms: the same as a page, per attempt, with the hold setting (POST
  /gradebook/{id}/lms/review, a form) and a confirm button (the confirm route takes the page's form too).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from html import escape
from typing import Any

import chainlit as cl
from chainlit.auth.cookie import set_auth_cookie
from chainlit.auth.jwt import create_jwt
from chainlit.data import get_data_layer
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError

from app.domain.coursework import AttemptRecord
from app.lti import launching, passback
from app.lti.claims import LaunchRefused
from app.practice.lti_admin import published_jwks
from app.store import attempts, logins, lti
from app.store.accounts import AccountView, Role
from app.store.assignments import AssignmentView, get_assignment, list_assignments
from app.store.schema import utcnow
from app.ui import lti_pages, pages
from app.ui.coursework import profile_name
from app.ui.logins import LOGIN
from app.ui.routes import CurrentUser, viewer_of
from app.ui.state import current

router = APIRouter()
LANDING = "lti_assignment"  # the user metadata naming the assignment a launch opened
_running: list[asyncio.Task[None]] = []  # the score sender's task, kept referenced


class ReviewSetting(BaseModel):
    hold: bool


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def launch_url(request: Request) -> str:
    return f"{_base(request)}/lti/launch"


async def _params(request: Request) -> dict[str, str]:
    params = dict(request.query_params)
    if request.method == "POST":
        params |= {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    return params


def _refused(error: LaunchRefused) -> HTMLResponse:
    return HTMLResponse(
        pages.page("Launch refused", f"<h1>Launch refused</h1><p>{escape(str(error))}</p>"), 403
    )


@router.api_route("/lti/login", methods=["GET", "POST"])
async def oidc_login(request: Request) -> Response:
    try:
        start = await launching.begin_login(
            current().db, await _params(request), _secure(request), launch_url(request)
        )
    except LaunchRefused as error:
        return _refused(error)
    response = RedirectResponse(start.redirect_url, status_code=302)
    secure = _secure(request)
    for name, (value, seconds) in start.cookies.items():
        # In an LMS iframe the launch is a cross-site POST: only a SameSite=None (hence Secure) cookie comes back.
        response.set_cookie(
            name, value, max_age=seconds, httponly=True, secure=secure, samesite="none" if secure else "lax"
        )
    return response


async def _log_in(request: Request, response: Response, account: AccountView, landing: int | None) -> None:
    """The same login as a password gives (a server-side login record in the cookie), made by the launch."""
    login_id = await logins.start_login(current().db, account.name)
    metadata: dict[str, Any] = {"role": account.role.value, "provider": "lti", LOGIN: login_id}
    if landing is not None:
        metadata[LANDING] = landing
    user = cl.User(identifier=account.name, metadata=metadata)
    if data_layer := get_data_layer():
        await data_layer.create_user(user)  # the chat reads the landing assignment from the stored user
    set_auth_cookie(request, response, create_jwt(user))


def _picker(validated: launching.Validated, request: Request, mine: list[AssignmentView]) -> str:
    if not mine:
        return pages.page(
            "Choose an assignment",
            "<h1>Choose an assignment</h1><p>You have set no assignment yet: set one in the "
            "<a href='/gradebook'>gradebook</a>, then add the link from your course again.</p>",
        )
    forms = []
    for assignment in mine:
        token, return_url = launching.deep_link_response(validated, launch_url(request), assignment)
        forms.append(
            f"<form method='post' action='{escape(return_url)}'>"
            f"<input type='hidden' name='JWT' value='{escape(token)}'>"
            f"<button type='submit'>Use “{escape(assignment.title)}”</button> "
            f"<span>{escape(assignment.persona_name)}, pass mark {assignment.terms.pass_mark:g}</span></form>"
        )
    return pages.page(
        "Choose an assignment",
        "<h1>Choose an assignment</h1><p>The course link will open the one you choose.</p>" + "".join(forms),
    )


@router.post("/lti/launch")
async def launch(request: Request) -> Response:
    db, params = current().db, await _params(request)
    try:
        validated = await launching.validate(db, params, dict(request.cookies), _secure(request))
        arrival = await launching.arrive(db, validated)
    except LaunchRefused as error:
        return _refused(error)
    account, assignment = arrival.account, arrival.assignment
    response: Response
    if validated.launch.deep_linking:
        mine = await list_assignments(db, created_by=account.id)
        response = HTMLResponse(_picker(validated, request, mine))
    elif account.role is Role.INSTRUCTOR:
        own = assignment is not None and assignment.created_by_id == account.id
        response = RedirectResponse(
            f"/gradebook/{assignment.id}" if own and assignment else "/gradebook", 303
        )
    else:
        response = RedirectResponse("/", status_code=303)
    learner_landing = assignment.id if assignment and account.role is Role.LEARNER else None
    await _log_in(request, response, account, learner_landing)
    response.delete_cookie(
        f"lti1p3-{params.get('state', '')}"
    )  # its login is over (its nonce is used up too)
    return response


@router.get("/lti/jwks")
async def jwks() -> JSONResponse:
    return JSONResponse(await published_jwks(current().db))


async def _own_attempt(user: CurrentUser, attempt_id: int) -> tuple[AccountView, AttemptRecord]:
    viewer = await viewer_of(user)
    if viewer.role is not Role.INSTRUCTOR:
        raise HTTPException(status_code=403, detail="Only instructors can do this")
    attempt = await attempts.get_attempt(current().db, attempt_id)
    assignment = await get_assignment(current().db, attempt.assignment_id) if attempt else None
    if attempt is None or assignment is None or assignment.created_by_id != viewer.id:
        raise HTTPException(status_code=404, detail="No such attempt")
    return viewer, attempt


def _from_page(request: Request) -> bool:
    """A form from the LMS grades page (answered with a redirect); from another site it is refused."""
    if request.headers.get("content-type", "").startswith("application/json"):
        return False
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise HTTPException(status_code=403, detail="Forms are accepted from this site only")
    return request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded")


@router.post("/api/attempts/{attempt_id}/confirm")
async def confirm(attempt_id: int, request: Request, user: CurrentUser) -> Response:
    viewer, attempt = await _own_attempt(user, attempt_id)
    if attempt.score is None:
        raise HTTPException(status_code=409, detail="This attempt has not been graded yet")
    await lti.confirm(current().db, attempt_id, viewer.id)
    queued = await passback.grade_changed(current().db, attempt_id)
    if _from_page(request):
        return RedirectResponse(f"/gradebook/{attempt.assignment_id}/lms", status_code=303)
    return JSONResponse({"attempt": attempt_id, "confirmed": True, "sent_to_lms": queued})


async def _own_assignment(user: CurrentUser, assignment_id: int) -> AssignmentView:
    viewer = await viewer_of(user)
    if viewer.role is not Role.INSTRUCTOR:
        raise HTTPException(status_code=403, detail="Only instructors can do this")
    assignment = await get_assignment(current().db, assignment_id)
    if assignment is None or assignment.created_by_id != viewer.id:
        raise HTTPException(status_code=404, detail="No such assignment")
    return assignment


@router.get("/gradebook/{assignment_id:int}/lms")
async def lms_grades(assignment_id: int, user: CurrentUser) -> HTMLResponse:
    assignment = await _own_assignment(user, assignment_id)
    db = current().db
    rows = [
        lti_pages.LmsAttempt(
            attempt=each,
            from_lms=await lti.destination_of(db, each.id) is not None,
            confirmed=await lti.confirmed(db, each.id),
            latest=next(iter(reversed(await lti.outbox_of(db, each.id))), None),
        )
        for each in await attempts.attempts_at(db, assignment_id)
    ]
    return HTMLResponse(lti_pages.lms_page(assignment, await lti.holds(db, assignment_id), rows))


@router.post("/gradebook/{assignment_id:int}/lms/review")
async def review_form(assignment_id: int, request: Request, user: CurrentUser) -> Response:
    await _own_assignment(user, assignment_id)
    if not _from_page(request):
        raise HTTPException(status_code=422, detail="Send the page's form")
    hold = (await request.form()).get("hold")
    if hold not in ("true", "false"):
        raise HTTPException(status_code=422, detail="hold is true or false")
    await lti.set_hold(current().db, assignment_id, hold == "true")
    return RedirectResponse(f"/gradebook/{assignment_id}/lms", status_code=303)


@router.put("/api/assignments/{assignment_id}/lti-review")
async def review_setting(assignment_id: int, request: Request, user: CurrentUser) -> JSONResponse:
    await _own_assignment(user, assignment_id)
    try:
        wanted = ReviewSetting.model_validate(await request.json())
    except (ValueError, ValidationError):
        raise HTTPException(status_code=422, detail='Send {"hold": true} or {"hold": false}') from None
    await lti.set_hold(current().db, assignment_id, wanted.hold)
    return JSONResponse({"assignment": assignment_id, "hold": wanted.hold})


@router.get("/api/attempts/{attempt_id}/lti")
async def sent_scores(attempt_id: int, user: CurrentUser) -> JSONResponse:
    await _own_attempt(user, attempt_id)
    entries = await lti.outbox_of(current().db, attempt_id)
    return JSONResponse(
        [
            {
                "score": e.score.model_dump(mode="json", exclude_none=True),  # the AGS Score as sent
                "sent_at": e.sent_at.isoformat() if e.sent_at else None,
                "tries": e.tries,
                "last_error": e.last_error,
            }
            for e in entries
        ]
    )


def landing_of(user: cl.User | None) -> int | None:
    """The assignment an LTI launch opened for this user, if their latest login was one."""
    found = user.metadata.get(LANDING) if user else None
    return found if isinstance(found, int) else None


def start_sender() -> None:
    """Send queued LMS scores in the background for as long as the server runs."""
    sender = passback.Sender(current().db, clock=utcnow)
    _running.append(asyncio.get_running_loop().create_task(sender.run(), name="lti-score-sender"))


def landed(profiles: list[cl.ChatProfile], user: cl.User | None) -> list[cl.ChatProfile]:
    """The chat profiles with the assignment an LTI launch opened as the one chosen on arrival."""
    landing = landing_of(user)
    wanted = profile_name(landing) if landing is not None else None
    if wanted is None or all(profile.name != wanted for profile in profiles):
        return profiles
    return [replace(profile, default=profile.name == wanted) for profile in profiles]
