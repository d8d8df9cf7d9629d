"""`rapport db upgrade|current`: schema migrations (`rapport serve` also upgrades on start)."""

import typer

from app.config import Settings

# These commands are about the database itself (its schema revision), not about what is kept in it, so they
# call the migration module directly; every other command goes through app/practice. (pyproject.toml's
# import contract names this exception.)

cli = typer.Typer(no_args_is_help=True, help="The practice app's database.")


@cli.command("upgrade")
def upgrade_() -> None:
    """Bring the database (DATABASE_URL, or SQLite in the data folder) to the current schema."""
    from app.store.migrate import current_revision, upgrade
    from app.store.urls import database_url

    url = database_url(Settings())
    upgrade(url)
    typer.echo(f"database at revision {current_revision(url)}")


@cli.command("current")
def current() -> None:
    """Show the database's revision and the newest one."""
    from app.store.migrate import current_revision, head_revision
    from app.store.urls import database_url

    url = database_url(Settings())
    typer.echo(f"database: {current_revision(url) or 'empty'}; newest: {head_revision()}")
