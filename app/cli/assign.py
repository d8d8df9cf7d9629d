"""`rapport assign create|list`: set assignments without the UI. The persona and rubric are pinned (copied with
their sha256) when the assignment is created; later edits to their files do not change it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError

from app.cli.common import content, fail
from app.domain.coursework import when

if TYPE_CHECKING:
    from app.practice.assigning import AssignmentView

cli = typer.Typer(no_args_is_help=True, help="Assignments: a persona, a rubric, a pass mark, for learners.")


def describe(assignment: AssignmentView, learners: list[str]) -> str:
    terms = assignment.terms
    plural = "" if terms.attempts_allowed == 1 else "s"
    late = "" if terms.late_allowed or terms.due_at is None else ", no late attempts"
    return (
        f"{assignment.id}\t{assignment.title}\n"
        f"\tpersona {assignment.persona_id} (sha256 {assignment.persona_sha256[:12]}), "
        f"rubric {assignment.rubric_id} v{assignment.rubric_version} (sha256 {assignment.rubric_sha256[:12]})\n"
        f"\tpass mark {terms.pass_mark:g}, {terms.attempts_allowed} attempt{plural}, "
        f"due {when(terms.due_at)}{late}; set by {assignment.created_by}\n"
        f"\tfor {', '.join(learners) or 'nobody yet'}"
    )


@cli.command("create")
def create(
    title: Annotated[str, typer.Option("--title", help="What learners see it as.")],
    persona: Annotated[str, typer.Option("--persona", help="Persona id (see `rapport personas`).")],
    rubric: Annotated[str, typer.Option("--rubric", help="Rubric id (a file in rubrics/).")],
    by: Annotated[str, typer.Option("--by", help="The instructor setting it (sees its gradebook).")],
    learners: Annotated[
        list[str] | None, typer.Option("--learner", help="A learner it is for (repeat).")
    ] = None,
    cohorts: Annotated[
        list[str] | None, typer.Option("--cohort", help="A cohort it is for (repeat).")
    ] = None,
    pass_mark: Annotated[
        float | None, typer.Option("--pass-mark", help="Score to pass, 0-100 (default: the rubric's).")
    ] = None,
    attempts: Annotated[int, typer.Option("--attempts", help="Attempts allowed per learner.")] = 1,
    due: Annotated[
        str | None,
        typer.Option("--due", help="Due date, ISO 8601 (e.g. 2026-12-01T17:00+01:00; no zone: UTC)."),
    ] = None,
    late: Annotated[
        bool, typer.Option("--late/--no-late", help="Accept attempts after the due date.")
    ] = True,
    instructions: Annotated[
        str, typer.Option("--instructions", help="Shown to learners before they start.")
    ] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print the assignment as JSON.")] = False,
) -> None:
    """Create an assignment, pinning the persona and rubric as they are now."""
    from app.practice.accounts import AccountError
    from app.practice.assigning import AssignmentRequest, set_for_learners
    from app.practice.gradebook import assignment_json
    from app.practice.storage import with_db

    try:
        request = AssignmentRequest(
            title=title,
            persona=persona,
            rubric=rubric,
            pass_mark=pass_mark,
            attempts=attempts,
            due=due,  # pydantic parses the ISO text
            late_allowed=late,
            instructions=instructions,
            learners=learners or [],
            cohorts=cohorts or [],
        )
    except ValidationError as error:
        first = error.errors()[0]
        raise fail(f"--{'-'.join(str(p) for p in first['loc']).replace('_', '-')}: {first['msg']}") from None
    loaded = content()
    try:
        made, names = with_db(lambda db: set_for_learners(db, loaded, request, by))
    except AccountError as error:
        raise fail(str(error)) from None
    if as_json:
        typer.echo(json.dumps({**assignment_json(made), "learners": names}, ensure_ascii=False))
    else:
        typer.echo(f"created assignment {made.id}\n" + describe(made, names))


@cli.command("list")
def list_(
    by: Annotated[str | None, typer.Option("--by", help="Only those this instructor set.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array.")] = False,
) -> None:
    """Every assignment with its pinned content, terms and learners."""
    from app.practice.accounts import AccountError
    from app.practice.assigning import assignments_by
    from app.practice.gradebook import assignment_json
    from app.practice.storage import with_db

    try:
        listed = with_db(lambda db: assignments_by(db, by))
    except AccountError as error:
        raise fail(str(error)) from None
    if as_json:
        typer.echo(json.dumps([{**assignment_json(a), "learners": n} for a, n in listed], ensure_ascii=False))
        return
    for assignment, names in listed:
        typer.echo(describe(assignment, names))
