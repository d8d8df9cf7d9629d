"""What the numpy MiniLM encoder (bench/minilm/numpy_encoder.py) costs: start-up and milliseconds per turn.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/minilm/encoder_cost.py [TURNS]

Turns are the train authors' coaching turns (corpus/moves), each embedded once (no cache hits); the subset that
aims at hidden material (`frame.aims_at_hidden_material`, where the out-of-frame model's call counts) is
reported on its own.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402


def turns(limit: int) -> list[str]:
    out: list[str] = []
    for author in ("a", "b", "d", "e"):
        path = ROOT / "corpus" / "moves" / f"author-{author}.jsonl"
        out += [
            json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
    unique = list(dict.fromkeys(out))
    step = max(1, len(unique) // limit)
    return unique[::step][:limit]


def percentiles(name: str, times: list[float], tokens: list[int]) -> None:
    ms = np.array(times) * 1000
    print(
        f"{name:<26} n {len(ms):>5}  tokens median {int(np.median(tokens)):>3} p95 {int(np.percentile(tokens, 95)):>3}"
        f"  p50 {np.percentile(ms, 50):.2f} ms  p95 {np.percentile(ms, 95):.2f} ms  max {ms.max():.1f} ms"
    )


def main(limit: int = 1500) -> None:
    started = time.perf_counter()
    from numpy_encoder import SentenceEncoder

    imported = time.perf_counter()
    encoder = SentenceEncoder()
    loaded = time.perf_counter()
    encoder.embed("Hello, how are you today?")
    first = time.perf_counter()
    print(
        f"start-up: import {1000 * (imported - started):.0f} ms, load {1000 * (loaded - imported):.0f} ms, "
        f"first turn {1000 * (first - loaded):.0f} ms, total {1000 * (first - started):.0f} ms"
    )
    from app.tag.frame import aims_at_hidden_material

    sample = turns(limit)
    for text in sample[:20]:  # warm BLAS and the allocator
        encoder._one(text)
    times: list[float] = []
    cpu: list[float] = []  # this thread's CPU time: what the turn costs when the machine is busy with others
    tokens: list[int] = []
    gated: list[bool] = []
    for text in sample:
        t0, c0 = time.perf_counter(), time.thread_time()
        encoder.embed(text)
        times.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
        tokens.append(len(encoder.tokenizer.encode(text).ids))
        gated.append(aims_at_hidden_material(text))
    chosen = [i for i, g in enumerate(gated) if g]
    for clock, spent in (("wall", times), ("cpu", cpu)):
        percentiles(f"{clock}: all coaching turns", spent, tokens)
        if chosen:
            percentiles(f"{clock}: aims at hidden", [spent[i] for i in chosen], [tokens[i] for i in chosen])
    t0 = time.perf_counter()
    for _ in range(1000):
        encoder.embed(sample[0])
    print(f"load average while measuring: {os.getloadavg()[0]:.2f} (2 cores)")
    print(f"cache hit: {1e6 * (time.perf_counter() - t0) / 1000:.1f} µs")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1500)
