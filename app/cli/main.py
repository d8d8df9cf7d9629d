"""The `rapport` command. Each sub-command lives in its own module; this file only assembles them."""

import typer
from pydantic import ValidationError

from app.cli import (
    assign,
    calibrate,
    cluster,
    cohort_view,
    db,
    grade,
    gradebook,
    lti,
    persona,
    personas,
    practice,
    rehearse,
    serve,
    tag,
    users,
    validate,
)
from app.config import Settings

cli = typer.Typer(
    no_args_is_help=True, add_completion=False, help="Rapport: practise coaching with a simulated client."
)
cli.command("tag")(tag.tag)
cli.command("personas")(personas.personas)
cli.command("rehearse")(rehearse.rehearse)
cli.command("practice")(practice.practice)
cli.command("grade")(grade.grade)
cli.command("calibrate")(calibrate.calibrate)
cli.command("serve")(serve.serve)
cli.add_typer(users.cli, name="users")
cli.add_typer(db.cli, name="db")
cli.add_typer(persona.app, name="persona")
cli.command("validate")(validate.validate)
cli.add_typer(assign.cli, name="assign")
cli.command("gradebook")(gradebook.gradebook)
cli.add_typer(lti.cli, name="lti")
cli.command("cohort-view")(cohort_view.cohort_view)
cli.add_typer(cluster.cli, name="cluster")


def main() -> None:
    try:
        cli()
    except ValidationError as error:
        if error.title != Settings.__name__:
            raise
        # A setting from the environment or .env is the user's input: say which and why, not a traceback.
        for problem in error.errors():
            name = ".".join(str(part) for part in problem["loc"])
            typer.echo(f"error: setting {name}: {problem['msg']} (see .env.example)", err=True)
        raise SystemExit(2) from None
