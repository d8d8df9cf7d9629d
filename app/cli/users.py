"""`rapport users add|list|set-password`: accounts for the practice app. The first instructor is made here."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import typer

from app.cli.common import fail
from app.config import Settings
from app.store.accounts import AccountError, Role, add_account, list_accounts, set_password
from app.store.db import Database
from app.store.migrate import upgrade
from app.store.urls import database_url

T = TypeVar("T")
cli = typer.Typer(no_args_is_help=True, help="Accounts for the practice app (`rapport serve`).")


def _with_db(work: Callable[[Database], Awaitable[T]]) -> T:
    url = database_url(Settings())
    upgrade(url)

    async def run() -> T:
        db = Database(url)
        try:
            return await work(db)
        finally:
            await db.dispose()

    return asyncio.run(run())


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
    secret = _password(password)
    try:
        made = _with_db(lambda db: add_account(db, name, secret, role, instructor=instructor))
    except AccountError as error:
        raise fail(str(error)) from None
    typer.echo(
        f"created {made.role.value} {made.name}"
        + (f" (instructor: {made.instructor})" if made.instructor else "")
    )


@cli.command("list")
def list_() -> None:
    """Every account with its role and instructor."""
    for account in _with_db(list_accounts):
        extra = f"  instructor: {account.instructor}" if account.instructor else ""
        typer.echo(f"{account.name}\t{account.role.value}{extra}")


@cli.command("set-password")
def change_password(
    name: Annotated[str, typer.Argument(help="Login name.")],
    password: Annotated[str | None, typer.Option("--password", help="Asked for when not given.")] = None,
) -> None:
    """Give an account a new password."""
    secret = _password(password)
    try:
        _with_db(lambda db: set_password(db, name, secret))
    except AccountError as error:
        raise fail(str(error)) from None
    typer.echo(f"password changed for {name}")
