"""How far two careful people agree on the move labels: the ceiling the reader's figures should be read against.

Run: ``python bench/agreement.py``

A second labeller, working from docs/codebook.md and docs/labelling.md only (it saw neither the first labels nor
the reader), labelled 400 turns drawn at random from the held-out authors (c and f). This prints per-move F1 of
the second labeller against the authors' labels, and of the shipped reader on the same 400 turns, so the two
can be compared move by move. The labels are in corpus/agreement/second-labeller.jsonl
(``{"author", "line" (1-based in the author's file), "moves"}``).
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run without installing the package

from app.domain.codebook import Move  # noqa: E402
from app.tag.evaluate import LabelledTurn, load_labelled, score  # noqa: E402
from app.tag.reader import LearnedTagger  # noqa: E402

SECOND = ROOT / "corpus" / "agreement" / "second-labeller.jsonl"


def sample() -> tuple[list[LabelledTurn], dict[tuple[str, str | None], list[Move]]]:
    """The sampled turns with the authors' labels, and the second labeller's labels by (text, context)."""
    files: dict[str, list[LabelledTurn]] = {}
    turns, second = [], {}
    for line in SECOND.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        author = files.setdefault(
            row["author"], load_labelled(ROOT / "corpus" / "moves" / f"{row['author']}.jsonl")
        )
        turn = author[row["line"] - 1]
        turns.append(turn)
        second[(turn.text, turn.context)] = [Move(m) for m in row["moves"]]
    return turns, second


def main() -> None:
    turns, second = sample()
    people = score(turns, lambda text, context=None: second[(text, context)])
    reader = score(turns, LearnedTagger().tag)
    print(f"== {len(turns)} held-out turns: second labeller vs the authors, and the reader vs the authors ==")
    print(f"{'move':16s} {'people F1':>9s} {'reader F1':>9s} {'n':>4s}")
    for ours, theirs in zip(people.scores, reader.scores, strict=True):
        print(f"{ours.move.value:16s} {ours.f1:9.2f} {theirs.f1:9.2f} {ours.support:4d}")
    print(f"{'macro-F1':16s} {people.macro_f1:9.3f} {reader.macro_f1:9.3f}")
    print(f"summary: people macro-F1={people.macro_f1:.3f} reader macro-F1={reader.macro_f1:.3f}")


if __name__ == "__main__":
    main()
