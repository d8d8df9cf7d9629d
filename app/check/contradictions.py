"""Does the client contradict what happened? A check that reads a whole run, turn by turn. Pure.

Three contradictions (issue 11): a goodbye before the end (the client says goodbye, or leaves, with the session
still going on); "I said no" when the client never said no; and talk after the client said they were stopping,
without the coach repairing it first."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.acts import ActKind
from app.domain.turns import TurnRecord

GOODBYE = re.compile(
    r"\b(?:goodbye|bye|see you (?:next|in a|soon|then)|i (?:have|need|'ve got) to go|i'?ll report back|"
    r"thanks for your time|next class)\b",
    re.IGNORECASE,
)
# "I said no to that." / "I said no." — not a story about saying no to someone else ("I said no in four seconds").
SAID_NO = re.compile(
    r"\bi (?:said|told you) no(?: to (?:that|this|you))?(?=[.!,;]|$)|\bi already said (?:no|i'?d rather not)\b",
    re.IGNORECASE,
)
STOPPING = re.compile(
    r"\b(?:we should stop|stop (?:here|there|now)|call it (?:for today|a day|here)|end (?:it|this|the session) "
    r"(?:here|now|today)|not comfortable carrying on|(?:don'?t|do not) want to (?:go on|carry on|continue)|"
    r"i'?m done here|i'?m leaving)\b",
    re.IGNORECASE,
)
# A withheld fact is a no to the question asked (a probe into a closed area, put as a factual question).
REFUSALS = frozenset({ActKind.DECLINE_PERMISSION, ActKind.DEFLECT, ActKind.WITHHOLD_FACT})
# The last turns of a run, where a goodbye belongs.
CLOSING_TURNS = 2


@dataclass(frozen=True)
class ClientTurn:
    """What the client did and said in one turn of a run."""

    turn: int  # the coach turn it answers, 1 for the first
    act: ActKind
    said: str


def contradictions(run: Sequence[ClientTurn]) -> list[str]:
    """Every contradiction in the run, one readable line each; [] when the client stayed consistent."""
    found: list[str] = []
    refused = False
    stopped_at: int | None = None
    last = len(run)
    for position, turn in enumerate(run, start=1):
        if stopped_at is not None and turn.act is not ActKind.REPAIR_ACCEPTED:
            found.append(f"turn {turn.turn}: talks on after stopping at turn {stopped_at}, with no repair")
        if turn.act is ActKind.REPAIR_ACCEPTED:
            stopped_at = None
        ending = turn.act is ActKind.END_SESSION
        if (turn.act is ActKind.CLOSING or GOODBYE.search(turn.said)) and last - position >= CLOSING_TURNS:
            found.append(f"turn {turn.turn}: says goodbye with the session still going on: {turn.said!r}")
        if SAID_NO.search(turn.said) and not refused:
            found.append(f"turn {turn.turn}: says they said no, but never refused anything: {turn.said!r}")
        if ending or STOPPING.search(turn.said):
            stopped_at = stopped_at or turn.turn
        refused = refused or turn.act in REFUSALS
    return found


def client_turns(records: Sequence[TurnRecord]) -> list[ClientTurn]:
    return [ClientTurn(turn=r.index, act=r.act.kind, said=r.coachee) for r in records]
