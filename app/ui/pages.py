"""The instructor's gradebook pages as plain HTML (no script, no external asset): the assignments they set
with a form to set another, and per assignment each learner's standing and every attempt with its links and
an override form. Every value from a person or a file is escaped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from html import escape
from urllib.parse import quote

from markdown_it import MarkdownIt

from app.domain.coursework import AttemptRecord, Standing, Terms, is_late, when
from app.domain.questionnaire import Question
from app.grade.client_side import ClientSide
from app.grade.markdown import client_section
from app.practice.gradebook import cell
from app.practice.inputs import as_said
from app.practice.markup import escape as markdown_text
from app.store.assignments import AssignmentView
from app.store.runs import RunInfo, StoredTurn
from app.store.schema import RunStatus, utcnow

# The stored report is Markdown with every outside text escaped; any raw HTML in it is shown as text.
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem;color:#1f2937}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d1d5db;padding:.3rem .6rem;text-align:left}
th{background:#f3f4f6}.late,.warning{color:#b45309}.pass{color:#047857}.fail{color:#b91c1c}
.turn{margin:.6rem 0}.who{font-weight:600}.earlier{color:#6b7280}
form.inline{display:flex;gap:.3rem;align-items:center}label{display:block;margin:.4rem 0}
input,select,textarea{font:inherit}code{font-size:.85em}
"""


def page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} · Rapport</title>'
        f"<style>{STYLE}</style></head><body>{body}</body></html>"
    )


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _passed(value: bool | None) -> str:
    if value is None:
        return "—"
    return '<span class="pass">passed</span>' if value else '<span class="fail">not passed</span>'


def _pinned(a: AssignmentView) -> str:
    return (
        f"{escape(a.persona_name)} <code>{escape(a.persona_id)} sha256 {a.persona_sha256[:12]}</code>; "
        f"rubric <code>{escape(a.rubric_id)} v{a.rubric_version} sha256 {a.rubric_sha256[:12]}</code>"
    )


def _options(values: Iterable[tuple[str, str]]) -> str:
    """(value, label) pairs as <option>s."""
    return "".join(f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in values)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def new_assignment_form(personas: Iterable[tuple[str, str]], rubrics: Iterable[tuple[str, str]]) -> str:
    """`personas` and `rubrics` as (id, display name) pairs: people pick by name, the form sends the id."""
    return f"""<h2>Set an assignment</h2>
<form method="post" action="/api/assignments">
<label>Title <input name="title" required maxlength="200" size="50"></label>
<label>Persona <select name="persona">{_options(personas)}</select></label>
<label>Rubric <select name="rubric">{_options(rubrics)}</select></label>
<label>Pass mark (0-100; empty: the rubric's) <input name="pass_mark" type="number" min="0" max="100" step="0.1">
</label>
<label>Attempts allowed <input name="attempts" type="number" min="1" max="100" value="1" required></label>
<label>Due (UTC) <input name="due" type="datetime-local"></label>
<label><input name="late_allowed" type="checkbox" value="true" checked> Accept late attempts (marked late)</label>
<label>Instructions<br><textarea name="instructions" rows="3" cols="60"></textarea></label>
<label>Learners (login names, separated by spaces or commas) <input name="learners" size="50"></label>
<label>Cohorts <input name="cohorts" size="50"></label>
<button type="submit">Set assignment</button>
</form>"""


def _cohort_links(cohorts: Iterable[str]) -> str:
    links = [f'<a href="/gradebook/cohorts/{quote(name, safe="")}">{escape(name)}</a>' for name in cohorts]
    if not links:
        return ""
    return f"<h2>Cohort views</h2><p>Your learners in each cohort, across your assignments: {' · '.join(links)}</p>"


def index_page(
    assignments: list[tuple[AssignmentView, int]],
    personas: Iterable[tuple[str, str]],
    rubrics: Iterable[tuple[str, str]],
    cohorts: Iterable[str] = (),
) -> str:
    """The assignments an instructor set, each with how many learners it is for, and the cohorts with any of
    their learners (each leads to its cohort view)."""
    rows = [
        [
            f'<a href="/gradebook/{a.id}">{escape(a.title)}</a>',
            _pinned(a),
            f"{a.terms.pass_mark:g}",
            str(a.terms.attempts_allowed),
            escape(when(a.terms.due_at)),
            str(learners),
        ]
        for a, learners in assignments
    ]
    listing = (
        _table(
            ["Assignment", "Persona and rubric (pinned)", "Pass mark", "Attempts", "Due", "Learners"], rows
        )
        if rows
        else "<p>You have not set any assignments yet.</p>"
    )
    body = f"<h1>Gradebook</h1>{listing}{_cohort_links(cohorts)}{new_assignment_form(personas, rubrics)}"
    return page("Gradebook", body)


