"""The rubric file contract: criteria (what is looked for, how it is measured, when it applies), blocking
rules that fail a run whatever the score, metric thresholds and the pass mark. Exported as JSON Schema."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from app.domain.codebook import Move
from app.grade.cues import Cue
from app.grade.facts import Event, PersonaFact
from app.grade.metrics import MetricId, Threshold

DEFAULT_RUBRIC = "icf-trust-agreements"  # what `rapport grade` uses without --rubric

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]
CriterionId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=40)]
Text = Annotated[str, Field(min_length=1)]
# What a `better` phrasing may borrow from the weakest moment (see app/grade/feedback.py).
PLACEHOLDERS = ("client_word", "client_feeling", "first_question")
PLACEHOLDER = re.compile(r"\{(\w*)\}")


class Level(StrEnum):
    NOT_EVIDENT = "not_evident"
    PARTIAL = "partial"
    CONSISTENT = "consistent"
    NOT_APPLICABLE = "not_applicable"


# Share of a criterion's points each level earns; not_applicable criteria leave the score altogether.
LEVEL_SCORES: dict[Level, float] = {Level.NOT_EVIDENT: 0.0, Level.PARTIAL: 0.5, Level.CONSISTENT: 1.0}


def _unique(kind: str, ids: list[str]) -> None:
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate {kind} id(s): {', '.join(duplicates)}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LevelDescriptors(_Strict):
    """What each level looks like for this criterion, in words a learner understands."""

    not_evident: Text
    partial: Text
    consistent: Text


class Measure(_Strict):
    """How the grader sees the criterion in the conversation. A coach turn is *evidence* when it carries one
    of `moves` and passes every filter; it is *contra-evidence* when it carries a contra move, event or cue.

    Modes: by default the level comes from how much evidence there is (`consistent_count`), one level lower
    when contra-evidence exceeds `lapses_allowed`. With `throughout`, the level comes from the lapses alone
    (behaviours that must hold for the whole session). With `metrics`, it comes from the metrics' bands."""

    moves: list[Move] = Field(default_factory=list, description="Codebook moves that count as evidence.")
    exclude_moves: list[Move] = Field(
        default_factory=list,
        description="A turn with one of these is not evidence (e.g. contracting questions).",
    )
    exclude_events: list[Event] = Field(
        default_factory=list,
        description="A turn with one of these events is not evidence (e.g. a probe, or a parroted reflection).",
    )
    after_moves: list[Move] = Field(
        default_factory=list,
        description="Evidence counts only after the coach's first turn with one of these.",
    )
    context_cue: Cue | None = Field(
        default=None,
        description="Evidence counts only when the client's previous "
        "message carries this cue (e.g. responding to a feeling).",
    )
    coach_cue: Cue | None = Field(default=None, description="The evidence turn itself must carry this cue.")
    min_recall: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="The evidence turn takes at least this share of its content words from the client's last "
        "few messages.",
    )
    max_words: int | None = Field(
        default=None, gt=0, description="The evidence turn must be at most this long."
    )
    max_questions: int | None = Field(
        default=None, ge=0, description="The evidence turn asks at most this many."
    )
    consistent_count: int = Field(default=2, ge=1, description="Evidence turns needed for 'consistent'.")
    early_within: int | None = Field(
        default=None, ge=1, description="'Consistent' needs evidence within the coach's first N turns."
    )
    contra_moves: list[Move] = Field(default_factory=list)
    contra_events: list[Event] = Field(default_factory=list)
    contra_cues: list[Cue] = Field(
        default_factory=list, description="Contra when a coach turn carries the cue."
    )
    contra_stacked: bool = Field(
        default=False, description="A turn that stacks questions is contra-evidence."
    )
    lapses_allowed: int = Field(default=0, ge=0, description="Contra turns tolerated before the level drops.")
    throughout: bool = False
    partial_lapses: int = Field(
        default=1,
        ge=0,
        description="With `throughout`: lapses beyond `lapses_allowed` that still leave 'partial'.",
    )
    metrics: list[MetricId] = Field(default_factory=list, description="Level from these metrics' bands.")


class AppliesWhen(_Strict):
    """When the criterion can be judged. Any one condition is enough; with none, it always applies."""

    client_cue: Cue | None = Field(default=None, description="The client said something carrying this cue.")
    coach_moves: list[Move] = Field(default_factory=list, description="The coach used one of these moves.")
    events: list[Event] = Field(default_factory=list, description="One of these events happened.")
    persona: list[PersonaFact] = Field(
        default_factory=list, description="The persona has one of these facts."
    )
    reason: Text = Field(
        description="Shown when the criterion is not applicable: why there was no opportunity."
    )


class Phrasing(_Strict):
    """A better phrasing for one kind of weakest moment (a turn with one of these moves or events)."""

    text: Text
    when_moves: list[Move] = Field(default_factory=list)
    when_events: list[Event] = Field(default_factory=list)


