"""Setting up a programme without the UI: `rapport users cohort ...`, `rapport assign ...`,
`rapport gradebook ...`, each test with its own data folder. The whole programme and an unknown assignment's
exit code run the installed command, as an administrator would; set-up and the other cases run in-process
(Typer's runner), which is many times faster."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.config import Settings
from tests.support.cli import invoke_rapport, run_rapport

HEADER = (
    "learner,attempts,attempts_allowed,graded,best_score,latest_score,passed,late_attempts,overridden,"
    "last_attempt_at,client_heard,client_agreed,client_got_there,client_pushed,client_book_again\n"
)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    personas = tmp_path / "personas"
    shutil.copytree(Settings().personas_dir, personas)
    environment = {"RAPPORT_DATA_DIR": str(tmp_path / "data"), "RAPPORT_PERSONAS_DIR": str(personas)}
    for name, role in [("ada", "instructor"), ("sam", "learner"), ("kim", "learner")]:
        made = invoke_rapport(
            "users", "add", name, "--role", role, "--password", "long enough", env=environment
        )
        assert made.returncode == 0, made.stderr
    return environment


def ok(env: dict[str, str], *args: str, installed: bool = False) -> str:
    """The command's output; `installed`: run the installed `rapport` in a subprocess, else in-process."""
    result = (run_rapport if installed else invoke_rapport)(*args, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_cohorts_and_an_assignment_for_them(env: dict[str, str], tmp_path: Path) -> None:
    """The whole programme with the installed command, as an administrator types it."""

    def run(*args: str) -> str:
        return ok(env, *args, installed=True)

    assert run("users", "cohort", "create", "spring", "sam") == "created cohort spring with sam\n"
    assert run("users", "cohort", "add", "spring", "kim") == "spring: added kim\n"
    assert run("users", "cohort", "list") == "spring\tkim, sam\n"
    made = run(
        "assign", "create", "--title", "Contracting", "--persona", "priya-team-lead",
        "--rubric", "icf-trust-agreements", "--pass-mark", "70", "--attempts", "2",
        "--due", "2030-01-02T09:30+01:00", "--no-late", "--instructions", "Agree the goal first.",
        "--cohort", "spring", "--by", "ada",
    )  # fmt: skip
    lines = made.splitlines()
    assert lines[0] == "created assignment 1" and lines[1] == "1\tContracting"
    assert lines[3] == "\tpass mark 70, 2 attempts, due 2030-01-02 08:30 UTC, no late attempts; set by ada"
    assert lines[4] == "\tfor kim, sam"
    [listed] = json.loads(run("assign", "list", "--by", "ada", "--json"))
    assert listed["learners"] == ["kim", "sam"] and listed["due_at"] == "2030-01-02T08:30:00+00:00"
    assert (listed["pass_mark"], listed["late_allowed"], listed["rubric_version"]) == (70.0, False, 1)
    out = tmp_path / "book.csv"
    run("gradebook", "--assignment", "1", "--format", "csv", "--out", str(out))
    assert out.read_text() == HEADER + "kim,0,2,0,,,,0,false,,,,,,\nsam,0,2,0,,,,0,false,,,,,,\n"
    book = json.loads(run("gradebook", "--assignment", "1", "--format", "json"))
    assert [row["learner"] for row in book["learners"]] == ["kim", "sam"]
    assert book["assignment"]["persona_sha256"] == listed["persona_sha256"]


def test_editing_the_persona_file_leaves_a_set_assignment_alone(env: dict[str, str]) -> None:
    args = [
        "--persona",
        "priya-team-lead",
        "--rubric",
        "icf-trust-agreements",
        "--learner",
        "sam",
        "--by",
        "ada",
    ]
    first = json.loads(ok(env, "assign", "create", "--title", "Before", *args, "--json"))
    persona = Path(env["RAPPORT_PERSONAS_DIR"]) / "priya-team-lead.yaml"
    text = persona.read_text()
    persona.write_text(text.replace("\nname: Priya Raman\n", "\nname: Priya R. Raman\n", 1))
    assert persona.read_text() != text
    second = json.loads(ok(env, "assign", "create", "--title", "After", *args, "--json"))
    assert second["persona_sha256"] != first["persona_sha256"]
    assert second["rubric_sha256"] == first["rubric_sha256"]
    listed = {a["title"]: a for a in json.loads(ok(env, "assign", "list", "--json"))}
    assert listed["Before"]["persona_sha256"] == first["persona_sha256"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--persona", "nobody", "--learner", "sam", "--by", "ada"], "unknown persona 'nobody'"),
        (["--learner", "sam", "--by", "sam"], "no instructor called 'sam'"),
        (["--learner", "ada", "--by", "ada"], "no learner called 'ada'"),
        (["--cohort", "none", "--by", "ada"], "no cohort called 'none'"),
        (["--by", "ada"], "say who the assignment is for"),
        (["--learner", "sam", "--by", "ada", "--due", "soon"], "--due:"),
        (["--learner", "sam", "--by", "ada", "--attempts", "0"], "--attempts:"),
        (["--learner", "sam", "--by", "ada", "--pass-mark", "101"], "--pass-mark:"),
    ],
)
def test_assign_create_says_what_is_wrong(env: dict[str, str], args: list[str], message: str) -> None:
    base = {"--title": "T", "--persona": "priya-team-lead", "--rubric": "icf-trust-agreements"}
    given = dict(zip(args[::2], args[1::2], strict=True))
    merged = [item for key, value in {**base, **given}.items() for item in (key, value)]
    result = invoke_rapport("assign", "create", *merged, env=env)
    assert result.returncode == 2 and message in result.stderr, result.stderr


def test_gradebook_of_an_unknown_assignment(env: dict[str, str]) -> None:
    result = run_rapport("gradebook", "--assignment", "42", env=env)
    assert result.returncode == 2 and "no assignment 42" in result.stderr
