"""Assignments: what an instructor set, for whom, with the persona and rubric pinned as they were then."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import CompoundSelect, Select, select, union
from sqlalchemy.orm import Session, defer

from app.domain.coursework import Terms
from app.store.accounts import AccountError, Role
from app.store.cohorts import cohort_ids, learner_ids
from app.store.columns import from_row
from app.store.db import Database
from app.store.schema import Account, AssignedCohort, AssignedLearner, AssignmentRow, CohortMember

MAX_TITLE = 200


class AssignmentError(AccountError):
    """An assignment the store refuses; the message says why."""


@dataclass(frozen=True)
class Pinned:
    """A persona or rubric as it was when the assignment was made: its validated content and that content's
    sha256 (see app/practice/pinning.py)."""

    id: str
    name: str
    version: int
    sha256: str
    content: dict[str, Any]


@dataclass(frozen=True)
class NewAssignment:
    title: str
    instructions: str
    persona: Pinned
    rubric: Pinned
    terms: Terms
    learners: list[str]
    cohorts: list[str]
    created_by: str  # an instructor's login name


@dataclass(frozen=True)
class AssignmentView:
    id: int
    title: str
    instructions: str
    persona_id: str
    persona_name: str
    persona_sha256: str
    rubric_id: str
    rubric_version: int
    rubric_sha256: str
    terms: Terms
    created_by: str
    created_by_id: int
    created_at: datetime


def _view(row: AssignmentRow, creator: str) -> AssignmentView:
    # `created_by` is the creator's id in the row and their name in the view.
    return from_row(
        AssignmentView, row, terms=from_row(Terms, row), created_by=creator, created_by_id=row.created_by
    )


# Lists never need the snapshots (the biggest columns); `pinned_content` reads them.
_WITH_CREATOR = (
    select(AssignmentRow, Account.name)
    .join(Account, Account.id == AssignmentRow.created_by)
    .options(defer(AssignmentRow.persona_snapshot), defer(AssignmentRow.rubric_snapshot))
    .order_by(AssignmentRow.id)
)


def _check(new: NewAssignment) -> None:
    terms = new.terms
    if not new.title.strip() or len(new.title) > MAX_TITLE:
        raise AssignmentError(f"a title is 1-{MAX_TITLE} characters")
    if terms.attempts_allowed < 1:
        raise AssignmentError("attempts allowed must be at least 1")
    if not 0 <= terms.pass_mark <= 100:
        raise AssignmentError("the pass mark is a score from 0 to 100")
    if terms.due_at is not None and terms.due_at.tzinfo is None:
        raise AssignmentError("the due date needs a time zone")
    if not (new.learners or new.cohorts):
        raise AssignmentError("say who the assignment is for: learners, cohorts or both")


async def create_assignment(db: Database, new: NewAssignment) -> AssignmentView:
    _check(new)

    def write(session: Session) -> AssignmentView:
        creator = session.scalar(select(Account).where(Account.name == new.created_by))
        if creator is None or creator.role != Role.INSTRUCTOR:
            raise AssignmentError(f"no instructor called {new.created_by!r}")
        learners = learner_ids(session, list(dict.fromkeys(new.learners)))
        cohorts = cohort_ids(session, list(dict.fromkeys(new.cohorts)))
        row = AssignmentRow(
            title=new.title.strip(),
            instructions=new.instructions.strip(),
            persona_id=new.persona.id,
            persona_name=new.persona.name,
            persona_sha256=new.persona.sha256,
            persona_snapshot=new.persona.content,
            rubric_id=new.rubric.id,
            rubric_version=new.rubric.version,
            rubric_sha256=new.rubric.sha256,
            rubric_snapshot=new.rubric.content,
            pass_mark=new.terms.pass_mark,
            attempts_allowed=new.terms.attempts_allowed,
            due_at=new.terms.due_at,
            late_allowed=new.terms.late_allowed,
            created_by=creator.id,
        )
        session.add(row)
        session.flush()
        session.add_all(AssignedLearner(assignment_id=row.id, account_id=a) for a in learners)
        session.add_all(AssignedCohort(assignment_id=row.id, cohort_id=c) for c in cohorts)
        session.flush()
        return _view(row, creator.name)

    return await db.write(write)


async def _views(db: Database, query: Select[AssignmentRow, str]) -> list[AssignmentView]:
    async with db.reads() as session:
        return [_view(row, creator) for row, creator in (await session.execute(query)).all()]


async def get_assignment(db: Database, assignment_id: int) -> AssignmentView | None:
    found = await _views(db, _WITH_CREATOR.where(AssignmentRow.id == assignment_id))
    return found[0] if found else None


async def list_assignments(db: Database, created_by: int | None = None) -> list[AssignmentView]:
    """Every assignment, or those one instructor set."""
    query = (
        _WITH_CREATOR if created_by is None else _WITH_CREATOR.where(AssignmentRow.created_by == created_by)
    )
    return await _views(db, query)


def _assigned_ids(account_id: int) -> CompoundSelect[int]:
    direct = select(AssignedLearner.assignment_id).where(AssignedLearner.account_id == account_id)
    via_cohort = (
        select(AssignedCohort.assignment_id)
        .join(CohortMember, CohortMember.cohort_id == AssignedCohort.cohort_id)
        .where(CohortMember.account_id == account_id)
    )
    return union(direct, via_cohort)


async def assignments_for(db: Database, account_id: int) -> list[AssignmentView]:
    """The assignments set for a learner, by name or through a cohort."""
    return await _views(db, _WITH_CREATOR.where(AssignmentRow.id.in_(_assigned_ids(account_id))))


async def assigned_learners(db: Database, assignment_id: int) -> list[str]:
    """Every learner the assignment is for (named, or in a named cohort now), by name."""
    direct = select(AssignedLearner.account_id).where(AssignedLearner.assignment_id == assignment_id)
    via_cohort = (
        select(CohortMember.account_id)
        .join(AssignedCohort, AssignedCohort.cohort_id == CohortMember.cohort_id)
        .where(AssignedCohort.assignment_id == assignment_id)
    )
    async with db.reads() as session:
        names = await session.scalars(
            select(Account.name).where(Account.id.in_(union(direct, via_cohort))).order_by(Account.name)
        )
        return list(names)


async def pinned_content(db: Database, assignment_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The persona and rubric as pinned: (persona, rubric) validated JSON."""
    async with db.reads() as session:
        row = (
            await session.execute(
                select(AssignmentRow.persona_snapshot, AssignmentRow.rubric_snapshot).where(
                    AssignmentRow.id == assignment_id
                )
            )
        ).first()
    if row is None:
        raise KeyError(assignment_id)
    return dict(row[0]), dict(row[1])
