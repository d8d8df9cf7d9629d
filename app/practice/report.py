"""What "End session" shows: the grade, the trust timeline, disclosures reached and still locked.

`Grader` is the interface the app depends on. `trace_report` is what the trust engine alone can say; the
rubric grader (app/grade) adds the result, the rubric table and feedback on top of it."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
from pydantic import ValidationError

from app.domain.persona import LEVEL_NAMES, Disclosure, Persona
from app.domain.transcript import Transcript
from app.domain.turns import TurnRecord, told_before
from app.grade.client_side import ClientSide, client_side
from app.grade.markdown import client_section
from app.grade.report import hidden_labels, learner_timeline, redact
from app.grade.report import timeline as trust_points
from app.practice.charts import trust_timeline
from app.practice.inputs import as_said
from app.practice.markup import cell, escape


@dataclass(frozen=True)
class View:
    """The report as one audience reads it."""

    markdown: str  # safe to render (learner and persona text escaped)
    figure: go.Figure | None  # the trust timeline


@dataclass(frozen=True)
class Report:
    result: str  # one line, e.g. "Passed (score 78)"
    markdown: str  # everything to read (an instructor's view), safe to render
    data: dict[str, Any]  # the same as JSON, with the evidence, for the store and the HTTP API
    figure: go.Figure | None  # the trust timeline
    # What the learner is shown: what stayed closed only in general terms, no hidden topic named before it
    # opened. It is in `data` too (`stored_views`), for the learner's HTTP API.
    learner: View | None = None

    def view(self, learner: bool) -> View:
        if learner and self.learner is not None:
            return self.learner
        return View(markdown=self.markdown, figure=self.figure)


Grader = Callable[[Persona, Sequence[TurnRecord], Transcript], Report]


def stored_views(figure: go.Figure | None, learner: View, learner_report: dict[str, Any]) -> dict[str, Any]:
    """What the stored report data keeps besides the report itself: the charts (a reopened chat shows them
    again; Chainlit keeps no element without blob storage) and the learner's view."""
    return {
        "figure": figure_json(figure),
        "learner": {
            "markdown": learner.markdown,
            "report": learner_report,
            "figure": figure_json(learner.figure),
        },
    }


def figure_json(figure: go.Figure | None) -> str | None:
    return None if figure is None else str(figure.to_json())


def stored_figure(data: dict[str, Any], learner: bool) -> go.Figure | None:
    """The chart kept with a stored report, for the learner or the instructor."""
    section = (data.get("learner") or {}) if learner else data
    stored = section.get("figure")
    return go.Figure(json.loads(stored)) if isinstance(stored, str) else None


def unlocked_by(disclosure: Disclosure, persona: Persona) -> str:
    """What would have opened a disclosure, in the learner's terms."""
    level = f"trust at level {disclosure.level} ({LEVEL_NAMES[disclosure.level]})"
    if disclosure.requires_permission and disclosure.topic:
        return f"{level}, then asking permission to talk about {persona.topic(disclosure.topic).label}"
    return level


def disclosures(persona: Persona, records: Sequence[TurnRecord]) -> dict[str, list[dict[str, Any]]]:
    turn_of = {d: r.index for r in records for d in r.disclosed}
    reached = [
        {"id": d.id, "summary": d.summary, "level": d.level, "turn": turn_of[d.id]}
        for d in persona.disclosures
        if d.id in turn_of
    ]
    locked = [
        {"id": d.id, "summary": d.summary, "level": d.level, "needs": unlocked_by(d, persona)}
        for d in persona.disclosures
        if d.id not in turn_of and d.id not in told_before(records)  # told in an earlier session
    ]
    return {"reached": reached, "locked": locked}


def timeline(persona: Persona, records: Sequence[TurnRecord], learner: bool = False) -> go.Figure:
    """Trust after each learner turn, the level bands behind it, and where disclosures came; a learner's copy
    names no sensitive topic before something about it was disclosed."""
    points = trust_points(persona, records, [None] * len(records))
    if learner:
        points = learner_timeline(points, persona, records)
    summaries = {d.id: d.summary for d in persona.disclosures}
    return trust_timeline(points, title="Trust over the session", disclosures=summaries)


def trace_markdown(
    persona: Persona,
    records: Sequence[TurnRecord],
    found: dict[str, list[dict[str, Any]]],
    learner: bool = False,
) -> str:
    """With `learner`, what stayed closed only in general terms, and no sensitive topic named in the trace
    before something about it was disclosed."""
    lines = ["### Disclosures", ""]
    lines += [f"- reached at turn {d['turn']}: {escape(d['summary'])}" for d in found["reached"]] or [
        "- none reached"
    ]
    lines += ["", "**Still locked** (and what would have opened them):", ""]
    locked = [
        f"- something the client would share at level {d['level']} ({LEVEL_NAMES[d['level']]})"
        if learner
        else f"- {escape(d['summary'])} — needs {escape(d['needs'])}"
        for d in found["locked"]
    ]
    lines += locked or ["- none"]
    lines += [
        "",
        "### Turn by turn",
        "",
        "| turn | you said | trust | what changed it |",
        "|---|---|---|---|",
    ]
    hidden = hidden_labels(persona, records) if learner else [[] for _ in records]
    for r, labels in zip(records, hidden, strict=True):
        causes = "; ".join(f"{c.delta:+.0f} {redact(c.reason, labels)}" for c in r.changes) or "—"
        lines.append(f"| {r.index} | {cell(as_said(r.learner))} | {r.trust:.0f} | {cell(causes)} |")
    return "\n".join(lines)


def stored_client_side(report: Mapping[str, Any]) -> ClientSide | None:
    """The client's answers kept with a stored grade (both graders keep them under "client"), or None for a
    grade from before they were kept."""
    found = report.get("client")
    if not isinstance(found, dict):
        return None
    try:
        return ClientSide.model_validate(found)
    except ValidationError:
        return None


def trace_report(persona: Persona, records: Sequence[TurnRecord], transcript: Transcript) -> Report:
    """The report from the trust engine alone (no rubric)."""
    found = disclosures(persona, records)
    final = records[-1] if records else None
    level = final.level if final else 0
    reached = f"{len(found['reached'])} of {len(persona.disclosures)} disclosures"
    result = f"Reached level {level} ({LEVEL_NAMES[level]}), {reached}"
    data = {
        "result": result,
        "persona": persona.id,
        "disclosures": found,
        "trust": [{"turn": r.index, "trust": r.trust, "level": r.level} for r in records],
        "transcript": transcript.model_dump(mode="json"),
    }
    # The client's own answers, as beside a rubric grade: shown to both and stored for the gradebook.
    side = client_side(records, persona)
    data["client"] = side.model_dump(mode="json")
    client = "\n".join(client_section(side, persona.name, escape)).replace("## ", "### ", 1)
    heading = f"## Session report — {escape(persona.name)}\n\n**{escape(result)}**\n\n{client}"
    markdown = f"{heading}\n\n{trace_markdown(persona, records, found)}"
    learner = View(
        markdown=f"{heading}\n\n{trace_markdown(persona, records, found, learner=True)}",
        figure=timeline(persona, records, learner=True),
    )
    locked = [{"level": d["level"], "needs": f"trust at level {d['level']}"} for d in found["locked"]]
    figure = timeline(persona, records)
    data |= stored_views(figure, learner, data | {"disclosures": found | {"locked": locked}})
    return Report(result=result, markdown=markdown, data=data, figure=figure, learner=learner)
