"""The learned answer-kind reader: what kind of answer a learner turn asks the client for (docs/labelling.md,
"Answer kinds"), as one linear model over the move reader's features (`features.turn_features`) plus what the
director's rules hear asked (`app/tag/asked.py`).

The rules are evidence the model weighs, not its decision: they were tuned on one author's turns and miss
other authors' wordings, where the model's words and word vectors still land near the examples it was trained
on. The director keeps the rules' word where they are exact by construction (`app/tag/asked.py`). The
weights ship as `weights/answer_kinds.npz`; `make train` (or `make train-answers` alone) rebuilds them (`answer_training.py`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

from app.domain.asked import Asked
from app.domain.codebook import Move
from app.domain.signals import AnswerKind
from app.tag.embedding import Embedder, Vector, shared_embedder
from app.tag.features import Features, dense_features, hashed, turn_features
from app.tag.reader import LearnedTagger, ReaderWeights

ANSWER_WEIGHTS_PATH = Path(__file__).with_name("weights") / "answer_kinds.npz"
# A labelled turn with a client line before it is read as this turn of a session (in training, and as
# app/check/mid_session.py plays it); one without, as the first.
MID_SESSION_TURN = 5
# On top of the move reader's own scale: what a turn asks for shows in its meaning more than in its moves
# (chosen by author-disjoint evaluation, bench/answer_kinds.py).
ANSWER_DENSE_SCALE = 2.0


def answer_features(text: str, context: str | None, moves: list[Move], rules: Asked) -> Features:
    """The move reader's features of the turn, and what the rules hear it ask."""
    features = turn_features(text, context, moves)
    features[f"asked:{rules.kind.value}"] = 1.0
    if rules.fact is not None:
        features[f"asked:fact:{rules.fact}"] = 1.0
    if rules.reflected:
        features["asked:reflected"] = 1.0
    return features


def answer_dense(text: str, embedder: Embedder) -> Vector:
    vector: Vector = dense_features(text, embedder) * ANSWER_DENSE_SCALE
    return vector


class AnswerKindReader:
    """Reads which answer kind a turn asks for, with the model's probability for it."""

    def __init__(self, weights: ReaderWeights | None = None, embedder: Embedder | None = None) -> None:
        self.weights = weights or shipped_answer_weights()
        self.embedder = embedder or shared_embedder()
        self.kinds = tuple(AnswerKind(label) for label in self.weights.labels)

    def read(
        self, text: str, context: str | None, moves: list[Move], rules: Asked
    ) -> tuple[AnswerKind, float]:
        logits = self.weights.scores(
            hashed(answer_features(text, context, moves, rules)), answer_dense(text, self.embedder)
        )
        chances = np.exp(logits - logits.max())
        best = int(np.argmax(chances))
        return self.kinds[best], float(chances[best] / chances.sum())


@cache
def shipped_answer_weights() -> ReaderWeights:
    """The answer-kind weights shipped with the package, read once per process."""
    return ReaderWeights.load(ANSWER_WEIGHTS_PATH)


def answers_for(tagger: object) -> AnswerKindReader | None:
    """The answer-kind reader that goes with a move reader: the learned one with the learned reader (it was
    trained on that reader's moves, and shares its word vectors); none with the rules alone or a model tagger,
    whose turns the director's rules read as before."""
    if isinstance(tagger, LearnedTagger):
        return AnswerKindReader(embedder=tagger.embedder)
    return None
