"""Grading a simulated coach's run with the project's rubric grader. Pure.

A check grades each rehearsal as the practice app grades one: with the moves and causes its trust engine used
(`app.grade.grader.grade_rehearsal`), so the grade and the trust agree. Nothing of grading is reimplemented
here; this only summarises the result for the report and says whether it is what a coach of that kind should
get."""

from __future__ import annotations

from collections.abc import Sequence

from app.check.report import CheckGrade, Expectation
from app.domain.persona import Persona
from app.domain.transcript import Transcript, Utterance
from app.domain.turns import TurnRecord
from app.grade.grader import grade_rehearsal
from app.grade.result import Grade
from app.grade.rubric import Rubric
from app.tag.tagger import Tagger


def grade_run(
    conversation: list[Utterance],
    records: Sequence[TurnRecord],
    rubric: Rubric,
    persona: Persona,
    tagger: Tagger,
) -> CheckGrade:
    transcript = Transcript(turns=conversation)
    return summary(grade_rehearsal(transcript, records, rubric, persona, tagger))


def summary(grade: Grade) -> CheckGrade:
    return CheckGrade(
        rubric=grade.rubric,
        score=grade.score,
        pass_mark=grade.pass_mark,
        passed=grade.passed,
        blocking=sorted({hit.id for hit in grade.blocking}),
        verdict=grade.verdict,
    )


def _result(grade: CheckGrade) -> str:
    blocking = f"; blocking: {', '.join(grade.blocking)}" if grade.blocking else ""
    return f"score {grade.score:g} on {grade.rubric} (pass mark {grade.pass_mark:g}){blocking}"


def passes_grade(grade: CheckGrade) -> Expectation:
    name = "passes the grade"
    if grade.passed:
        return Expectation(name=name, passed=True, reason=f"passed: {_result(grade)}")
    return Expectation(name=name, passed=False, reason="failed: " + "; ".join(grade.verdict))


def fails_grade(grade: CheckGrade, should_catch: str) -> Expectation:
    """`should_catch`: what the grader ought to hold against this coach, for the reason when it does not."""
    name = "fails the grade"
    if not grade.passed:
        return Expectation(name=name, passed=True, reason="failed: " + "; ".join(grade.verdict))
    return Expectation(
        name=name,
        passed=False,
        reason=f"passed with {_result(grade)}: the grader did not catch {should_catch}",
    )
