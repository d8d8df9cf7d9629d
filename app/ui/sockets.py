"""Guards on Chainlit's Socket.IO events.

- Features Rapport switches off in chainlit.toml but Chainlit still serves: editing a sent message
  (`edit_message = false`) rewrote the chat's history so that it and the run's record disagreed. The event is
  refused with a word to the learner; rewinding is the way to try again.
- A socket opened before its login ended (logout or a new password, on this server or another): Chainlit
  checks the login only when the socket connects, so an open chat went on. Every message and settings change
  now checks the login in the database first, and is refused with a word once it has ended.
- A page reconnecting to a session this server made for it but never resumed (its socket dropped first):
  Chainlit started a new chat under the old chat's thread id; it now resumes the chat.
- A page whose socket dropped while its new chat was starting: what the start sent went to the old socket, and
  Chainlit starts nothing on a reconnect, so the page stayed empty. What a chat sends before the learner's first
  message is kept with its session and sent again on such a reconnect.
- The work each event starts (a turn, a chat's start or resume) is made known to the drain (app/ui/drain.py),
  which closes a chat's socket on SIGTERM only once that work is done."""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, cast

import chainlit.socket  # (registers Chainlit's handlers, so that ours replace them, not the reverse)
from chainlit.context import init_ws_context
from chainlit.server import sio
from chainlit.session import WebsocketSession

from app.ui.drain import drain
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


# What the page shows of a chat's start: messages, their updates and action buttons, the settings panel.
SHOWN_EVENTS = frozenset(
    {"new_message", "update_message", "delete_message", "action", "remove_action", "element", "chat_settings"}
)
_before_first_message: weakref.WeakKeyDictionary[WebsocketSession, list[tuple[str, Any]]] = (
    weakref.WeakKeyDictionary()
)


async def connect(sid: str, environ: Any, auth: Any) -> bool:
    """Chainlit's, and until the learner's first message what the session shows the page is kept (see `_replay`).
    Chainlit gives the session a new `emit` on each connect, so each is wrapped."""
    accepted: bool = await chainlit.socket.connect(sid, environ, auth)
    session = WebsocketSession.get(sid)
    if session is not None and not session.has_first_interaction:
        session.emit = _keeping(session, session.emit)
    return accepted


def _keeping(session: WebsocketSession, emit: Callable[[str, Any], Any]) -> Callable[[str, Any], Any]:
    def emit_and_keep(event: str, data: Any) -> Any:
        if session.has_first_interaction:
            _before_first_message.pop(session, None)
        elif event in SHOWN_EVENTS:
            _before_first_message.setdefault(session, []).append((event, data))
        return emit(event, data)

    return emit_and_keep


async def _replay(session: WebsocketSession) -> None:
    """Send a reconnected page what its chat's start sent before: it may have gone to the socket that dropped.
    The page takes a message it already has as an update (by id); an action button is removed first, so it is
    not shown twice."""
    emit = cast(Callable[[str, Any], Awaitable[Any]], session.emit)  # Chainlit's annotation omits the await
    for event, data in list(_before_first_message.get(session, [])):
        if event == "action":
            await emit("remove_action", data)
        await emit(event, data)


async def connection_successful(sid: str) -> None:
    """Chainlit's, except for a page that reconnects to a chat it never saw begin: one this server never
    resumed, or one whose start went to the socket that dropped (`_replay`).

    When a page's socket to this server dropped before its `connection_successful` was handled (a reconnect
    that timed out on a busy server, or that nginx moved back to the chat's first server as it came up again),
    Chainlit keeps the session it made for it, and the next connect restores that session. Chainlit then takes
    a restored session without a first interaction for a new chat: it starts one (`on_chat_start`) under the
    thread id of the chat it was asked to resume, and every turn after fails. A restored session that was
    asked to resume a thread and has not started a chat is resumed instead, as a new one would be."""
    session = WebsocketSession.get(sid)
    if (
        session is not None
        and session.restored
        and session.thread_id_to_resume
        and not session.has_first_interaction
        and not session.chat_started
    ):
        log.info(
            "Resuming thread %s on a restored session that never resumed it", session.thread_id_to_resume
        )
        session.restored = False
    # Chainlit starts nothing for a restored session whose chat has started: the page gets what it missed.
    missed_the_start = (
        session is not None
        and session.restored
        and session.chat_started
        and not session.has_first_interaction
    )
    await chainlit.socket.connection_successful(sid)
    if missed_the_start and session is not None:
        log.info("Sending the start of chat %s again to its reconnected page", session.id)
        await _replay(session)


def _tracked(handler: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """The event's handling, and the task it starts for the chat (Chainlit's `current_task`: the turn, or a new
    chat's opening), as the chat's work under way for the drain."""

    async def tracking(sid: str, *args: Any) -> Any:
        session = WebsocketSession.get(sid)
        if session is not None:
            drain.track(session, asyncio.current_task())
        try:
            return await handler(sid, *args)
        finally:
            if session is not None:
                drain.track(session, session.current_task)

    return tracking


def install() -> None:
    """Put the guards in place of Chainlit's handlers (Socket.IO keeps one handler per event)."""
    sio.on("connect")(connect)
    sio.on("connection_successful")(_tracked(connection_successful))
    sio.on("edit_message")(refuse_edit)
    sio.on("client_message")(_tracked(_while_logged_in(chainlit.socket.message)))
    sio.on("chat_settings_change")(_tracked(_while_logged_in(chainlit.socket.change_settings)))
