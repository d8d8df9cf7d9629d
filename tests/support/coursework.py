"""Helpers for coursework tests: the shipped catalog, and an assignment set on it."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from app.config import Settings
from app.files.catalog import Catalog, load_catalog
from app.practice.assigning import AssignmentRequest, set_assignment
from app.store.assignments import AssignmentView
from app.store.db import Database


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
