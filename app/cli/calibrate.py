"""`rapport calibrate HANDSCORES... [--json]`: how far the grader agrees with an instructor's hand scores.

HANDSCORES is a YAML scoring set (schemas/handscores.schema.json, docs/grading.md): the rubric, the scorer,
and per transcript the instructor's level for each criterion scored. Each transcript is graded as
`rapport grade` would and compared per criterion: pairs, % agreement, Cohen's κ, quadratic-weighted κ, and
the disagreements with the grader's evidence. With --json, one JSON object per file, one per line. A bad
file is reported (file:line: field: reason) and the others still run; the exit code is then 1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from app.bootstrap import build_tagger
from app.cli.grade import rubric_catalog
from app.config import Settings

if TYPE_CHECKING:
    from app.grade.calibration import Agreement, Calibration, Disagreement

NOTE = (
    "κ: Cohen's kappa on the four levels (not applicable is a level of its own). Weighted κ: quadratic "
    "weights on not_evident < partial < consistent, pairs with a not applicable side left out. "
    "Bands: below 0.4 poor, from 0.4 moderate, from 0.6 substantial, from 0.8 near-perfect."
)


def _kappa(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _row(label: str, title: str, figures: Agreement) -> str:
    cells = [
        label,
        title,
        str(figures.n),
        f"{figures.percent_agreement:.1f} %",
        _kappa(figures.kappa),
        figures.kappa_band or "–",
        _kappa(figures.weighted_kappa),
    ]
    return "| " + " | ".join(cells) + " |"


def _undefined_notes(result: Calibration) -> list[str]:
    rows = [(c.id, c) for c in result.criteria] + [("overall", result.overall)]
    lines = [f"- {label}: κ {figures.kappa_note}" for label, figures in rows if figures.kappa_note]
    lines += [
        f"- {label}: weighted κ {figures.weighted_note}" for label, figures in rows if figures.weighted_note
    ]
    return lines


def _disagreement(item: Disagreement) -> list[str]:
    lines = [
        f"- **{item.criterion} {item.title}**: instructor {item.instructor.value}, "
        f"grader {item.grader.value} ({item.grader_reason})"
    ]
    lines += [f'  - turn {e.turn}: "{e.quote}"' for e in item.evidence]
    lines.append(f"  - grader's feedback: {item.feedback}")
    return lines


def render(result: Calibration) -> str:
    """The readable report (Markdown): the agreement table, undefined κ explained, the disagreements."""
    lines = [
        f"# Calibration: {result.scorer} and the grader",
        "",
        f"`{result.file}`: rubric {result.rubric}, {result.transcripts} transcripts, "
        f"{result.overall.n} pairs.",
        "",
        "| criterion | title | n | agreement | κ | band | weighted κ |",
        "|---|---|---:|---:|---:|---|---:|",
        *(_row(c.id, c.title, c) for c in result.criteria),
        _row("**overall**", "all pairs pooled", result.overall),
        "",
        NOTE,
    ]
    undefined = _undefined_notes(result)
    if undefined:
        lines += ["", "Undefined (–):", *undefined]
    lines += ["", f"## Disagreements ({len(result.disagreements)})"]
    if not result.disagreements:
        lines += ["", "None: the grader gave the instructor's level every time."]
    transcript = None
    for item in result.disagreements:  # grouped: they come transcript by transcript
        if item.transcript != transcript:
            transcript = item.transcript
            lines += ["", f"### {transcript}", ""]
            if item.notes:
                lines += [f"Instructor's notes: {item.notes.strip()}", ""]
        lines += _disagreement(item)
    return "\n".join(lines) + "\n"


def calibrate(
    files: Annotated[
        list[Path], typer.Argument(help="Hand-score YAML files (one scoring set each).", show_default=False)
    ],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file, one per line.")] = False,
) -> None:
    """Compare the grader with an instructor's hand scores: agreement and κ per criterion, disagreements."""
    from app.files.handscores import load_set
    from app.files.loader import FileLoadError
    from app.grade import calibration
    from app.grade.grader import grade_transcript

    catalog = rubric_catalog()
    tagger = build_tagger(Settings())
    failed = False
    for path in files:
        try:
            scoring = load_set(path, catalog)
        except FileLoadError as error:
            for problem in error.errors:
                typer.echo(f"error: {problem}", err=True)
            failed = True
            continue
        grades = [grade_transcript(t, scoring.rubric, tagger) for t in scoring.transcripts]
        result = calibration.calibrate(scoring.hand, grades, str(path))
        if as_json:
            typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
        else:
            typer.echo(render(result))  # it names the file, so several reports read apart
    if failed:
        raise typer.Exit(1)
