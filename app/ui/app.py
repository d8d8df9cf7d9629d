"""The practice app's Chainlit handlers. Importing this module registers them; `rapport serve` does that,
then puts Rapport's changes to Chainlit in place (app/ui/chainlit_patches.py) and starts the server."""

from __future__ import annotations

import asyncio
import logging
import weakref
from dataclasses import dataclass, field
from typing import Any

import chainlit as cl
from chainlit.input_widget import InputWidget, Switch
from chainlit.session import WebsocketSession
from chainlit.types import ThreadDict

from app.domain.persona import LEVEL_NAMES, Persona
from app.domain.turns import PreparedTurn
from app.practice.inputs import PAUSE, SILENCE_SHOWN, BadInput, clean_message
from app.practice.markup import escape
from app.practice.service import AnsweredElsewhere, LiveRun, RunEnded, TurnOutcome
from app.store.accounts import AccountView, Role, authenticate, get_account
from app.store.runs import RunInfo, StoreConflict, get_run, grades_of, run_for_thread
from app.store.schema import RunStatus
from app.ui import (
    branches,
    chat_settings,
    coursework,
    pace,
    practise_next,
    progress,
    resume,
)
from app.ui import follow_up as follow_ups
from app.ui import lti as lti_routes
from app.ui.data_layer import RapportDataLayer
from app.ui.drain import drain
from app.ui.notices import APP, say
from app.ui.profiles import chat_profiles, persona_for
from app.ui.state import current
from app.voice.pacing import Paced
from app.voice.reply import Show

log = logging.getLogger(__name__)

STREAM_INTERVAL = 0.05  # seconds between Socket.IO emits while a reply streams (app/voice/pacing.py)
HELP = (
    "Type as the coach. Under each reply: **Rewind here** goes back to just before that turn to try another "
    "reply (the original stays in the record); **… Stay silent** leaves the client a silence to fill; "
    "**End session** grades the session and shows your report. You can also type `/rewind N` or `/end`."
)

ENDED = (
    "This session has ended and been graded, so it takes no more turns. To try another path, press "
    "**Rewind here** under one of the client's replies (or type `/rewind N`); or start a new chat."
)

MOVED_ON = "This session moved on in another tab. Reload the page to continue from there."

ANSWERING_ELSEWHERE = (
    "This session is being answered in another tab right now. Reload the page to continue from there."
)

# Tasks running on their own (a cut-off turn's answer): held here so that they are not collected mid-way.
_background: set[asyncio.Future[None]] = set()

GRADEBOOK = (
    "\n\n**Instructor:** your assignments and your learners' attempts are in the [gradebook](/gradebook)."
)


def _personas() -> list[Persona]:
    return current().practice.personas()


@cl.on_app_startup
async def on_app_startup() -> None:
    await current().open()
    lti_routes.start_sender()


@cl.on_app_shutdown
async def on_app_shutdown() -> None:
    await current().close()


@cl.data_layer
def data_layer() -> RapportDataLayer:
    return RapportDataLayer(current().db)


@cl.password_auth_callback
async def login(username: str, password: str) -> cl.User | None:
    account = await authenticate(current().db, username.strip(), password)
    if account is None:
        return None
    return cl.User(identifier=account.name, metadata={"role": account.role.value, "provider": "credentials"})


@cl.set_chat_profiles
async def profiles(user: cl.User | None = None, language: str | None = None) -> list[cl.ChatProfile]:
    return lti_routes.landed(
        chat_profiles(_personas(), practise_next.chosen()) + await coursework.profiles(user), user
    )


# --- session helpers ------------------------------------------------------------------------------------


async def _account() -> AccountView:
    """The logged-in account, from the store (the source of truth for roles), cached for the chat."""
    cached = cl.user_session.get("account")
    if isinstance(cached, AccountView):
        return cached
    user = cl.user_session.get("user")
    account = await get_account(current().db, user.identifier) if user else None
    if account is None:
        raise PermissionError("this account no longer exists")
    cl.user_session.set("account", account)
    return account


