"""Does a move reader that models meaning beat the linear one on authors it was not tuned on? (issue 10)

Candidate: a small convolutional network over the frozen per-token WordLlama vectors (`Embedder.table`):
convolutions of width 1, 2 and 3 with ReLU, max- and mean-pooled over the turn; the client's previous line
(mean token vector, and its product with the turn's) through a ReLU layer; the rule tagger's moves and the
client cues as side inputs; a ReLU hidden layer with dropout; one sigmoid output per codebook move. numpy
forward/backward (checked numerically: ``--check-gradients``), Adam, fixed seeds, single thread. Used alone,
or blended with the linear reader's logits. (Stacked on them, the linear logits as inputs and as an offset
the network corrects, it was tried in a scratch copy with nested linear fits; figures below, code not kept.)

Model selection is by leave-one-author-out cross-validation on the train authors only (`splits.yaml`):
every figure below is pooled out-of-fold macro-F1 over the 5,319 train turns, thresholds per move chosen
on the pooled out-of-fold logits exactly as `training.py` chooses them, then the reader's codebook
conventions (`reader._settle`). The held-out authors' text is never read or printed; ``--held-out`` prints
only aggregate figures for the chosen candidate.

Figures (OMP_NUM_THREADS=1; "CNN F/H, E ep" = F filters per width, H hidden units, E epochs; dropout 0.3,
lr 1e-3, batch 32 unless said). This script's own run (default settings, CNN 48/96, 15 ep):

  linear reader (today's, out of fold)                                  CV 0.737
  CNN alone (rule signals + cues as side inputs), seed 0 / seed 1       CV 0.700 / 0.698
  CNN alone, mean of the 2 seeds' logits                                CV 0.711
  blend (1-w)*linear + w*CNN 2-seed mean, w = 0.3 / 0.4 / 0.5 / 0.7     CV 0.750 / 0.751 / 0.751 / 0.744

Earlier runs of the same network in a scratch copy (same folds; batches assembled differently, which alone
moved single-seed figures by ~0.004):

  CNN 32/64, 10 ep, stacked: linear logits as inputs and as the offset  CV 0.735
  CNN 32/64, 20 ep, lr 5e-4, stacked, + rule signals as inputs          CV 0.736
  CNN 32/64, 10 ep, linear logits as inputs only (no offset)            CV 0.696
  CNN 32/64, 10 ep, rule signals only / + linear offset                 CV 0.669 / 0.735
  CNN 64/128, 25 ep, rule signals only / + linear offset, dropout 0.5   CV 0.701 / 0.719

Stacking on the linear logits (nested linear fits, so the logits it learns from are out of fold) learns
nothing the linear reader lacks. Alone the network stays well under the linear reader; averaged with it
(an ensemble of two different readers) it gains +0.014 in CV, mostly breach and pressure recall (0.51 ->
0.66, 0.48 -> 0.53) and empathy/acknowledge; reflection (0.71) and advice (0.75) do not move.

Held-out authors, ONE look (the only one taken), for the best candidate (blend w = 0.5, 2 seeds, 48/96,
15 ep; thresholds from the blend's out-of-fold logits on the train authors): macro-F1 0.731 against the
linear reader's 0.726 on the same 11,176 turns (+0.005). Per move: permission recall 0.88, reflection F1
0.73, advice F1 0.62, breach recall 0.68 (linear 0.58), pressure recall 0.56 (linear 0.50).

Not shipped: +0.005 held out is far under the +0.02 asked for, and training it (2 seeds x (5 out-of-fold
fits for the thresholds + 1 final fit), ~25-30 s each on one core) would add 5-6 minutes to `make train`'s
106 s. Inference would not have been the obstacle (one turn is ~1 M multiply-adds). With ~5,300 turns from
5 authors, a network over frozen subword vectors learns what the hashed word and character n-grams already
carry; the gap to 0.93 is not the linear model's form.

Run: ``.venv/bin/python bench/reader_experiments.py`` (linear vs CNN vs blends; 575 s on a busy 2-core
machine); ``--check-gradients`` (central differences on a tiny network: largest gap 1.1e-10);
``--held-out`` (the one look; trains on all train authors and prints aggregate held-out figures only).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before numpy: one thread, reproducible sums
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run without installing the package

from app.tag.context import ClientCue, client_cues  # noqa: E402
from app.tag.embedding import DIMENSIONS, Embedder, shared_embedder  # noqa: E402
from app.tag.evaluate import LabelledTurn, MoveScore, Report  # noqa: E402
from app.tag.features import dense_features, hashed, turn_features  # noqa: E402
from app.tag.offline import OfflineTagger  # noqa: E402
from app.tag.reader import _settle, shipped_weights  # noqa: E402
from app.tag.training import (  # noqa: E402
    MOVES,
    PRECISION_FIRST,
    AuthorSet,
    best_threshold,
    design,
    fit_logits,
    labels,
    load_splits,
)

Params = dict[str, np.ndarray]
WIDTHS = (1, 2, 3)
MAX_TOKENS = 80  # longer turns are cut (a handful in the corpus)


@dataclass(frozen=True)
class Config:
    filters: int = 48  # per convolution width
    context_units: int = 32
    hidden: int = 96
    epochs: int = 15
    batch: int = 32
    learning_rate: float = 1e-3
    l2: float = 1e-5
    dropout: float = 0.3
    seed: int = 0


# ---- the network ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Batch:
    tokens: np.ndarray  # B x T x E token vectors, zero past each turn's end
    mask: np.ndarray  # B x T, 1 where there is a token
    context: np.ndarray  # B x E, the client's line (normalised mean token vector; zeros without one)
    side: np.ndarray  # B x S, side inputs


def init_params(embed: int, side: int, labels_: int, config: Config) -> Params:
    rng = np.random.default_rng(config.seed)

    def glorot(fan_in: int, fan_out: int, shape: tuple[int, ...]) -> np.ndarray:
        return (rng.standard_normal(shape) * np.sqrt(2.0 / (fan_in + fan_out))).astype(np.float32)

    f, c, h = config.filters, config.context_units, config.hidden
    pooled = 2 * len(WIDTHS) * f
    return {
        "conv_w": glorot(embed * 2, f, (embed, sum(WIDTHS) * f)),  # every tap of every width, side by side
        "conv_b": np.zeros(len(WIDTHS) * f, np.float32),
        "ctx_w": glorot(2 * embed, c, (2 * embed, c)),
        "ctx_b": np.zeros(c, np.float32),
        "hid_w": glorot(pooled + c + side, h, (pooled + c + side, h)),
        "hid_b": np.zeros(h, np.float32),
        "out_w": glorot(h, labels_, (h, labels_)),
        "out_b": np.zeros(labels_, np.float32),
    }


def forward(p: Params, b: Batch, keep: np.ndarray | None = None) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Logits (B x L) and what `backward` needs. `keep`: the dropout mask of the hidden layer, pre-scaled."""
    n, t, e = b.tokens.shape
    f = p["conv_b"].shape[0] // len(WIDTHS)
    taps = (b.tokens.reshape(n * t, e) @ p["conv_w"]).reshape(n, t, -1)
    widths, column = [], 0
    for k in WIDTHS:
        z = np.zeros((n, t, f), taps.dtype)
        for j in range(k):  # the window at i covers tokens i..i+k-1
            z[:, : t - j] += taps[:, j:, column : column + f]
            column += f
        widths.append(z)
    conv = np.concatenate(widths, axis=2) + p["conv_b"]
    active = np.maximum(conv, 0) * b.mask[:, :, None]
    count = np.maximum(b.mask.sum(1, keepdims=True), 1)
    strongest = active.argmax(1)
    pooled_max = np.take_along_axis(active, strongest[:, None, :], 1)[:, 0]
    pooled_mean = active.sum(1) / count
    turn_mean = b.tokens.sum(1) / count
    context_in = np.concatenate([b.context, turn_mean * b.context], 1)
    context_pre = context_in @ p["ctx_w"] + p["ctx_b"]
    hidden_in = np.concatenate([pooled_max, pooled_mean, np.maximum(context_pre, 0), b.side], 1)
    hidden_pre = hidden_in @ p["hid_w"] + p["hid_b"]
    hidden = np.maximum(hidden_pre, 0) if keep is None else np.maximum(hidden_pre, 0) * keep
    logits = hidden @ p["out_w"] + p["out_b"]
    cache = {
        "conv": conv,
        "strongest": strongest,
        "count": count,
        "context_in": context_in,
        "context_pre": context_pre,
        "hidden_in": hidden_in,
        "hidden_pre": hidden_pre,
        "hidden": hidden,
    }
    if keep is not None:
        cache["keep"] = keep
    return logits, cache


