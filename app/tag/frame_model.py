"""The learned half of the out-of-frame judgment: a linear model over the reader's features that scores how
much a turn looks like an attack on the role-play (see `frame.py` for the rules half and why).

Trained by `make train` (`frame_training.py`) on the corpus's train authors (coaching, good and bad: negatives)
and the dev attack sets (positives); its threshold keeps false alarms on coaching text rare where they count
(`frame_training.py`). The blind attack set is never trained on: it measures how the judgment holds on attacks
nobody tuned it to.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from app.tag.embedding import shared_embedder
from app.tag.features import dense_features, hashed, turn_features
from app.tag.reader import ReaderWeights

FRAME_WEIGHTS_PATH = Path(__file__).with_name("weights") / "frame.npz"
LABEL = "out_of_frame"


def frame_logit(weights: ReaderWeights, text: str) -> float:
    """How far over (positive) or under (negative) its threshold the turn's attack score is."""
    logits = weights.scores(hashed(turn_features(text, None, [])), dense_features(text, shared_embedder()))
    return float(logits[0] - weights.thresholds[0])


def looks_out_of_frame(text: str, weights: ReaderWeights | None = None) -> bool:
    return frame_logit(weights or shipped_frame_weights(), text) >= 0


@cache
def shipped_frame_weights() -> ReaderWeights:
    return ReaderWeights.load(FRAME_WEIGHTS_PATH)
