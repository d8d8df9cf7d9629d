"""Guards on Chainlit's Socket.IO events.

- Features Rapport switches off in chainlit.toml but Chainlit still serves: editing a sent message
  (`edit_message = false`) rewrote the chat's history so that it and the run's record disagreed. The event is
  refused with a word to the learner; rewinding is the way to try again.
- A socket opened before its login ended (logout or a new password, on this server or another): Chainlit
  checks the login only when the socket connects, so an open chat went on. Every message and settings change
  now checks the login in the database first, and is refused with a word once it has ended."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import chainlit.socket  # (registers Chainlit's handlers, so that ours replace them, not the reverse)
from chainlit.context import init_ws_context
from chainlit.server import sio
from chainlit.session import WebsocketSession

from app.ui.logins import login_live
from app.ui.notices import say

log = logging.getLogger(__name__)

EDIT_REFUSED = (
    "Messages cannot be edited. Use **Rewind here** under a reply to go back and say something else."
)


async def refuse_edit(sid: str, payload: Any) -> None:
    session = WebsocketSession.get(sid)
    if session is None:
        return
    log.warning(
        "Refused edit_message from %s: editing is switched off", session.user and session.user.identifier
    )
    init_ws_context(session)
    await say(EDIT_REFUSED)


LOGIN_ENDED = (
    "Your login has ended (you logged out, or your password was changed), so this was not sent. Log in again "
    "to carry on: this chat is kept."
)

Handler = Callable[[str, Any], Awaitable[Any]]


def _while_logged_in(handler: Handler) -> Handler:
    async def guarded(sid: str, payload: Any) -> Any:
        session = WebsocketSession.get(sid)
        user = session.user if session is not None else None
        if session is None or user is None or await login_live(session.token, user.identifier):
            return await handler(sid, payload)
        log.warning("Refused a socket event from %s: the login has ended", user.identifier)
        context = init_ws_context(session)
        await say(LOGIN_ENDED)
        await context.emitter.task_end()
        return None

    return guarded


def install() -> None:
    """Put the guards in place of Chainlit's handlers (Socket.IO keeps one handler per event)."""
    sio.on("edit_message")(refuse_edit)
    sio.on("client_message")(_while_logged_in(chainlit.socket.message))
    sio.on("chat_settings_change")(_while_logged_in(chainlit.socket.change_settings))
