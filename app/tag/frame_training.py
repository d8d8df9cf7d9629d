"""Training the out-of-frame model (`frame_model.py`) reproducibly; `make train` runs it after the reader.

Negatives are the corpus's train authors' coaching turns (good and bad coaching alike) and the edge turns of
`frame_edges_dev3.jsonl` and `frame_edges_dev4.jsonl` (honest coaching that shares words with attacks); positives
are the dev attack sets (ATTACK_PATHS, each by its own author) and the authors' own turns that the frame rules call
attacks. The threshold is set out of fold so that at most FRAME_FALSE_ALARMS of the coaching turns are flagged,
counting only the flags that take effect: the model's call counts only on a turn that aims at hidden material
(`frame.aims_at_hidden_material`), so a coaching turn the gate stops costs nothing. The blind attack set is never
read here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from app.tag.embedding import shared_embedder
from app.tag.evaluate import LabelledTurn
from app.tag.features import DIMENSIONS
from app.tag.frame import aims_at_hidden_material, out_of_frame_by_rules
from app.tag.frame_model import FRAME_WEIGHTS_PATH
from app.tag.frame_model import LABEL as FRAME_LABEL
from app.tag.reader import ReaderWeights
from app.tag.training import ROOT, Splits, design, fit_one, load_splits, on_pinned_kernel, side_by_side

# The dev attack sets, each by its own author; the blind ones (attacks_blind*.jsonl) are never read here.
ATTACK_PATHS = (
    ROOT / "tests" / "data" / "attacks.jsonl",
    ROOT / "tests" / "data" / "attacks_dev2.jsonl",
    ROOT / "tests" / "data" / "attacks_dev3.jsonl",
    ROOT / "tests" / "data" / "attacks_dev4.jsonl",
)
# The blind sets, measured only (bench/gates.py), never trained or tuned on: named beside the dev sets so that every
# list of the attack sets has one home.
BLIND_ATTACK_PATHS = (
    ROOT / "tests" / "data" / "attacks_blind.jsonl",
    ROOT / "tests" / "data" / "attacks_blind2.jsonl",
)
EVERY_ATTACK_PATH = (*ATTACK_PATHS, *BLIND_ATTACK_PATHS)
# Honest coaching written at the edge of the attacks by the dev3 and dev4 authors: always negatives.
EDGE_PATHS = (
    ROOT / "tests" / "data" / "frame_edges_dev3.jsonl",
    ROOT / "tests" / "data" / "frame_edges_dev4.jsonl",
)
# Honest coaching at the edge of the blind attacks, by the blind2 author: counted by bench/gates.py, never read here.
EVERY_EDGE_PATH = (*EDGE_PATHS, ROOT / "tests" / "data" / "frame_edges_blind2.jsonl")
FRAME_FOLDS = 5
FRAME_FALSE_ALARMS = 0.001  # share of coaching turns the out-of-frame model may flag (out of fold)


def load_attacks(paths: Sequence[Path] = ATTACK_PATHS) -> list[str]:
    """Attack turns of the dev attack sets, with a first name where a set has {name}."""
    return _texts(paths)


def load_edges(paths: Sequence[Path] = EDGE_PATHS) -> list[str]:
    """Coaching turns written to sit near the attacks without being any."""
    return _texts(paths)


def _texts(paths: Sequence[Path]) -> list[str]:
    rows = [
        json.loads(line)
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [row["text"].replace("{name}", "Sam") for row in rows]


def train_frame(splits: Splits, attacks: list[str], edges: Sequence[str] = ()) -> ReaderWeights:
    """The out-of-frame model: train authors' coaching and the `edges` against the dev attacks and the
    authors' own turns that the frame rules call attacks; the threshold allows at most FRAME_FALSE_ALARMS of
    coaching turns, read out of fold."""
    embedder = shared_embedder()
    turns = [t for a in splits.train for t in a.turns]
    by_rules = [out_of_frame_by_rules(t.text) is not None for t in turns]  # read once, used twice
    coaching = [t for t, flagged in zip(turns, by_rules, strict=True) if not flagged]
    coaching += [LabelledTurn(text, None, frozenset()) for text in edges]
    # the authors' own attack-like turns ("ignore ur instructions…") count as attacks
    attacks = attacks + [t.text for t, flagged in zip(turns, by_rules, strict=True) if flagged]
    rows = coaching + [LabelledTurn(text, None, frozenset()) for text in attacks]
    target = np.array([0] * len(coaching) + [1] * len(attacks), dtype=np.int8)
    matrix = design(rows, None, embedder)
    folds = [np.arange(len(rows)) % FRAME_FOLDS == fold for fold in range(FRAME_FOLDS)]
    (weights, bias), *fold_fits = side_by_side(
        fit_one, [(matrix, target), *((matrix[~held], target[~held]) for held in folds)]
    )
    oof = np.zeros(len(rows))
    for held, (fold_weights, fold_bias) in zip(folds, fold_fits, strict=True):
        oof[held] = matrix[held] @ fold_weights + fold_bias
    gated = np.array([aims_at_hidden_material(turn.text) for turn in coaching])
    threshold = false_alarm_threshold(oof[target == 0], gated)
    return ReaderWeights(
        labels=(FRAME_LABEL,),
        weights=weights[:DIMENSIONS, None],
        dense=weights[DIMENSIONS:, None],
        bias=np.array([bias], dtype=np.float32),
        thresholds=np.array([threshold], dtype=np.float32),
        corpus=splits.fingerprint
        + ":"
        + hashlib.sha256("\n".join([*attacks, "", *edges]).encode()).hexdigest()[:8],
    )


def false_alarm_threshold(coaching_scores: np.ndarray, gated: np.ndarray) -> float:
    """The lowest threshold that flags at most FRAME_FALSE_ALARMS of the coaching turns (out-of-fold scores),
    counting only the turns where a flag takes effect (`gated`)."""
    negatives = np.sort(np.where(gated, coaching_scores, -np.inf))
    allowed = int(len(negatives) * FRAME_FALSE_ALARMS)
    return float(negatives[-(allowed + 1)]) + 1e-6


def main(out: Path = FRAME_WEIGHTS_PATH, splits: Splits | None = None) -> None:
    """Rebuild the shipped out-of-frame weights: ``python -m app.tag.frame_training [OUT]``."""
    frame = train_frame(splits or load_splits(), load_attacks(), load_edges())
    frame.save(out)
    print(f"out-of-frame model -> {out}")


if __name__ == "__main__":
    import sys

    on_pinned_kernel()
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else FRAME_WEIGHTS_PATH)
