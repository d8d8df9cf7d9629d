"""Helpers shared by the CLI commands.

A command module imports what only its command needs inside the command: `rapport --help` and the light
commands (`validate`, `persona new`) then start without loading the tagger, the store or the grader
(tests/integration/test_cli_startup.py checks it; bench/cli_startup.py prints the times)."""

import sys
from pathlib import Path

import typer

from app.bootstrap import Services, bootstrap, load_content
from app.config import Settings
from app.domain.persona import Persona
from app.files.catalog import Catalog


def services() -> Services:
    """Bootstrap, reporting (not failing on) persona files that did not load."""
    loaded = bootstrap()
    for error in loaded.catalog.errors:
        typer.echo(f"warning: {error}", err=True)
    return loaded


def content(warn_under: Path | None = None) -> Catalog:
    """The configured personas and rubrics (no tagger or voice), warning about files that did not load: all
    of them, or only those under `warn_under`."""
    loaded = load_content(Settings())
    for error in loaded.errors:
        if warn_under is None or Path(error.file).is_relative_to(warn_under):
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
