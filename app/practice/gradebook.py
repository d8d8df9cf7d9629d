"""The gradebook as data for an LMS: one row per learner (CSV), or the rows with every attempt (JSON).

Columns, in order (README "Assignments and gradebook"): learner, attempts (started), attempts_allowed,
graded, best_score, latest_score (after overrides), passed (any graded attempt passed; empty while none is
graded), late_attempts, overridden (any attempt's grade was overridden), last_attempt_at (UTC, ISO 8601),
then the client's answers about the latest graded attempt (yes, partly or no; empty while there is none):
client_heard, client_agreed, client_got_there, client_pushed, client_book_again."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from app.domain.coursework import AttemptRecord, Standing
from app.domain.questionnaire import Question
from app.store.assignments import AssignmentView, get_assignment
from app.store.db import Database
from app.store.gradebook import standings

COLUMNS = (
    "learner",
    "attempts",
    "attempts_allowed",
    "graded",
    "best_score",
    "latest_score",
    "passed",
    "late_attempts",
    "overridden",
    "last_attempt_at",
    *(f"client_{question.value}" for question in Question),
)

Value = str | int | float | bool | None


async def gradebook_of(db: Database, assignment_id: int) -> tuple[AssignmentView, list[Standing]] | None:
    """An assignment and its learners' standings; None when there is no such assignment."""
    found = await get_assignment(db, assignment_id)
    return (found, await standings(db, assignment_id)) if found else None


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None


def row(standing: Standing, assignment: AssignmentView) -> dict[str, Value]:
    return {
        "learner": standing.learner,
        "attempts": len(standing.attempts),
        "attempts_allowed": assignment.terms.attempts_allowed,
        "graded": len(standing.graded),
        "best_score": standing.best_score,
        "latest_score": standing.latest_score,
        "passed": standing.passed,
        "late_attempts": standing.late_attempts,
        "overridden": standing.overridden,
        "last_attempt_at": iso(standing.last_attempt_at),
        **client_columns(standing.latest_client),
    }


def client_columns(answers: dict[str, str] | None) -> dict[str, Value]:
    return {f"client_{q.value}": (answers or {}).get(q.value) for q in Question}


def cell(value: Value) -> str:
    """A CSV cell: empty for nothing, true/false, scores without a trailing .0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def to_csv(standings: list[Standing], assignment: AssignmentView) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for standing in standings:
        values = row(standing, assignment)
        writer.writerow([cell(values[column]) for column in COLUMNS])
    return out.getvalue()


def attempt_json(attempt: AttemptRecord) -> dict[str, Any]:
    override = attempt.override
    return {
        "id": attempt.id,
        "number": attempt.number,
        "run": attempt.run_id,
        "started_at": iso(attempt.started_at),
        "submitted_at": iso(attempt.submitted_at),
        "late": attempt.late,
        "score": attempt.final_score,
        "passed": attempt.final_passed,
        "graded_score": attempt.score,
        "graded_passed": attempt.passed,
        "client": attempt.client,
        "override": None
        if override is None
        else {
            "score": override.score,
            "passed": override.passed,
            "comment": override.comment,
            "by": override.by,
            "at": iso(override.at),
        },
    }


def assignment_json(assignment: AssignmentView) -> dict[str, Any]:
    terms = assignment.terms
    return {
        "id": assignment.id,
        "title": assignment.title,
        "instructions": assignment.instructions,
        "persona": assignment.persona_id,
        "persona_name": assignment.persona_name,
        "persona_sha256": assignment.persona_sha256,
        "rubric": assignment.rubric_id,
        "rubric_version": assignment.rubric_version,
        "rubric_sha256": assignment.rubric_sha256,
        "pass_mark": terms.pass_mark,
        "attempts_allowed": terms.attempts_allowed,
        "due_at": iso(terms.due_at),
        "late_allowed": terms.late_allowed,
        "created_by": assignment.created_by,
        "created_at": iso(assignment.created_at),
    }


def to_json(standings: list[Standing], assignment: AssignmentView) -> dict[str, Any]:
    return {
        "assignment": assignment_json(assignment),
        "columns": list(COLUMNS),
        "learners": [
            {**row(s, assignment), "attempt_list": [attempt_json(a) for a in s.attempts]} for s in standings
        ],
    }
