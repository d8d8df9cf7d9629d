"""Assignments in the chat. A learner's assignments are extra chat profiles (`assignment:ID`, shown as
"Assignment: title" with the due date and attempts used); picking one opens an attempt on the pinned persona.
The chat's `AttemptChat` sits in the user session beside its `LiveRun`; the handlers in app.py call in here
at the few points where an attempt differs from free practice (start, first message, end, resume)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import chainlit as cl

from app.domain.coursework import Terms, attempts_left, is_late, when
from app.domain.turns import PreparedTurn
from app.practice.coursework import AttemptChat, Coursework, Offer
from app.practice.markup import escape
from app.practice.report import Report
from app.practice.service import LiveRun
from app.store.accounts import AccountView, Role, get_account
from app.store.attempts import AttemptRefused
from app.store.runs import RunInfo
from app.store.schema import utcnow
from app.ui.notices import say
from app.ui.state import current

PREFIX = "assignment:"


def profile_name(assignment_id: int) -> str:
    return f"{PREFIX}{assignment_id}"


def assignment_in(profile: str | None) -> int | None:
    """The assignment a chat profile stands for; None for a persona's profile."""
    if profile and profile.startswith(PREFIX) and profile.removeprefix(PREFIX).isdigit():
        return int(profile.removeprefix(PREFIX))
    return None


def _coursework() -> Coursework:
    return Coursework(current().practice)


def _terms_line(terms: Terms, used: int, now: datetime) -> str:
    due = f"due {when(terms.due_at)}" + (" (now late)" if is_late(terms, now) else "")
    return f"{due} · {used} of {terms.attempts_allowed} attempts used · pass mark {terms.pass_mark:g}"


def _profile(offer: Offer, now: datetime) -> cl.ChatProfile:
    best = offer.standing.best_score
    result = "" if best is None else f" · best {best:g}" + (" (passed)" if offer.standing.passed else "")
    return cl.ChatProfile(
        name=profile_name(offer.assignment.id),
        display_name=f"Assignment: {offer.assignment.title}",
        markdown_description=escape(_terms_line(offer.assignment.terms, offer.used, now) + result),
    )


async def profiles(user: cl.User | None) -> list[cl.ChatProfile]:
    """A learner's own assignments; nothing for anyone else."""
    account = await get_account(current().db, user.identifier) if user else None
    if account is None or account.role is not Role.LEARNER:
        return []
    now = utcnow()
    return [_profile(offer, now) for offer in await _coursework().offers(account)]


def attempt_chat() -> AttemptChat | None:
    found = cl.user_session.get("attempt")
    return found if isinstance(found, AttemptChat) else None


def _header(offer: Offer) -> str:
    assignment = offer.assignment
    instructions = f"{escape(assignment.instructions)}\n\n" if assignment.instructions else ""
    return (
        f"## Assignment: {escape(assignment.title)}\n\n{instructions}"
        f"**Attempt {offer.used + 1} of {assignment.terms.attempts_allowed}** · "
        f"{escape(_terms_line(assignment.terms, offer.used, utcnow()))}\n\n"
        "The attempt starts with your first message; **End session** submits it for grading.\n\n---\n\n"
    )


async def open_attempt(account: AccountView, assignment_id: int) -> tuple[LiveRun, str] | None:
    """The chat's run on the assignment's pinned persona (the client has not spoken yet), and the header for
    its brief; None (and the learner is told why) when no attempt can start."""
    cl.user_session.set("live", None)
    try:
        chat, offer = await _coursework().open(account, assignment_id, opening=False)
    except AttemptRefused as refused:
        await say(escape(str(refused)))
        return None
    cl.user_session.set("attempt", chat)
    cl.user_session.set("live", chat.live)
    return chat.live, _header(offer)


async def begin(account: AccountView, thread_id: str | None) -> bool:
    """Before the first message of an attempt is stored: make the attempt. False (the learner told why) when
    it can no longer start; True otherwise, and always outside assignments."""
    chat = attempt_chat()
    if chat is None:
        return True
    try:
        await _coursework().begin(chat, account, thread_id)
    except AttemptRefused as refused:
        await say(escape(str(refused)))
        return False
    return True


async def refused_after_submission() -> bool:
    """True (the learner told so) when this chat's attempt is submitted: it takes no more turns or rewinds."""
    chat = attempt_chat()
    if chat is None or not chat.submitted:
        return False
    await say("This attempt has been submitted and graded. Start a new chat to make another attempt.")
    return True


def _submitted_line(chat: AttemptChat) -> str:
    attempt, terms = chat.attempt, chat.assignment.terms
    assert attempt is not None
    left = attempts_left(terms, attempt.number)
    late = " late" if attempt.late else ""
    more = f"{left} attempt{'' if left == 1 else 's'} left." if left else "No attempts left."
    return f"**Attempt {attempt.number} of {terms.attempts_allowed} submitted{late}.** {more}\n\n"


async def submit(chat: AttemptChat) -> Report | None:
    """Grade and record the attempt; None (the learner told why) when it was already submitted."""
    try:
        report = await _coursework().submit(chat)
    except AttemptRefused as refused:
        await say(escape(str(refused)))
        return None
    line = _submitted_line(chat)
    learner = report.learner and replace(report.learner, markdown=line + report.learner.markdown)
    return replace(report, markdown=line + report.markdown, learner=learner)


async def resume(run: RunInfo) -> tuple[LiveRun, PreparedTurn | None] | None:
    """An attempt's chat restored on its pinned persona; None when the run is free practice."""
    resumed = await _coursework().resume(run)
    if resumed is None:
        return None
    chat, unfinished = resumed
    cl.user_session.set("attempt", chat)
    return chat.live, unfinished
