"""Scoring a move tagger against labelled learner turns: per-move precision/recall/F1 and macro-F1.

One implementation shared by ``bench/tagger_f1.py`` and the regression test.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from app.domain.codebook import Move, sort_moves
from app.tag.offline import tag_moves

Tagger = Callable[[str, str | None], list[Move]]
LABELLED_SET_NAMES = ("dev", "holdout")
# Sets written blind, after the rules: never tuned on, they measure how the tagger generalises to fresh
# phrasing. ``blind2`` was written after the last round of rule changes and is reported untouched.
BLIND_SET_NAMES = ("blind", "blind2")


@dataclass(frozen=True)
class LabelledTurn:
    text: str
    context: str | None
    moves: frozenset[Move]


@dataclass(frozen=True)
class MoveScore:
    move: Move
    support: int  # turns labelled with the move
    predicted: int  # turns the tagger gave the move
    true_positives: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class Miss:
    turn: LabelledTurn
    predicted: frozenset[Move]

    @property
    def missing(self) -> list[Move]:
        return sort_moves(set(self.turn.moves - self.predicted))

    @property
    def extra(self) -> list[Move]:
        return sort_moves(set(self.predicted - self.turn.moves))


@dataclass(frozen=True)
class Report:
    scores: tuple[MoveScore, ...]
    misses: tuple[Miss, ...]
    turns: int

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the moves that occur in the labels or the predictions (absent from both: skipped)."""
        scored = [score.f1 for score in self.scores if score.support or score.predicted]
        return sum(scored) / len(scored) if scored else 0.0

    def table(self) -> str:
        lines = [f"{'move':<16} {'prec':>5} {'rec':>5} {'f1':>5} {'n':>4}"]
        for score in self.scores:
            if score.support or score.predicted:
                lines.append(
                    f"{score.move.value:<16} {score.precision:5.2f} {score.recall:5.2f} {score.f1:5.2f} "
                    f"{score.support:4d}"
                )
        lines.append(f"{'macro-F1':<16} {'':>5} {'':>5} {self.macro_f1:5.3f} {self.turns:4d} turns")
        return "\n".join(lines)


def score(turns: Iterable[LabelledTurn], tagger: Tagger = tag_moves) -> Report:
    """Tag every turn and compare with its labels."""
    turns = list(turns)
    predictions = [frozenset(tagger(turn.text, turn.context)) for turn in turns]
    scores = []
    for move in Move:
        support = sum(move in turn.moves for turn in turns)
        predicted = sum(move in prediction for prediction in predictions)
        hits = sum(
            move in turn.moves and move in prediction
            for turn, prediction in zip(turns, predictions, strict=True)
        )
        scores.append(MoveScore(move, support, predicted, hits))
    misses = tuple(
        Miss(turn, prediction)
        for turn, prediction in zip(turns, predictions, strict=True)
        if prediction != turn.moves
    )
    return Report(tuple(scores), misses, len(turns))


def load_labelled(path: Path) -> list[LabelledTurn]:
    """Read JSONL lines of ``{"text", "context", "moves"}``; an unknown move id raises ``ValueError``."""
    turns = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            turns.append(
                LabelledTurn(row["text"], row.get("context"), frozenset(Move(m) for m in row["moves"]))
            )
    return turns


def load_labelled_sets(data_dir: Path) -> dict[str, list[LabelledTurn]]:
    """The dev and holdout sets (``tagger_<name>.jsonl`` in ``data_dir``) and their union under "all"."""
    sets = {name: load_labelled(data_dir / f"tagger_{name}.jsonl") for name in LABELLED_SET_NAMES}
    sets["all"] = [turn for name in LABELLED_SET_NAMES for turn in sets[name]]
    return sets


def load_blind_sets(data_dir: Path) -> dict[str, list[LabelledTurn]]:
    """The blind sets (``tagger_<name>.jsonl`` in ``data_dir``) that exist, by name."""
    return {
        name: load_labelled(data_dir / f"tagger_{name}.jsonl")
        for name in BLIND_SET_NAMES
        if (data_dir / f"tagger_{name}.jsonl").exists()
    }
