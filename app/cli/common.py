"""Helpers shared by the CLI commands."""

import sys

import typer

from app.bootstrap import Services, bootstrap
from app.domain.persona import Persona


def services() -> Services:
    """Bootstrap, reporting (not failing on) persona files that did not load."""
    loaded = bootstrap()
    for error in loaded.catalog.errors:
        typer.echo(f"warning: {error}", err=True)
    return loaded


def persona_or_exit(loaded: Services, persona_id: str) -> Persona:
    try:
        return loaded.catalog.persona(persona_id)
    except KeyError as error:
        typer.echo(f"error: {error.args[0]}", err=True)
        raise typer.Exit(2) from None


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    sys.stderr.flush()
    return typer.Exit(code)
