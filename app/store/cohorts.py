"""Cohorts: named groups of learners, so an assignment can be set for a whole group at once."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.store.accounts import NAME, AccountError, Role
from app.store.db import Database
from app.store.schema import Account, Cohort, CohortMember


@dataclass(frozen=True)
class CohortView:
    name: str
    members: list[str]


def learner_ids(session: Session, names: list[str]) -> list[int]:
    """The accounts of these learners, or AccountError naming the first that is not a learner."""
    found = {a.name: a for a in session.scalars(select(Account).where(Account.name.in_(names)))}
    for name in names:
        if name not in found or found[name].role != Role.LEARNER:
            raise AccountError(f"no learner called {name!r}")
    return [found[name].id for name in names]


def cohort_ids(session: Session, names: list[str]) -> list[int]:
    rows = session.execute(select(Cohort.name, Cohort.id).where(Cohort.name.in_(names)))
    found = {name: cohort_id for name, cohort_id in rows}
    for name in names:
        if name not in found:
            raise AccountError(f"no cohort called {name!r}")
    return [found[name] for name in names]


async def create_cohort(db: Database, name: str) -> None:
    if not NAME.match(name):
        raise AccountError("a cohort name is 2-64 characters: letters, digits and . _ @ -")
    try:
        await db.write(lambda session: session.add(Cohort(name=name)))
    except IntegrityError:
        raise AccountError(f"a cohort called {name!r} already exists") from None


async def add_members(db: Database, cohort: str, learners: list[str]) -> None:
    """Add learners to a cohort; those already in it stay as they are."""

    def write(session: Session) -> None:
        [cohort_id] = cohort_ids(session, [cohort])
        present = set(
            session.scalars(select(CohortMember.account_id).where(CohortMember.cohort_id == cohort_id))
        )
        for account_id in learner_ids(session, learners):
            if account_id not in present:
                session.add(CohortMember(cohort_id=cohort_id, account_id=account_id))
                present.add(account_id)

    await db.write(write)


async def list_cohorts(db: Database) -> list[CohortView]:
    async with db.reads() as session:
        cohorts = list(await session.scalars(select(Cohort).order_by(Cohort.name)))
        rows = await session.execute(
            select(CohortMember.cohort_id, Account.name)
            .join(Account, Account.id == CohortMember.account_id)
            .order_by(Account.name)
        )
        members: dict[int, list[str]] = {}
        for cohort_id, name in rows:
            members.setdefault(cohort_id, []).append(name)
    return [CohortView(name=c.name, members=members.get(c.id, [])) for c in cohorts]
