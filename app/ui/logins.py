"""Logging in and out, on Chainlit's routes, with what Chainlit lacks:

- Each login is recorded on the server (app/store/logins.py) and its id travels in the login cookie. Every
  HTTP request and every Socket.IO connection checks that the login has not ended: logout ends it, a new
  password (`rapport users set-password`) ends every login of the account. Chainlit's cookie alone stayed
  valid for its whole lifetime (15 days) whatever happened.
- Password guesses are throttled per account name and per address (app/ui/throttle.py): 429 with
  Retry-After, and the password is not even checked while throttled.
"""

from __future__ import annotations

import logging
import math
from typing import Any

import chainlit.auth
import chainlit.server as server
from chainlit.auth import get_token_from_cookies
from chainlit.auth.jwt import decode_jwt
from chainlit.config import config
from chainlit.user import PersistedUser, User
from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.security import OAuth2PasswordRequestForm

from app.store import logins
from app.ui.state import current
from app.ui.throttle import LoginThrottle

log = logging.getLogger(__name__)
LOGIN = "login"  # the key of the login id in the cookie's user metadata

router = APIRouter()
throttle = LoginThrottle()
_chainlit_authenticate = chainlit.auth.authenticate_user


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/login")
async def login(request: Request, form: OAuth2PasswordRequestForm = Depends()) -> Response:  # noqa: B008
    name, address = form.username.strip(), _address(request)
    if (wait := throttle.wait(name, address)) > 0:
        log.warning("Login throttled for %r from %s", name, address)
        raise HTTPException(
            status_code=429,
            detail="Too many failed logins: wait a few minutes and try again",
            headers={"Retry-After": str(math.ceil(wait))},
        )
    callback = config.code.password_auth_callback
    user = await callback(form.username, form.password) if callback else None
    login_id = await logins.start_login(current().db, user.identifier) if user else None
    if user is None or login_id is None:
        throttle.failed(name, address)
        raise HTTPException(status_code=401, detail="credentialssignin")
    throttle.succeeded(name)
    user.metadata = {**user.metadata, LOGIN: login_id}
    return await server._authenticate_user(request, user)


def _login_of(token: str | None) -> str | None:
    try:
        found = decode_jwt(token).metadata.get(LOGIN) if token else None
    except Exception:  # not a token of ours: nothing to end
        return None
    return found if isinstance(found, str) else None


@router.post("/logout")
async def logout(request: Request, response: Response) -> Any:
    if (login_id := _login_of(get_token_from_cookies(dict(request.cookies)))) is not None:
        await logins.end_login(current().db, login_id)
    return await server.logout(request, response)


async def login_live(token: str | None, account_name: str) -> bool:
    """Whether the login named by this cookie (of this account) has not ended, on any server."""
    login_id = _login_of(token)
    return login_id is not None and await logins.is_live(current().db, login_id, account_name)


async def authenticate_live(token: str = "") -> User | PersistedUser:
    """Chainlit's check of the login cookie (signature, expiry), and that its login has not ended."""
    user: User | PersistedUser = await _chainlit_authenticate(token)
    if not await login_live(token, user.identifier):
        raise HTTPException(status_code=401, detail="This login has ended: log in again")
    return user


def install() -> None:
    # Chainlit's get_current_user (behind every route's user and the socket's connect) calls this by name.
    chainlit.auth.authenticate_user = authenticate_live
