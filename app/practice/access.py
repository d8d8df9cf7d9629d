"""Who may see a run: its learner, and the instructor that learner belongs to. Whom an instructor may set
work for: their own learners, and cohorts made only of their own learners."""

from sqlalchemy import case, func, select

from app.store.accounts import AccountError, AccountView, Role
from app.store.db import Database
from app.store.runs import RunInfo
from app.store.schema import Account, Cohort, CohortMember


def can_view(viewer: AccountView, run: RunInfo) -> bool:
    if run.account_id == viewer.id:
        return True
    return viewer.role is Role.INSTRUCTOR and run.owner_instructor_id == viewer.id


async def check_own_class(
    db: Database, instructor: AccountView, learners: list[str], cohorts: list[str]
) -> None:
    """AccountError naming the first learner or cohort that is not this instructor's. The message is the same
    whether the name exists or not, so that it tells nobody which accounts and cohorts there are."""
    async with db.reads() as session:
        mine = set(
            await session.scalars(
                select(Account.name).where(
                    Account.name.in_(learners),
                    Account.role == Role.LEARNER.value,
                    Account.instructor_id == instructor.id,
                )
            )
        )
        # A cohort is an instructor's when it has members and every one of them is that instructor's learner.
        foreign = func.sum(case((func.coalesce(Account.instructor_id, 0) == instructor.id, 0), else_=1))
        own_cohorts = set(
            await session.scalars(
                select(Cohort.name)
                .join(CohortMember, CohortMember.cohort_id == Cohort.id)
                .join(Account, Account.id == CohortMember.account_id)
                .where(Cohort.name.in_(cohorts))
                .group_by(Cohort.name)
                .having(foreign == 0)
            )
        )
    for name in learners:
        if name not in mine:
            raise AccountError(f"no learner of yours called {name!r}")
    for name in cohorts:
        if name not in own_cohorts:
            raise AccountError(f"no cohort of yours called {name!r}")
