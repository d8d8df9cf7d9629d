"""The report as Markdown: result, blocking errors, strengths, growth points, the criteria table, metrics,
and for a rehearsal the trust timeline and the disclosures.

Every piece of text that comes from a person or a file (the learner's quoted words, rubric and persona text,
feedback that quotes the learner) passes through one function, `text`: the identity for a terminal, Markdown
escaping for the practice app (`app.practice.markup.escape`), so the words read exactly as typed."""

from __future__ import annotations

import re
from collections.abc import Callable

from app.domain.persona import LEVEL_NAMES
from app.domain.transcript import as_said
from app.grade.client_side import ClientSide
from app.grade.feedback import turn_of
from app.grade.report import DisclosureStatus, Point, Report, TimelinePoint
from app.grade.result import Evidence

Text = Callable[[str], str]

LEVEL_LABELS = {
    "consistent": "consistent",
    "partial": "partial",
    "not_evident": "not evident",
    "not_applicable": "n/a",
}
# Several items in one table cell: Markdown tables have no line breaks (and the app renders no HTML).
IN_CELL = " · "
_BARE_PIPE = re.compile(r"(?<!\\)\|")


def plain(text: str) -> str:
    """Text as it is, for a terminal."""
    return text


def cell(text: str) -> str:
    """Text (already passed through `Text`) safe inside a Markdown table cell: one line, no bare pipe."""
    return _BARE_PIPE.sub(r"\\|", " ".join(text.split()))


def _quote(evidence: Evidence | None, text: Text) -> str:
    return f"{turn_of(evidence)}: “{text(as_said(evidence.quote))}”" if evidence else ""


def _points(points: list[Point], numbered: bool, text: Text) -> list[str]:
    return [
        f"{f'{n}.' if numbered else '-'} **{text(p.title)}** ({text(p.id)}). {text(p.feedback)}"
        for n, p in enumerate(points, 1)
    ]


def _result(report: Report, text: Text) -> list[str]:
    outcome = "passed" if report.passed else "not passed"
    lines = [
        f"# Session report: {text(report.rubric_title)}"
        + (f" with {text(report.persona)}" if report.persona else ""),
        "",
        f"**Result: {outcome}**. Score {report.score:g} / 100 (pass mark {report.pass_mark:g}).",
        "",
    ]
    if not report.passed:
        lines += [f"- {text(reason)}" for reason in report.verdict] + [""]
    return lines


def _client(report: Report, text: Text) -> list[str]:
    """The client's answers beside the grade: the same session from the other chair."""
    if report.client is None:
        return []
    return client_section(report.client, report.persona or "The client", text)


def client_section(side: ClientSide, who: str, text: Text = plain) -> list[str]:
    """The client's answers as a Markdown section: question, answer, their words, and what it rests on."""
    lines = [
        "## The client's side",
        "",
        f"After the session, {text(who)} answers in their own words.",
        "",
        "| Question | Answer | In their words | Because |",
        "|---|---|---|---|",
    ]
    for a in side.answers:
        turns = ", ".join(str(turn) for turn in a.turns)
        because = text(a.why) + (f" (turn{'s' if len(a.turns) > 1 else ''} {turns})" if a.turns else "")
        lines.append(
            f"| {cell(text(a.asked))} | {a.answer.value} | “{cell(text(a.said))}” | {cell(because)} |"
        )
    return [*lines, ""]


def _blocking(report: Report, text: Text) -> list[str]:
    if not report.blocking:
        return []
    lines = ["## Blocking errors", ""]
    lines += [f"- **{text(hit.title)}** ({text(hit.id)}). {text(hit.feedback)}" for hit in report.blocking]
    return [*lines, ""]


def _criteria(report: Report, text: Text) -> list[str]:
    lines = [
        "## Criteria",
        "",
        "| Criterion | Competency | Level | Score | Evidence |",
        "|---|---|---|---|---|",
    ]
    for c in report.criteria:
        score = "" if c.score is None else f"{c.score:g}"
        evidence = IN_CELL.join(cell(_quote(e, text)) for e in c.evidence)
        name = cell(text(f"{c.id} {c.title}"))
        level = LEVEL_LABELS[c.level]
        lines.append(f"| {name} | {cell(text(c.competency))} | {level} | {score} | {evidence} |")
    return [*lines, ""]


def _metrics(report: Report) -> list[str]:
    lines = ["## Metrics", "", "| Metric | Value | Band | Good | Fair |", "|---|---|---|---|---|"]
    for name, metric in report.metrics.items():
        value = "" if metric.value is None else f"{metric.value:g}"
        band = metric.band.value if metric.band else ""
        good = "" if metric.good is None else f"{metric.good:g}"
        fair = "" if metric.fair is None else f"{metric.fair:g}"
        lines.append(f"| {name.replace('_', ' ')} | {value} | {band} | {good} | {fair} |")
    return [*lines, ""]


def _timeline_row(point: TimelinePoint, text: Text) -> str:
    turn = "start" if point.turn == 0 else str(point.turn)
    causes = [cell(text(str(cause))) for cause in point.causes]
    if point.disclosed:
        causes.append(f"opened up: {cell(text(', '.join(point.disclosed)))}")
    return f"| {turn} | {point.trust:.1f} | {point.level} {point.level_name} | {IN_CELL.join(causes)} |"


def _timeline(report: Report, text: Text) -> list[str]:
    if report.timeline is None:
        return []
    lines = ["## Trust timeline", "", "| Turn | Trust | Level | Causes |", "|---|---|---|---|"]
    return [*lines, *(_timeline_row(point, text) for point in report.timeline), ""]


def _disclosure(status: DisclosureStatus, text: Text) -> str:
    if status.reached_at is not None:
        return (
            f"- {text(status.summary)} (turn {status.reached_at}, level {status.level} {status.level_name})"
        )
    summary, needs = text(status.summary.rstrip(".")), text(status.opens_with)
    return f"- {summary}: needs {needs}; {text(status.what_happened or '')}."


def _disclosures(report: Report, text: Text) -> list[str]:
    if report.disclosures_reached is None or report.disclosures_locked is None:
        return []
    peak = report.peak_level if report.peak_level is not None else 0
    lines = [
        "## Disclosures",
        "",
        f"Highest trust level reached: {peak} ({LEVEL_NAMES[peak]}).",
        "",
        "Reached:",
    ]
    lines += [_disclosure(s, text) for s in report.disclosures_reached] or ["- none"]
    lines += ["", "Still locked:"]
    locked = [_disclosure(s, text) for s in report.disclosures_locked]
    lines += locked or ["- none: the client told you everything"]
    return [*lines, ""]


def render(report: Report, text: Text = plain) -> str:
    """The report as Markdown; `text` makes each outside piece of text safe for where it is shown."""
    lines = _result(report, text) + _client(report, text) + _blocking(report, text)
    strengths = _points(report.strengths, numbered=False, text=text) or ["- none yet"]
    growth = _points(report.growth, numbered=True, text=text) or ["- nothing pressing"]
    lines += ["## Strengths", "", *strengths, ""]
    lines += ["## Growth points", "", *growth, ""]
    lines += _criteria(report, text) + _metrics(report) + _timeline(report, text) + _disclosures(report, text)
    return "\n".join(lines).rstrip() + "\n"
