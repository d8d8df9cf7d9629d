"""`rapport users add|list|set-password|cohort`: accounts for the practice app. The first instructor is made
here."""

from __future__ import annotations

from typing import Annotated

import typer

from app.cli import cohorts
from app.cli.common import fail
from app.domain.roles import Role

cli = typer.Typer(no_args_is_help=True, help="Accounts for the practice app (`rapport serve`).")
cli.add_typer(cohorts.cli, name="cohort")


def _password(given: str | None) -> str:
    if given is not None:
        return given
    entered: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return entered


@cli.command("add")
def add(
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[Role, typer.Option("--role", help="learner or instructor.")] = Role.LEARNER,
    instructor: Annotated[
        str | None, typer.Option("--instructor", help="For a learner: the instructor who sees their runs.")
    ] = None,
    password: Annotated[
        str | None, typer.Option("--password", help="Asked for (hidden) when not given.")
    ] = None,
) -> None:
    """Create an account."""
    from app.practice.accounts import AccountError, add_account
    from app.practice.storage import with_db

    secret = _password(password)
    try:
        made = with_db(lambda db: add_account(db, name, secret, role, instructor=instructor))
    except AccountError as error:
        raise fail(str(error)) from None
    typer.echo(
        f"created {made.role.value} {made.name}"
        + (f" (instructor: {made.instructor})" if made.instructor else "")
    )


@cli.command("list")
def list_() -> None:
    """Every account with its role and instructor."""
    from app.practice.accounts import list_accounts
    from app.practice.storage import with_db

    for account in with_db(list_accounts):
        extra = f"  instructor: {account.instructor}" if account.instructor else ""
        typer.echo(f"{account.name}\t{account.role.value}{extra}")


@cli.command("set-password")
def change_password(
    name: Annotated[str, typer.Argument(help="Login name.")],
    password: Annotated[str | None, typer.Option("--password", help="Asked for when not given.")] = None,
) -> None:
    """Give an account a new password."""
    from app.practice.accounts import AccountError, set_password
    from app.practice.storage import with_db

    secret = _password(password)
    try:
        with_db(lambda db: set_password(db, name, secret))
    except AccountError as error:
        raise fail(str(error)) from None
    typer.echo(f"password changed for {name}")
