"""The cohort views as HTML: a learners × criteria heat map (Plotly.js served locally), and the same
figures as tables: per learner, pass rate and attempts per assignment, the moves that most often cost trust,
time on task. Learner names lead to the learner's page, and that page's attempts to their runs. Every value
from a person or a file is escaped (in the chart's JSON too)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from urllib.parse import quote

import plotly.graph_objects as go

from app.domain.coursework import when
from app.grade.cohort import Assignment, AttemptFacts, CohortFigures
from app.practice.cohort_export import minutes
from app.practice.cohort_tables import Table
from app.practice.gradebook import cell
from app.store.assignments import AssignmentView
from app.ui.pages import _table as table
from app.ui.pages import page, plural
from app.ui.progress_page import DRAW, PLOTLY_JS
from app.ui.progress_page import _chart as chart

ROW_HEIGHT = 34  # pixels per learner in the heat map
SCALE = [[0.0, "#b91c1c"], [0.5, "#fbbf24"], [1.0, "#047857"]]  # 0 red, 50 amber, 100 green


def learner_url(name: str) -> str:
    return f"/gradebook/learners/{quote(name, safe='')}"


def _number(value: float | None) -> str:
    return cell(value) or "—"


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.0f}%"


def heatmap(figures: CohortFigures) -> go.Figure:
    """Learners down, criteria across (by id; the title on hover), coloured 0 (red) to 100 (green); a blank
    cell is a criterion that never applied to that learner's attempts."""
    names = [row.learner for row in figures.learners]
    titles = [c.title for c in figures.criteria]
    figure = go.Figure(
        go.Heatmap(
            z=[[row.scores.get(c.id) for c in figures.criteria] for row in figures.learners],
            x=[c.id for c in figures.criteria],
            y=names,
            zmin=0,
            zmax=100,
            colorscale=SCALE,
            texttemplate="%{z:.0f}",
            text=[titles for _ in names],
            hovertemplate="%{y}<br>%{x} %{text}: %{z:.0f}<extra></extra>",
            customdata=[[learner_url(name)] * len(figures.criteria) for name in names],
            colorbar={"title": {"text": "score"}, "len": 1, "thickness": 14},
            xgap=2,
            ygap=2,
        )
    )
    figure.update_layout(
        yaxis={"autorange": "reversed", "type": "category"},
        xaxis={"type": "category", "tickangle": -45},
        height=140 + ROW_HEIGHT * max(len(names), 1),
        margin={"t": 10, "l": 120, "b": 90, "r": 40},
    )
    return figure


# A click on a learner's row of the heat map opens their page (each cell carries its URL).
DRILL_DOWN = (
    "<script>document.getElementById('heatmap').on('plotly_click', function (event) {"
    "const url = event.points[0] && event.points[0].customdata; if (url) { location.href = url; }});</script>"
)


def _chart(figures: CohortFigures) -> str:
    if not figures.learners or not figures.criteria:
        return '<p id="heatmap-empty">No graded attempts yet: the heat map fills in as learners submit.</p>'
    return chart("heatmap", heatmap(figures))


def _learners(figures: CohortFigures) -> str:
    if not figures.learners:
        return "<p>No learners.</p>"
    headers = [
        "Learner",
        "Overall",
        *(c.id for c in figures.criteria),
        "Assignments passed",
        "Attempts (graded)",
        "Time on task (min)",
        "Trust losses",
    ]
    rows = [
        [
            f'<a class="learner" href="{learner_url(row.learner)}">{escape(row.learner)}</a>',
            _number(row.overall),
            *(_number(row.scores.get(c.id)) for c in figures.criteria),
            f"{row.passed} of {row.assignments}",
            f"{row.attempts} ({row.graded})",
            _number(minutes(row.time_on_task)),
            str(row.trust_losses),
        ]
        for row in figures.learners
    ]
    return table(headers, rows)


def _assignments(figures: CohortFigures) -> str:
    if not figures.assignments:
        return "<p>No assignments.</p>"
    headers = ["Assignment", "Learners", "Started", "Submitted", "Passed", "Pass rate", "Attempts"]
    headers += ["Attempts per learner", "Time on task (min)", "Minutes per learner"]
    rows = [
        [
            f'<a href="/gradebook/{row.id}">{escape(row.title)}</a> '
            f'(<a href="/gradebook/{row.id}/cohort">cohort view</a>)',
            str(row.learners),
            str(row.started),
            str(row.submitted),
            str(row.passed),
            _percent(row.pass_rate),
            str(row.attempts),
            _number(row.attempts_per_learner),
            _number(minutes(row.time_on_task)),
            _number(minutes(row.time_per_learner)),
        ]
        for row in figures.assignments
    ]
    return table(headers, rows)


def _costs(figures: CohortFigures) -> str:
    if not figures.costs:
        return "<p>No trust lost in any submitted attempt.</p>"
    headers = ["Move", "Kind", "Turns", "Learners", "Trust lost", "What the engine saw"]
    rows = [
        [
            f"<code>{escape(row.cause)}</code>",
            "codebook move" if row.kind == "move" else "pattern",
            str(row.turns),
            str(row.learners),
            f"{row.trust_lost:g}",
            escape(row.reason),
        ]
        for row in figures.costs
    ]
    return table(headers, rows)


