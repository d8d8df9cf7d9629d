"""Countable metrics, computed by code rather than judged: talk share, reflections per question, open and
stacked questions, advice before permission. Thresholds come from the rubric (MITI-style good/fair bands)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.domain.codebook import Move
from app.grade.facts import CoachTurn, Conversation, Event

STACKED_AT = 2  # "one question at a time": a second question in the same turn is a stack


class MetricId(StrEnum):
    CLIENT_TALK_SHARE = "client_talk_share"  # client words / all words
    REFLECTION_QUESTION_RATIO = "reflection_question_ratio"  # reflecting turns / questions asked
    # reflections that add meaning or feeling / all reflections (MITI's complex reflections)
    COMPLEX_REFLECTION_SHARE = "complex_reflection_share"
    OPEN_QUESTION_SHARE = "open_question_share"  # open-question turns / question turns
    STACKED_QUESTIONS = "stacked_questions"  # turns asking two or more questions
    STACKED_QUESTION_SHARE = "stacked_question_share"  # stacked turns / question turns
    ADVICE_BEFORE_PERMISSION = "advice_before_permission"  # turns with advice the client had not invited
    ADVICE_SHARE = "advice_share"  # turns with any advice / coach turns
    MEAN_COACH_WORDS = "mean_coach_words"  # words per coach turn
    COACH_TURNS = "coach_turns"
    CLIENT_TURNS = "client_turns"
    COACH_WORDS = "coach_words"
    CLIENT_WORDS = "client_words"
    REFLECTIONS = "reflections"
    QUESTIONS = "questions"


class Band(StrEnum):
    GOOD = "good"
    FAIR = "fair"
    WEAK = "weak"
    NOT_APPLICABLE = "n/a"  # nothing to measure (e.g. no questions asked)


class Threshold(BaseModel):
    """Good and fair anchors; `better` says which way is better."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    good: float
    fair: float
    better: Literal["higher", "lower"] = "higher"

    @model_validator(mode="after")
    def _ordered(self) -> Threshold:
        if (self.good < self.fair) if self.better == "higher" else (self.good > self.fair):
            raise ValueError(f"'good' must be {self.better} than or equal to 'fair'")
        return self

    def band(self, value: int | float | None) -> Band:
        if value is None:
            return Band.NOT_APPLICABLE
        sign = 1 if self.better == "higher" else -1
        if sign * value >= sign * self.good:
            return Band.GOOD
        if sign * value >= sign * self.fair:
            return Band.FAIR
        return Band.WEAK


class MetricValue(BaseModel):
    """One metric in a grade: its value and, where the rubric sets anchors, its band."""

    model_config = ConfigDict(frozen=True)

    value: int | float | None = Field(
        description="None when there was nothing to measure (e.g. no questions)."
    )
    band: Band | None = Field(
        default=None, description="good / fair / weak / n/a; None when the rubric sets none."
    )
    good: float | None = None
    fair: float | None = None
    better: Literal["higher", "lower"] | None = None


def is_stacked(turn: CoachTurn) -> bool:
    return turn.questions >= STACKED_AT


def questions_asked(turn: CoachTurn) -> int:
    """Questions in a question-asking turn (a permission request alone is not counted, as in MITI's SEEK)."""
    return max(turn.questions, 1) if turn.asks else 0


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 3) if whole else None


def compute(conversation: Conversation) -> dict[MetricId, int | float | None]:
    coach = conversation.coach
    coach_words = sum(turn.words for turn in coach)
    asking = [turn for turn in coach if turn.asks]
    questions = sum(questions_asked(turn) for turn in coach)
    reflections = sum(1 for turn in coach if turn.has(Move.REFLECTION))
    stacked = sum(1 for turn in asking if is_stacked(turn))
    client_turns = sum(1 for u in conversation.transcript.turns if u.speaker == "client")
    return {
        MetricId.CLIENT_TALK_SHARE: _share(
            conversation.client_words, conversation.client_words + coach_words
        ),
        MetricId.REFLECTION_QUESTION_RATIO: _share(reflections, questions),
        MetricId.COMPLEX_REFLECTION_SHARE: _share(
            sum(1 for turn in coach if turn.has(Move.REFLECTION) and not turn.did(Event.PARROT)), reflections
        ),
        MetricId.OPEN_QUESTION_SHARE: _share(
            sum(1 for turn in asking if turn.has(Move.OPEN_QUESTION)), len(asking)
        ),
        MetricId.STACKED_QUESTIONS: stacked,
        MetricId.STACKED_QUESTION_SHARE: _share(stacked, len(asking)),
        MetricId.ADVICE_BEFORE_PERMISSION: sum(1 for turn in coach if turn.did(Event.UNINVITED_ADVICE)),
        MetricId.ADVICE_SHARE: _share(sum(1 for turn in coach if turn.has(Move.ADVICE)), len(coach)),
        MetricId.MEAN_COACH_WORDS: round(coach_words / len(coach), 1) if coach else None,
        MetricId.COACH_TURNS: len(coach),
        MetricId.CLIENT_TURNS: client_turns,
        MetricId.COACH_WORDS: coach_words,
        MetricId.CLIENT_WORDS: conversation.client_words,
        MetricId.REFLECTIONS: reflections,
        MetricId.QUESTIONS: questions,
    }


def assess(
    values: dict[MetricId, float | None], thresholds: dict[MetricId, Threshold]
) -> dict[str, MetricValue]:
    """Values with their bands, keyed by metric id, in the metric's declared order."""
    result: dict[str, MetricValue] = {}
    for metric, value in values.items():
        threshold = thresholds.get(metric)
        if threshold is None:
            result[metric.value] = MetricValue(value=value)
        else:
            result[metric.value] = MetricValue(
                value=value,
                band=threshold.band(value),
                good=threshold.good,
                fair=threshold.fair,
                better=threshold.better,
            )
    return result
