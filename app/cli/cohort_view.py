"""`rapport cohort-view --assignment ID | --cohort NAME --by INSTRUCTOR [--format json|csv] [--table ...]
[--out FILE]`: the figures of an instructor's cohort view (app/practice/cohort_export.py, README "Cohort
views"), as the HTTP export gives them."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from app.cli.common import fail
from app.practice.cohort_tables import Table


class Format(StrEnum):
    CSV = "csv"
    JSON = "json"


def cohort_view(
    assignment: Annotated[
        int | None, typer.Option("--assignment", help="Assignment id (see `rapport assign list`).")
    ] = None,
    cohort: Annotated[str | None, typer.Option("--cohort", help="Cohort name (with --by).")] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="The instructor whose learners in the cohort are shown.")
    ] = None,
    format_: Annotated[Format, typer.Option("--format", help="json (everything) or csv (one table).")] = (
        Format.JSON
    ),
    table: Annotated[Table, typer.Option("--table", help="The CSV table.")] = Table.LEARNERS,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Export a cohort view: learners × criteria, pass rate and attempts, trust costs, time on task."""
    from app.practice.cohort_export import to_csv, to_json
    from app.practice.cohorts import NotFound, figures_for
    from app.practice.storage import with_db

    if (assignment is None) == (cohort is None):
        raise fail("give --assignment ID or --cohort NAME (with --by INSTRUCTOR)")
    if cohort is not None and by is None:
        raise fail("--cohort needs --by INSTRUCTOR: a cohort view shows one instructor's learners")
    try:
        figures, scope = with_db(lambda db: figures_for(db, assignment, cohort, by))
    except NotFound as error:
        raise fail(str(error)) from None
    text = (
        to_csv(figures, table)
        if format_ is Format.CSV
        else json.dumps(to_json(figures, scope), indent=2) + "\n"
    )
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise fail(f"cannot write {out}: {error}") from None
    typer.echo(f"wrote {out} ({len(figures.learners)} learners)", err=True)
