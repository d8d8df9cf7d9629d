"""The director: from the engine's state, decide what the coachee does this turn. Pure and deterministic."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from app.direct.answer import Answer, answer
from app.direct.disclosures import cause_of, next_disclosure, reaction_to_rupture
from app.direct.hints import next_hint
from app.domain.acts import Act, ActKind
from app.domain.asked import CLEAR_KINDS, CONTRACT_KINDS, Asked, AskedKind
from app.domain.codebook import Move
from app.domain.persona import Disclosure, Persona
from app.domain.revise import revised
from app.domain.signals import TurnSignals
from app.domain.trust_state import TopicStatus, TrustState
from app.tag.asked import offers, what_was_asked

# Acts after which the client may go on to reveal something or hint at a topic.
OPENING_UP_ACTS = frozenset(
    {
        ActKind.ANSWER_GOAL,
        ActKind.ANSWER_SUCCESS,
        ActKind.ANSWER_IMPORTANCE,
        ActKind.ANSWER_WORKING_STYLE,
        ActKind.ANSWER_CONFIDENTIALITY,
        ActKind.ELABORATE,
        ActKind.FEEL_HEARD,
        ActKind.GRANT_PERMISSION,
        ActKind.REPAIR_ACCEPTED,
        ActKind.ANSWER_FACT,
        ActKind.ANSWER_FEELING,
        ActKind.ANSWER_MEANING,
        ActKind.ANSWER_OPTIONS,
        ActKind.CONFIRM_SUMMARY,
        ActKind.GO_ON,
    }
)
# Acts that become the disclosure or the hint itself when one comes: talking on is how it comes out.
TALKING_ON = frozenset({ActKind.ELABORATE, ActKind.GO_ON})
# The never-told thing comes only when the client feels heard or has just agreed to go there: not as the
# answer to a question or a contracting move, however it is put, so no question can fish it out.
DEEPEST_AFTER = frozenset({ActKind.FEEL_HEARD, ActKind.GRANT_PERMISSION, ActKind.CONFIRM_SUMMARY})
# Feeling heard opens the client only when the reader heard listening in the turn: a guess with a question tag
# ("It's the offer, isn't it?") read as no move at all is answered like a reflection, but earns nothing.
HEARD_ACTS = frozenset({ActKind.FEEL_HEARD, ActKind.CONFIRM_SUMMARY})
HEARD_MOVES = frozenset({Move.REFLECTION, Move.EMPATHY, Move.ACKNOWLEDGE, Move.INVITE})


class Direction(BaseModel):
    """The act for this turn and the state after it (disclosures and hints recorded)."""

    model_config = ConfigDict(frozen=True)

    act: Act
    state: TrustState


def opening(persona: Persona, state: TrustState) -> Act:
    """The client's first words, before the coach has said anything: in a second session, about last time."""
    kind = ActKind.OPENING if state.carried is None else ActKind.FOLLOW_UP_OPENING
    return Act(kind=kind, level=state.level)


def direct(
    state: TrustState, signals: TurnSignals, persona: Persona, context: str | None = None
) -> Direction:
    """Decide the coachee's act for the turn the engine has just scored; `context` is the client's line
    before it, if any."""
    asked = what_was_asked(signals, state.turn, context)
    rupture = reaction_to_rupture(state)
    reaction = rupture or _heard_as_asked(_reaction(state), asked, signals)
    topic = reaction[1] if reaction else None
    replied = Answer(kind=reaction[0]) if reaction else answer(asked, state, persona, signals.text)
    kind = replied.kind
    level = state.level
    disclosure: Disclosure | None = None
    hint_topic: str | None = None
    hint: tuple[str, int] | None = None
    if kind in OPENING_UP_ACTS and (kind not in HEARD_ACTS or HEARD_MOVES & set(signals.moves)):
        disclosure = next_disclosure(
            state,
            persona,
            granted=topic if kind is ActKind.GRANT_PERMISSION else None,
            deepest=kind in DEEPEST_AFTER,
        )
        if disclosure is None:
            hint = next_hint(state, persona)
            hint_topic = hint[0] if hint else None
    if disclosure is not None and kind in TALKING_ON:
        kind = ActKind.REVEAL  # the disclosure is the elaboration
    if hint_topic is not None and kind in TALKING_ON:
        kind, topic, hint_topic = ActKind.HINT, hint_topic, None
    act = Act(
        kind=kind,
        level=level,
        topic=topic,
        disclosure=disclosure.id if disclosure else None,
        hint_topic=hint_topic,
        cause=cause_of(kind, state),
        hint=hint[1] if hint else None,
        fact=replied.fact,
        confirms=replied.confirms and kind not in (ActKind.FEEL_HEARD, ActKind.CONFIRM_SUMMARY),
    )
    return Direction(act=act, state=recorded(state, act))


