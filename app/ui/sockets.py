"""Guards on Chainlit's Socket.IO events for features Rapport switches off in chainlit.toml but Chainlit still
serves: editing a sent message (`edit_message = false`) rewrote the chat's history so that it and the run's
record disagreed. The event is refused with a word to the learner; rewinding is the way to try again."""

from __future__ import annotations

import logging
from typing import Any

import chainlit.socket  # noqa: F401  (registers Chainlit's handlers, so that ours replace them, not the reverse)
from chainlit.context import init_ws_context
from chainlit.server import sio
from chainlit.session import WebsocketSession

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


def install() -> None:
    """Put the guards in place of Chainlit's handlers (Socket.IO keeps one handler per event)."""
    sio.on("edit_message")(refuse_edit)