def _live() -> LiveRun | None:
    live = cl.user_session.get("live")
    return live if isinstance(live, LiveRun) else None


def _brief(persona: Persona) -> str:
    setting = persona.setting
    return (
        f"### You are coaching {escape(persona.name)}\n"
        f"*{escape(persona.role)}*\n\n{escape(persona.brief)}\n\n"
        f"**Setting:** {escape(setting.context)}  \n"
        f"**Who you are to them:** {escape(setting.relationship)}\n\n"
        f"{HELP}"
    )


def _paced(show: Show) -> Show:
    """Offline, the scripted voice's words come at a reading pace rather than all at once."""
    settings = current().practice.services.settings
    return show if settings.uses_model else pace.at_reading_pace(show, settings.reading_pace)


def _actions(live: LiveRun, turn: int, reply_id: str) -> list[cl.Action]:
    """The buttons under the reply to learner turn `turn`. Their ids follow from the reply's, so buttons sent
    again for it (a reopened chat) replace the page's earlier copies instead of doubling them."""
    run = live.run_id or ""
    return [
        cl.Action(
            id=f"{reply_id}-rewind",
            name="rewind",
            payload={"run": run, "turn": turn},
            label=f"↩ Rewind here (turn {turn})",
            tooltip="Go back to just before this turn and try a different reply",
        ),
        _silence(live, reply_id),
        cl.Action(
            id=f"{reply_id}-end",
            name="end",
            payload={"run": run},
            label="End session",
            tooltip="Grade the session",
        ),
    ]


def _silence(live: LiveRun, reply_id: str) -> cl.Action:
    """The button that leaves a silence (the page will not send an empty message): the same turn as an empty
    line in `rapport practice`, so the client has room to go on."""
    return cl.Action(
        id=f"{reply_id}-silence",
        name="silence",
        payload={"run": live.run_id or ""},
        label="… Stay silent",
        tooltip="Say nothing and give them a moment: the client has room to go on",
    )


async def _settings_for(account: AccountView, show_trust: bool = False) -> None:
    if account.role is Role.INSTRUCTOR:
        label = "Show the client's trust live (for demonstrations)"
        widgets: list[InputWidget] = [Switch(id=chat_settings.SHOW_TRUST, label=label, initial=show_trust)]
        await cl.ChatSettings(widgets).send()


# --- chat lifecycle -------------------------------------------------------------------------------------


@cl.on_chat_start
async def on_chat_start() -> None:
    account = await _account()
    profile, header = cl.user_session.get("chat_profile"), ""
    if (assignment := coursework.assignment_in(profile)) is not None:
        opened = await coursework.open_attempt(account, assignment)
        if opened is None:
            return
        live, header = opened
    else:
        persona = persona_for(_personas(), profile)
        cookies = (cl.context.session.environ or {}).get("HTTP_COOKIE")
        # Started with "Next session with <client>": the follow-up of that run. Else a first session; from the
        # progress page's "practise next", with its focus above the brief.
        live = await follow_ups.begin(account, persona.id, cookies) or current().practice.begin(persona)
        header = follow_ups.header(live) or await progress.focus_header(account, live.persona.id, cookies)
    cl.user_session.set("live", live)
    await _settings_for(account)
    # The brief at once; the client's first words stream after it (with a model they can take a while).
    await say(header + _brief(live.persona) + (GRADEBOOK if account.role is Role.INSTRUCTOR else ""))
    await _opening(live)


async def _opening(live: LiveRun) -> None:
    reply = cl.Message(author=live.persona.name, content="")
    stream = Paced(reply.stream_token, STREAM_INTERVAL)

    async def streamed(piece: str) -> None:
        await stream.show(escape(piece))

    show = _paced(streamed)

    said = await current().practice.open(live, show)
    await stream.close()
    if said.replaced or not reply.content:
        reply.content = escape(said.text)
    reply.actions = [_silence(live, reply.id)]  # the learner may leave a silence from the very start
    await reply.send()
    if said.note:
        await say(f"*Note: {escape(said.note)}*")


