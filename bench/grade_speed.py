"""Grading speed: one long real-style transcript (100+ turns, long multi-sentence turns), every fixture,
a synthetic very long session, and many files in one `rapport grade` call.

Run: .venv/bin/python bench/grade_speed.py   (goal: well under 1 s per transcript)"""

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.transcript import Transcript  # noqa: E402
from app.files.loader import load_file  # noqa: E402
from app.grade.grader import grade_transcript  # noqa: E402
from app.grade.markdown import render  # noqa: E402
from app.grade.report import build_report  # noqa: E402
from app.grade.rubric import Rubric  # noqa: E402
from app.tag.offline import OfflineTagger  # noqa: E402

FIXTURES = ROOT / "tests" / "data" / "transcripts"
LONG = FIXTURES / "long_two_sessions.json"
ROUNDS = 10
MANY = 50


def timed(transcript: Transcript, rubric: Rubric, tagger: OfflineTagger) -> float:
    started = time.perf_counter()
    render(build_report(grade_transcript(transcript, rubric, tagger)))
    return time.perf_counter() - started


def report(label: str, seconds: list[float]) -> None:
    ordered = sorted(seconds)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(f"{label:52} median {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms")


def main() -> None:
    rubric = load_file(ROOT / "rubrics" / "icf-trust-agreements.yaml", Rubric)
    tagger = OfflineTagger()
    long = Transcript.model_validate_json(LONG.read_text())
    # Four sessions' worth: 460 turns, to see how grading scales.
    huge = Transcript(turns=long.turns * 4)
    fixtures = [Transcript.model_validate_json(path.read_text()) for path in sorted(FIXTURES.glob("*.json"))]
    timed(long, rubric, tagger)  # warm up regex caches
    report(
        f"long transcript ({len(long.turns)} turns), grade + report",
        [timed(long, rubric, tagger) for _ in range(ROUNDS)],
    )
    report(f"very long transcript ({len(huge.turns)} turns)", [timed(huge, rubric, tagger) for _ in range(3)])
    report(
        f"each fixture ({len(fixtures)} files)",
        [timed(t, rubric, tagger) for t in fixtures for _ in range(ROUNDS)],
    )

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index in range(MANY):
            path = Path(folder) / f"session-{index:03}.json"
            path.write_text(LONG.read_text())
            paths.append(str(path))
        rapport = str(Path(sys.executable).parent / "rapport")
        started = time.perf_counter()
        subprocess.run([rapport, "grade", paths[0], "--json"], capture_output=True, check=True)
        one = time.perf_counter() - started
        started = time.perf_counter()
        done = subprocess.run(
            [rapport, "grade", *paths, "--json"], capture_output=True, text=True, check=True
        )
        many = time.perf_counter() - started
        assert len(done.stdout.splitlines()) == MANY
        assert all(json.loads(line)["rubric"] == rubric.id for line in done.stdout.splitlines())
    print(f"{'rapport grade, 1 long file (process start included)':52} {one * 1000:7.0f} ms")
    print(
        f"{f'rapport grade, {MANY} long files in one call':52} {many * 1000:7.0f} ms"
        f"   ({(many - one) / (MANY - 1) * 1000:.0f} ms per extra file)"
    )


if __name__ == "__main__":
    main()
