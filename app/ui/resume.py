"""What a reopened chat gets back that Chainlit does not keep: the Rewind and End buttons under the client's
replies on the branch in play, and the trust chart under each report (Chainlit stores no element without blob
storage; the chart is kept with the stored grade instead).

Chainlit sends the stored thread to the page after `on_chat_resume` returns, and the page then replaces the
chat's elements with the thread's: so these are sent just after (`restore_soon`)."""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import chainlit as cl
from chainlit.data import get_data_layer
from chainlit.types import ThreadDict
from chainlit.utils import utc_now

from app.practice.markup import escape
from app.practice.report import stored_figure
from app.practice.service import LiveRun
from app.store.runs import StoredGrade
from app.ui import branches
from app.ui.notices import APP

Actions = Callable[[LiveRun, int, str], list[cl.Action]]  # live run, learner turn, reply step id


def reply_steps(thread: ThreadDict, live: LiveRun) -> dict[int, dict[str, Any]]:
    """Learner turn -> id of the step showing the client's reply to it, for the branch in play. Matched from
    the end, so a reply repeated on an abandoned branch is not taken for the one in play."""
    steps = [s for s in thread.get("steps", []) if s.get("name") == live.persona.name]
    found: dict[int, dict[str, Any]] = {}
    index = len(steps)
    for record in reversed(live.rehearsal.records):
        shown = escape(record.coachee)
        while index > 0:
            index -= 1
            if steps[index].get("output") == shown:
                found[record.index] = dict(steps[index])
                break
    return found


def report_steps(thread: ThreadDict, grades: Sequence[StoredGrade], learner: bool) -> list[tuple[str, Any]]:
    """(step id, chart) for each report shown in the thread whose grade kept a chart."""
    shown: dict[str, StoredGrade] = {}
    for grade in grades:
        markdown = (grade.report.get("learner") or {}).get("markdown") if learner else grade.markdown
        if isinstance(markdown, str):
            shown[markdown] = grade
    found = []
    for step in thread.get("steps", []):
        report = shown.get(step.get("output") or "") if step.get("name") == APP else None
        figure = stored_figure(report.report, learner) if report else None
        if figure is not None:
            found.append((step["id"], figure))
    return found


async def restore(
    thread: ThreadDict, live: LiveRun, grades: Sequence[StoredGrade], learner: bool, actions: Actions
) -> None:
    for turn, step in sorted(reply_steps(thread, live).items()):
        buttons = actions(live, turn, step["id"])
        for action in buttons:
            await action.remove()  # a copy the page may still hold (the chat was reopened before)
            await action.send(for_id=step["id"])
        # Kept as shown (its time too: an update rewrites the stored step), for a later rewind to mark.
        message = cl.Message(
            id=step["id"], author=live.persona.name, content=step["output"], created_at=step.get("createdAt")
        )
        branches.remember(turn, message, buttons)
    for step_id, figure in report_steps(thread, grades, learner):
        chart = cl.Plotly(name="trust timeline", figure=figure, display="inline", size="large")
        await chart.send(for_id=step_id)


def _as_stored(text: str) -> str:
    # The run keeps a message as app.practice.inputs.clean_message left it; the page's copy is as typed.
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


async def keep_cut_off_words(thread: ThreadDict, words: str, author: str) -> None:
    """The learner's words of a turn a dead server cut off, in the chat's history when the history lacks them.

    The run stored them before the voice was asked; Chainlit saves the page's copy in the background, and a
    server killed at the wrong moment may have died with it unsaved. Then the reopened chat would show the
    reply without what it answers: the words are added (at the end, where the cut-off turn is) and saved."""
    steps = thread.setdefault("steps", [])
    after_last_reply = steps[
        max((i for i, s in enumerate(steps) if s.get("type") == "assistant_message"), default=-1) + 1 :
    ]
    if any(
        s.get("type") == "user_message" and _as_stored(s.get("output") or "") == words
        for s in after_last_reply
    ):
        return
    message = cl.Message(content=words, author=author, type="user_message", created_at=utc_now())
    step = message.to_dict()
    step["threadId"] = thread["id"]
    steps.append(step)  # Chainlit sends the thread to the page after on_chat_resume returns
    if (layer := get_data_layer()) is not None:
        await layer.create_step(step)


def restore_soon(
    thread: ThreadDict, live: LiveRun, grades: Sequence[StoredGrade], learner: bool, actions: Actions
) -> asyncio.Task[None]:
    """`restore` once Chainlit has sent the stored thread; the task is kept in the chat's session."""
    task = asyncio.ensure_future(restore(thread, live, grades, learner, actions))
    cl.user_session.set("restoring", task)
    return task
