"""The progress page's charts as Plotly figures: the overall score and every criterion across the learner's
graded runs (one small panel each, weakest of late first), and trust reached per persona."""

from __future__ import annotations

import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from app.grade.progress import CriterionSeries, PersonaTrust, ScorePoint
from app.practice.charts import add_level_bands
from app.trust.weights import MAX_TRUST

COLUMNS = 3
PANEL_HEIGHT = 170  # px per row of panels: small enough to see them all, tall enough to read a trend
LEVELS = {0: "not evident", 50: "partial", 100: "consistent"}
RUN_AXIS = {"tick0": 1, "dtick": 1, "tickformat": "d"}  # whole sessions only


def _colour(recent: float) -> str:
    """How it stands of late, at a glance: red below partial, amber up to consistent, green at consistent."""
    if recent < 50:
        return "#b91c1c"
    return "#b45309" if recent < 100 else "#047857"


def criteria_figure(
    scores: list[ScorePoint], series: list[CriterionSeries], runs: dict[str, int]
) -> go.Figure:
    """The overall score, then one panel per criterion; x is the graded session's number (`runs`: run id ->
    number), so a panel's gaps are the sessions where the criterion did not apply."""
    titles = ["Overall score", *(f"{s.title} ({s.recent:.0f})" for s in series)]
    rows = math.ceil(len(titles) / COLUMNS)
    figure = make_subplots(
        rows=rows, cols=COLUMNS, subplot_titles=titles, vertical_spacing=0.5 / rows, horizontal_spacing=0.06
    )
    figure.add_trace(
        go.Scatter(
            x=[runs[p.run_id] for p in scores],
            y=[p.score for p in scores],
            mode="lines+markers",
            line={"color": "#1d4ed8"},
            hovertext=[
                f"{p.persona_name}: {p.score:g} ({'passed' if p.passed else 'not passed'})" for p in scores
            ],
            hoverinfo="text",
            name="overall score",
        ),
        row=1,
        col=1,
    )
    for index, s in enumerate(series, start=1):
        figure.add_trace(
            go.Scatter(
                x=[runs[p.run_id] for p in s.points],
                y=[p.score for p in s.points],
                mode="lines+markers",
                line={"color": _colour(s.recent)},
                hovertext=[f"{p.persona_name}: {LEVELS.get(int(p.score), p.level.value)}" for p in s.points],
                hoverinfo="text",
                name=s.title,
            ),
            row=index // COLUMNS + 1,
            col=index % COLUMNS + 1,
        )
    last = max(runs.values(), default=1)
    figure.update_xaxes(range=[0.5, last + 0.5], **RUN_AXIS)
    figure.update_yaxes(range=[-10, 110], tickvals=list(LEVELS), ticktext=["0", "50", "100"])
    figure.update_annotations(font_size=12)
    figure.update_layout(
        showlegend=False,
        height=PANEL_HEIGHT * rows + 60,
        margin={"l": 40, "r": 10, "t": 40, "b": 30},
        hovermode="closest",
    )
    return figure


def trust_figure(personas: list[PersonaTrust]) -> go.Figure:
    """The highest trust reached in each session with each persona, over the trust level bands."""
    figure = go.Figure()
    most = max((len(p.points) for p in personas), default=1)
    add_level_bands(figure)
    for persona in personas:
        figure.add_trace(
            go.Scatter(
                x=list(range(1, len(persona.points) + 1)),
                y=[p.peak_trust for p in persona.points],
                mode="lines+markers",
                name=persona.persona_name,
                hovertext=[
                    f"{persona.persona_name}, session {n}: trust up to {p.peak_trust:.0f}, "
                    f"{p.disclosures_reached} of {p.disclosures_total} disclosures"
                    for n, p in enumerate(persona.points, start=1)
                ],
                hoverinfo="text",
            )
        )
    figure.update_layout(
        title="Highest trust reached, per persona",
        xaxis={"title": "session with this persona", "range": [0.5, most + 0.5], **RUN_AXIS},
        yaxis={"title": "trust", "range": [0, MAX_TRUST]},
        legend={"orientation": "h", "x": 0, "y": -0.25, "yanchor": "top"},
        height=380,
        margin={"l": 50, "r": 20, "t": 50, "b": 90},
    )
    return figure
