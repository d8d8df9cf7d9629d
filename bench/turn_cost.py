"""Offline per-turn cost: tagging + trust + direction + voice, measured over whole scripted runs.

Run: .venv/bin/python bench/turn_cost.py   (goal: p95 <= 20 ms per turn on a 2-core machine)"""

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.bootstrap import bootstrap  # noqa: E402

SCRIPTS = ROOT / "tests" / "data" / "scripts"
ROUNDS = 20


def main() -> None:
    services = bootstrap()
    timings: list[float] = []
    for persona in services.catalog.personas.values():
        for script in sorted((SCRIPTS / persona.id).glob("*.json")):
            turns = json.loads(script.read_text())
            for round_ in range(ROUNDS):
                run = services.rehearsal(persona, seed=round_)
                for text in turns:
                    started = time.perf_counter()
                    run.take_turn(text)
                    timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"turns measured: {len(timings)}")
    print(f"per-turn ms: p50 {p50:.3f}  p95 {p95:.3f}  max {timings[-1]:.3f}  (goal p95 <= 20 ms)")


if __name__ == "__main__":
    main()
