"""Stating the limits of confidentiality is not breaching it (the codebook's `confidentiality`: "states
confidentiality, limits, roles or a conflict of interest"). Asked who will hear, a coach who says who does and who
does not ("Only the scheme administrator, for booking. Not your programme, not the hospital.", "I have a
supervisor; I discuss cases with her, no names.") is contracting, however much it names who knows what. Pure."""

from __future__ import annotations

from app.domain.codebook import Move
from app.tag.phrases.contracting import PASSING_ON, PRIVACY_ANSWER, PRIVACY_ASKING, PRIVACY_WORRY
from app.tag.text import clean, expand_shorthand, sentence_parts

# A straight answer states the limit only if it does nothing else that costs trust.
ERODING = frozenset({Move.ADVICE, Move.JUDGMENT, Move.DISMISS, Move.PRESSURE})


def asks_who_hears(context: str | None) -> bool:
    """The client's line asks or worries who will hear what they say here."""
    text = expand_shorthand(context or "")
    return any(PRIVACY_WORRY.search(part) and PRIVACY_ASKING.search(part) for part in sentence_parts(text))


def settle_limits(
    moves: set[Move], text: str, context: str | None, rule_moves: frozenset[Move] = frozenset()
) -> set[Move]:
    """A reply to "who will hear?" states a limit, not a breach, unless it passes something on ("your manager
    told me…", "I keep her posted"); and the coach's role it describes ("I'm self-employed, I report to
    no one") is part of the contract, not a turn to the coach's own story. Advice in a straight answer stands
    only where the rules (`rule_moves`) see advice's words too: "Not your rota, not your consultant." names who
    does not hear, and tells the client to do nothing."""
    said = clean(text)
    if not asks_who_hears(context) or PASSING_ON.search(said):
        return moves
    if Move.ADVICE in moves and Move.ADVICE not in rule_moves and PRIVACY_ANSWER.search(said):
        moves = moves - {Move.ADVICE}
    # a breach read in it, or a straight answer ("Nobody.", "Only us two.", "Just the office.")
    if Move.BREACH in moves or (PRIVACY_ANSWER.search(said) and not moves & ERODING):
        moves = (moves - {Move.BREACH}) | {Move.CONFIDENTIALITY}
    if Move.CONFIDENTIALITY in moves:
        moves = moves - {Move.SELF_FOCUS}
    return moves
