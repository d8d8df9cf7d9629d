"""THE ONE LOOK at the test authors (aggregate scores only; no text printed).
usage: python held_out_eval.py TAG EP W_BLEND
 config 1: fine-tuned TAG (final model trained on all train authors, checkpoint at epoch EP), thresholds per
           move from the 2-fold train-author OOF probs at EP (pooled)
 config 2: blend W*p_ft + (1-W)*sigmoid(shipped linear margin), thresholds from the 2-fold OOF blend
Needs out/linear_test_margins.npz (linear_test_margins.py, main venv) and out/linear_oof_2fold.npz."""

import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
from common import (
    MODEL_DIR,
    OUT,
    decide,
    goals,
    labels,
    pair,
    score_predictions,
    thresholds_for,
    train_authors,
)
from reader import Reader
from transformers import AutoTokenizer

from app.tag.training import load_splits

torch.set_num_threads(1)
tag, ep, w = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])


def sig(x):
    return 1 / (1 + np.exp(-x))


authors = train_authors()
Y = np.vstack([labels(a.turns) for a in authors])
oof = np.vstack([np.load(f"{OUT}/ft_{tag}_{a.author}_ep{ep}.npy") for a in authors])
lin = np.load(f"{OUT}/linear_oof_2fold.npz")
lin_oof = np.vstack([sig(lin[f"margin_{a.author}"]) for a in authors])
th_ft = thresholds_for(oof, Y)
th_bl = thresholds_for(w * oof + (1 - w) * lin_oof, Y)

tok = AutoTokenizer.from_pretrained(MODEL_DIR)
model = Reader()
model.load_state_dict(torch.load(f"{OUT}/ft_{tag}_final_ep{ep}.pt"))
model.eval()
test = load_splits().test
turns = [t for a in test for t in a.turns]
t0 = time.time()
P = []
with torch.no_grad():
    for i in range(0, len(turns), 64):
        ctx, txt = zip(*[pair(t) for t in turns[i : i + 64]], strict=False)
        b = tok(
            list(ctx), list(txt), padding=True, truncation="only_first", max_length=96, return_tensors="pt"
        )
        P.append(torch.sigmoid(model(**b)).numpy())
P = np.vstack(P)
lm = np.load(f"{OUT}/linear_test_margins.npz")
L = np.vstack([sig(lm[a.author]) for a in test])
res = {}
for name, probs, th in (
    (f"fine-tuned {tag} ep{ep}", P, th_ft),
    (f"blend w_ft={w} ({tag} ep{ep} + shipped linear)", w * P + (1 - w) * L, th_bl),
):
    r = score_predictions(turns, decide(probs, th, turns))
    print(f"== {name}: held-out test authors ({len(turns)} turns) ==\n{r.table()}\n{goals(r)}\n")
    res[name] = {
        "macro_f1": r.macro_f1,
        "goals": goals(r),
        "per_move": {s.move.value: [s.precision, s.recall, s.f1, s.support] for s in r.scores},
    }
Path(f"{OUT}/test_results_{tag}_ep{ep}.json").write_text(json.dumps(res, indent=1))
print(f"predicted in {time.time() - t0:.0f}s")
