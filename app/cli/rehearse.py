"""`rapport rehearse --persona ID --script FILE [--json]`: play a fixed list of learner turns against a persona."""

import json
from pathlib import Path
from typing import Annotated

import typer

from app.cli.common import fail, persona_or_exit, services
from app.cli.render import render_run
from app.domain.turns import TurnRecord
from app.files.json_file import UnreadableJson, read_json
from app.practice.inputs import BadInput, clean_message


def read_script(path: Path) -> list[str]:
    try:
        data = read_json(path)
    except UnreadableJson as error:
        raise fail(f"{path}: {error}") from error
    if not isinstance(data, list) or not all(isinstance(turn, str) and turn.strip() for turn in data):
        raise fail(f"{path}: expected a JSON array of non-empty strings (the learner's turns)")
    if not data:
        raise fail(f"{path}: the script has no turns: expected a JSON array of the learner's turns")
    turns: list[str] = []
    for number, turn in enumerate(data, start=1):
        try:
            turns.append(clean_message(turn))  # what the practice app would accept from a learner
        except BadInput as error:
            raise fail(f"{path}: turn {number}: {error}") from error
    return turns


def turn_json(record: TurnRecord) -> dict[str, object]:
    return {
        "learner": record.learner,
        "moves": [str(move) for move in record.moves],
        "trust": record.trust,
        "level": record.level,
        "coachee": record.coachee,
        "disclosed": record.disclosed,
    }


def rehearse(
    persona: Annotated[str, typer.Option("--persona", help="Persona id (see `rapport personas`).")],
    script: Annotated[Path, typer.Option("--script", help="JSON array of learner turns, sent in order.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Rehearse a scripted session and show what the coachee did and why."""
    loaded = services()
    chosen = persona_or_exit(loaded, persona)
    turns = read_script(script)
    run = loaded.rehearsal(chosen)
    records = []
    for turn in turns:
        if run.ended:  # the client ended the session: the rest of the script goes unsaid
            break
        records.append(run.take_turn(turn))
    if as_json:
        output = {
            "persona": chosen.id,
            "turns": [turn_json(record) for record in records],
            "transcript": run.as_transcript().model_dump(),
        }
        typer.echo(json.dumps(output, ensure_ascii=False, indent=2))
    else:
        typer.echo(render_run(chosen, records))
