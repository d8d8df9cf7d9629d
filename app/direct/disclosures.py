"""Which disclosure, if any, the client is ready to say, and the reactions that keep the client's state
consistent (a rupture that sticks, a client who ends the session, a reaction that fits its cause). Pure."""

from __future__ import annotations

from app.domain.acts import ActKind
from app.domain.causes import Cause
from app.domain.persona import Disclosure, Persona
from app.domain.trust_state import TopicStatus, TrustState
from app.trust.grants import unused_yes

DEEPEST_LEVEL = 4
# The never-told thing takes time, however fast trust rises: not before this turn of a session.
DEEPEST_NOT_BEFORE_TURN = 10


def next_disclosure(
    state: TrustState, persona: Persona, granted: str | None, deepest: bool = True
) -> Disclosure | None:
    """The lowest-level disclosure the level, permissions and agreements allow; a just-granted topic goes
    first."""
    eligible = [d for d in persona.disclosures if ready(state, persona, d, deepest)]
    if granted is not None:
        in_topic = [d for d in eligible if d.topic == granted]
        if in_topic:
            return min(in_topic, key=lambda d: d.level)
    return min(eligible, key=lambda d: d.level, default=None)


def ready(state: TrustState, persona: Persona, disclosure: Disclosure, deepest: bool = True) -> bool:
    if disclosure.id in state.disclosed or disclosure.level > state.level:
        return False
    if disclosure.level >= DEEPEST_LEVEL and (not deepest or state.turn < DEEPEST_NOT_BEFORE_TURN):
        return False
    if not all(getattr(state.contract, p.value) for p in disclosure.requires):
        return False  # an agreement it waits for is not in place
    if not disclosure.requires_permission:
        return True
    topic = disclosure.topic or ""
    if state.topics.get(topic) is not TopicStatus.OPEN:
        return False
    return not disclosure.own_permission or unused_yes(state, persona, topic)


def reaction_to_rupture(state: TrustState) -> tuple[ActKind, str | None] | None:
    """The act a rupture calls for, before anything else: the client ends the session, reacts to the break,
    or stays closed while it is unrepaired."""
    events = state.events
    if events.stopped:
        return ActKind.END_SESSION, None
    if events.rupture:
        return ActKind.RUPTURE, events.pushed_after_refusal
    if events.held:
        return ActKind.WITHDRAW, None
    return None


def cause_of(kind: ActKind, state: TrustState) -> str | None:
    """What the coach did that this act answers, so the persona's `reactions` can fit it (a repair answers the
    misstep it owns)."""
    events = state.events
    if kind in (ActKind.END_SESSION, ActKind.RUPTURE, ActKind.WITHDRAW) and (events.rupture or state.rupture):
        return events.rupture or state.rupture
    if kind is ActKind.REPAIR_ACCEPTED:
        return state.misstep
    if kind is ActKind.DECLINE_PERMISSION:
        return events.needs
    if events.broke_rule:
        return events.broke_rule
    if kind is ActKind.WITHHOLD_FACT and events.probed:
        return Cause.PROBING.value
    by_kind = {
        ActKind.RESIST_ADVICE: Cause.ADVICE,
        ActKind.HURT: Cause.JUDGMENT,
        ActKind.WITHDRAW: Cause.PRESSURE,
        ActKind.DEFLECT: Cause.PROBING,
        ActKind.REFOCUS: Cause.SELF_FOCUS,
        ActKind.OFF_CONTRACT: Cause.STEERING,
    }
    found = by_kind.get(kind)
    return found.value if found else None
