"""Static word embeddings for the move reader: the 256-dimension WordLlama vectors shipped inside the
`wordllama` wheel (MIT licence; see docs/data.md).

Only the wheel's two data files are read (the tokenizer and the embedding table), with `tokenizers` and
`safetensors`; WordLlama's own loader is not used because it reaches for the network when its cache is
empty. Nothing is downloaded: the files are on disk once the wheel is installed. A text's vector is the mean
of its tokens' vectors, normalised (the way WordLlama pools).
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.resources import files

import numpy as np
import numpy.typing as npt
from safetensors.numpy import load_file
from tokenizers import Tokenizer

DIMENSIONS = 256
_PACKAGE = "wordllama"
_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
_TABLE = "weights/l2_supercat_256.safetensors"

Vector = npt.NDArray[np.float32]


class Embedder:
    def __init__(self) -> None:
        base = files(_PACKAGE)
        self.tokenizer = Tokenizer.from_file(str(base / _TOKENIZER))
        self.table: npt.NDArray[np.float32] = load_file(str(base / _TABLE))["embedding.weight"].astype(
            np.float32
        )
        # The move reader and the answer-kind reader read the same turn: its vector is made once.
        self._remembered = lru_cache(maxsize=1024)(self._mean_vector)

    def embed(self, text: str) -> Vector:
        """The text's unit mean word vector (read-only: it may be shared)."""
        return self._remembered(text)

    def _mean_vector(self, text: str) -> Vector:
        ids = self.tokenizer.encode(text).ids
        if not ids:
            vector: Vector = np.zeros(DIMENSIONS, dtype=np.float32)
        else:
            vector = self.table[ids].mean(axis=0)
            norm = float(np.linalg.norm(vector))
            vector = vector / norm if norm else vector
        vector.setflags(write=False)
        return vector


@cache
def shared_embedder() -> Embedder:
    """One embedder per process: the table is 16 MB and read once."""
    return Embedder()