def backward(p: Params, b: Batch, cache: dict[str, np.ndarray], d_logits: np.ndarray) -> Params:
    n, t, e = b.tokens.shape
    pooled = p["conv_b"].shape[0]
    f = pooled // len(WIDTHS)
    grads = {"out_w": cache["hidden"].T @ d_logits, "out_b": d_logits.sum(0)}
    d_hidden = d_logits @ p["out_w"].T
    if "keep" in cache:
        d_hidden = d_hidden * cache["keep"]
    d_hidden_pre = d_hidden * (cache["hidden_pre"] > 0)
    grads["hid_w"] = cache["hidden_in"].T @ d_hidden_pre
    grads["hid_b"] = d_hidden_pre.sum(0)
    d_hidden_in = d_hidden_pre @ p["hid_w"].T
    d_max, d_mean = d_hidden_in[:, :pooled], d_hidden_in[:, pooled : 2 * pooled]
    d_context = d_hidden_in[:, 2 * pooled : 2 * pooled + p["ctx_b"].shape[0]] * (cache["context_pre"] > 0)
    grads["ctx_w"] = cache["context_in"].T @ d_context
    grads["ctx_b"] = d_context.sum(0)
    d_active = np.repeat((d_mean / cache["count"])[:, None, :], t, axis=1)
    at_max = cache["strongest"][:, None, :]
    np.put_along_axis(d_active, at_max, np.take_along_axis(d_active, at_max, 1) + d_max[:, None, :], 1)
    d_conv = d_active * b.mask[:, :, None] * (cache["conv"] > 0)
    grads["conv_b"] = d_conv.sum((0, 1))
    d_taps = np.zeros((n, t, p["conv_w"].shape[1]), d_conv.dtype)
    column = 0
    for i, k in enumerate(WIDTHS):
        for j in range(k):
            d_taps[:, j:, column : column + f] += d_conv[:, : t - j, i * f : (i + 1) * f]
            column += f
    grads["conv_w"] = b.tokens.reshape(n * t, e).T @ d_taps.reshape(n * t, -1)
    return grads