@cl.on_chat_resume
async def on_chat_resume(thread: ThreadDict) -> None:
    account = await _account()
    run = await run_for_thread(current().db, thread["id"])
    if run is None or run.account_id != account.id:
        # Nothing usable was ever said in this thread: start afresh with its persona (or assignment).
        if (assignment := coursework.assignment_in(cl.user_session.get("chat_profile"))) is not None:
            await coursework.open_attempt(account, assignment)
            return
        persona = persona_for(_personas(), cl.user_session.get("chat_profile"))
        cl.user_session.set("live", await current().practice.start(persona.id))
        return
    live, unfinished = await _take_up(run)
    try:
        await _settings_for(account, chat_settings.resumed(account.role is Role.INSTRUCTOR))
        grades = await grades_of(current().db, run.id)
        resume.restore_soon(thread, live, grades, account.role is Role.LEARNER, _actions)
        if run.status is RunStatus.ENDED and not any(
            f"/follow-up/{run.id}" in (s.get("output") or "") for s in thread.get("steps", [])
        ):
            asyncio.get_running_loop().call_soon(lambda: asyncio.ensure_future(say(follow_ups.link(run))))
        if unfinished is not None:
            # The server stopped while this reply was being voiced; the learner's words were kept.
            await resume.keep_cut_off_words(thread, unfinished.learner, account.name)
    finally:
        if unfinished is not None:
            # Chainlit shows the stored thread after this handler returns, so the reply is sent just after.
            # Messages that came meanwhile wait for it (the take-up made them wait).
            _finish_cut_off_turn(live, unfinished, after_resume=True)


