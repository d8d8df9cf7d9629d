"""Helpers for coursework tests: the shipped catalog, an assignment set on it, and a graded attempt at it."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from app.config import Settings
from app.domain.coursework import AttemptRecord
from app.files.catalog import Catalog, load_catalog
from app.practice.assigning import AssignmentRequest, set_assignment
from app.store import attempts, runs
from app.store.accounts import get_account
from app.store.assignments import AssignmentView
from app.store.db import Database
from app.store.runs import RunFields
from app.store.schema import utcnow


@cache
def shipped() -> Catalog:
    settings = Settings()
    return load_catalog(settings.personas_dir, settings.rubrics_dir)


async def assign(
    db: Database,
    by: str,
    *,
    learners: list[str] | None = None,
    cohorts: list[str] | None = None,
    due: datetime | None = None,
    catalog: Catalog | None = None,
    **terms: Any,
) -> AssignmentView:
    request = AssignmentRequest(
        title=terms.pop("title", "Contracting with Priya"),
        persona=terms.pop("persona", "priya-team-lead"),
        rubric=terms.pop("rubric", "icf-trust-agreements"),
        due=due,
        learners=learners or [],
        cohorts=cohorts or [],
        **terms,
    )
    return await set_assignment(db, catalog or shipped(), request, by)


async def graded_attempt(
    db: Database,
    made: AssignmentView,
    learner: str,
    *,
    opening: str,
    result: str,
    report: dict[str, Any],
    markdown: str,
    score: float,
    passed: bool,
) -> AttemptRecord:
    """An attempt of `learner`'s at `made`, started now with no turns, graded with this grade and submitted."""
    account = await get_account(db, learner)
    assert account is not None
    fields = RunFields(
        account_id=account.id,
        thread_id=None,
        persona_id=made.persona_id,
        persona_name=made.persona_name,
        seed=7,
        opening=opening,
    )
    attempt = await attempts.start_attempt(db, made.id, made.terms, fields, utcnow())
    await runs.add_grade(
        db, attempt.run_id, head_turn_id=None, result=result, report=report, markdown=markdown
    )
    await attempts.submit_attempt(db, attempt, made.terms, score=score, passed=passed, at=utcnow())
    return attempt
