"""`rapport personas [--json]`: list the personas that loaded (and say which files did not)."""

import json
from typing import Annotated

import typer

from app.cli.common import content
from app.domain.persona import Persona


def persona_summary(persona: Persona) -> dict[str, object]:
    return {
        "id": persona.id,
        "name": persona.name,
        "disclosures": [
            {
                "id": d.id,
                "level": d.level,
                "requires_permission": d.requires_permission,
                "topic": d.topic,
                "text": d.text,
            }
            for d in persona.disclosures
        ],
    }


def personas(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List personas."""
    catalog = content()
    if as_json:
        typer.echo(
            json.dumps([persona_summary(p) for p in catalog.personas.values()], ensure_ascii=False, indent=2)
        )
        return
    for persona in catalog.personas.values():
        gated = sum(d.requires_permission for d in persona.disclosures)
        typer.echo(f"{persona.id:<22} {persona.name} — {persona.role}")
        typer.echo(
            f"{'':<22} {persona.difficulty.label}; {len(persona.disclosures)} disclosures "
            f"({gated} need permission)"
        )
