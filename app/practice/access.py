"""Who may see a run: its learner, and the instructor that learner belongs to."""

from app.store.accounts import AccountView, Role
from app.store.runs import RunInfo


def can_view(viewer: AccountView, run: RunInfo) -> bool:
    if run.account_id == viewer.id:
        return True
    return viewer.role is Role.INSTRUCTOR and run.owner_instructor_id == viewer.id
