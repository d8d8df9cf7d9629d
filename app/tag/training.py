"""Training the move reader from the labelled corpus, reproducibly. `make train` runs this module.

The corpus is split by author (`corpus/moves/splits.yaml`): the reader is trained and its thresholds tuned on
the `train` authors only (thresholds by cross-validation over folds of whole authors, so they are set on text
by authors the model did not see); the `test` authors are kept for reporting. Sets labelled for one move only
(`one_move`) join that move's fits. Training needs scikit-learn (a dev
dependency); reading needs only numpy.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import numpy as np
import numpy.typing as npt
import yaml
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from app.domain.codebook import Move
from app.tag.embedding import Embedder, shared_embedder
from app.tag.evaluate import LabelledTurn, load_labelled
from app.tag.features import DIMENSIONS, dense_features, hashed, turn_features
from app.tag.offline import OfflineTagger
from app.tag.reader import WEIGHTS_PATH, ReaderWeights

ROOT = Path(__file__).resolve().parents[2]
SPLITS_PATH = ROOT / "corpus" / "moves" / "splits.yaml"
MOVES = tuple(Move)
REGULARISATION = 4.0  # inverse L2 strength (scikit-learn's C), chosen by cross-validation on train authors
THRESHOLD_GRID = np.round(np.arange(-3.0, 3.01, 0.1), 2)
# Thresholds are set out of fold: the train authors dealt round-robin into this many folds, each scored by a model
# fitted without its fold. Three folds of four authors each, not one fold per author: twelve fits would take
# `make train` past ten minutes on two cores, for thresholds that moved by a tenth at most.
THRESHOLD_FOLDS = 3
# Moves that cost a coach who did nothing wrong: a misread breach is a rupture and a blocking error, a misread push
# taints the turn (its kind words earn nothing) and sends the client back, a reflection misread as judging or
# dismissing hurts the client. Be surer before reading them (F-beta with beta < 1 when choosing the threshold). A
# push the reader misses is still heard where it does the most harm: the engine's own rules take pressing on after
# a "no" and firing questions in a row.
PRECISION_FIRST = {Move.BREACH: 0.5, Move.PRESSURE: 0.5, Move.JUDGMENT: 0.5, Move.DISMISS: 0.5}
Fitted = TypeVar("Fitted")


@dataclass(frozen=True)
class AuthorSet:
    author: str
    paths: list[Path]
    turns: list[LabelledTurn]


@dataclass(frozen=True)
class OneMoveSet:
    """Turns labelled for `move` alone: whether each is that move is known, its other moves are not."""

    move: Move
    paths: list[Path]
    turns: list[LabelledTurn]


@dataclass(frozen=True)
class Splits:
    train: list[AuthorSet]
    test: list[AuthorSet]
    one_move: list[OneMoveSet] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        """What the reader was trained on: the train files' names and contents."""
        digest = hashlib.sha256()
        for author in self.train:
            digest.update(author.author.encode())
            for path in author.paths:
                digest.update(path.read_bytes())
        for labelled in self.one_move:
            digest.update(labelled.move.value.encode())
            for path in labelled.paths:
                digest.update(path.read_bytes())
        return digest.hexdigest()[:16]


def load_asks(path: Path, move: Move) -> list[LabelledTurn]:
    """An asks set (tests/data/asks_*.jsonl: a request after the client's hint, labelled `ask` or `probe`) as
    turns that are `move` (the asks) or are not (the probes), with the hint as context."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        LabelledTurn(row["text"], row["hint"], frozenset({move}) if row["label"] == "ask" else frozenset())
        for row in rows
    ]


def load_splits(path: Path = SPLITS_PATH) -> Splits:
    """The author-disjoint splits: ``{train: {author: file(s)}, test: {author: file(s)}}``, relative to it."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))

    def authors(part: str) -> list[AuthorSet]:
        sets = []
        for name, named in spec[part].items():
            paths = [path.parent / file for file in ([named] if isinstance(named, str) else named)]
            sets.append(AuthorSet(name, paths, [turn for p in paths for turn in load_labelled(p)]))
        return sets

    one_move = [
        OneMoveSet(
            Move(move),
            paths := [path.parent / file for file in files],
            [turn for p in paths for turn in load_asks(p, Move(move))],
        )
        for move, files in (spec.get("one_move") or {}).items()
    ]
    splits = Splits(train=authors("train"), test=authors("test"), one_move=one_move)
    overlap = {a.author for a in splits.train} & {a.author for a in splits.test}
    if overlap:
        raise ValueError(f"{path}: authors in both train and test: {sorted(overlap)}")
    return splits


def design(
    turns: Sequence[LabelledTurn], rules: OfflineTagger | None, embedder: Embedder
) -> sparse.csr_matrix:
    """The feature matrix of the turns (rows): the hashed sparse features, then the dense ones. Without
    `rules`, no rule features (the frame model reads the words alone, without context)."""
    hashed_rows = [
        hashed(turn_features(turn.text, None, []))
        if rules is None
        else hashed(turn_features(turn.text, turn.context, rules.tag(turn.text, turn.context)))
        for turn in turns
    ]
    return feature_matrix(hashed_rows, [dense_features(turn.text, embedder) for turn in turns])


