"""How well the move reader reads learner turns, on authors it was not tuned on; and what reading costs.

Run: ``python bench/tagger_f1.py`` (``--misses AUTHOR`` lists the turns a train author's text was misread
on, read by a model fitted without that author; the test authors' text is never printed: nobody tuning the
reader reads it).

Prints, for the shipped learned reader and for the rules alone:
- per-move precision/recall/F1 and macro-F1 on the held-out (test) authors of ``corpus/moves/splits.yaml``,
  and macro-F1 per held-out author;
- the issue-10 goals (macro-F1, permission recall, reflection and advice F1, breach and pressure recall),
  each with its figure and whether it is met;
- reading cost per turn (p50/p95 over the held-out turns) and the start-up cost of the reader.
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run without installing the package

started = time.perf_counter()
from app.tag.reader import LearnedTagger  # noqa: E402

reader = LearnedTagger()
reader.tag("Hi, good to see you.", None)
startup_s = time.perf_counter() - started

from app.domain.codebook import Move  # noqa: E402
from app.tag.evaluate import Report, score  # noqa: E402
from app.tag.offline import OfflineTagger  # noqa: E402
from app.tag.training import load_splits  # noqa: E402

GOALS = (
    ("macro-F1", lambda r: r.macro_f1, 0.93),
    ("permission recall", lambda r: _move(r, Move.PERMISSION).recall, 0.95),
    ("reflection F1", lambda r: _move(r, Move.REFLECTION).f1, 0.85),
    ("advice F1", lambda r: _move(r, Move.ADVICE).f1, 0.85),
    ("breach recall", lambda r: _move(r, Move.BREACH).recall, 0.90),
    ("pressure recall", lambda r: _move(r, Move.PRESSURE).recall, 0.90),
)


def _move(report: Report, move: Move):  # type: ignore[no-untyped-def]
    return next(s for s in report.scores if s.move is move)


def _misses(author: str) -> None:
    from app.tag import training

    splits = load_splits()
    held = [a for a in splits.train if a.author == author]
    if not held:
        sys.exit(f"--misses takes a train author: {[a.author for a in splits.train]}")
    others = training.Splits(train=[a for a in splits.train if a.author != author], test=[])
    model = LearnedTagger(training.train(others))
    for miss in score(held[0].turns, model.tag).misses:
        print(f"- {miss.turn.text!r}\n    context={miss.turn.context!r}")
        print(f"    missing={[m.value for m in miss.missing]} extra={[m.value for m in miss.extra]}")


def main() -> None:
    if "--misses" in sys.argv:
        _misses(sys.argv[sys.argv.index("--misses") + 1])
        return
    splits = load_splits()
    held_out = [turn for author in splits.test for turn in author.turns]
    rules = OfflineTagger()
    taggers = {"learned reader": reader.tag, "rules alone": rules.tag}
    reports = {name: score(held_out, tag) for name, tag in taggers.items()}
    authors = ", ".join(a.author for a in splits.test)
    for name, report in reports.items():
        print(f"== {name}, held-out authors ({authors}) ==\n{report.table()}\n")
        per_author = "  ".join(
            f"{a.author} {score(a.turns, taggers[name]).macro_f1:.3f}" for a in splits.test
        )
        print(f"macro-F1 per held-out author: {per_author}\n")

    learned = reports["learned reader"]
    print("== goals (learned reader, held-out authors) ==")
    for label, measure, goal in GOALS:
        value = measure(learned)
        print(f"{label:<18} {value:5.3f}  goal >= {goal:.2f}  {'met' if value >= goal else 'NOT met'}")

    costs = []
    for turn in held_out:
        start = time.perf_counter()
        reader.tag(turn.text, turn.context)
        costs.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(costs, n=20)[-1]
    print(f"\nreading cost per turn: p50 {statistics.median(costs):.2f} ms, p95 {p95:.2f} ms (goal <= 5 ms)")
    print(f"start-up (import, weights, word vectors, first turn): {startup_s:.2f} s (goal <= 1 s)")
    print(
        f"summary: learned macro-F1={learned.macro_f1:.3f} rules macro-F1={reports['rules alone'].macro_f1:.3f} "
        f"p95={p95:.2f}ms startup={startup_s:.2f}s"
    )


if __name__ == "__main__":
    main()
