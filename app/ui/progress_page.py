"""The learner's progress page as HTML: what to practise next (with the button that starts it), the trend of
every criterion, trust and disclosures per persona, and the behaviours that most often held them back. The
charts are drawn by Plotly.js served by Rapport itself (no CDN); every value from a person is escaped."""

from __future__ import annotations

from html import escape

import plotly.graph_objects as go

from app.grade.progress import Behaviour, PersonaTrust, Progress, Suggestion
from app.ui.pages import page, plural
from app.ui.progress_charts import criteria_figure, trust_figure

PLOTLY_JS = "/progress/plotly.min.js"
STYLE = """<style>
.next{border:2px solid #1d4ed8;border-radius:.5rem;padding:.8rem 1rem;margin:1rem 0;background:#eff6ff}
.next button{font:inherit;font-weight:600;padding:.4rem 1rem;margin-top:.4rem;cursor:pointer}
.chart{width:100%;min-height:300px}.moment{margin:.3rem 0 .6rem 1rem}.better{color:#047857}
.muted{color:#6b7280}
</style>"""
# Each chart's figure sits in a JSON script block (never run as code), drawn once Plotly.js has loaded.
DRAW = (
    "<script>for (const block of document.querySelectorAll('script[data-chart]')) {"
    "const figure = JSON.parse(block.textContent);"
    "Plotly.newPlot(block.dataset.chart, figure.data, figure.layout, "
    "{responsive: true, displaylogo: false});}</script>"
)


def _chart(element_id: str, figure: go.Figure) -> str:
    # "<" written as its JSON escape: no text in the figure can close the script block.
    data = str(figure.to_json()).replace("<", "\\u003c")
    return (
        f'<div class="chart" id="{element_id}"></div>'
        f'<script type="application/json" data-chart="{element_id}">{data}</script>'
    )


def _practise_next(suggestion: Suggestion | None, own: bool) -> str:
    if suggestion is None:
        return "<p>Every criterion has been consistent in your latest sessions: pick any client and keep going.</p>"
    button = (
        '<form method="post" action="/progress/practise">'
        f'<button type="submit" id="practise-next">Practise next with {escape(suggestion.persona_name)}</button>'
        "</form>"
        if own
        else ""
    )
    return (
        '<div class="next"><h2>What to practise next</h2>'
        f"<p><b>{escape(suggestion.criterion_title)}</b> "
        f'<span class="muted">(latest sessions: {suggestion.recent:.0f}/100)</span></p>'
        f'<p>With <b>{escape(suggestion.persona_name)}</b>: <span class="focus">{escape(suggestion.focus)}</span></p>'
        f'<p class="muted">Why {escape(suggestion.persona_name)}: {escape(suggestion.why)}.</p>{button}</div>'
    )


def _personas(personas: list[PersonaTrust]) -> str:
    rows = "".join(
        f"<tr><td>{escape(p.persona_name)}</td><td>{len(p.points)}</td><td>{p.best_peak_trust:.0f}</td>"
        f"<td>{p.points[-1].peak_trust:.0f}</td><td>{p.most_disclosures} of {p.disclosures_total}</td>"
        f"<td>{p.points[-1].disclosures_reached} of {p.points[-1].disclosures_total}</td></tr>"
        for p in personas
    )
    head = (
        "<tr><th>Persona</th><th>Sessions</th><th>Highest trust</th><th>Latest session's highest trust</th>"
        "<th>Most disclosures</th><th>Latest session's disclosures</th></tr>"
    )
    return f'<table id="personas"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def _behaviour(behaviour: Behaviour, sessions: dict[str, int], total: int, whose: str) -> str:
    # A behaviour that was missing rather than said has nothing of theirs to quote: the phrasing alone.
    moments = "".join(
        f'<div class="moment">Session {sessions[m.run_id]} with {escape(m.persona_name)}'
        f"{f', turn {m.learner_turn}' if m.learner_turn else ''}: “{escape(m.quote)}”"
        + (f'<br><span class="better">Better: “{escape(m.better)}”</span>' if m.better else "")
        + "</div>"
        for m in behaviour.moments
    )
    if not moments and behaviour.better and behaviour.better not in behaviour.feedback:
        moments = f'<div class="moment better">Try: “{escape(behaviour.better)}”</div>'
    kind = " (a blocking error: it fails the session)" if behaviour.blocking else ""
    return (
        f'<div class="behaviour"><h3>{escape(behaviour.title)}{kind}</h3>'
        f'<p class="muted">In {behaviour.runs} of {whose} {plural(total, "graded session")}.</p>'
        f"<p>{escape(behaviour.feedback)}</p>{moments}</div>"
    )


def progress_page(learner: str, progress: Progress, own: bool) -> str:
    """`own`: the learner reading their own page (only they get the button that starts a chat)."""
    title = "Your progress" if own else f"{learner}'s progress"
    top = f'<p><a href="/">← back to practice</a> · <a href="/api/progress{"" if own else f"?learner={escape(learner)}"}">as JSON</a></p>'
    if not progress.graded_runs:
        empty = (
            '<p id="empty">No graded sessions yet. Pick a client, talk with them as their coach and press '
            "<b>End session</b>: each graded session adds a point to every trend here, and this page then "
            "suggests what to practise next.</p>"
        )
        start = '<p><a href="/">Start a practice session</a></p>' if own else ""
        return page(title, f"{STYLE}<h1>{escape(title)}</h1>{top}{empty}{start}")
    sessions = {p.run_id: n for n, p in enumerate(progress.scores, start=1)}
    held = "".join(
        _behaviour(b, sessions, progress.graded_runs, "your" if own else "their") for b in progress.held_back
    )
    body = (
        f"{STYLE}<h1>{escape(title)}</h1>{top}"
        f"<p>{plural(progress.graded_runs, 'graded session')}.</p>"
        f"{_practise_next(progress.practise_next, own)}"
        "<h2>Each criterion, session by session</h2>"
        '<p class="muted">0 not evident, 50 partial, 100 consistent; the figure after each title is the mean of '
        "its latest sessions. Weakest first; a gap is a session where it did not apply.</p>"
        f"{_chart('criteria-chart', criteria_figure(progress.scores, progress.criteria, sessions))}"
        "<h2>Trust and disclosures per persona</h2>"
        f"{_chart('trust-chart', trust_figure(progress.personas))}{_personas(progress.personas)}"
        f"<h2>What most often held {'you' if own else 'them'} back</h2>"
        f"{held or '<p>No growth points in the reports.</p>'}"
        f'<script src="{PLOTLY_JS}"></script>{DRAW}'
    )
    return page(title, body)
