"""How long the installed `rapport` takes to start and finish its quickest commands: the help, `validate` on the
shipped files, `persona new`, `users list` (opens the database), `tag` of one turn (loads the move reader).

Run: .venv/bin/python bench/cli_startup.py [--rounds N]   (an instructor runs `validate` after every edit)

Each command runs as a user runs it: a new process, offline, in a scratch data folder. Prints the median and the
slowest wall time of N rounds, and the CPU time of the median round."""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAPPORT = str(Path(sys.executable).parent / "rapport")
ONE_TURN = json.dumps({"text": "Would it be OK if we looked at that?"}) + "\n"


def commands(scratch: Path) -> list[tuple[str, list[str], str | None]]:
    return [
        ("rapport --help", ["--help"], None),
        ("rapport validate (shipped personas and rubrics)", ["validate"], None),
        ("rapport persona new", ["persona", "new", "bench-client", "--out", str(scratch / "personas")], None),
        ("rapport users list (opens the database)", ["users", "list"], None),
        ("rapport tag, one turn (loads the move reader)", ["tag", "-"], ONE_TURN),
    ]


def run_once(args: list[str], stdin: str | None, env: dict[str, str], scratch: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `rapport ARGS`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([RAPPORT, *args], input=stdin, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    (scratch / "personas" / "bench-client.yaml").unlink(missing_ok=True)  # `persona new` refuses to overwrite
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        env = {**os.environ, "RAPPORT_LLM_PROVIDER": "offline", "RAPPORT_DATA_DIR": str(scratch / "data")}
        env.pop("DATABASE_URL", None)  # SQLite in the scratch folder
        subprocess.run([RAPPORT, "db", "upgrade"], env=env, capture_output=True, check=True)
        for label, args, stdin in commands(scratch):
            runs = sorted(run_once(args, stdin, env, scratch) for _ in range(rounds))
            walls = [wall for wall, _ in runs]
            median_cpu = runs[len(runs) // 2][1]
            print(
                f"{label:52} median {statistics.median(walls):5.2f} s   slowest {walls[-1]:5.2f} s   "
                f"CPU {median_cpu:5.2f} s"
            )


if __name__ == "__main__":
    main()
