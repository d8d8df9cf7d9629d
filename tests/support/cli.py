"""Running the `rapport` command in tests: as an installed program (a subprocess, as a user would) or
in-process through Typer's runner (fast, for many calls). Both return a CompletedProcess."""

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from app.cli.main import cli

RAPPORT = str(Path(sys.executable).parent / "rapport")
OFFLINE = {"RAPPORT_LLM_PROVIDER": "offline"}


def run_rapport(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """The installed command in a subprocess; offline unless `env` says otherwise."""
    return subprocess.run(
        [RAPPORT, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **OFFLINE, **(env or {})},
        check=False,
    )


def invoke_rapport(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The same command in-process; the result has the shape of a finished subprocess."""
    result = CliRunner().invoke(cli, list(args), input=stdin, env={**OFFLINE, **(env or {})})
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)