def feature_matrix(
    hashed_rows: Sequence[Mapping[int, float]], dense_rows: Sequence[npt.NDArray[np.float32]]
) -> sparse.csr_matrix:
    """One row per turn: its hashed sparse features, then its dense vector."""
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for row, features in enumerate(hashed_rows):
        rows.extend([row] * len(features))
        cols.extend(features.keys())
        values.extend(features.values())
    hashed_part = sparse.csr_matrix(
        (np.array(values, dtype=np.float64), (rows, cols)), shape=(len(hashed_rows), DIMENSIONS)
    )
    dense_part = np.array(dense_rows, dtype=np.float64)
    return sparse.hstack([hashed_part, sparse.csr_matrix(dense_part)]).tocsr()


def labels(turns: Sequence[LabelledTurn]) -> np.ndarray:
    return np.array([[move in turn.moves for move in MOVES] for turn in turns], dtype=np.int8)


OneMoveRows = Mapping[int, tuple[sparse.csr_matrix, np.ndarray]]  # a move's column -> (its extra rows, 0/1)


def fit_logits(
    matrix: sparse.csr_matrix, targets: np.ndarray, one_move: OneMoveRows | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """One L2 logistic regression per move: (weights features x moves, bias per move). A move in `one_move`
    is fitted with those rows too."""
    weights = np.zeros((matrix.shape[1], len(MOVES)), dtype=np.float32)
    bias = np.full(len(MOVES), -10.0, dtype=np.float32)  # a move never seen in training is never read
    for column in range(len(MOVES)):
        rows, target = matrix, targets[:, column]
        if one_move and column in one_move:
            extra, extra_target = one_move[column]
            rows, target = sparse.vstack([matrix, extra]).tocsr(), np.concatenate([target, extra_target])
        if target.min() == target.max():
            continue
        weights[:, column], bias[column] = fit_one(rows, target)
    return weights, bias


# OpenBLAS picks its kernels by CPU (Haswell on AVX2, SkylakeX on AVX-512) and they round sums differently: the
# same training read 35 held-out turns differently on an AVX-512 machine. Every training runs on the Haswell
# kernels (any x86-64 CPU with AVX2), which OpenBLAS reads once, when it loads: hence a process of its own.
BLAS_KERNEL = "Haswell"


def on_pinned_kernel() -> None:
    """Re-run this command (``python -m app.tag.…``) with the pinned BLAS kernel unless it already has it."""
    if os.environ.get("OPENBLAS_CORETYPE") != BLAS_KERNEL:
        os.execve(sys.executable, [sys.executable, *sys.orig_argv[1:]], _pinned_environment())


def train_in_own_process(module: str, out: Path) -> None:
    """Run a training module's ``python -m MODULE OUT`` on the pinned BLAS kernel (what `make train` does)."""
    subprocess.run([sys.executable, "-m", module, str(out)], env=_pinned_environment(), check=True)


def _pinned_environment() -> dict[str, str]:
    return {**os.environ, "OPENBLAS_CORETYPE": BLAS_KERNEL}


def one_blas_thread() -> AbstractContextManager[object]:
    """Training runs BLAS (which liblinear and lbfgs call) on one thread: a sum split over threads rounds
    differently, so otherwise the weights would depend on how many cores the machine has (and idle BLAS
    threads spin, doubling the CPU a training takes)."""
    limits: AbstractContextManager[object] = threadpool_limits(limits=1, user_api="blas")
    return limits


def fit_one(matrix: sparse.csr_matrix, target: np.ndarray) -> tuple[np.ndarray, float]:
    """One L2 logistic regression: (weight per feature, bias). Deterministic (liblinear, a fixed seed, BLAS
    on one thread)."""
    model = LogisticRegression(C=REGULARISATION, solver="liblinear", random_state=0, max_iter=1000)
    with one_blas_thread():
        model.fit(matrix, target)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


def best_threshold(
    scores: np.ndarray,
    target: np.ndarray,
    beta: float = 1.0,
    grid: np.ndarray = THRESHOLD_GRID,
    neutral: float = 0.0,
) -> float:
    """The threshold on `grid` with the best F-beta out of fold (beta < 1 weighs precision more); ties go to
    the threshold nearest `neutral`, the model's own decision point (0 for logits, 0.5 for probabilities)."""
    best, best_f1 = neutral, -1.0
    b2 = beta * beta
    for threshold in grid:
        predicted = scores >= threshold
        hits = int(np.sum(predicted & (target == 1)))
        f1 = (1 + b2) * hits / (b2 * int(target.sum()) + int(predicted.sum())) if target.sum() else 0.0
        if f1 > best_f1 + 1e-9 or (
            abs(f1 - best_f1) <= 1e-9 and abs(threshold - neutral) < abs(best - neutral)
        ):
            best, best_f1 = float(threshold), f1
    return best


def side_by_side(
    fit: Callable[..., Fitted],
    jobs: Sequence[tuple[object, ...]],
) -> list[Fitted]:
    """`fit` of each (matrix, targets), side by side on the machine's cores. Threads: liblinear releases the
    GIL while it fits. Each fit is independent and deterministic, so the weights are the same however many
    run at once, as long as BLAS stays on one thread throughout: the limit is set here, before any fit starts,
    because a fit's own limit, restored as it ends, would otherwise free BLAS under a fit still running."""
    with one_blas_thread(), ThreadPoolExecutor(min(len(jobs), os.cpu_count() or 1)) as pool:
        return list(pool.map(fit, *zip(*jobs, strict=True)))


def threshold_folds(authors: int, folds: int = THRESHOLD_FOLDS) -> list[list[int]]:
    """The authors (by index) dealt round-robin into `folds` folds (fewer if there are fewer authors)."""
    return [list(range(start, authors, folds)) for start in range(min(folds, authors))]


def out_of_fold_jobs(
    matrices: list[sparse.csr_matrix], targets: list[np.ndarray], folds: list[list[int]]
) -> list[tuple[sparse.csr_matrix, np.ndarray]]:
    """For each fold of authors (a design matrix and its labels per author), the training data of the others."""
    jobs = []
    for fold in folds:
        others = [i for i in range(len(matrices)) if i not in fold]
        jobs.append(
            (sparse.vstack([matrices[i] for i in others]).tocsr(), np.vstack([targets[i] for i in others]))
        )
    return jobs


def out_of_fold_logits(
    matrices: list[sparse.csr_matrix],
    targets: list[np.ndarray],
    folds: list[list[int]],
    fitted: Sequence[tuple[np.ndarray, np.ndarray]],
) -> tuple[np.ndarray, np.ndarray]:
    """Each fold's turns scored by the model fitted without it (`fitted`, from `out_of_fold_jobs`), and their
    labels in the same order."""
    scored = [
        (matrices[i] @ weights + bias, targets[i])
        for fold, (weights, bias) in zip(folds, fitted, strict=True)
        for i in fold
    ]
    return np.vstack([logits for logits, _ in scored]), np.vstack([target for _, target in scored])


def decisions(weights: ReaderWeights, matrix: sparse.csr_matrix) -> np.ndarray:
    """Which labels each row of a design matrix (`design`) is read as, before the codebook's conventions
    (`reader._settle`, a function of these and the text): two weights with the same decisions read alike."""
    logits = matrix @ np.vstack([weights.weights, weights.dense]) + weights.bias
    return np.asarray(logits >= weights.thresholds)


def train(splits: Splits) -> ReaderWeights:
    """Fit on every train author; thresholds from the logits of folds of authors, each left out of its fit."""
    rules, embedder = OfflineTagger(), shared_embedder()
    # Each author's features are read once: for the thresholds out of fold, then stacked for the final fit.
    matrices = [design(author.turns, rules, embedder) for author in splits.train]
    targets = [labels(author.turns) for author in splits.train]
    one_move: OneMoveRows = {
        MOVES.index(labelled.move): (
            design(labelled.turns, rules, embedder),
            np.array([labelled.move in turn.moves for turn in labelled.turns], dtype=np.int8),
        )
        for labelled in splits.one_move
    }
    everyone = (sparse.vstack(matrices).tocsr(), np.vstack(targets))
    folds = threshold_folds(len(matrices))
    jobs = [(*job, one_move) for job in [everyone, *out_of_fold_jobs(matrices, targets, folds)]]
    (weights, bias), *held_out = side_by_side(fit_logits, jobs)
    oof, oof_targets = out_of_fold_logits(matrices, targets, folds, held_out)
    thresholds = np.array(
        [
            best_threshold(oof[:, c], oof_targets[:, c], PRECISION_FIRST.get(move, 1.0))
            for c, move in enumerate(MOVES)
        ],
        dtype=np.float32,
    )
    return ReaderWeights(
        labels=tuple(move.value for move in MOVES),
        weights=weights[:DIMENSIONS],
        dense=weights[DIMENSIONS:],
        bias=bias,
        thresholds=thresholds,
        corpus=splits.fingerprint,
    )


def main(argv: list[str] | None = None) -> None:
    """Rebuild the shipped weights: ``python -m app.tag.training [OUT]``."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else WEIGHTS_PATH
    splits = load_splits()
    weights = train(splits)
    weights.save(out)
    trained = sum(len(a.turns) for a in splits.train)
    print(f"trained on {trained} turns from {len(splits.train)} authors -> {out} (corpus {weights.corpus})")


if __name__ == "__main__":
    on_pinned_kernel()
    main()
