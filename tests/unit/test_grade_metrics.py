"""Countable metrics, computed by code, with MITI-style good/fair bands from the rubric."""

import pytest
from pydantic import ValidationError

from app.domain.codebook import Move
from app.grade.facts import Event
from app.grade.metrics import Band, MetricId, Threshold, assess, compute
from tests.support.grading import Say, conversation, rubric

OPEN = Say("What would you like from today?", (Move.GOAL, Move.OPEN_QUESTION))
CLOSED = Say("Did you tell her?", (Move.CLOSED_QUESTION,))
STACKED = Say("What happened next, and did you tell her?", (Move.OPEN_QUESTION, Move.CLOSED_QUESTION))
REFLECT = Say("You're worn out.", (Move.REFLECTION,))
ADVICE = Say("You should tell her.", (Move.ADVICE,), (Event.UNINVITED_ADVICE,))
INVITED = Say("One idea is to tell her first.", (Move.ADVICE,), (Event.INVITED_ADVICE,))


def test_talk_share_counts_words_not_turns() -> None:
    values = compute(conversation(Say("How come?", (Move.OPEN_QUESTION,)), "one two three four five six"))
    assert values[MetricId.CLIENT_TALK_SHARE] == 0.75  # 6 client words, 2 coach words
    assert values[MetricId.COACH_WORDS] == 2 and values[MetricId.CLIENT_WORDS] == 6


def test_reflection_question_ratio_counts_every_question_in_a_turn() -> None:
    values = compute(conversation(REFLECT, "Yes.", REFLECT, "Yes.", STACKED, "Hm."))
    assert values[MetricId.QUESTIONS] == 2 and values[MetricId.REFLECTIONS] == 2
    assert values[MetricId.REFLECTION_QUESTION_RATIO] == 1.0


def test_open_question_share_and_stacked_questions() -> None:
    values = compute(conversation(OPEN, "a", CLOSED, "b", STACKED, "c", OPEN, "d"))
    assert values[MetricId.OPEN_QUESTION_SHARE] == 0.75  # 3 of 4 question turns ask an open question
    assert values[MetricId.STACKED_QUESTIONS] == 1
    assert values[MetricId.STACKED_QUESTION_SHARE] == 0.25


def test_a_permission_request_is_not_counted_as_a_question() -> None:
    values = compute(conversation(Say("Can I share an idea?", (Move.PERMISSION,)), "Sure."))
    assert values[MetricId.QUESTIONS] == 0
    assert values[MetricId.OPEN_QUESTION_SHARE] is None  # nothing to measure


def test_advice_before_permission_counts_only_uninvited_advice() -> None:
    values = compute(conversation(ADVICE, "Hm.", INVITED, "OK.", OPEN, "Well."))
    assert values[MetricId.ADVICE_BEFORE_PERMISSION] == 1
    assert values[MetricId.ADVICE_SHARE] == pytest.approx(0.667)


def test_bands_follow_the_rubric_thresholds() -> None:
    thresholds = rubric().metrics
    bands = assess(compute(conversation(ADVICE, "Hm.", ADVICE, "Hm.", CLOSED, "No.")), thresholds)
    assert bands["advice_before_permission"].band is Band.WEAK  # 2 > fair (1)
    assert bands["open_question_share"].band is Band.WEAK  # 0 %
    assert bands["stacked_question_share"].band is Band.GOOD
    assert bands["coach_turns"].band is None and bands["coach_turns"].value == 3  # a count: no band
    good = assess(compute(conversation(OPEN, "Lots to say here about it all.", REFLECT, "Yes.")), thresholds)
    assert good["open_question_share"].band is Band.GOOD
    assert good["reflection_question_ratio"].band is Band.GOOD  # 1 reflection per question


@pytest.mark.parametrize(
    ("value", "band"),
    [(0.8, Band.GOOD), (0.65, Band.GOOD), (0.6, Band.FAIR), (0.4, Band.WEAK), (None, Band.NOT_APPLICABLE)],
)
def test_higher_is_better_bands(value: float | None, band: Band) -> None:
    assert Threshold(good=0.65, fair=0.5).band(value) is band


@pytest.mark.parametrize(("value", "band"), [(0, Band.GOOD), (1, Band.FAIR), (2, Band.WEAK)])
def test_lower_is_better_bands(value: int, band: Band) -> None:
    assert Threshold(good=0, fair=1, better="lower").band(value) is band


def test_thresholds_must_be_ordered() -> None:
    with pytest.raises(ValidationError, match="'good' must be higher"):
        Threshold(good=0.3, fair=0.5)
    with pytest.raises(ValidationError, match="'good' must be lower"):
        Threshold(good=2, fair=1, better="lower")
