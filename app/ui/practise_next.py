"""The one click from "what to practise next" to a chat with that persona.

Chainlit's page starts a chat with the chat profile marked default, and a link cannot name another. So the
progress page's button sets a short-lived cookie naming the persona and sends the learner to the chat page;
while the cookie lasts, that persona is the default profile of the learner's page (read here from each request,
since Chainlit's profile callback sees no request), and the chat that starts with it shows the focus above
the brief. A cookie rather than server memory: behind a load balancer the next request may reach another
server."""

from __future__ import annotations

from contextvars import ContextVar
from http.cookies import CookieError, SimpleCookie

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

COOKIE = "rapport_practise_next"
LASTS = 120  # seconds: long enough to load the chat page, short enough not to outstay the click

_asked: ContextVar[str | None] = ContextVar("practise_next", default=None)


def ask(response: Response, persona_id: str) -> None:
    response.set_cookie(COOKIE, persona_id, max_age=LASTS, path="/", httponly=True, samesite="lax")


def asked_in(cookie_header: str | None) -> str | None:
    """The persona id the Cookie header asks the next chat for, if any."""
    return cookie_in(cookie_header, COOKIE)


def cookie_in(cookie_header: str | None, name: str) -> str | None:
    """The value of cookie `name` in a Cookie header, if it is there and readable."""
    if not cookie_header:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(cookie_header)
    except CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel is not None and morsel.value else None


def chosen() -> str | None:
    """The persona id this request's learner asked to practise with next (for the default chat profile)."""
    return _asked.get()


class ReadCookie:
    """ASGI middleware: makes the cookie's persona readable through `chosen()` for the request's handlers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"cookie"), None)
        token = _asked.set(asked_in(header))
        try:
            await self.app(scope, receive, send)
        finally:
            _asked.reset(token)
