"""Cohorts as named groups of learners, to set an assignment for all at once: made, filled, listed. (Their
figures are app/practice/cohorts.py.)"""

from __future__ import annotations

from app.store.cohorts import CohortView, add_members, create_cohort, list_cohorts
from app.store.db import Database

__all__ = ["CohortView", "add_members", "create", "list_cohorts"]


async def create(db: Database, name: str, learners: list[str]) -> None:
    """A new cohort with its first learners (none is fine); AccountError when a name is wrong."""
    await create_cohort(db, name)
    if learners:
        await add_members(db, name, learners)