def _exports(base: str) -> str:
    csvs = " · ".join(f'<a href="{base}?format=csv&amp;table={t.value}">CSV: {t.value}</a>' for t in Table)
    return f'<p>Export: <a href="{base}?format=json">JSON</a> · {csvs}</p>'


def _key(figures: CohortFigures) -> str:
    """What each criterion id stands for."""
    items = "".join(f"<li><b>{escape(c.id)}</b> {escape(c.title)}</li>" for c in figures.criteria)
    return f'<details><summary>The criteria</summary><ul class="key">{items}</ul></details>' if items else ""


def figures_body(figures: CohortFigures, export_base: str) -> str:
    return (
        f"{_exports(export_base)}"
        "<h2>Learners × criteria</h2><p>Each learner's score per rubric criterion (0 not evident, 50 partial, "
        "100 consistent) from their latest graded attempt at each assignment; blank where it did not apply. "
        f"Click a row to open the learner.</p>{_chart(figures)}{_key(figures)}"
        f'<h2>Learners</h2><div style="overflow-x:auto">{_learners(figures)}</div>'
        f"<h2>Pass rate and attempts per assignment</h2>{_assignments(figures)}"
        f"<h2>Moves that most often cost trust</h2>"
        "<p>Every trust loss the engine recorded on the graded branch of every submitted attempt, by cause: a "
        "codebook move (docs/codebook.md) or a pattern the engine reads across turns.</p>"
        f"{_costs(figures)}"
        "<p>Time on task: from an attempt's start, through each turn the learner sent, to its submission; a "
        "pause longer than five minutes counts as five.</p>"
    )


def _with_chart(title: str, body: str) -> str:
    """The page, then Plotly.js (served by app/ui/progress.py) to draw its chart, as the progress page does."""
    draw = f'<script src="{PLOTLY_JS}"></script>{DRAW}{DRILL_DOWN}' if 'id="heatmap"' in body else ""
    return page(title, body + draw)


def assignment_view(assignment: AssignmentView, figures: CohortFigures) -> str:
    body = (
        f'<p><a href="/gradebook/{assignment.id}">← gradebook: {escape(assignment.title)}</a></p>'
        f"<h1>Cohort view: {escape(assignment.title)}</h1>"
        f"<p>{escape(assignment.persona_name)} · pass mark {assignment.terms.pass_mark:g} · "
        f"{plural(len(figures.learners), 'learner')}</p>"
        + figures_body(figures, f"/api/assignments/{assignment.id}/cohort")
    )
    return _with_chart(f"Cohort view: {assignment.title}", body)


def cohort_view(name: str, figures: CohortFigures) -> str:
    body = (
        '<p><a href="/gradebook">← gradebook</a></p>'
        f"<h1>Cohort view: {escape(name)}</h1>"
        f"<p>Your learners in this cohort ({plural(len(figures.learners), 'learner')}), across "
        f"{plural(len(figures.assignments), 'assignment')} you set for them.</p>"
        + figures_body(figures, f"/api/cohorts/{quote(name, safe='')}")
    )
    return _with_chart(f"Cohort view: {name}", body)


def _attempt_rows(attempts: Sequence[tuple[Assignment, AttemptFacts]]) -> str:
    if not attempts:
        return "<p>No attempts yet.</p>"
    rows = []
    for assignment, attempt in attempts:
        graded = attempt.score is not None
        run = f"/gradebook/runs/{quote(attempt.run_id, safe='')}"
        rows.append(
            [
                f'<a href="/gradebook/{assignment.id}">{escape(assignment.title)}</a>',
                str(attempt.number),
                escape(when(attempt.started_at)),
                escape(when(attempt.submitted_at)) if attempt.submitted_at else "—",
                _number(attempt.score) if graded else "in progress",
                "" if attempt.passed is None else ("passed" if attempt.passed else "not passed"),
                f'<a class="run" href="{run}">transcript</a>'
                + (f' · <a href="{run}/report">report</a>' if graded else ""),
            ]
        )
    return table(["Assignment", "#", "Started", "Submitted", "Score", "Result", "Run"], rows)


def learner_view(
    name: str,
    figures: CohortFigures,
    attempts: Sequence[tuple[Assignment, AttemptFacts]],
    progress_url: str | None,
) -> str:
    """One learner: their attempts at the instructor's assignments (each leading to its run), then their
    figures; a link to their own progress page when the app has one."""
    progress = f' · <a href="{escape(progress_url)}">their progress page</a>' if progress_url else ""
    body = (
        f'<p><a href="/gradebook">← gradebook</a>{progress}</p>'
        f"<h1>{escape(name)}</h1><p>Their attempts at the assignments you set.</p>"
        f"<h2>Attempts</h2>{_attempt_rows(attempts)}"
        + figures_body(figures, f"/api/learners/{quote(name, safe='')}/cohort")
    )
    return _with_chart(f"Learner: {name}", body)
