"""Setting an assignment, from the CLI or the instructor's page: the request, checked, with the persona and
rubric pinned from the catalog as they are now."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.domain.coursework import Terms
from app.files.catalog import Catalog
from app.practice.pinning import pin_persona, pin_rubric
from app.store.accounts import AccountError, get_account
from app.store.assignments import (
    MAX_TITLE,
    AssignmentError,
    AssignmentView,
    NewAssignment,
    assigned_learners,
    create_assignment,
    list_assignments,
)
from app.store.db import Database

# AssignmentView: what the functions below return, named here for the entry points that show it.
__all__ = ["AssignmentRequest", "AssignmentView", "assignments_by", "set_assignment", "set_for_learners"]


class AssignmentRequest(BaseModel):
    """What an instructor asks for. Without a pass mark, the rubric's own; a due date without a time zone is
    taken as UTC."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=MAX_TITLE)
    persona: str
    rubric: str
    pass_mark: float | None = Field(default=None, ge=0, le=100)
    attempts: int = Field(default=1, ge=1, le=100)
    due: datetime | None = None
    late_allowed: bool = True
    instructions: str = ""
    learners: list[str] = Field(default_factory=list)
    cohorts: list[str] = Field(default_factory=list)

    @field_validator("due")
    @classmethod
    def _in_utc(cls, due: datetime | None) -> datetime | None:
        if due is None:
            return None
        return due.replace(tzinfo=UTC) if due.tzinfo is None else due.astimezone(UTC)


async def set_assignment(
    db: Database, catalog: Catalog, request: AssignmentRequest, by: str
) -> AssignmentView:
    """Create the assignment; AssignmentError (a message for the instructor) when it cannot be."""
    try:
        persona, rubric = catalog.persona(request.persona), catalog.rubric(request.rubric)
    except KeyError as error:
        raise AssignmentError(error.args[0]) from None
    terms = Terms(
        attempts_allowed=request.attempts,
        due_at=request.due,
        late_allowed=request.late_allowed,
        pass_mark=rubric.pass_mark if request.pass_mark is None else request.pass_mark,
    )
    new = NewAssignment(
        title=request.title,
        instructions=request.instructions,
        persona=pin_persona(persona),
        rubric=pin_rubric(rubric),
        terms=terms,
        learners=request.learners,
        cohorts=request.cohorts,
        created_by=by,
    )
    return await create_assignment(db, new)


async def set_for_learners(
    db: Database, catalog: Catalog, request: AssignmentRequest, by: str
) -> tuple[AssignmentView, list[str]]:
    """Create the assignment, with the names of the learners it is for (its cohorts' members included)."""
    made = await set_assignment(db, catalog, request, by)
    return made, await assigned_learners(db, made.id)


async def assignments_by(db: Database, by: str | None) -> list[tuple[AssignmentView, list[str]]]:
    """Every assignment, or those `by` set (AccountError when there is no account of that name), each with
    the learners it is for."""
    creator = await get_account(db, by) if by else None
    if by and creator is None:
        raise AccountError(f"no instructor called {by!r}")
    found = await list_assignments(db, created_by=creator.id if creator else None)
    return [(a, await assigned_learners(db, a.id)) for a in found]
