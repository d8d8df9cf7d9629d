"""What the director hears asked, scored author-disjoint: the answer-kind model (app/tag/answer_kinds.py)
trained on the other development sets' authors and played on each one's, against the director's rules alone.

Run: ``python bench/answer_kinds.py [--misses]``.

Each development set is one author's (docs/labelling.md, "Answer kinds"); the rules were tuned on
answers_dev2.jsonl, so the rules' figure there is on their own tuning set; on the other sets it is fair. Turns are played as bench/answer_dev.py plays them (the whole turn: reader, engine, director), so
a miss can also be the engine reacting to the turn. The measuring set (tests/data/questions.jsonl) is not read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/answer_dev.py, whether run or imported

from answer_dev import HELD_OUT_SET, Played, play, relevance, report

from app.domain.asked import Asked
from app.domain.codebook import Move
from app.domain.signals import AnswerKind
from app.tag.answer_kinds import AnswerKindReader
from app.tag.answer_training import DEV_SETS, ReadRow, fingerprint, read_rows, train
from app.tag.reader import LearnedTagger


class RulesAlone:
    """An answer-kind reader that reads nothing: the director's rules decide alone (as before the model)."""

    def read(
        self, text: str, context: str | None, moves: list[Move], rules: Asked
    ) -> tuple[AnswerKind, float] | None:
        return None


def trained_on(paths: list[Path], read: dict[Path, list[ReadRow]]) -> AnswerKindReader:
    """A model trained on the development sets `paths`, from their rows as read once (`read`)."""
    rows = [row for path in paths for row in read[path]]
    return AnswerKindReader(weights=train(rows, fingerprint(paths)))


def by_kind(played: list[Played]) -> dict[str, tuple[int, int]]:
    counts: dict[str, Counter[bool]] = {}
    for p in played:
        counts.setdefault(p.expected, Counter())[p.hit] += 1
    return {kind: (c[True], c[True] + c[False]) for kind, c in sorted(counts.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the model's misses on each held-out set")
    args = parser.parse_args()
    tagger = LearnedTagger()
    read = {path: read_rows(path, tagger) for path in DEV_SETS}  # each set trains two models: read it once
    table: dict[str, dict[str, tuple[int, int]]] = {}
    for held in DEV_SETS:
        others = [path for path in DEV_SETS if path != held]
        rules = play(held, RulesAlone())
        model = play(held, trained_on(others, read))
        trained = "+".join(path.stem[8:] for path in others)
        table[f"rules {held.stem[8:]}"] = by_kind(rules)
        table[f"model ->{held.stem[8:]}"] = by_kind(model)
        print(
            f"{held.stem[8:]}: rules alone {relevance(rules):.1%}, model trained on {trained} "
            f"{relevance(model):.1%} ({len(held.read_text().splitlines())} turns of {held.name})"
        )
        if args.misses:
            report(model, True, [], f"{held.name}, model trained on {trained}")
    shipped = play(HELD_OUT_SET, AnswerKindReader(embedder=tagger.embedder))
    print(
        f"{HELD_OUT_SET.stem[8:]} (held out: never trained on): rules alone {relevance(play(HELD_OUT_SET, RulesAlone())):.1%}, "
        f"the shipped model {relevance(shipped):.1%} ({len(shipped)} turns of {HELD_OUT_SET.name})"
    )
    if args.misses:
        report(shipped, True, [], f"{HELD_OUT_SET.name}, the shipped model")
    columns = list(table)
    print(f"\n{'kind':<30}" + "".join(f"{column:>16}" for column in columns))
    for kind in sorted({kind for column in table.values() for kind in column}):
        cells = [table[column].get(kind, (0, 0)) for column in columns]
        print(f"{kind:<30}" + "".join(f"{hits:>9}/{total:<3}{hits / total:>4.0%}" for hits, total in cells))


if __name__ == "__main__":
    main()
