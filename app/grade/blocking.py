"""Blocking errors: behaviours that fail a run whatever its score (ICF treats them as ethics gates)."""

from __future__ import annotations

from typing import get_args

from app.domain.codebook import BlockingRole, Move, quoted_for
from app.grade.facts import CoachTurn, Conversation, Event
from app.grade.rubric import (
    BlockingRule,
    BreachRule,
    ConsultingModeRule,
    OffAgendaRule,
    PushedPastRefusalRule,
)

# The moves that make a sentence the one to quote for each kind of rule (each move's blocking role is in its row
# of the codebook table).
OFFENDING_MOVES: dict[str, frozenset[Move]] = {role: quoted_for(role) for role in get_args(BlockingRole)}


def offending_turns(rule: BlockingRule, conversation: Conversation) -> list[CoachTurn]:
    """The coach turns that trigger the rule (empty when it holds)."""
    coach = conversation.coach
    if isinstance(rule, BreachRule):
        return [turn for turn in coach if turn.has(Move.BREACH)]
    if isinstance(rule, PushedPastRefusalRule):
        return [turn for turn in coach if turn.did(Event.PUSHED_AFTER_REFUSAL)]
    if isinstance(rule, OffAgendaRule):
        steering = [turn for turn in coach if turn.did(Event.STEERED_AWAY)]
        return steering[:1] if len(steering) >= rule.min_steering_turns else []  # a pattern, cited once
    return _consulting(rule, coach)


def _consulting(rule: ConsultingModeRule, coach: list[CoachTurn]) -> list[CoachTurn]:
    """One hit for the whole session, cited at its first unasked-for advice: 'mostly telling' is a pattern."""
    advising = [turn for turn in coach if turn.has(Move.ADVICE)]
    if len(advising) < rule.min_advice_turns or len(advising) / len(coach) < rule.min_advice_share:
        return []
    uninvited = [turn for turn in advising if turn.did(Event.UNINVITED_ADVICE)]
    return [(uninvited or advising)[0]]
