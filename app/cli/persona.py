"""`rapport persona new|check`: tools for instructors writing personas."""

import json
import os
from pathlib import Path
from typing import Annotated

import typer
from pydantic import TypeAdapter, ValidationError

from app.bootstrap import bootstrap, build_offline_tagger
from app.check import RATE_SEEDS
from app.check.report import render_report
from app.cli.common import fail, persona_or_exit
from app.config import Settings
from app.domain.persona import Slug
from app.files.scaffold import default_name, persona_scaffold
from app.files.schemas import SCHEMA_DIR
from app.grade.rubric import DEFAULT_RUBRIC

app = typer.Typer(no_args_is_help=True, help="Write and check personas.")


def _schema_ref(folder: Path) -> str:
    """The schema header's path, relative to the new file so it still works when the project moves."""
    schema = SCHEMA_DIR / "persona.schema.json"
    try:
        return Path(os.path.relpath(schema, folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return schema.as_uri()


@app.command("new")
def new(
    persona_id: Annotated[
        str, typer.Argument(metavar="ID", help="Persona id: lowercase letters, digits, - and _.")
    ],
    name: Annotated[
        str | None, typer.Option("--name", help="The client's name (default: from the id).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder to write to (default: the personas folder).")
    ] = None,
) -> None:
    """Write a commented persona file to start from; it validates and passes `persona check` as written."""
    try:
        TypeAdapter(Slug).validate_python(persona_id)
    except ValidationError:
        raise fail(f"{persona_id!r} is not a valid id: use lowercase letters, digits, - and _") from None
    folder = out or Settings().personas_dir
    path = folder / f"{persona_id}.yaml"
    if path.exists():
        raise fail(f"{path} already exists; not overwriting it")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(
        persona_scaffold(persona_id, name or default_name(persona_id), _schema_ref(folder), str(path)),
        encoding="utf-8",
    )
    typer.echo(f"Wrote {path}. Replace the TODOs, then run `rapport validate {path}`")
    typer.echo(f"and `rapport persona check {persona_id}`.")


@app.command("check")
def check(
    persona_id: Annotated[str, typer.Argument(metavar="ID", help="Persona id (see `rapport personas`).")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    transcripts: Annotated[
        bool, typer.Option("--transcripts", help="Show each simulated conversation.")
    ] = False,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Voice and coach seed (default: RAPPORT_SEED).")
    ] = None,
    rubric: Annotated[
        str | None,
        typer.Option(
            "--rubric", help=f"Rubric to grade each run with (default: {DEFAULT_RUBRIC}).", show_default=False
        ),
    ] = None,
    rate_seeds: Annotated[
        int,
        typer.Option(
            "--rate-seeds",
            min=0,
            help="Seeds per skilled coach for the deepest-disclosure rate (0: skip it).",
        ),
    ] = RATE_SEEDS,
) -> None:
    """Run built-in simulated coaches against a persona and report whether its trust gates hold.

    Each run is graded with the rubric, as `rapport grade` grades a transcript. Exit code 0 when every
    expectation holds, 1 otherwise."""
    from app.check.checks import check_persona
    from app.voice.scripted import ScriptedVoice

    # Always the offline tagger and scripted voice, whatever provider is configured: a check is deterministic.
    loaded = bootstrap(Settings().model_copy(update={"llm_provider": "offline"}))
    for error in loaded.catalog.errors:
        typer.echo(f"warning: {error}", err=True)
    persona = persona_or_exit(loaded, persona_id)
    try:
        chosen = loaded.catalog.rubric(rubric or DEFAULT_RUBRIC)
    except KeyError as error:
        raise fail(error.args[0]) from None
    report = check_persona(
        persona,
        build_offline_tagger(loaded.settings),
        ScriptedVoice(),
        seed=loaded.settings.seed if seed is None else seed,
        rubric=chosen,
        rate_seeds=rate_seeds,
    )
    if as_json:
        typer.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_report(report, transcripts=transcripts))
    raise typer.Exit(0 if report.passed else 1)