def _summary(standings: list[Standing], a: AssignmentView) -> str:
    rows = [
        [
            f'<a href="/gradebook/learners/{quote(s.learner, safe="")}">{escape(s.learner)}</a>',
            f"{len(s.attempts)} of {a.terms.attempts_allowed}",
            cell(s.best_score) or "—",
            cell(s.latest_score) or "—",
            _passed(s.passed),
            str(s.late_attempts),
            "yes" if s.overridden else "",
            escape(when(s.last_attempt_at)) if s.last_attempt_at else "—",
        ]
        for s in standings
    ]
    headers = ["Learner", "Attempts", "Best", "Latest", "Result", "Late", "Overridden", "Last attempt"]
    return _table(headers, rows)


def _score(attempt: AttemptRecord) -> str:
    if not attempt.graded:
        return "in progress"
    graded = f"{cell(attempt.score)} ({'passed' if attempt.passed else 'not passed'})"
    override = attempt.override
    if override is None:
        return graded
    return (
        f"<s>{graded}</s> → <b>{cell(override.score)}</b> ({'passed' if override.passed else 'not passed'}), "
        f"by {escape(override.by)} {escape(when(override.at))}: “{escape(override.comment)}”"
    )


def _client_answers(attempt: AttemptRecord) -> str:
    """The client's five answers in brief (heard yes · agreed partly ...), leading to them in full on the run's
    page; empty for an attempt whose grade has none."""
    if not attempt.client:
        return ""
    brief = " · ".join(
        f"{question.value.replace('_', ' ')} {escape(attempt.client[question.value])}"
        for question in Question
        if question.value in attempt.client
    )
    return f'<a href="/gradebook/runs/{escape(attempt.run_id)}#client-side">{brief}</a>'


def _override_form(attempt: AttemptRecord) -> str:
    if not attempt.graded:
        return ""
    return (
        f'<form class="inline" method="post" action="/api/attempts/{attempt.id}/override">'
        f'<input name="score" type="number" min="0" max="100" step="0.1" required placeholder="score" '
        f'aria-label="score for attempt {attempt.id}">'
        # No default: an override's pass or fail is chosen, never taken by accident.
        f'<select name="passed" required aria-label="result for attempt {attempt.id}">'
        '<option value="" selected disabled>passed?</option>'
        '<option value="true">passed</option><option value="false">not passed</option></select><input name="comment" required maxlength="2000" placeholder="why" size="24" '
        f'aria-label="comment for attempt {attempt.id}"><button type="submit">Override</button></form>'
    )


def _attempts(standings: list[Standing]) -> str:
    rows = [
        [
            escape(a.learner),
            str(a.number),
            escape(when(a.started_at)),
            escape(when(a.submitted_at)) if a.submitted_at else "—",
            '<span class="late">late</span>' if a.late else "",
            _score(a),
            f'<a href="/gradebook/runs/{escape(a.run_id)}">transcript</a>'
            + (f' · <a href="/gradebook/runs/{escape(a.run_id)}/report">report</a>' if a.graded else ""),
            _client_answers(a),
            _override_form(a),
        ]
        for s in standings
        for a in s.attempts
    ]
    if not rows:
        return "<p>No attempts yet.</p>"
    headers = [
        "Learner",
        "#",
        "Started",
        "Submitted",
        "Late",
        "Score",
        "Run",
        "The client's side",
        "Override",
    ]
    return _table(headers, rows)


