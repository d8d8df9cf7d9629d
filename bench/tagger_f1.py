"""Offline move tagger quality: per-move precision/recall/F1 and macro-F1 on the labelled sets.

Run: ``python bench/tagger_f1.py`` (prints dev, holdout, all and the blind sets; then the turns it got wrong
(``--misses SET`` picks the set, default dev)).
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run without installing the package

from app.tag.evaluate import load_blind_sets, load_labelled_sets, score  # noqa: E402
from app.tag.offline import tag_moves  # noqa: E402


def main() -> None:
    data_dir = ROOT / "tests" / "data"
    sets = load_labelled_sets(data_dir)
    blind = load_blind_sets(data_dir)
    reports = {name: score(turns) for name, turns in {**sets, **blind}.items()}
    for name, report in reports.items():
        print(f"== {name} ==\n{report.table()}\n")

    shown = sys.argv[sys.argv.index("--misses") + 1] if "--misses" in sys.argv else "dev"
    print(f"== {shown}: misclassified ==")
    for miss in reports[shown].misses:
        missing, extra = [m.value for m in miss.missing], [m.value for m in miss.extra]
        print(f"- {miss.turn.text!r}\n    missing={missing} extra={extra}")

    turns = sets["all"]
    start = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for turn in turns:
            tag_moves(turn.text, turn.context)
    per_turn_ms = (time.perf_counter() - start) * 1000 / (rounds * len(turns))
    print(f"\nspeed: {per_turn_ms:.3f} ms per turn (mean over {rounds * len(turns)} taggings)")
    print(
        "summary: " + "  ".join(f"{name} macro-F1={report.macro_f1:.3f}" for name, report in reports.items())
    )


if __name__ == "__main__":
    main()
