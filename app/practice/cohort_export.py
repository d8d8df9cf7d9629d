"""The cohort figures as data (README "Cohort views"): JSON with everything, or one CSV table at a time.

CSV tables:
- `learners`: learner, overall, one column per rubric criterion id (the heat map), assignments, passed,
  attempts, graded, time_on_task_minutes, trust_losses;
- `assignments`: assignment, title, learners, started, submitted, passed, pass_rate, attempts,
  attempts_per_learner, time_on_task_minutes, minutes_per_learner;
- `costs`: cause, kind, turns, learners, trust_lost, reason."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from app.grade.cohort import AssignmentRow, CohortFigures, CostRow, LearnerRow
from app.practice.cohort_tables import Table
from app.practice.gradebook import Value, cell


def minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def learner_json(row: LearnerRow, criteria: Sequence[str]) -> dict[str, Any]:
    """A learner's row; `scores` holds the heat map's cells (criterion id -> score, None where it never
    applied)."""
    return {
        "learner": row.learner,
        "overall": row.overall,
        "scores": {cid: row.scores.get(cid) for cid in criteria},
        "assignments": row.assignments,
        "passed": row.passed,
        "attempts": row.attempts,
        "graded": row.graded,
        "time_on_task_minutes": minutes(row.time_on_task),
        "trust_losses": row.trust_losses,
    }


def assignment_json(row: AssignmentRow) -> dict[str, Value]:
    return {
        "assignment": row.id,
        "title": row.title,
        "learners": row.learners,
        "started": row.started,
        "submitted": row.submitted,
        "passed": row.passed,
        "pass_rate": row.pass_rate,
        "attempts": row.attempts,
        "attempts_per_learner": row.attempts_per_learner,
        "time_on_task_minutes": minutes(row.time_on_task),
        "minutes_per_learner": minutes(row.time_per_learner),
    }


def cost_json(row: CostRow) -> dict[str, Value]:
    return row.model_dump()


def to_json(figures: CohortFigures, scope: dict[str, Any]) -> dict[str, Any]:
    """`scope` says what the figures are of: `{"assignment": id, "title": ...}` or `{"cohort": name}`."""
    criteria = [c.id for c in figures.criteria]
    return {
        "scope": scope,
        "criteria": [c.model_dump() for c in figures.criteria],
        "learners": [learner_json(row, criteria) for row in figures.learners],
        "assignments": [assignment_json(row) for row in figures.assignments],
        "trust_costs": [cost_json(row) for row in figures.costs],
    }


def rows(figures: CohortFigures, table: Table) -> list[dict[str, Value]]:
    """A table's rows, flat: the learners' criterion scores are columns of their own."""
    if table is Table.LEARNERS:
        criteria = [c.id for c in figures.criteria]
        flat = []
        for row in figures.learners:
            values = learner_json(row, criteria)
            flat.append({**values.pop("scores"), **values})
        return flat
    if table is Table.ASSIGNMENTS:
        return [assignment_json(row) for row in figures.assignments]
    return [cost_json(row) for row in figures.costs]


LEARNER_COLUMNS = ("learner", "overall")  # then one per criterion, then LEARNER_TOTALS
LEARNER_TOTALS = ("assignments", "passed", "attempts", "graded", "time_on_task_minutes", "trust_losses")
ASSIGNMENT_COLUMNS = (
    *("assignment", "title", "learners", "started", "submitted", "passed", "pass_rate", "attempts"),
    *("attempts_per_learner", "time_on_task_minutes", "minutes_per_learner"),
)


def columns(figures: CohortFigures, table: Table) -> list[str]:
    """The table's header, also when it has no rows: the learners' has a column per criterion."""
    if table is Table.LEARNERS:
        return [*LEARNER_COLUMNS, *(c.id for c in figures.criteria), *LEARNER_TOTALS]
    if table is Table.ASSIGNMENTS:
        return list(ASSIGNMENT_COLUMNS)
    return list(CostRow.model_fields)


def to_csv(figures: CohortFigures, table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = columns(figures, table)
    writer.writerow(header)
    for values in rows(figures, table):
        writer.writerow([cell(values[column]) for column in header])
    return out.getvalue()