@dataclass
class _Chat:
    """What a chat session keeps outside Chainlit's user session. Chainlit replaces that whole when it resumes
    a thread (with the thread's saved metadata), so a message that came before the page's resume would lose
    there what it took up (`_take_up`): the run and how far its cut-off turn is answered."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    taken: dict[str, Any] = field(default_factory=dict)  # the user session's entries the take-up set
    answered: asyncio.Future[None] | None = None  # done once the turn a dead server cut off is answered


_chats: weakref.WeakKeyDictionary[Any, _Chat] = weakref.WeakKeyDictionary()


def _chat() -> _Chat:
    session = cl.context.session
    found = _chats.get(session)
    if found is None:
        found = _chats[session] = _Chat()
    return found


async def _take_up(run: RunInfo) -> tuple[LiveRun, PreparedTurn | None]:
    """The chat's run from the store, taken up once per chat session: by the page's resume or by a message that
    reached this server before it, whichever comes first; the other gets the same LiveRun (and attempt). Two
    copies would each hold their own head, and every turn after the first would be refused as from a stale
    tab. The turn a dead server cut off comes back to the first only: it answers it."""
    chat = _chat()
    async with chat.lock:
        taken = chat.taken.get("live")
        if isinstance(taken, LiveRun) and taken.run_id == run.id:
            for key, value in chat.taken.items():
                cl.user_session.set(key, value)
            return taken, None
        live, unfinished = await coursework.resume(run) or await current().practice.resume(run)
        cl.user_session.set("live", live)
        chat.taken = {"live": live, "attempt": cl.user_session.get("attempt")}
        if unfinished is not None:  # from now on every message waits for its answer (_finish_cut_off_turn)
            chat.answered = asyncio.get_running_loop().create_future()
        return live, unfinished


async def _resumed_by_message() -> LiveRun | None:
    """The chat's run, taken up from the store by a message that reached this server before the page's
    resume had done so (typed while the page was reconnecting after its server died, or sent while Chainlit
    was still reading the thread): the turn a dead server cut off is answered first, then the message. None
    when the thread has no run of this account (a new chat: the page's start comes next)."""
    account = await _account()
    run = await run_for_thread(current().db, cl.context.session.thread_id)
    if run is None or run.account_id != account.id:
        return None
    live, unfinished = await _take_up(run)
    if unfinished is not None:
        await _finish_cut_off_turn(live, unfinished)
    return live


def _finish_cut_off_turn(
    live: LiveRun, prepared: PreparedTurn, after_resume: bool = False
) -> asyncio.Future[None]:
    """Answer the turn a dead server cut off, in a task of its own; every message of this chat waits for it
    before its own turn (`_cut_off_turn_answered`), so no turn hangs below an unanswered one. `after_resume`:
    begun only once Chainlit has sent the page the resumed thread, which it does after on_chat_resume returns,
    so that the reply comes after the history."""
    chat = _chat()
    if chat.answered is None or chat.answered.done():
        chat.answered = asyncio.get_running_loop().create_future()
    answered = chat.answered
    if isinstance(session := cl.context.session, WebsocketSession):
        drain.track(session, answered)  # a stopping server closes the chat's socket only once it is answered

    async def finish() -> None:
        try:
            await _voiced(live, lambda show: current().practice.finish(live, prepared, show))
        finally:
            if not answered.done():
                answered.set_result(None)

    def begin() -> None:
        _background.add(task := asyncio.ensure_future(finish()))
        task.add_done_callback(_background.discard)

    if after_resume:
        asyncio.get_running_loop().call_soon(begin)
    else:
        begin()
    return answered


async def _cut_off_turn_answered() -> None:
    answered = _chat().answered
    if answered is not None and not answered.done():
        await asyncio.shield(answered)


@cl.on_settings_update
async def on_settings_update(settings: dict[str, Any]) -> None:
    account = await _account()
    # Only instructors get the switch; a learner's client sending it anyway changes nothing.
    await chat_settings.keep(account.role is Role.INSTRUCTOR and bool(settings.get(chat_settings.SHOW_TRUST)))


# --- turns ----------------------------------------------------------------------------------------------


async def _voiced(live: LiveRun, run_turn: Any) -> TurnOutcome | None:
    persona = live.persona
    reply = cl.Message(author=persona.name, content="")
    stream = Paced(reply.stream_token, STREAM_INTERVAL)

    async def streamed(piece: str) -> None:
        await stream.show(escape(piece))

    show = _paced(streamed)

    try:
        outcome: TurnOutcome = await run_turn(show)
    except RunEnded:  # ended in another tab meanwhile
        await say(ENDED)
        return None
    except AnsweredElsewhere:  # another tab, on this server or another, is answering a turn of this run
        await say(ANSWERING_ELSEWHERE)
        return None
    except StoreConflict:
        await say(MOVED_ON)
        return None
    await stream.close()
    record = outcome.record
    if outcome.replaced or not reply.content:
        reply.content = escape(record.coachee)
    reply.actions = _actions(live, record.index, reply.id)
    await reply.send()
    branches.remember(record.index, reply, reply.actions)
    if record.note:
        await say(f"*Note: {escape(record.note)}*")
    if cl.user_session.get(chat_settings.SHOW_TRUST):
        await cl.Message(
            author="Trust meter",
            content=f"trust {record.trust:.0f}/100 · level {record.level} ({LEVEL_NAMES[record.level]})",
        ).send()
    return outcome


@cl.on_message
async def on_message(message: cl.Message) -> None:
    live = _live() or await _resumed_by_message()
    if live is None:
        await say("This chat has no session. Start a new chat to practise.")
        return
    await _cut_off_turn_answered()
    if await coursework.refused_after_submission():
        return
    text = message.content or ""
    command = text.strip().lower()
    if command == "/end":
        await _end(live)
        return
    if command.startswith("/rewind"):
        argument = command.removeprefix("/rewind").strip()
        await _rewind(live, int(argument) if argument.isdigit() else 0)
        return
    await _turn(live, text)


async def _turn(live: LiveRun, text: str, silence: bool = False) -> None:
    """One learner turn, typed or (with `silence`) left as a silence by the button: stored, answered, and the
    report brought up if the client ended the session."""
    if live.ended:
        await say(ENDED)
        return
    try:
        learner = clean_message(text)
    except BadInput as error:
        await say(escape(str(error)))
        return
    account = await _account()
    if not await coursework.begin(account, cl.context.session.thread_id):
        return
    if silence:
        # The page shows no message of the learner's for a button: the silence shows as their turn.
        await cl.Message(author=account.name, type="user_message", content=SILENCE_SHOWN).send()
    await current().practice.save(live, account, cl.context.session.thread_id)
    # Settings changed before the thread existed go into it now, before the reply shows them in use: a server
    # that dies after the reply then loses nothing (the data layer keeps this update and Chainlit's own first
    # save of the thread, under way since the first message, from undoing each other).
    await chat_settings.keep_with_thread()
    outcome = await _voiced(live, lambda show: current().practice.turn(live, learner, show))
    if outcome is not None and live.rehearsal.ended:
        # The client ended the session (trust broken and not repaired): the report is what comes next.
        await say(f"**{escape(live.persona.name)} has ended the session.** Here is your report.")
        await _end(live)


# --- rewind and end -------------------------------------------------------------------------------------


def _same_run(live: LiveRun | None, action: cl.Action) -> LiveRun | None:
    return live if live is not None and action.payload.get("run") == (live.run_id or "") else None


async def _rewind(live: LiveRun, turn: int) -> None:
    if await coursework.refused_after_submission():
        return
    try:
        await current().practice.rewind(live, turn)
    except ValueError as error:
        await say(escape(f"Cannot rewind: {error}."))
        return
    except StoreConflict:  # another tab, on this server or another, moved the run on
        await say(MOVED_ON)
        return
    await branches.mark_earlier_branch(turn)
    last = live.rehearsal.transcript[-1].text
    await say(
        f"↩ **Rewound to just before your turn {turn}.** {escape(live.persona.name)} is exactly where "
        f"they were when they said: “{escape(last)}” — what would you say now? "
        "(The original turns stay in the record.)"
    )


@cl.action_callback("rewind")
async def on_rewind(action: cl.Action) -> None:
    live = _same_run(_live(), action)
    turn = action.payload.get("turn")
    if live is None or not isinstance(turn, int):
        await say("That button belongs to another session.")
        return
    await _rewind(live, turn)


async def _end(live: LiveRun) -> None:
    if not live.turns:
        await say("There is nothing to grade yet: say something to the client first.")
        return
    attempt = coursework.attempt_chat()
    try:
        report = await (coursework.submit(attempt) if attempt else current().practice.end(live))
    except StoreConflict:  # the branch this tab shows is no longer the run's: nothing was graded
        await say(MOVED_ON)
        return
    if report is None:
        return
    # A learner reads what stayed closed only in general terms; an instructor reads everything.
    shown = report.view(learner=(await _account()).role is Role.LEARNER)
    elements: list[Any] = []
    if shown.figure is not None:
        elements.append(cl.Plotly(name="trust timeline", figure=shown.figure, display="inline", size="large"))
    await cl.Message(author=APP, content=shown.markdown, elements=elements).send()
    if attempt is None and live.run_id is not None and (run := await get_run(current().db, live.run_id)):
        await say(follow_ups.link(run))  # the next session with the same client, who will remember this one


@cl.action_callback("silence")
async def on_silence(action: cl.Action) -> None:
    live = _same_run(_live(), action)
    if live is None and not action.payload.get("run"):
        live = _live()  # under the opening, before the first turn stored the run
    if live is None:
        await say("That button belongs to another session.")
        return
    await _cut_off_turn_answered()
    if await coursework.refused_after_submission():
        return
    await _turn(live, PAUSE, silence=True)


@cl.action_callback("end")
async def on_end(action: cl.Action) -> None:
    live = _same_run(_live(), action)
    if live is None:
        await say("That button belongs to another session.")
        return
    await _end(live)
