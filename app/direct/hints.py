"""Which hint the client lets slip, if any. Pure.

Hints build: each of a topic's hints is said once, faintest first (the order the persona lists them), and only
those that lead to the topic's next disclosure (or to none in particular). They are paced: a topic is hinted
again only some turns after its last hint, and no hint of any topic comes right after another.
"""

from __future__ import annotations

from app.domain.persona import Persona, SensitiveTopic
from app.domain.trust_state import TopicStatus, TrustState
from app.trust.grants import waiting_for_own_ask

REHINT_AFTER_TURNS = 4  # turns before the same topic is hinted again
HINT_GAP = 3  # turns between any two hints, whichever topics they touch


def next_hint(state: TrustState, persona: Persona) -> tuple[str, int] | None:
    """The (topic id, hint index) to say this turn, or None."""
    last_any = max(state.hinted_at.values(), default=None)
    if last_any is not None and state.turn - last_any < HINT_GAP:
        return None
    for topic in persona.sensitive_topics:
        if state.level < topic.hint_level or not _due(state, persona, topic.id):
            continue
        index = _unsaid_hint(state, persona, topic)
        if index is not None:
            return topic.id, index
    return None


def _due(state: TrustState, persona: Persona, topic_id: str) -> bool:
    status = state.topics.get(topic_id, TopicStatus.LOCKED)
    if status is TopicStatus.LOCKED:
        return True
    deeper = waiting_for_own_ask(state, persona, topic_id)
    if deeper is not None:  # open, but the deeper thing needs its own ask: hint at it once the level is near
        since = state.hinted_at.get(topic_id, 0)
        return state.level >= deeper.level - 1 and state.turn - since >= REHINT_AFTER_TURNS
    last = state.hinted_at.get(topic_id)
    return status is TopicStatus.HINTED and last is not None and state.turn - last >= REHINT_AFTER_TURNS


def _unsaid_hint(state: TrustState, persona: Persona, topic: SensitiveTopic) -> int | None:
    """The first hint not yet said that leads to the topic's next disclosure, or to none in particular."""
    waiting = [d for d in persona.disclosures if d.topic == topic.id and d.id not in state.disclosed]
    target = min(waiting, key=lambda d: d.level).id if waiting else None
    used = set(state.hints_used.get(topic.id, []))
    for index, hint in enumerate(topic.hint_items()):
        if index not in used and hint.leads_to in (None, target):
            return index
    return None