def loss_and_gradients(
    p: Params, b: Batch, targets: np.ndarray, l2: float, keep: np.ndarray | None = None
) -> tuple[float, Params]:
    """Mean binary cross-entropy over turns x moves, plus L2 on the weight matrices."""
    logits, cache = forward(p, b, keep)
    size = logits.size
    loss = float(np.sum(np.logaddexp(0, logits) - targets * logits) / size)
    matrices = [name for name in p if name.endswith("_w")]
    loss += 0.5 * l2 * sum(float(np.sum(p[name] ** 2)) for name in matrices)
    probabilities = 1 / (1 + np.exp(-logits))
    grads = backward(p, b, cache, ((probabilities - targets) / size).astype(logits.dtype))
    for name in matrices:
        grads[name] = grads[name] + l2 * p[name]
    return loss, grads


def check_gradients() -> float:
    """Largest gap between the analytic and central-difference gradients on a tiny random network (float64)."""
    rng = np.random.default_rng(1)
    lengths, e, s, labels_ = [6, 3, 1, 0], 5, 3, 4
    mask = np.array([[1.0] * n + [0.0] * (6 - n) for n in lengths])
    b = Batch(
        tokens=rng.standard_normal((4, 6, e)) * mask[:, :, None],
        mask=mask,
        context=rng.standard_normal((4, e)),
        side=rng.standard_normal((4, s)),
    )
    config = Config(filters=3, context_units=4, hidden=5)
    p = {
        k: v.astype(np.float64) + rng.standard_normal(v.shape) * 0.3
        for k, v in init_params(e, s, labels_, config).items()
    }
    targets = (rng.random((4, labels_)) > 0.5).astype(np.float64)
    keep = (rng.random((4, 5)) > 0.3) / 0.7
    _, grads = loss_and_gradients(p, b, targets, 0.01, keep)
    worst, step = 0.0, 1e-6
    for name, values in p.items():
        for index in np.ndindex(values.shape):
            old = values[index]
            values[index] = old + step
            up, _ = loss_and_gradients(p, b, targets, 0.01, keep)
            values[index] = old - step
            down, _ = loss_and_gradients(p, b, targets, 0.01, keep)
            values[index] = old
            worst = max(worst, abs((up - down) / (2 * step) - grads[name][index]))
    return worst


# ---- what the network reads -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """One set of turns, ready to batch."""

    token_ids: list[list[int]]
    context: np.ndarray
    side: np.ndarray
    targets: np.ndarray

    def batch(self, rows: np.ndarray, table: np.ndarray, scale: float) -> Batch:
        ids = [self.token_ids[r][:MAX_TOKENS] for r in rows]
        longest = max(1, *(len(x) for x in ids))
        tokens = np.zeros((len(rows), longest, table.shape[1]), np.float32)
        mask = np.zeros((len(rows), longest), np.float32)
        for i, x in enumerate(ids):
            tokens[i, : len(x)] = table[x] / scale
            mask[i, : len(x)] = 1
        return Batch(tokens, mask, self.context[rows], self.side[rows])


