"""`rapport practice [--persona ID]`: rehearse interactively in the terminal; `/next` ends the session and starts
the next one with the same client, who remembers it (app/trust/carryover.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from app.cli.common import persona_or_exit, services
from app.cli.render import render_run
from app.domain.persona import Persona
from app.practice.inputs import PAUSE, BadInput, clean_message

if TYPE_CHECKING:
    from app.session import Rehearsal

HELP = (
    "Type as the coach; an empty line leaves a silence. "
    "Commands: /rewind N (go back to before turn N), /end (finish and see the trace), "
    "/next (finish, see the trace and start the next session with the same client)."
)


def _choose(options: list[Persona]) -> Persona:
    for number, persona in enumerate(options, start=1):
        typer.echo(f"  {number}. {persona.name} — {persona.role}")
    while True:
        answer = typer.prompt("Who would you like to coach? (number)", default="1")
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1]
        typer.echo(f"Please type a number from 1 to {len(options)}.")


def practice(
    persona: Annotated[str | None, typer.Option("--persona", help="Persona id; asks if omitted.")] = None,
) -> None:
    """Practise a session in the terminal (offline voice unless an LLM provider is configured)."""
    from app.tag.unsaid import names_said
    from app.trust.carryover import carry_over, follow_up_state

    loaded = services()
    options = list(loaded.catalog.personas.values())
    if not options:
        typer.echo("No personas could be loaded.", err=True)
        raise typer.Exit(2)
    chosen = persona_or_exit(loaded, persona) if persona else _choose(options)
    run = loaded.rehearsal(chosen)
    typer.echo(f"\n{chosen.name}: {chosen.brief}\n\n{HELP}\n")
    session = 1
    while True:
        following = _session(run, chosen)
        if not following or not run.records:
            break
        # The next session with the same client, from where this one left them.
        said = names_said(chosen, [u.text for u in run.transcript if u.speaker == "client"])
        carried = carry_over(run.states, session=session, names_said=said)
        run = loaded.rehearsal(chosen, start=follow_up_state(chosen, carried))
        session += 1
        typer.echo(f"\n--- Session {session} with {chosen.name} ---\n")


def _session(run: Rehearsal, chosen: Persona) -> bool:
    """One session in the terminal; True when the learner asked for the next one (/next)."""
    typer.echo(f"{chosen.name}: {run.opening()}\n")
    following = False
    while True:
        try:
            said = input("You: ").strip()
        except (EOFError, KeyboardInterrupt):
            typer.echo("")
            break
        said = said or PAUSE  # an empty send leaves the client a silence to fill
        if said in ("/end", "/next"):
            following = said == "/next"
            break
        if said.startswith("/rewind"):
            try:
                run.rewind(int(said.split()[1]))
                typer.echo(f"(rewound: {len(run.records)} turns kept)")
            except (IndexError, ValueError) as error:
                typer.echo(f"(cannot rewind: {error})")
            continue
        try:
            said = clean_message(said)  # what the practice app would accept from a learner
        except BadInput as error:
            typer.echo(f"({error})")
            continue
        record = run.take_turn(said)
        typer.echo(f"{chosen.name}: {record.coachee}\n")
        if run.ended:
            typer.echo(f"({chosen.name} has ended the session.)")
            break
    if run.records:
        typer.echo("\n" + render_run(chosen, run.records))
    return following
