"""`rapport grade FILE... [--rubric ID] [--json]`: grade transcripts against a rubric, offline.

FILE is a transcript `{"turns": [{"speaker": "coach"|"client", "text": ...}]}`: the `transcript` of
`rapport rehearse --json` (the whole output is accepted too) or a real session. With --json, one JSON object
per file, one per line (schemas/grade.schema.json). A bad file is reported and the others are still graded;
the exit code is then 1."""

import json
from pathlib import Path
from typing import Annotated

import typer

from app.bootstrap import build_tagger
from app.cli.common import content, fail
from app.config import Settings
from app.files.catalog import Catalog
from app.grade.rubric import DEFAULT_RUBRIC, Rubric


def rubric_catalog() -> Catalog:
    """The configured rubrics (and personas), warning about rubric files that did not load."""
    return content(warn_under=Settings().rubrics_dir)


def load_rubric(rubric_id: str) -> Rubric:
    try:
        return rubric_catalog().rubric(rubric_id)
    except KeyError as error:
        raise fail(error.args[0]) from None


def grade(
    files: Annotated[list[Path], typer.Argument(help="Transcript JSON files to grade.", show_default=False)],
    rubric: Annotated[
        str | None,
        typer.Option("--rubric", help=f"Rubric id (default: {DEFAULT_RUBRIC}).", show_default=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file, one per line.")] = False,
) -> None:
    """Grade coaching transcripts against a rubric and explain the result."""
    from app.files.transcripts import BadTranscript, read_transcript
    from app.grade.grader import grade_transcript
    from app.grade.markdown import render
    from app.grade.report import build_report

    chosen = load_rubric(rubric or DEFAULT_RUBRIC)
    tagger = build_tagger(Settings())
    failed = False
    for path in files:
        try:
            transcript = read_transcript(path)
        except BadTranscript as error:
            typer.echo(f"error: {path}: {error}", err=True)
            failed = True
            continue
        result = grade_transcript(transcript, chosen, tagger)
        if as_json:
            typer.echo(json.dumps(result.contract().model_dump(mode="json"), ensure_ascii=False))
        else:
            header = f"=== {path} ===\n\n" if len(files) > 1 else ""
            typer.echo(header + render(build_report(result)))
    if failed:
        raise typer.Exit(1)
