"""The learned move reader: a linear model over `features.turn_features`, one logistic output per codebook move.

The rules (`offline.OfflineTagger`) still run, as features the model weighs, and have the last word only where
they are exact by construction (see `_settle`). The weights are a small file shipped in the package
(`weights/moves.npz`); `make train` rebuilds it from the corpus (`app/tag/training.py`). Nothing is
downloaded: reading needs numpy and the word vectors inside the `wordllama` wheel (`embedding.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from app.domain.codebook import CODEBOOK, Move, Scoring, sort_moves
from app.tag.context import ClientCue, client_cues
from app.tag.embedding import Embedder, shared_embedder
from app.tag.features import DENSE_DIMENSIONS, DIMENSIONS, dense_features, hashed, turn_features
from app.tag.leave import (
    NOT_AN_INVITATION,
    asks_go_or_leave,
    asks_how_things_are,
    invites_into_the_hint,
    offers_the_choice,
)
from app.tag.limits import settle_limits
from app.tag.offline import OfflineTagger
from app.tag.phrases.tentative import HEDGED
from app.tag.text import clean, split_sentences

WEIGHTS_PATH = Path(__file__).with_name("weights") / "moves.npz"
FORMAT_VERSION = 1

Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True)
class ReaderWeights:
    """A trained linear reader: per-label weights over the hashed and dense features, biases and decision
    thresholds. The labels are codebook move ids (the move reader) or "out_of_frame" (`frame_model.py`)."""

    labels: tuple[str, ...]
    weights: Matrix  # DIMENSIONS x len(labels), over the hashed sparse features
    dense: Matrix  # DENSE_DIMENSIONS x len(labels), over the embeddings
    bias: Matrix  # len(labels)
    thresholds: Matrix  # len(labels), on the logit scale
    corpus: str  # fingerprint of what it was trained on

    @property
    def moves(self) -> tuple[Move, ...]:
        return tuple(Move(label) for label in self.labels)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:
            np.savez_compressed(
                out,
                version=np.array(FORMAT_VERSION),
                moves=np.array(list(self.labels)),
                weights=self.weights.astype(np.float16),
                dense=self.dense.astype(np.float32),
                bias=self.bias.astype(np.float32),
                thresholds=self.thresholds.astype(np.float32),
                corpus=np.array(self.corpus),
            )

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> ReaderWeights:
        with np.load(path) as data:
            if int(data["version"]) != FORMAT_VERSION:
                raise ValueError(
                    f"{path}: reader weights format {int(data['version'])}, need {FORMAT_VERSION}"
                )
            weights = data["weights"].astype(np.float32)
            dense = data["dense"].astype(np.float32)
            if weights.shape[0] != DIMENSIONS or dense.shape[0] != DENSE_DIMENSIONS:
                raise ValueError(
                    f"{path}: {weights.shape[0]}+{dense.shape[0]} feature dimensions, "
                    f"need {DIMENSIONS}+{DENSE_DIMENSIONS}"
                )
            return cls(
                labels=tuple(str(label) for label in data["moves"]),
                weights=weights,
                dense=dense,
                bias=data["bias"].astype(np.float32),
                thresholds=data["thresholds"].astype(np.float32),
                corpus=str(data["corpus"]),
            )

    def scores(self, features: dict[int, float], dense: Matrix) -> Matrix:
        """Logit per move for one turn's hashed sparse features and its dense vector."""
        index = np.fromiter(features.keys(), dtype=np.int64, count=len(features))
        value = np.fromiter(features.values(), dtype=np.float32, count=len(features))
        result: Matrix = value @ self.weights[index] + dense @ self.dense + self.bias
        return result


