"""The report as Markdown: result, blocking errors, strengths, growth points, the criteria table, metrics,
and for a rehearsal the trust timeline and the disclosures."""

from __future__ import annotations

from app.domain.persona import LEVEL_NAMES
from app.grade.report import DisclosureStatus, Point, Report, TimelinePoint
from app.grade.result import Evidence

LEVEL_LABELS = {
    "consistent": "consistent",
    "partial": "partial",
    "not_evident": "not evident",
    "not_applicable": "n/a",
}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _quote(evidence: Evidence | None) -> str:
    return f"turn {evidence.turn}: “{evidence.quote}”" if evidence else ""


def _points(points: list[Point], numbered: bool) -> list[str]:
    return [
        f"{f'{n}.' if numbered else '-'} **{p.title}** ({p.id}). {p.feedback}"
        for n, p in enumerate(points, 1)
    ]


def _result(report: Report) -> list[str]:
    outcome = "passed" if report.passed else "not passed"
    lines = [
        f"# Session report: {report.rubric_title}" + (f" with {report.persona}" if report.persona else ""),
        "",
        f"**Result: {outcome}**. Score {report.score:g} / 100 (pass mark {report.pass_mark:g}).",
        "",
    ]
    if not report.passed:
        lines += [f"- {reason}" for reason in report.verdict] + [""]
    return lines


def _blocking(report: Report) -> list[str]:
    if not report.blocking:
        return []
    lines = ["## Blocking errors", ""]
    lines += [f"- **{hit.title}** ({hit.id}). {hit.feedback}" for hit in report.blocking]
    return [*lines, ""]


def _criteria(report: Report) -> list[str]:
    lines = [
        "## Criteria",
        "",
        "| Criterion | Competency | Level | Score | Evidence |",
        "|---|---|---|---|---|",
    ]
    for c in report.criteria:
        score = "" if c.score is None else f"{c.score:g}"
        evidence = "<br>".join(cell(_quote(e)) for e in c.evidence)
        name = cell(f"{c.id} {c.title}")
        lines.append(f"| {name} | {cell(c.competency)} | {LEVEL_LABELS[c.level]} | {score} | {evidence} |")
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


def _timeline_row(point: TimelinePoint) -> str:
    turn = "start" if point.turn == 0 else str(point.turn)
    causes = "<br>".join(cell(str(cause)) for cause in point.causes)
    if point.disclosed:
        causes += f"{'<br>' if causes else ''}opened up: {', '.join(point.disclosed)}"
    return f"| {turn} | {point.trust:.1f} | {point.level} {point.level_name} | {causes} |"


def _timeline(report: Report) -> list[str]:
    if report.timeline is None:
        return []
    lines = ["## Trust timeline", "", "| Turn | Trust | Level | Causes |", "|---|---|---|---|"]
    return [*lines, *(_timeline_row(point) for point in report.timeline), ""]


def _disclosure(status: DisclosureStatus) -> str:
    if status.reached_at is not None:
        return f"- {status.summary} (turn {status.reached_at}, level {status.level} {status.level_name})"
    return f"- {status.summary.rstrip('.')}: needs {status.opens_with}; {status.what_happened}."


def _disclosures(report: Report) -> list[str]:
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
    lines += [_disclosure(s) for s in report.disclosures_reached] or ["- none"]
    lines += ["", "Still locked:"]
    lines += [_disclosure(s) for s in report.disclosures_locked] or ["- none: the client told you everything"]
    return [*lines, ""]


def render(report: Report) -> str:
    lines = _result(report) + _blocking(report)
    lines += ["## Strengths", "", *(_points(report.strengths, numbered=False) or ["- none yet"]), ""]
    lines += ["## Growth points", "", *(_points(report.growth, numbered=True) or ["- nothing pressing"]), ""]
    lines += _criteria(report) + _metrics(report) + _timeline(report) + _disclosures(report)
    return "\n".join(lines).rstrip() + "\n"
