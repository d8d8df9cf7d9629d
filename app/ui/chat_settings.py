"""The chat's settings (the instructor's "Show the client's trust live" switch), kept where a reopened chat
finds them on any server: in the chat thread's metadata, which Chainlit reads back into the session's
`chat_settings` when it resumes a thread.

Chainlit itself writes them there only when a socket closes cleanly, which a crashed server never does: so
they are written as soon as they change (or, when changed before the first message, with that message: a
thread is stored only once something was said in it)."""

from __future__ import annotations

import chainlit as cl
from chainlit.data import get_data_layer

SHOW_TRUST = "show_trust"
_KEPT = "settings_kept"  # user-session key: the thread's metadata has the settings as they are now


async def _write() -> None:
    session = cl.context.session
    layer = get_data_layer()
    if layer is None or not session.has_first_interaction:
        cl.user_session.set(_KEPT, False)
        return
    metadata = {"chat_settings": {SHOW_TRUST: bool(cl.user_session.get(SHOW_TRUST))}}
    await layer.update_thread(thread_id=session.thread_id, metadata=metadata)
    cl.user_session.set(_KEPT, True)


async def keep(show_trust: bool) -> None:
    """The switch as it is now, for this chat and any server that reopens it."""
    cl.user_session.set(SHOW_TRUST, show_trust)
    await _write()


async def keep_with_thread() -> None:
    """After a message: write settings changed before the thread was stored (nothing, usually)."""
    if cl.user_session.get(SHOW_TRUST) and not cl.user_session.get(_KEPT):
        await _write()


def resumed(instructor: bool) -> bool:
    """The switch of a reopened chat, as it was last kept (instructors only: a learner never has it on)."""
    show = instructor and bool((cl.context.session.chat_settings or {}).get(SHOW_TRUST))
    cl.user_session.set(SHOW_TRUST, show)
    cl.user_session.set(_KEPT, True)
    return show
