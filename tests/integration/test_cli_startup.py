"""`rapport --help` and the light commands start without loading what they do not use: the move reader, the
store, the grader, LangChain, Chainlit. Each case runs in a fresh interpreter (this one has loaded everything)."""

import json
import subprocess
import sys

import pytest

# What a light command must not load: each costs a large part of a second at start-up.
HEAVY = (
    "numpy",
    "sqlalchemy",
    "alembic",
    "argon2",
    "jwt",
    "pylti1p3",
    "httpx",
    "plotly",
    "langchain_core",
    "chainlit",
    "app.session",
    "app.store",
    "app.voice",
    "app.tag.reader",
    "app.grade.grader",
)

LOADED = """
import json, sys
from typer.testing import CliRunner
from app.cli.main import cli
args = json.loads(sys.argv[1])
result = CliRunner().invoke(cli, args, input=sys.argv[3]) if args else None
print(json.dumps({"code": result.exit_code if result else 0, "output": result.output if result else "",
                  "loaded": [name for name in json.loads(sys.argv[2]) if name in sys.modules]}))
"""


def loaded_by(*args: str, stdin: str = "") -> dict[str, object]:
    """Run `rapport ARGS` in-process in a fresh interpreter; what it printed and which HEAVY modules it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED, json.dumps(list(args)), json.dumps(HEAVY), stdin],
        capture_output=True,
        text=True,
        check=True,
        env={"RAPPORT_LLM_PROVIDER": "offline", "PATH": "/usr/bin:/bin"},
    )
    found: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return found


@pytest.mark.parametrize(
    "args",
    [(), ("--help",), ("validate",), ("persona", "--help"), ("users", "--help"), ("lti", "--help")],
    ids=["import", "help", "validate", "persona-help", "users-help", "lti-help"],
)
def test_light_commands_load_nothing_heavy(args: tuple[str, ...]) -> None:
    found = loaded_by(*args)
    assert found["code"] == 0, found["output"]
    assert found["loaded"] == []


def test_a_command_still_loads_what_it_uses_when_it_runs() -> None:
    """The other side: `rapport tag` loads the move reader only once it runs, and reads with it."""
    assert loaded_by("tag", "--help")["loaded"] == []
    found = loaded_by("tag", "-", stdin=json.dumps({"text": "Would it be OK if we looked at that?"}) + "\n")
    assert found["code"] == 0, found["output"]
    assert "permission" in json.loads(str(found["output"]))["moves"]
    assert {"numpy", "app.tag.reader"} <= set(found["loaded"])
