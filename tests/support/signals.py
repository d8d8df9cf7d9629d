"""Hand-made learner turns for the engine and director tests: the signals, without the reader."""

from app.domain.codebook import Move
from app.domain.signals import TurnSignals


def signals(*moves: Move, text: str = "...", **facts: object) -> TurnSignals:
    return TurnSignals(text=text, moves=list(moves), **facts)  # type: ignore[arg-type]


CONTRACT = (
    signals(Move.GOAL, Move.OPEN_QUESTION),
    signals(Move.SUCCESS_MEASURE, Move.OPEN_QUESTION),
    signals(Move.IMPORTANCE, Move.OPEN_QUESTION),
    signals(Move.WORKING_STYLE, Move.OPEN_QUESTION),
)
LISTEN = signals(Move.REFLECTION, Move.EMPATHY, echo=0.5, recall=0.5, added=3)
# Good listening varies: a deepening reflection, acknowledgement, space, the choice left with the client.
LISTENING = (
    LISTEN,
    signals(Move.REFLECTION, Move.ACKNOWLEDGE, echo=0.4, recall=0.4, added=4),
    signals(Move.EMPATHY, Move.SPACE),
    signals(Move.REFLECTION, Move.AUTONOMY, echo=0.3, recall=0.3, added=5),
)


def listening(turns: int) -> list[TurnSignals]:
    return [LISTENING[i % len(LISTENING)] for i in range(turns)]