class LearnedTagger:
    """Reads a learner turn's moves with the trained model; implements the `Tagger` protocol."""

    def __init__(
        self,
        weights: ReaderWeights | None = None,
        rules: OfflineTagger | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self.weights = weights or shipped_weights()
        self.rules = rules or OfflineTagger()
        self.embedder = embedder or shared_embedder()
        self.moves = self.weights.moves  # read once: `tag` is on every turn's path
        self.pressure = self.moves.index(Move.PRESSURE) if Move.PRESSURE in self.moves else None

    def tag(self, text: str, context: str | None = None) -> list[Move]:
        rule_moves = self.rules.tag(text, context)
        logits = self._logits(text, context, rule_moves)
        chosen = self._over_threshold(logits)
        if Move.PRESSURE in chosen and not self._push_has_a_reason(logits, rule_moves, text, context):
            chosen.discard(Move.PRESSURE)
        return _settle(
            chosen | self._contracting_asked_last(text, context), text, context, frozenset(rule_moves)
        )

    def _logits(self, text: str, context: str | None, rule_moves: list[Move]) -> Matrix:
        return self.weights.scores(
            hashed(turn_features(text, context, rule_moves)), dense_features(text, self.embedder)
        )

    def _over_threshold(self, logits: Matrix) -> set[Move]:
        return {
            move
            for move, logit, threshold in zip(self.moves, logits, self.weights.thresholds, strict=True)
            if logit >= threshold
        }

    def _contracting_asked_last(self, text: str, context: str | None) -> set[Move]:
        """The contracting moves of the question a longer turn ends on, read on its own: it is what the client
        answers, and in a whole-turn reading a long lead-in can drown it ("Can I stop you there? There's a lot
        on that form. Out of all of it, what would you most like to get out of our hour?" is a goal)."""
        sentences = split_sentences(text)
        if len(sentences) < 2 or not sentences[-1].endswith("?"):
            return set()
        last = sentences[-1]
        asked = self._over_threshold(self._logits(last, context, self.rules.tag(last, context)))
        return {move for move in asked if CODEBOOK[move].scoring is Scoring.CONTRACTING}

    def _push_has_a_reason(
        self, logits: Matrix, rule_moves: list[Move], text: str, context: str | None
    ) -> bool:
        """A push presses past a hesitation or hurries: the client just held back or said no, or the turn hurries
        them in so many words (the rules' pressure phrases). Without either, only a sure reading of a turn that
        does not soften itself stands: the model took ordinary questions ("Which one, Sam or Ola?") and a
        novice's tentative ones ("um, what could you maybe try?", "…? If you want.") for pushes, and the client
        then pulls back."""
        return (
            bool(client_cues(context) & _HOLDING_BACK)
            or Move.PRESSURE in rule_moves
            or self.pressure is None
            or (float(logits[self.pressure]) >= SURE_PUSH and not HEDGED.search(clean(text)))
        )


def _settle(
    moves: set[Move], text: str = "", context: str | None = None, rule_moves: frozenset[Move] = frozenset()
) -> list[Move]:
    """Conventions of the codebook that hold by definition, whatever the scores (`rule_moves`: what the rules
    read in the turn)."""
    if asks_how_things_are(text):  # "Is money tight at home?" goes in; it does not ask whether to
        if Move.PERMISSION in moves or not moves:  # a question the scores found nothing in is one by its form
            moves = (moves - {Move.PERMISSION}) | {Move.CLOSED_QUESTION}  # ("Are they panic attacks?")
    else:
        offered = offers_the_choice(text, context)
        if offered and asks_go_or_leave(text) and not moves & (NOT_AN_INVITATION - _CHOICE_TO_LEAVE_IT):
            moves = (moves - _CHOICE_TO_LEAVE_IT) | {Move.PERMISSION}  # "Leave it, or give it five minutes?"
        elif (offered or invites_into_the_hint(text, context)) and not moves & NOT_AN_INVITATION:
            moves.add(Move.PERMISSION)
    moves = settle_limits(moves, text, context, rule_moves)
    for move in list(moves):  # e.g. a permission request is only `permission`, not also a closed question
        moves -= CODEBOOK[move].excludes
    return sort_moves(moves)


# A push read with no hesitation before it and no hurrying words stands only from this logit up: chosen on the
# train authors out of fold (F-beta 0.5, as pressure's threshold; corpus/moves/README.md).
SURE_PUSH = 0.5
_HOLDING_BACK = frozenset({ClientCue.PULLED_BACK, ClientCue.DECLINED})
# Readings a choice between going in and leaving it cannot be: it tells the client to do nothing, and hurries nobody.
_CHOICE_TO_LEAVE_IT = frozenset({Move.ADVICE, Move.PRESSURE})


@cache
def shipped_weights() -> ReaderWeights:
    """The weights shipped with the package, read once per process."""
    return ReaderWeights.load(WEIGHTS_PATH)
