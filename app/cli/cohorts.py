"""`rapport users cohort create|add|list`: named groups of learners, to set an assignment for all at once."""

from __future__ import annotations

from typing import Annotated

import typer

from app.cli.common import fail

cli = typer.Typer(no_args_is_help=True, help="Cohorts: groups of learners an assignment can be set for.")


@cli.command("create")
def create(
    name: Annotated[str, typer.Argument(help="Cohort name.")],
    learners: Annotated[
        list[str] | None, typer.Argument(help="Learners to put in it now.", show_default=False)
    ] = None,
) -> None:
    """Create a cohort, optionally with its first learners."""
    from app.practice import cohort_members
    from app.practice.accounts import AccountError
    from app.practice.storage import with_db

    try:
        with_db(lambda db: cohort_members.create(db, name, learners or []))
    except AccountError as error:
        raise fail(str(error)) from None
    typer.echo(f"created cohort {name}" + (f" with {', '.join(learners)}" if learners else ""))


@cli.command("add")
def add(
    name: Annotated[str, typer.Argument(help="Cohort name.")],
    learners: Annotated[list[str], typer.Argument(help="Learners to add.", show_default=False)],
) -> None:
    """Add learners to a cohort (those already in it stay)."""
    from app.practice import cohort_members
    from app.practice.accounts import AccountError
    from app.practice.storage import with_db

    try:
        with_db(lambda db: cohort_members.add_members(db, name, learners))
    except AccountError as error:
        raise fail(str(error)) from None
    typer.echo(f"{name}: added {', '.join(learners)}")


@cli.command("list")
def list_() -> None:
    """Every cohort with its learners."""
    from app.practice import cohort_members
    from app.practice.storage import with_db

    for cohort in with_db(cohort_members.list_cohorts):
        typer.echo(f"{cohort.name}\t{', '.join(cohort.members) or '(empty)'}")
