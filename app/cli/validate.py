"""`rapport validate [PATH...]`: check persona, rubric and hand-score files; one `file:line: field: reason` per
error."""

import re
from functools import cache
from pathlib import Path
from typing import Annotated

import typer

from app.config import Settings
from app.domain.revise import revised
from app.files.catalog import load_catalog
from app.files.loader import FileError
from app.files.validate import Checked, Kind, validate_paths

# The YAML parser quotes the source over several lines ('in "<unicode string>", line 3, column 7:', the
# line, a caret); the line number is already in front, so each error stays on one line.
_PARSER_EXCERPT = re.compile(r'^\s{4}.*$|\s*in "<unicode string>", line \d+, column \d+:?', re.MULTILINE)


def default_targets(settings: Settings) -> list[tuple[Path, Kind | None]]:
    """The configured folders; a rubrics folder that does not exist is simply not there yet."""
    targets: list[tuple[Path, Kind | None]] = [(settings.personas_dir, "persona")]
    if settings.rubrics_dir.exists():
        targets.append((settings.rubrics_dir, "rubric"))
    return targets


def one_line(error: FileError) -> str:
    reason = " ".join(_PARSER_EXCERPT.sub("", error.reason).split())
    return str(revised(error, reason=reason))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


NOUNS: dict[Kind, str] = {"persona": "persona", "rubric": "rubric", "handscores": "hand-score set"}


def summary(checked: list[Checked]) -> str:
    bad = [item for item in checked if item.errors]
    errors = sum(len(item.errors) for item in checked)
    counts = {kind: sum(item.kind == kind for item in checked) for kind in NOUNS}
    kinds = ", ".join(
        _count(count, NOUNS[kind]) for kind, count in counts.items() if count or kind != "handscores"
    )
    files = f"{_count(len(checked), 'file')} checked ({kinds})"
    if not bad:
        return f"{files}: all valid."
    return f"{files}: {len(bad)} with errors, {_count(errors, 'error')} in all."


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Persona, rubric or hand-score files, or folders of them. Default: the configured folders."
        ),
    ] = None,
) -> None:
    """Check persona, rubric and hand-score files and report file, line, field and reason for each error.
    A hand-score set is checked against the configured rubrics and the transcripts it names."""
    settings = Settings()
    targets: list[tuple[Path, Kind | None]] = [(path, None) for path in paths] if paths else []
    rubrics = cache(lambda: load_catalog(settings.personas_dir, settings.rubrics_dir))
    checked = validate_paths(targets or default_targets(settings), rubrics)
    for item in checked:
        for error in item.errors:
            typer.echo(one_line(error))
        for warning in item.warnings:
            typer.echo(f"warning: {one_line(warning)}")
    typer.echo(summary(checked))
    raise typer.Exit(1 if any(item.errors for item in checked) else 0)
