"""Answer relevance on a development set (tests/data/answers_dev2.jsonl by default), with every miss listed, for
work on what the director hears asked (app/tag/asked.py, app/tag/answer_kinds.py). The measuring set is left
to bench/coachee.py. The shipped answer-kind model is trained on every development set, so its figures here
are on its own training turns; bench/answer_kinds.py scores it author-disjoint.

Run: ``python bench/answer_dev.py [--set answers_dev3.jsonl] [--misses] [--kind KIND ...]``.

Each turn is played as bench/coachee.py plays a labelled one (its `_act` and `ANSWERING`), so the two figures
are comparable; tests/unit/test_answer_kinds.py keeps this one above a floor.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/coachee.py, whether run or imported

from coachee import ANSWERING, ROOT, _act

from app.domain.acts import ActKind
from app.domain.persona import Persona
from app.files.loader import load_file
from app.tag.reader import LearnedTagger
from app.tag.signals import AnswerReader

DEV_SET = ROOT / "tests" / "data" / "answers_dev2.jsonl"
# A seventh author's set the shipped model is never trained on (app/tag/answer_training.py leaves it out): how it
# answers an author nobody tuned anything on, with no retraining (docs/labelling.md, "Answer kinds").
HELD_OUT_SET = ROOT / "tests" / "data" / "answers_dev7.jsonl"


@dataclass(frozen=True)
class Played:
    """One labelled turn and the act the director chose for it."""

    row: dict[str, object]
    act: ActKind

    @property
    def expected(self) -> str:
        return str(self.row["expected"])

    @property
    def hit(self) -> bool:
        return self.act in ANSWERING[self.expected]


def play(path: Path = DEV_SET, answers: AnswerReader | None = None) -> list[Played]:
    """Every labelled turn in `path`, played against the shipped personas from their starting trust
    (`answers`: an answer-kind reader other than the shipped one)."""
    personas = {p.id: p for p in (load_file(f, Persona) for f in sorted((ROOT / "personas").glob("*.yaml")))}
    tagger = LearnedTagger()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        Played(row, _act(personas[row["persona"]], row["context"], row["text"], tagger, answers))
        for row in rows
    ]


def relevance(played: list[Played]) -> float:
    return sum(p.hit for p in played) / len(played)


def report(played: list[Played], show_misses: bool, kinds: list[str], title: str = DEV_SET.name) -> None:
    by_kind: dict[str, Counter[bool]] = {}
    for p in played:
        by_kind.setdefault(p.expected, Counter())[p.hit] += 1
    print(f"answer relevance on {len(played)} dev turns ({title}):")
    for kind, counts in sorted(by_kind.items()):
        total = counts[True] + counts[False]
        print(f"  {kind:<30}{counts[True]:>4}/{total:<4}{counts[True] / total:>7.0%}")
    mixed = [p for p in played if p.row["mixed"]]
    print(f"  {'(mixed turns)':<30}{sum(p.hit for p in mixed):>4}/{len(mixed):<4}")
    print(f"  all: {sum(p.hit for p in played)}/{len(played)} = {relevance(played):.1%}")
    if show_misses:
        for p in sorted((p for p in played if not p.hit), key=lambda p: (p.expected, str(p.act))):
            if not kinds or p.expected in kinds:
                context = p.row["context"] or "-"
                print(
                    f"{p.expected:<28} -> {p.act!s:<22} [{p.row['persona']}] {context!s:.60} || {p.row['text']}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default=DEV_SET.name, help="a development set in tests/data")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--kind", action="append", default=[], help="list only misses of this kind")
    args = parser.parse_args()
    path = DEV_SET.with_name(args.set)
    report(play(path), args.misses or bool(args.kind), args.kind, path.name)


if __name__ == "__main__":
    main()
