"""Training the answer-kind reader (`answer_kinds.py`) from the labelled development sets, reproducibly.

`make train` runs it last (it reads the turns with the move reader), and `make train-answers` alone, in seconds
(`python -m app.tag.answer_training`). Each development set is one author's
(docs/labelling.md, "Answer kinds"); the shipped model is trained on all of them, and `bench/answer_kinds.py`
scores it author-disjoint (trained on one set, scored on the other). The measuring set,
tests/data/questions.jsonl, is never read here.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from app.domain.asked import Asked
from app.domain.persona import Persona
from app.domain.signals import AnswerKind, TurnSignals
from app.tag.answer_kinds import ANSWER_WEIGHTS_PATH, MID_SESSION_TURN, answer_dense, answer_features
from app.tag.asked import what_was_asked
from app.tag.embedding import shared_embedder
from app.tag.features import DIMENSIONS, hashed
from app.tag.reader import LearnedTagger, ReaderWeights
from app.tag.signals import analyse
from app.tag.training import ROOT, feature_matrix, on_pinned_kernel, one_blas_thread

DEV_SETS = (
    ROOT / "tests" / "data" / "answers_dev2.jsonl",
    ROOT / "tests" / "data" / "answers_dev3.jsonl",
    ROOT / "tests" / "data" / "answers_dev4.jsonl",
    ROOT / "tests" / "data" / "answers_dev5.jsonl",
    ROOT / "tests" / "data" / "answers_dev6.jsonl",
)  # answers_dev7.jsonl is held out, never trained on: bench/answer_dev.py's HELD_OUT_SET
KINDS = tuple(AnswerKind)
REGULARISATION = 4.0  # inverse L2 strength (scikit-learn's C), chosen by author-disjoint evaluation
UNSEEN_BIAS = -30.0  # a kind no training row has is never read


@dataclass(frozen=True)
class ReadRow:
    """One labelled turn as the reading step sees it: its signals and what the rules hear asked."""

    persona: str
    context: str | None
    text: str
    expected: AnswerKind
    signals: TurnSignals
    rules: Asked


def session_turn(context: str | None) -> int:
    return 1 if context is None else MID_SESSION_TURN


def read_rows(path: Path, tagger: LearnedTagger | None = None) -> list[ReadRow]:
    """The labelled turns of one development set, read by the move reader and the director's rules."""
    tagger = tagger or LearnedTagger()
    personas: dict[str, Persona] = {}
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        persona_id = row["persona"]
        if persona_id not in personas:
            # The shipped personas, valid by their own tests; read plainly (app.files sits above the reading step).
            persona_file = ROOT / "personas" / f"{persona_id}.yaml"
            personas[persona_id] = Persona.model_validate(
                yaml.safe_load(persona_file.read_text(encoding="utf-8"))
            )
        context, text = row["context"], row["text"]
        signals = analyse(text, context, personas[persona_id], tagger, turn=session_turn(context))
        rules = what_was_asked(signals, session_turn(context), context)
        rows.append(ReadRow(persona_id, context, text, AnswerKind(row["expected"]), signals, rules))
    return rows


def design(rows: Sequence[ReadRow]) -> sparse.csr_matrix:
    """The feature matrix (a row per turn): the hashed features, then the dense ones."""
    embedder = shared_embedder()
    return feature_matrix(
        [hashed(answer_features(row.text, row.context, list(row.signals.moves), row.rules)) for row in rows],
        [answer_dense(row.text, embedder) for row in rows],
    )


def fingerprint(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def train(rows: Sequence[ReadRow], corpus: str) -> ReaderWeights:
    """One multinomial L2 logistic regression over every answer kind (deterministic: lbfgs, no sampling)."""
    matrix = design(rows)
    # Only the features some turn has are fitted (an unseen feature's weight is 0 under L2 anyway): a few
    # thousand columns instead of 65k keeps training to a couple of seconds.
    used = np.unique(matrix.nonzero()[1])
    model = LogisticRegression(C=REGULARISATION, max_iter=5000)
    with one_blas_thread():  # the same weights whatever the machine's cores
        model.fit(matrix[:, used], [row.expected.value for row in rows])
    seen = {str(label): index for index, label in enumerate(model.classes_)}
    weights = np.zeros((matrix.shape[1], len(KINDS)), dtype=np.float32)
    bias = np.full(len(KINDS), UNSEEN_BIAS, dtype=np.float32)
    for column, kind in enumerate(KINDS):
        if kind.value in seen:
            weights[used, column] = model.coef_[seen[kind.value]]
            bias[column] = model.intercept_[seen[kind.value]]
    return ReaderWeights(
        labels=tuple(kind.value for kind in KINDS),
        weights=weights[:DIMENSIONS],
        dense=weights[DIMENSIONS:],
        bias=bias,
        thresholds=np.zeros(len(KINDS), dtype=np.float32),  # the most likely kind is read: no thresholds
        corpus=corpus,
    )


def train_shipped(paths: Sequence[Path] = DEV_SETS, tagger: LearnedTagger | None = None) -> ReaderWeights:
    """The shipped model: trained on every development set."""
    tagger = tagger or LearnedTagger()
    rows = [row for path in paths for row in read_rows(path, tagger)]
    return train(rows, fingerprint(paths))


def main(out: Path = ANSWER_WEIGHTS_PATH) -> None:
    """Rebuild the shipped answer-kind weights: ``python -m app.tag.answer_training [OUT]``."""
    weights = train_shipped()
    weights.save(out)
    print(f"answer-kind model on {', '.join(p.name for p in DEV_SETS)} -> {out} (corpus {weights.corpus})")


if __name__ == "__main__":
    on_pinned_kernel()
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ANSWER_WEIGHTS_PATH)