def read_inputs(turns: list[LabelledTurn], rules: OfflineTagger, embedder: Embedder) -> Inputs:
    """Token ids, the client's line as a vector, and the rule tagger's moves and the client cues as side inputs."""
    side = []
    for turn in turns:
        moves, cues = rules.tag(turn.text, turn.context), client_cues(turn.context)
        side.append([m in moves for m in MOVES] + [c in cues for c in ClientCue])
    return Inputs(
        token_ids=[embedder.tokenizer.encode(turn.text).ids for turn in turns],
        context=np.array(
            [embedder.embed(turn.context) if turn.context else np.zeros(DIMENSIONS) for turn in turns],
            np.float32,
        ),
        side=np.array(side, np.float32),
        targets=labels(turns).astype(np.float32),
    )


def joined(parts: list[Inputs]) -> Inputs:
    return Inputs(
        [ids for part in parts for ids in part.token_ids],
        np.vstack([part.context for part in parts]),
        np.vstack([part.side for part in parts]),
        np.vstack([part.targets for part in parts]),
    )


class Network:
    def __init__(self, embedder: Embedder, config: Config) -> None:
        self.table, self.config = embedder.table, config
        self.scale = float(
            np.median(np.linalg.norm(embedder.table, axis=1))
        )  # token vectors near unit length

    def fit(self, data: Inputs) -> Params:
        config = self.config
        p = init_params(self.table.shape[1], data.side.shape[1], len(MOVES), config)
        first = {k: np.zeros_like(v) for k, v in p.items()}
        second = {k: np.zeros_like(v) for k, v in p.items()}
        rng = np.random.default_rng(config.seed)
        step = 0
        for _ in range(config.epochs):
            order = rng.permutation(len(data.token_ids))
            for start in range(0, len(order), config.batch):
                rows = order[start : start + config.batch]
                keep = (rng.random((len(rows), config.hidden)) > config.dropout) / (1 - config.dropout)
                _, grads = loss_and_gradients(
                    p,
                    data.batch(rows, self.table, self.scale),
                    data.targets[rows],
                    config.l2,
                    keep.astype(np.float32),
                )
                step += 1
                for name in p:  # Adam
                    first[name] = 0.9 * first[name] + 0.1 * grads[name]
                    second[name] = 0.999 * second[name] + 0.001 * grads[name] ** 2
                    p[name] -= (
                        config.learning_rate
                        * (first[name] / (1 - 0.9**step))
                        / (np.sqrt(second[name] / (1 - 0.999**step)) + 1e-8)
                    )
        return p

    def logits(self, p: Params, data: Inputs) -> np.ndarray:
        rows = np.arange(len(data.token_ids))
        return np.vstack(
            [
                forward(p, data.batch(rows[s : s + 256], self.table, self.scale))[0]
                for s in range(0, len(rows), 256)
            ]
        )


# ---- scoring, as training.py and the reader decide ----------------------------------------------------------


def thresholds_for(logits: np.ndarray, targets: np.ndarray) -> np.ndarray:
    return np.array(
        [
            best_threshold(logits[:, c], targets[:, c], PRECISION_FIRST.get(m, 1.0))
            for c, m in enumerate(MOVES)
        ]
    )


def report(logits: np.ndarray, thresholds: np.ndarray, turns: list[LabelledTurn]) -> Report:
    """Moves chosen by threshold, then the reader's codebook conventions; scored like `evaluate.score`."""
    chosen = [
        set(_settle({m for c, m in enumerate(MOVES) if row[c] >= thresholds[c]}, turn.text, turn.context))
        for row, turn in zip(logits, turns, strict=True)
    ]
    scores = [
        MoveScore(
            move,
            support=sum(move in turn.moves for turn in turns),
            predicted=sum(move in moves for moves in chosen),
            true_positives=sum(
                move in moves and move in turn.moves for moves, turn in zip(chosen, turns, strict=True)
            ),
        )
        for move in MOVES
    ]
    return Report(tuple(scores), (), len(turns))


def cross_validated(logits_by_author: list[np.ndarray], authors: list[AuthorSet]) -> Report:
    """Pooled out-of-fold figures, thresholds chosen on the pooled out-of-fold logits (as training does)."""
    logits = np.vstack(logits_by_author)
    turns = [turn for author in authors for turn in author.turns]
    return report(logits, thresholds_for(logits, labels(turns)), turns)


# ---- the experiments -----------------------------------------------------------------------------------------


