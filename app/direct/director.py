"""The director: from the engine's state, decide what the coachee does this turn. Pure and deterministic."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from app.domain.acts import Act, ActKind
from app.domain.codebook import Move
from app.domain.persona import Disclosure, Persona
from app.domain.signals import TurnSignals
from app.trust.state import TopicStatus, TrustState

ANSWERS: tuple[tuple[Move, ActKind], ...] = (
    (Move.GOAL, ActKind.ANSWER_GOAL),
    (Move.SUCCESS_MEASURE, ActKind.ANSWER_SUCCESS),
    (Move.IMPORTANCE, ActKind.ANSWER_IMPORTANCE),
    (Move.WORKING_STYLE, ActKind.ANSWER_WORKING_STYLE),
    (Move.CONFIDENTIALITY, ActKind.ANSWER_CONFIDENTIALITY),
)
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
    }
)
REHINT_AFTER_TURNS = 4
DEEPEST_LEVEL = 4
# The never-told thing comes only when the client feels heard or has just agreed to go there: not as the
# answer to a question or a contracting move, however it is put, so no question can fish it out.
DEEPEST_AFTER = frozenset({ActKind.FEEL_HEARD, ActKind.GRANT_PERMISSION})


class Direction(BaseModel):
    """The act for this turn and the state after it (disclosures and hints recorded)."""

    model_config = ConfigDict(frozen=True)

    act: Act
    state: TrustState


def opening(persona: Persona, state: TrustState) -> Act:
    """The client's first words, before the coach has said anything: in a second session, about last time."""
    kind = ActKind.OPENING if state.carried is None else ActKind.FOLLOW_UP_OPENING
    return Act(kind=kind, level=state.level)


def direct(state: TrustState, signals: TurnSignals, persona: Persona) -> Direction:
    """Decide the coachee's act for the turn the engine has just scored."""
    kind, topic = _main_act(state, signals)
    level = state.level
    disclosure: Disclosure | None = None
    hint_topic: str | None = None
    if kind in OPENING_UP_ACTS:
        disclosure = _next_disclosure(
            state,
            persona,
            granted=topic if kind is ActKind.GRANT_PERMISSION else None,
            deepest=kind in DEEPEST_AFTER,
        )
        if disclosure is None:
            hint_topic = _topic_to_hint(state, persona)
    if disclosure is not None and kind is ActKind.ELABORATE:
        kind = ActKind.REVEAL  # the disclosure is the elaboration
    if hint_topic is not None and kind is ActKind.ELABORATE:
        kind, topic, hint_topic = ActKind.HINT, hint_topic, None
    act = Act(
        kind=kind,
        level=level,
        topic=topic,
        disclosure=disclosure.id if disclosure else None,
        hint_topic=hint_topic,
    )
    return Direction(act=act, state=_record(state, act))


def _main_act(state: TrustState, signals: TurnSignals) -> tuple[ActKind, str | None]:
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
    if signals.closing:
        return ActKind.CLOSING, None
    for move, answer in ANSWERS:
        if move in signals.moves:
            return answer, None
    if signals.has(Move.REFLECTION, Move.EMPATHY, Move.ACKNOWLEDGE):
        return ActKind.FEEL_HEARD, None
    if signals.has(Move.OPEN_QUESTION, Move.CLOSED_QUESTION, Move.SPACE, Move.AUTONOMY, Move.INVITE):
        return ActKind.ELABORATE, None
    return ActKind.SMALL_TALK, None


def _next_disclosure(
    state: TrustState, persona: Persona, granted: str | None, deepest: bool = True
) -> Disclosure | None:
    """The lowest-level disclosure the level and permissions allow; a just-granted topic goes first."""
    eligible = [
        d
        for d in persona.disclosures
        if d.id not in state.disclosed
        and d.level <= state.level
        and (deepest or d.level < DEEPEST_LEVEL)
        and (not d.requires_permission or state.topics.get(d.topic or "") is TopicStatus.OPEN)
    ]
    if granted is not None:
        in_topic = [d for d in eligible if d.topic == granted]
        if in_topic:
            return min(in_topic, key=lambda d: d.level)
    return min(eligible, key=lambda d: d.level, default=None)


def _topic_to_hint(state: TrustState, persona: Persona) -> str | None:
    for topic in persona.sensitive_topics:
        status = state.topics[topic.id]
        if state.level < topic.hint_level:
            continue
        last_hint = state.hinted_at.get(topic.id)
        if status is TopicStatus.LOCKED or (
            status is TopicStatus.HINTED
            and last_hint is not None
            and state.turn - last_hint >= REHINT_AFTER_TURNS
        ):
            return topic.id
    return None


def _record(state: TrustState, act: Act) -> TrustState:
    update: dict[str, object] = {}
    if act.disclosure:
        update["disclosed"] = [*state.disclosed, act.disclosure]
    hinted = act.topic if act.kind is ActKind.HINT else act.hint_topic
    if hinted:
        update["topics"] = {**state.topics, hinted: TopicStatus.HINTED}
        update["hinted_at"] = {**state.hinted_at, hinted: state.turn}
        update["pending_topic"] = hinted
    return state.model_copy(update=update) if update else state
