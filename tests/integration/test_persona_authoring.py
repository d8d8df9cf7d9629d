"""Issue 11's authoring fields in `rapport validate` and `rapport persona new`: each bad input is reported as
file:line: field: reason, and the scaffold shows every new field in a persona that loads."""

from pathlib import Path

import pytest
import yaml

from app.domain.acts import ActKind
from app.domain.causes import Cause
from app.domain.persona import Persona
from app.files.scaffold import persona_scaffold
from tests.support.cli import invoke_rapport

SCAFFOLD = persona_scaffold("base", "Base", "../schemas/persona.schema.json", "base.yaml")
END_SESSION = next(line for line in SCAFFOLD.splitlines(keepends=True) if line.startswith("  end_session:"))

# (name, scaffold text, broken text, the line reported (a fragment of it), the field, words of the reason)
BAD_INPUTS = [
    (
        "own-permission-alone",
        "  - id: surface\n    level: 1\n",
        "  - id: surface\n    level: 1\n    own_permission: true\n",
        "- id: surface",
        "disclosures.0",
        "own_permission needs requires_permission",
    ),
    (
        "unknown-prerequisite",
        "    requires: [confidentiality]",
        "    requires: [trust]",
        "requires: [trust]",
        "disclosures.4.requires.0",
        "'confidentiality'",
    ),
    (
        "unknown-rule",
        "  working_rules: []",
        "  working_rules: [be_nice]",
        "working_rules: [be_nice]",
        "contract.working_rules.0",
        "'story_first'",
    ),
    (
        "window-without-a-way-out",
        END_SESSION,
        "",
        "opening:",  # a mapping's error points at its first entry, as for every such field
        "lines",
        "repair_window above 0 needs lines.end_session",
    ),
    (
        "unknown-cause",
        "  pushing:\n    rupture:",
        "  pusing:\n    rupture:",
        'rupture: ["TODO: I said no',
        "reactions.pusing",
        "'pushing'",
    ),
    (
        "unspoken-act",
        "  advice:\n    repair_accepted:",
        "  advice:\n    hint:",
        "pushing:",
        "reactions",
        "hint speak(s) authored text",
    ),
    (
        "mood-level",
        '  3: "TODO: e.g. tired',
        '  7: "TODO: e.g. tired',
        '7: "TODO',
        "mood.7",
        "less than or equal to 4",
    ),
    (
        "negative-window",
        "  repair_window: 2",
        "  repair_window: -1",
        "repair_window: -1",
        "difficulty.repair_window",
        "greater than or equal to 0",
    ),
]


def _line_of(text: str, fragment: str) -> int:
    return next(
        number for number, line in enumerate(text.splitlines(), start=1) if line.lstrip().startswith(fragment)
    )


@pytest.mark.parametrize(
    ("name", "good", "bad", "at", "field", "reason"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS]
)
def test_validate_names_the_file_line_and_field_of_each_bad_authoring_input(
    tmp_path: Path, name: str, good: str, bad: str, at: str, field: str, reason: str
) -> None:
    assert good in SCAFFOLD
    text = SCAFFOLD.replace(good, bad)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    result = invoke_rapport("validate", str(path))
    assert result.returncode == 1, result.stdout
    errors = [line for line in result.stdout.splitlines() if line.startswith(f"{path}:")]
    assert len(errors) == 1 and errors[0].startswith(f"{path}:{_line_of(text, at)}: {field}"), errors
    assert reason in errors[0], errors


def test_the_scaffold_shows_every_new_authoring_field() -> None:
    persona = Persona.model_validate(yaml.safe_load(SCAFFOLD))
    deepest = next(d for d in persona.disclosures if d.level == 4)
    assert deepest.own_permission and deepest.requires
    assert persona.difficulty.repair_window > 0 and ActKind.END_SESSION in persona.lines
    assert Cause.PUSHING in persona.reactions and persona.mood
    assert "working_rules:" in SCAFFOLD