def assignment_page(a: AssignmentView, standings: list[Standing]) -> str:
    terms = a.terms
    late = "late attempts accepted (marked late)" if terms.late_allowed else "no late attempts"
    body = (
        f'<p><a href="/gradebook">← all assignments</a></p><h1>{escape(a.title)}</h1>'
        f"{_past_due(terms, utcnow())}"
        f"<p>{_pinned(a)}</p><p>Pass mark {terms.pass_mark:g} · {plural(terms.attempts_allowed, 'attempt')} · "
        f"due {escape(when(terms.due_at))} · {late} · set by {escape(a.created_by)}</p>"
        f"<p>{escape(a.instructions)}</p>"
        f'<p>Export: <a href="/api/assignments/{a.id}/gradebook?format=csv">CSV</a> · '
        f'<a href="/api/assignments/{a.id}/gradebook?format=json">JSON</a> · '
        f'<a href="/gradebook/{a.id}/cohort">Cohort view</a> (heat map, pass rate, trust costs, time on task) · '
        f'<a href="/gradebook/{a.id}/lms">LMS grades</a> (review hold, what the LMS was sent)</p>'
        f"<h2>Learners</h2>{_summary(standings, a)}<h2>Attempts</h2>{_attempts(standings)}"
    )
    return page(a.title, body)


def message_page(title: str, message: str, back: str) -> str:
    return page(
        title, f"<h1>{escape(title)}</h1><p>{escape(message)}</p><p><a href='{escape(back)}'>Back</a></p>"
    )


def _past_due(terms: Terms, now: datetime) -> str:
    if not is_late(terms, now):
        return ""
    late = "attempts started now are late" if terms.late_allowed else "no attempt can start any more"
    return f'<p class="warning"><b>The due date, {escape(when(terms.due_at))}, has passed</b>: {late}.</p>'


def _turn(who: str, words: str, css: str = "turn") -> str:
    return f'<div class="{css}"><span class="who">{escape(who)}:</span> {escape(words)}</div>'


def transcript_page(
    run: RunInfo,
    in_play: Sequence[StoredTurn],
    earlier: Sequence[StoredTurn],
    side: ClientSide | None = None,
) -> str:
    """The branch in play turn by turn (numbered as the learner saw them), then the turns a rewind left; for a
    graded run, first the client's answers after the session, as the report shows them."""
    client = run.persona_name
    lines = [_turn(client, run.opening)]
    for turn in in_play:
        lines.append(_turn(f"Coach, turn {turn.position}", as_said(turn.learner)))
        if turn.coachee is not None:
            lines.append(_turn(client, turn.coachee))
    if earlier:
        lines.append("<h2>Earlier branches</h2><p>Turns the learner rewound past; they are not graded.</p>")
        for turn in sorted(earlier, key=lambda t: (t.position, t.id)):
            lines.append(
                _turn(f"Coach, turn {turn.position} (earlier branch)", as_said(turn.learner), "turn earlier")
            )
            if turn.coachee is not None:
                lines.append(_turn(client, turn.coachee, "turn earlier"))
    report = (
        f'<a href="/gradebook/runs/{escape(run.id)}/report">report</a>'
        if run.status is RunStatus.ENDED
        else ""
    )
    body = (
        f"<h1>{escape(run.owner)} with {escape(client)}</h1>{_session(run)}"
        f"<p>Started {escape(when(run.created_at))} · {escape(run.status)} {report}</p>"
        f"{client_side(side, client)}{'<h2>Transcript</h2>' if side else ''}{''.join(lines)}"
    )
    return page(f"Transcript: {run.owner} with {client}", body)


def client_side(side: ClientSide | None, who: str) -> str:
    """The client's answers to the questionnaire, rendered from the report's own section (one home for it)."""
    if side is None:
        return ""
    section = _MARKDOWN.render("\n".join(client_section(side, who, markdown_text)))
    return f'<section id="client-side" class="client-side">{section}</section>'


def report_page(run: RunInfo, markdown: str) -> str:
    back = f'<p><a href="/gradebook/runs/{escape(run.id)}">transcript</a></p>'
    return page(
        f"Report: {run.owner} with {run.persona_name}", _session(run) + back + _MARKDOWN.render(markdown)
    )


def _session(run: RunInfo) -> str:
    """'Session 2 with Priya Raman, following run 1a2b3c4d' (linked) for a follow-up; nothing for a first."""
    if run.follows_run_id is None:
        return ""
    follows = (
        f'<a href="/gradebook/runs/{escape(run.follows_run_id)}">run {escape(run.follows_run_id[:8])}</a>'
    )
    return (
        f'<p class="session">Session {run.session} with {escape(run.persona_name)}, following {follows}.</p>'
    )