def linear_logits(
    matrices: list[sparse.csr_matrix], targets: list[np.ndarray], fit_on: list[int], score: list[int]
) -> dict[int, np.ndarray]:
    weights, bias = fit_logits(
        sparse.vstack([matrices[i] for i in fit_on]).tocsr(), np.vstack([targets[i] for i in fit_on])
    )
    return {i: np.asarray(matrices[i] @ weights + bias, np.float32) for i in score}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check-gradients", action="store_true")
    parser.add_argument("--held-out", action="store_true", help="the one look at the held-out authors")
    parser.add_argument("--blend", type=float, default=0.5, help="the network's weight in the blend")
    args = parser.parse_args()
    if args.check_gradients:
        print(f"largest gradient gap: {check_gradients():.2e}")
        return
    started = time.perf_counter()
    splits, rules, embedder = load_splits(), OfflineTagger(), shared_embedder()
    authors = splits.train
    inputs = [read_inputs(a.turns, rules, embedder) for a in authors]
    if args.held_out:
        held_out(args.blend, authors, inputs, rules, embedder)
        return
    matrices = [design(a.turns, rules, embedder) for a in authors]
    targets = [labels(a.turns) for a in authors]
    others = [[g for g in range(len(authors)) if g != h] for h in range(len(authors))]
    linear = [linear_logits(matrices, targets, others[h], [h])[h] for h in range(len(authors))]
    print(f"linear reader: CV macro-F1 {cross_validated(linear, authors).macro_f1:.3f}", flush=True)

    networks = []
    for seed in (0, 1):
        network = Network(embedder, Config(seed=seed))
        oof = [
            network.logits(network.fit(joined([inputs[g] for g in others[h]])), inputs[h])
            for h in range(len(authors))
        ]
        networks.append(oof)
        print(f"CNN alone, seed {seed}: CV macro-F1 {cross_validated(oof, authors).macro_f1:.3f}", flush=True)
    mean = [(a + b) / 2 for a, b in zip(*networks, strict=True)]
    print(f"CNN alone, mean of 2 seeds: CV macro-F1 {cross_validated(mean, authors).macro_f1:.3f}")
    for weight in (0.3, 0.4, 0.5, 0.7):
        blend = [(1 - weight) * lin + weight * net for lin, net in zip(linear, mean, strict=True)]
        print(f"blend, network weight {weight}: CV macro-F1 {cross_validated(blend, authors).macro_f1:.3f}")
    print(
        cross_validated(
            [0.5 * lin + 0.5 * net for lin, net in zip(linear, mean, strict=True)], authors
        ).table()
    )

    print(f"({time.perf_counter() - started:.0f} s)")


def held_out(
    weight: float, authors: list[AuthorSet], inputs: list[Inputs], rules: OfflineTagger, embedder: Embedder
) -> None:
    """The blend trained on every train author, thresholds from its out-of-fold logits; aggregate figures only."""
    matrices = [design(a.turns, rules, embedder) for a in authors]
    targets = [labels(a.turns) for a in authors]
    others = [[g for g in range(len(authors)) if g != h] for h in range(len(authors))]
    linear = np.vstack([linear_logits(matrices, targets, others[h], [h])[h] for h in range(len(authors))])
    networks = [Network(embedder, Config(seed=seed)) for seed in (0, 1)]
    oof = np.mean(
        [
            np.vstack(
                [
                    n.logits(n.fit(joined([inputs[g] for g in others[h]])), inputs[h])
                    for h in range(len(authors))
                ]
            )
            for n in networks
        ],
        axis=0,
    )
    train_turns = [turn for author in authors for turn in author.turns]
    thresholds = thresholds_for((1 - weight) * linear + weight * oof, labels(train_turns))

    test = [turn for author in load_splits().test for turn in author.turns]
    shipped = shipped_weights()  # the linear reader as `make train` fits it on every train author
    test_linear = np.array(
        [
            shipped.scores(
                hashed(turn_features(t.text, t.context, rules.tag(t.text, t.context))),
                dense_features(t.text, embedder),
            )
            for t in test
        ]
    )
    test_inputs, everything = read_inputs(test, rules, embedder), joined(inputs)
    test_network = np.mean([n.logits(n.fit(everything), test_inputs) for n in networks], axis=0)
    blended = report((1 - weight) * test_linear + weight * test_network, thresholds, test)
    linear_only = report(test_linear, shipped.thresholds, test)
    print(f"== blend (network weight {weight}), held-out authors ==\n{blended.table()}")
    print(f"held-out macro-F1: linear reader {linear_only.macro_f1:.3f}, blend {blended.macro_f1:.3f}")


if __name__ == "__main__":
    main()
