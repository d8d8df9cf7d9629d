"""The instructor's "LMS grades" page for an assignment (plain HTML, every value escaped): whether grades
wait for review, and per attempt from an LMS learner what the LMS has been told, with a button to confirm
a grade held for review."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from app.domain.coursework import AttemptRecord
from app.store.assignments import AssignmentView
from app.store.lti import OutboxEntry
from app.ui.pages import page


@dataclass(frozen=True)
class LmsAttempt:
    attempt: AttemptRecord
    from_lms: bool
    confirmed: bool
    latest: OutboxEntry | None  # the last score queued for the LMS


def _status(row: LmsAttempt) -> str:
    latest = row.latest
    if not row.from_lms:
        return "not from the LMS"
    if latest is None:
        return "nothing sent yet"
    told = "pending review" if latest.score.held else "graded"
    if latest.sent_at is not None:
        return f"{told}: sent {latest.sent_at:%Y-%m-%d %H:%M} UTC"
    error = f"; last try: {latest.last_error}" if latest.last_error else ""
    return f"{told}: waiting to be sent ({latest.tries} tries{error})"


def _action(row: LmsAttempt, held: bool) -> str:
    if not (row.from_lms and held and not row.confirmed and row.attempt.override is None):
        return ""
    if row.attempt.score is None:
        return "not graded yet"
    return (
        f"<form method='post' action='/api/attempts/{row.attempt.id}/confirm'>"
        f"<button type='submit' aria-label='confirm attempt {row.attempt.id}'>Confirm for the LMS</button></form>"
    )


def _score(attempt: AttemptRecord) -> str:
    if attempt.override is not None:
        return f"{attempt.override.score:g} (overridden)"
    return "" if attempt.score is None else f"{attempt.score:g}"


def lms_page(assignment: AssignmentView, held: bool, rows: list[LmsAttempt]) -> str:
    setting = (
        f"<form method='post' action='/gradebook/{assignment.id}/lms/review'>"
        f"<input type='hidden' name='hold' value='{'false' if held else 'true'}'>"
        f"<p>Grades go to the LMS <b>{'as pending review until you confirm them' if held else 'as soon as graded'}</b>."
        f" <button type='submit'>{'Send grades as graded' if held else 'Hold grades for review'}</button></p>"
        "</form>"
    )
    cells = "".join(
        f"<tr><td>{escape(r.attempt.learner)}</td><td>{r.attempt.number}</td><td>{escape(_score(r.attempt))}</td>"
        f"<td>{escape(_status(r))}</td><td>{_action(r, held)}</td></tr>"
        for r in rows
    )
    table = (
        "<table><tr><th>learner</th><th>attempt</th><th>score</th><th>the LMS</th><th></th></tr>"
        f"{cells}</table>"
        if rows
        else "<p>No attempts yet.</p>"
    )
    body = (
        f"<p><a href='/gradebook/{assignment.id}'>← {escape(assignment.title)}</a></p>"
        f"<h1>LMS grades: {escape(assignment.title)}</h1>{setting}{table}"
        "<p>An override is sent to the LMS too, and counts as reviewed.</p>"
    )
    return page(f"LMS grades: {assignment.title}", body)