def _heard_as_asked(
    reaction: tuple[ActKind, str | None] | None, asked: Asked, signals: TurnSignals
) -> tuple[ActKind, str | None] | None:
    """The reaction, unless what the words asked is the better reply. An "offer" the reader heard in a plain
    question ("How would you open the conversation with Dan?") is answered; so is "Would it help if I pushed
    back?", which offers but asks how they want to work. A factual question into a closed area gets the fact
    withheld (the same no, to the question asked), not a change of subject. A rupture's reaction is never
    overridden: it sticks until it is repaired."""
    if reaction is None:
        return None
    kind, topic = reaction
    if kind is ActKind.ACCEPT_OFFER and (
        asked.kind in CONTRACT_KINDS or (asked.kind in CLEAR_KINDS and not offers(signals.text))
    ):
        return None
    if kind is ActKind.DEFLECT and asked.kind is AskedKind.FACT:
        return ActKind.WITHHOLD_FACT, topic
    if kind in (ActKind.WITHDRAW, ActKind.OFF_CONTRACT) and asked.kind in (
        AskedKind.CLOSING,
        AskedKind.SUMMARY,
    ):
        return None  # wrapping up or summing up the session is neither hurrying the client nor steering away
    if kind is ActKind.RESIST_ADVICE and asked.kind is AskedKind.CLOSING:
        return None  # a parting suggestion is part of the goodbye: the engine has scored it already
    return reaction


def _reaction(state: TrustState) -> tuple[ActKind, str | None] | None:
    """The act for what the engine noticed this turn, if anything calls for one; else the client answers."""
    events = state.events
    if events.out_of_frame:
        return ActKind.OUT_OF_FRAME, None
    if events.breach:
        return ActKind.RUPTURE, None
    if events.pushed_after_refusal:
        return ActKind.RUPTURE, events.pushed_after_refusal
    if events.pressure:
        return ActKind.WITHDRAW, None
    if events.permission_granted:
        return ActKind.GRANT_PERMISSION, events.permission_granted
    if events.permission_declined:
        return ActKind.DECLINE_PERMISSION, events.permission_declined
    if events.probed:
        return ActKind.DEFLECT, events.probed
    if events.hurt:
        return ActKind.HURT, None
    if events.uninvited_advice:
        return ActKind.RESIST_ADVICE, None
    if events.invited_advice:
        return ActKind.CONSIDER_ADVICE, None
    if events.offer_accepted:
        return ActKind.ACCEPT_OFFER, None
    if events.steered_away:
        return ActKind.OFF_CONTRACT, None
    if events.self_focus:
        return ActKind.REFOCUS, None
    if events.repaired:
        return ActKind.REPAIR_ACCEPTED, None
    return None


def recorded(state: TrustState, act: Act) -> TrustState:
    """The state with what the act said kept: a disclosure, a fact, a hint (its topic now pending)."""
    update: dict[str, object] = {}
    if act.disclosure:
        update["disclosed"] = [*state.disclosed, act.disclosure]
        update["disclosed_at"] = {**state.disclosed_at, act.disclosure: state.turn}
    if act.fact:
        update["facts_told"] = [*state.facts_told, act.fact]
    hinted = act.topic if act.kind is ActKind.HINT else act.hint_topic
    if hinted:
        update["topics"] = {**state.topics, hinted: TopicStatus.HINTED}
        update["hinted_at"] = {**state.hinted_at, hinted: state.turn}
        update["pending_topic"] = hinted
        if act.hint is not None:
            update["hints_used"] = {**state.hints_used, hinted: [*state.hints_used.get(hinted, []), act.hint]}
    return revised(state, **update) if update else state
