"""The persona's working rules (`contract.working_rules`), enforced: each broken rule costs trust with a reason
that names the client's own wish."""

from __future__ import annotations

from app.domain.causes import Cause, WorkingRule
from app.domain.codebook import CONTRACTING_MOVES, Move
from app.trust import weights as w
from app.trust.turn import Turn

COMFORT = (Move.EMPATHY, Move.ACKNOWLEDGE, Move.SPACE)
# Anything that gives the client something to think about or pushes the work on: not coddling.
SOMETHING_TO_THINK_ABOUT = (
    Move.OPEN_QUESTION,
    Move.CLOSED_QUESTION,
    Move.REFLECTION,
    Move.PERMISSION,
    Move.INVITE,
    *CONTRACTING_MOVES,
)


def working_rules(turn: Turn) -> None:
    rules = set(turn.persona.contract.working_rules)
    signals = turn.signals
    if WorkingRule.STORY_FIRST in rules and _interrupts_the_story(turn):
        _broke(
            turn,
            Cause.STORY_FIRST,
            w.STORY_FIRST_INTERRUPTION,
            "interrupted with questions before the client had told the story (they asked to tell it first)",
        )
    comforting = (signals.has(*COMFORT) or signals.pep_talk) and not signals.has(*SOMETHING_TO_THINK_ABOUT)
    turn.comfort_streak = turn.state.comfort_streak + 1 if comforting else 0
    if WorkingRule.WANTS_CHALLENGE in rules and turn.comfort_streak >= w.CODDLING_AFTER:
        _broke(
            turn,
            Cause.CODDLING,
            w.CODDLING,
            "comforted again with nothing to think about (the client asked to be challenged)",
        )
    if WorkingRule.NO_PEP_TALKS in rules and signals.pep_talk:
        _broke(turn, Cause.PEP_TALK, w.PEP_TALK, "gave a pep talk (the client asked for none)")
    if WorkingRule.NO_WAR_STORIES in rules and signals.has(Move.SELF_FOCUS):
        _broke(
            turn,
            Cause.WAR_STORY,
            w.WAR_STORY,
            "told a story of their own (the client asked for no war stories)",
        )


def _interrupts_the_story(turn: Turn) -> bool:
    """Closed or several questions, not contracting or asking leave, before the client's first disclosure."""
    signals = turn.signals
    if turn.state.disclosed or signals.has(Move.PERMISSION, *CONTRACTING_MOVES):
        return False
    return signals.has(Move.CLOSED_QUESTION) or signals.questions >= 2


def _broke(turn: Turn, cause: Cause, amount: float, reason: str) -> None:
    turn.loss(cause.value, amount, reason, compounding=False)
    turn.events["broke_rule"] = cause.value
