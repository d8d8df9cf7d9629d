"""The client's replies on screen, by learner turn, so that a rewind can mark the ones it leaves behind: their
text is kept under a note saying they are an earlier branch, and their buttons go (they no longer lead
anywhere in play)."""

from __future__ import annotations

from dataclasses import dataclass

import chainlit as cl

EARLIER = "*↩ Earlier branch: you rewound past this turn (it stays in the record, it is not graded).*\n\n"


@dataclass
class Shown:
    message: cl.Message
    actions: list[cl.Action]


class _Replies(dict[int, Shown]):
    """This chat session's own. Chainlit saves the user session into the thread's metadata when a socket
    closes and, on a resume, makes the session from a shallow copy of that metadata: a plain dict found under
    the key is that saved copy (its replies turned to nulls), shared with the thread Chainlit is about to send
    to the page. Filled, it made that send fail (a `Shown` is no JSON), and the page got no history."""


def _shown() -> _Replies:
    found = cl.user_session.get("replies")
    if not isinstance(found, _Replies):
        found = _Replies()
        cl.user_session.set("replies", found)
    return found


def remember(turn: int, message: cl.Message, actions: list[cl.Action]) -> None:
    """The reply to learner turn `turn`, with its buttons (it replaces any earlier branch's reply to it)."""
    _shown()[turn] = Shown(message, actions)


async def mark_earlier_branch(from_turn: int) -> None:
    """After a rewind to just before `from_turn`: mark the replies to that turn and later ones."""
    shown = _shown()
    for turn in sorted(t for t in shown if t >= from_turn):
        reply = shown.pop(turn)
        for action in reply.actions:
            await action.remove()
        reply.message.actions = []
        if not reply.message.content.startswith(EARLIER):
            reply.message.content = EARLIER + reply.message.content
        await reply.message.update()
