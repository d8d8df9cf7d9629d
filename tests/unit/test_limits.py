"""Asked who will hear, a coach who says who does and who does not states a limit (`confidentiality`); passing
something on is still a breach (app/tag/limits.py)."""

import pytest

from app.domain.acts import ActKind
from app.domain.codebook import Move
from app.tag.limits import asks_who_hears, settle_limits
from tests.support.shipped import learned_tagger as tagger
from tests.unit.test_answer_kinds import read_and_act

# (persona, the client's question, the coach's answer): each states a limit, a role or who knows what.
LIMITS = [
    ("siobhan-surgical-registrar", "Who else knows I'm coming to these?", "Just the scheme office, for the bookings. Not your rota, not your consultant."),
    ("joel-hardware-stores", "So this is off the record, right?", "Off the record, yes. The program only knows you signed up. That OK with you?"),
    ("nadia-picture-book", "Who checks up on you, then?", "Nobody checks on you through me. I've a supervisor I talk cases over with, but never names or details."),
    ("dewi-teacher", "Anything I say, it will go to my principal?", "No. I am independent, I never met your principal and I will not."),
    ("priya-team-lead", "Who else hears about these sessions?", "Only us two. I'm freelance, there's no one above me that I report to."),
]  # fmt: skip
# Answers to the same questions that pass something on.
PASSING_ON = [
    ("priya-team-lead", "Is this confidential?", "Mostly. Your director asked me to keep her posted on how you're doing."),
    ("marcus-engineer", "Who else knows I'm here?", "Your manager, and I'll be sending her a short report after each session."),
    ("siobhan-surgical-registrar", "Who sees what I say?", "Nobody. Though Brennan told me you've been struggling since the exam."),
]  # fmt: skip


@pytest.mark.parametrize(("persona_id", "context", "text"), LIMITS)
def test_a_limit_stated_when_asked_who_hears_is_contracting(persona_id: str, context: str, text: str) -> None:
    assert asks_who_hears(context)
    moves = tagger().tag(text, context)
    assert Move.CONFIDENTIALITY in moves and not {Move.BREACH, Move.SELF_FOCUS} & set(moves), moves
    _, act = read_and_act(persona_id, context, text)
    assert act is ActKind.ANSWER_CONFIDENTIALITY  # not a rupture, nor the client ending the session


@pytest.mark.parametrize(("persona_id", "context", "text"), PASSING_ON)
def test_passing_something_on_is_still_a_breach(persona_id: str, context: str, text: str) -> None:
    moves = tagger().tag(text, context)
    assert Move.BREACH in moves and Move.CONFIDENTIALITY not in moves, moves


def test_without_a_question_about_who_hears_the_reading_stands() -> None:
    assert not asks_who_hears("Pak Harjo asked me about the programme. What should I say?")
    assert not asks_who_hears("Dublin's small. Medicine's smaller.")


def test_advice_in_a_straight_answer_stands_where_its_words_are_there() -> None:
    """A straight answer to "who hears?" is not read as advice for naming who does not hear, but advice in
    so many words after it still is."""
    context = "Who else knows I'm coming to these?"
    assert Move.ADVICE not in tagger().tag("Just the office, for the bookings. Not your rota.", context)
    advised = tagger().tag("Only us two. But you should really tell your manager.", context)
    assert Move.ADVICE in advised
    assert settle_limits({Move.ADVICE}, "Only us two. Not your team.", context) == {Move.CONFIDENTIALITY}
    assert Move.ADVICE in settle_limits(
        {Move.ADVICE}, "Only us two. Not your team.", context, frozenset({Move.ADVICE})
    )
