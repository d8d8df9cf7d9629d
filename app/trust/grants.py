"""Permission, one yes at a time: which yes a disclosure that needs its own ask may use. Pure; shared by the
engine (is a request about an open topic a new ask?) and the director (may the disclosure come out?)."""

from __future__ import annotations

from app.domain.persona import Disclosure, Persona
from app.domain.trust_state import TopicStatus, TrustState


def undisclosed(state: TrustState, persona: Persona, topic_id: str) -> list[Disclosure]:
    """The topic's permission-gated disclosures not yet said, lowest level first."""
    gated = [d for d in persona.disclosures if d.topic == topic_id and d.requires_permission]
    return sorted((d for d in gated if d.id not in state.disclosed), key=lambda d: d.level)


def unused_yes(state: TrustState, persona: Persona, topic_id: str) -> bool:
    """Whether the topic's latest yes has opened none of its disclosures yet: a disclosure that needs its own
    ask takes a yes nothing else used."""
    granted = state.granted_at.get(topic_id)
    if granted is None:
        return False
    said = [
        state.disclosed_at[d.id]
        for d in persona.disclosures
        if d.topic == topic_id and d.id in state.disclosed_at
    ]
    return all(at < granted for at in said)


def waiting_for_own_ask(state: TrustState, persona: Persona, topic_id: str) -> Disclosure | None:
    """The open topic's next gated disclosure, when it needs a yes of its own and has none yet: the client
    hints again, and a fresh request is a new ask."""
    if state.topics.get(topic_id) is not TopicStatus.OPEN:
        return None
    waiting = undisclosed(state, persona, topic_id)
    if not waiting or not waiting[0].own_permission or unused_yes(state, persona, topic_id):
        return None
    return waiting[0]
