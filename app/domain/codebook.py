"""The learner-move vocabulary of ``docs/codebook.md`` (v1; a copy of the shared codebook). Ids are stable: stored runs depend on them."""

from enum import StrEnum


class Move(StrEnum):
    # Moves that build trust or structure.
    GOAL = "goal"
    SUCCESS_MEASURE = "success_measure"
    IMPORTANCE = "importance"
    WORKING_STYLE = "working_style"
    CONFIDENTIALITY = "confidentiality"
    PERMISSION = "permission"
    REFLECTION = "reflection"
    OPEN_QUESTION = "open_question"
    CLOSED_QUESTION = "closed_question"
    ACKNOWLEDGE = "acknowledge"
    EMPATHY = "empathy"
    INVITE = "invite"
    SPACE = "space"
    AUTONOMY = "autonomy"
    # Moves that erode trust.
    ADVICE = "advice"
    JUDGMENT = "judgment"
    DISMISS = "dismiss"
    SELF_FOCUS = "self_focus"
    BREACH = "breach"
    PRESSURE = "pressure"


CONTRACTING_MOVES = frozenset(
    {Move.GOAL, Move.SUCCESS_MEASURE, Move.IMPORTANCE, Move.WORKING_STYLE, Move.CONFIDENTIALITY}
)
LISTENING_MOVES = frozenset(
    {Move.REFLECTION, Move.ACKNOWLEDGE, Move.EMPATHY, Move.INVITE, Move.SPACE, Move.AUTONOMY}
)
ERODING_MOVES = frozenset(
    {Move.ADVICE, Move.JUDGMENT, Move.DISMISS, Move.SELF_FOCUS, Move.BREACH, Move.PRESSURE}
)
QUESTION_MOVES = frozenset({Move.OPEN_QUESTION, Move.CLOSED_QUESTION})

# Codebook order, used to sort tags so output is stable.
MOVE_ORDER: dict[Move, int] = {move: index for index, move in enumerate(Move)}


def sort_moves(moves: set[Move] | list[Move]) -> list[Move]:
    """Return the moves de-duplicated, in codebook order."""
    return sorted(set(moves), key=MOVE_ORDER.__getitem__)
