"""The hand-score file: an instructor's own levels for a few transcripts, per criterion, to calibrate the
grader against (`rapport calibrate`). One YAML file per scoring set; exported as JSON Schema.

The model checks the shape (levels, ids, types); `check` adds what needs the rubric the file names."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from app.grade.rubric import CriterionId, Level, Rubric, Slug, Text

NOT_APPLICABLE_ALIAS = "n/a"  # what instructors tend to write; the grader's own word is not_applicable


LEVEL_WORDS = [*(level.value for level in Level), NOT_APPLICABLE_ALIAS]


def _level(value: object) -> object:
    if value == NOT_APPLICABLE_ALIAS:
        return Level.NOT_APPLICABLE
    if isinstance(value, str) and value not in LEVEL_WORDS:
        raise ValueError(f"unknown level {value!r}: use {', '.join(LEVEL_WORDS)}")
    return value  # anything else is left to the enum's own check


HandLevel = Annotated[Level, BeforeValidator(_level), WithJsonSchema({"enum": LEVEL_WORDS, "type": "string"})]

Location = tuple[int | str, ...]
Problem = tuple[Location, str]  # where in the file (as in a validation error) and why


class ScoredTranscript(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    file: Text = Field(
        description="The transcript (JSON, as `rapport grade` reads it), relative to this file."
    )
    scores: dict[CriterionId, HandLevel] = Field(
        min_length=1,
        description="Criterion id -> level: not_evident, partial, consistent or not_applicable (or n/a). "
        "Criteria left out are not compared.",
    )
    notes: str | None = Field(default=None, description="The scorer's notes, shown with the disagreements.")


class HandScores(BaseModel):
    """One instructor's scoring set: the rubric, who scored, and their level per criterion per transcript."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rubric: Slug = Field(description="Id of the rubric the levels are for, e.g. icf-trust-agreements.")
    scorer: Text = Field(description="Who scored, e.g. an instructor's name.")
    transcripts: list[ScoredTranscript] = Field(min_length=1)


def check(hand: HandScores, rubric: Rubric) -> list[Problem]:
    """What the rubric makes wrong: criterion ids it does not have, a transcript scored twice."""
    known = {criterion.id for criterion in rubric.criteria}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(hand.transcripts):
        where: Location = ("transcripts", index)
        if item.file in seen:
            problems.append(
                ((*where, "file"), f"{item.file!r} is already scored at transcripts.{seen[item.file]}")
            )
        seen.setdefault(item.file, index)
        for criterion_id in item.scores:
            if criterion_id not in known:
                problems.append(
                    (
                        (*where, "scores", criterion_id),
                        f"unknown criterion {criterion_id!r} for rubric {rubric.id!r} "
                        f"(known: {', '.join(c.id for c in rubric.criteria)})",
                    )
                )
    return problems
