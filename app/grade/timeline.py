"""The trust timeline as a Plotly figure for the UI. The only module that imports Plotly (slow to import,
so the CLI and the grader never load it)."""

from __future__ import annotations

from itertools import pairwise

import plotly.graph_objects as go

from app.domain.persona import LEVEL_NAMES
from app.grade.report import Report, TimelinePoint
from app.trust.weights import LEVEL_THRESHOLDS, MAX_TRUST

# Whole learner turns only (Plotly would put ticks at 0.5 on a short session), and the legend under the plot:
# at its default place, top right, Plotly's toolbar covers it.
AXIS = {"title": "learner turn", "tick0": 0, "dtick": 1, "tickformat": "d", "rangemode": "tozero"}
LEGEND = {"orientation": "h", "x": 0, "y": -0.2, "yanchor": "top"}


def _hover(point: TimelinePoint) -> str:
    lines = [
        f"Turn {point.turn or 'start'}: trust {point.trust:.1f}, level {point.level} ({point.level_name})"
    ]
    lines += [str(cause) for cause in point.causes]
    if point.disclosed:
        lines.append(f"opened up: {', '.join(point.disclosed)}")
    return "<br>".join(lines)


def timeline_figure(report: Report) -> go.Figure:
    """Trust per turn with level bands; hovering a point shows its causes. Empty figure without a timeline."""
    figure = go.Figure()
    points = report.timeline or []
    bounds = [*LEVEL_THRESHOLDS, MAX_TRUST]
    for level, (low, high) in enumerate(pairwise(bounds)):
        figure.add_hrect(
            y0=low,
            y1=high,
            line_width=0,
            fillcolor="rgba(80, 120, 200, 0.06)" if level % 2 else "rgba(0, 0, 0, 0)",
            annotation_text=f"{level} {LEVEL_NAMES[level]}",
            annotation_position="top left",
        )
    figure.add_trace(
        go.Scatter(
            x=[p.turn for p in points],
            y=[p.trust for p in points],
            mode="lines+markers",
            name="trust",
            hovertext=[_hover(p) for p in points],
            hoverinfo="text",
        )
    )
    opened = [p for p in points if p.disclosed]
    figure.add_trace(
        go.Scatter(
            x=[p.turn for p in opened],
            y=[p.trust for p in opened],
            mode="markers",
            marker={"symbol": "star", "size": 14},
            name="opened up",
            hovertext=[", ".join(p.disclosed) for p in opened],
            hoverinfo="text",
        )
    )
    figure.update_layout(
        title=f"Trust timeline{f' with {report.persona}' if report.persona else ''}",
        xaxis=AXIS,
        yaxis_title="trust",
        yaxis_range=[0, MAX_TRUST],
        hovermode="closest",
        legend=LEGEND,
        margin={"b": 100},
    )
    return figure


def figure_json(report: Report) -> str:
    """The figure as Plotly JSON, for a web UI to hand to Plotly.js."""
    return str(timeline_figure(report).to_json())