class FeedbackText(_Strict):
    """Mentor-style feedback in the rubric's own words: behaviour, effect on the client, a better phrasing.

    `better` phrasings may use {client_word} (a word the client just used), {client_feeling} (a feeling
    they named) or {first_question} (the first question of the weakest turn), and may be kept for moments
    with given moves or events; the first that fits the weakest moment is used."""

    strength: Text = Field(
        description="The behaviour when it is there, e.g. 'You agreed what she wants today.'"
    )
    gap: Text = Field(description="The behaviour when it is missing.")
    effect_strength: Text = Field(description="What the behaviour does for the client.")
    effect_gap: Text = Field(description="What its absence does to the client.")
    better: list[Text | Phrasing] = Field(
        min_length=1, description="Better phrasings; the last is the fallback: a plain text, no placeholders."
    )

    def phrasings(self) -> list[Phrasing]:
        return [Phrasing(text=item) if isinstance(item, str) else item for item in self.better]

    @model_validator(mode="after")
    def _usable(self) -> FeedbackText:
        for phrasing in self.phrasings():
            unknown = [name for name in PLACEHOLDER.findall(phrasing.text) if name not in PLACEHOLDERS]
            if unknown:
                raise ValueError(
                    f"unknown placeholder(s) {unknown} in {phrasing.text!r}; use {', '.join(PLACEHOLDERS)}"
                )
        last = self.better[-1]
        if not isinstance(last, str) or PLACEHOLDER.search(last):
            raise ValueError("the last 'better' phrasing is the fallback: plain text without placeholders")
        return self


class Criterion(_Strict):
    id: CriterionId
    title: Text
    competency: Text = Field(
        description="Reference, e.g. 'ICF PCC 3.1' or 'Trust extension (seed articles)'."
    )
    description: Text
    weight: float = Field(gt=0, le=10)
    required: bool = Field(
        default=False, description="A run cannot pass while this criterion is not evident."
    )
    measure: Measure
    levels: LevelDescriptors
    applies_when: AppliesWhen | None = None
    feedback: FeedbackText

    @model_validator(mode="after")
    def _measurable(self) -> Criterion:
        m = self.measure
        if not (m.moves or m.metrics):
            raise ValueError("measure needs evidence moves or metrics")
        return self


class _Blocking(_Strict):
    id: Slug
    title: Text
    description: Text
    feedback: Text = Field(
        description="What to say to the learner: the behaviour and its effect on the client."
    )
    better: Text = Field(description="What the coach could have said instead.")


class BreachRule(_Blocking):
    """Fails the run when the coach breaks confidentiality (codebook move `breach`)."""

    kind: Literal["breach"]


class PushedPastRefusalRule(_Blocking):
    """Fails the run when the coach presses on after the client said no."""

    kind: Literal["pushed_past_refusal"]


class ConsultingModeRule(_Blocking):
    """Fails the run when the session is mostly the coach telling the client what to do."""

    kind: Literal["consulting_mode"]
    min_advice_turns: int = Field(ge=1, description="At least this many coach turns give advice...")
    min_advice_share: float = Field(
        gt=0, le=1, description="...and they are at least this share of coach turns."
    )


class OffAgendaRule(_Blocking):
    """Fails the run when the coach keeps taking the session away from the topic the client chose."""

    kind: Literal["off_agenda"]
    min_steering_turns: int = Field(ge=1, description="At least this many coach turns steer away.")


BlockingRule = Annotated[
    BreachRule | PushedPastRefusalRule | ConsultingModeRule | OffAgendaRule, Field(discriminator="kind")
]


class Rubric(_Strict):
    """A grading rubric: loaded from rubrics/*.yaml."""

    id: Slug
    title: Text
    version: int = Field(default=1, ge=1)
    description: Text
    pass_mark: float = Field(
        ge=0, le=100, description="Score (0-100) a run needs to pass, with no blocking error."
    )
    metrics: dict[MetricId, Threshold] = Field(
        default_factory=dict,
        description="Good/fair anchors for the countable metrics shown with every grade.",
    )
    criteria: list[Criterion] = Field(min_length=1)
    blocking: list[BlockingRule] = Field(default_factory=list)

    @field_validator("criteria")
    @classmethod
    def _criteria_fit(cls, criteria: list[Criterion], info: ValidationInfo) -> list[Criterion]:
        _unique("criterion", [c.id for c in criteria])
        anchored = info.data.get("metrics", {})
        for criterion in criteria:
            unanchored = [m.value for m in criterion.measure.metrics if m not in anchored]
            if unanchored:
                raise ValueError(
                    f"criterion {criterion.id!r} uses metric(s) without thresholds: {', '.join(unanchored)}"
                )
        return criteria

    @field_validator("blocking")
    @classmethod
    def _unique_rules(cls, rules: list[BlockingRule]) -> list[BlockingRule]:
        _unique("blocking rule", [rule.id for rule in rules])
        return rules

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)
