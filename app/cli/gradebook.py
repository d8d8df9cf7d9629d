"""`rapport gradebook --assignment ID --format csv|json [--out FILE]`: an assignment's gradebook for an LMS.
The columns are documented in app/practice/gradebook.py and the README."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from app.cli.common import fail


class Format(StrEnum):
    CSV = "csv"
    JSON = "json"


def gradebook(
    assignment: Annotated[
        int, typer.Option("--assignment", help="Assignment id (see `rapport assign list`).")
    ],
    format_: Annotated[
        Format, typer.Option("--format", help="csv (one row per learner) or json.")
    ] = Format.CSV,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Export an assignment's gradebook: each learner's attempts, best and latest score, pass/fail."""
    from app.practice.gradebook import gradebook_of, to_csv, to_json
    from app.practice.storage import with_db

    loaded = with_db(lambda db: gradebook_of(db, assignment))
    if loaded is None:
        raise fail(f"no assignment {assignment}")
    made, rows = loaded
    text = to_csv(rows, made) if format_ is Format.CSV else json.dumps(to_json(rows, made), indent=2) + "\n"
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise fail(f"cannot write {out}: {error}") from None
    typer.echo(f"wrote {out} ({len(rows)} learners)", err=True)
