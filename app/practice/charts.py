"""The trust timeline as a Plotly figure, for every report that draws one. The only module that imports Plotly
for it (slow to import, so the CLI and the grader never load it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

import plotly.graph_objects as go

from app.domain.persona import LEVEL_NAMES
from app.domain.trust_state import LEVEL_THRESHOLDS
from app.grade.report import TimelinePoint
from app.trust.weights import MAX_TRUST

# Whole learner turns only (Plotly would put ticks at 0.5 on a short session), and the legend under the plot:
# at its default place, top right, Plotly's toolbar covers it.
AXIS = {"title": "learner turn", "tick0": 0, "dtick": 1, "tickformat": "d", "rangemode": "tozero"}
LEGEND = {"orientation": "h", "x": 0, "y": -0.2, "yanchor": "top"}


def _hover(point: TimelinePoint) -> str:
    lines = [
        f"Turn {point.turn or 'start'}: trust {point.trust:.1f}, level {point.level} ({point.level_name})"
    ]
    lines += [str(cause) for cause in point.causes] or ["no change"]
    return "<br>".join(lines)


def add_level_bands(figure: go.Figure) -> None:
    """The trust levels as bands behind a chart of trust, each named at its top left."""
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


def trust_timeline(
    points: Sequence[TimelinePoint], title: str, disclosures: Mapping[str, str] | None = None
) -> go.Figure:
    """Trust per turn over the level bands; hovering a point shows its causes, a star marks where the client
    opened up (named by `disclosures`, id → summary, when given; else by id). Empty without points."""
    figure = go.Figure()
    add_level_bands(figure)
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
    names = disclosures or {}
    figure.add_trace(
        go.Scatter(
            x=[p.turn for p in opened],
            y=[p.trust for p in opened],
            mode="markers",
            marker={"symbol": "star", "size": 14},
            name="opened up",
            hovertext=[", ".join(names.get(d, d) for d in p.disclosed) for p in opened],
            hoverinfo="text",
        )
    )
    figure.update_layout(
        title=title,
        xaxis=AXIS,
        yaxis_title="trust",
        yaxis_range=[0, MAX_TRUST],
        hovermode="closest",
        legend=LEGEND,
        margin={"b": 100},
    )
    return figure
