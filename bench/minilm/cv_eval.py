"""CV scores on TRAIN authors only: fine-tuned per epoch, linear reader, blends.
usage: python cv_eval.py TAG LINEAR_OOF_NPZ [EPOCHS]"""

import json
import sys
from pathlib import Path

import numpy as np
from common import MOVES, OUT, goals, nested_cv_score, score_predictions, train_authors

tag, lin_path = sys.argv[1], sys.argv[2]
epochs = [int(e) for e in sys.argv[3].split(",")] if len(sys.argv) > 3 else [1, 2, 3]
authors = train_authors()
lin = np.load(lin_path)


def sig(x):
    return 1 / (1 + np.exp(-x))


res = {}
# linear reader: its own decisions (thresholds tuned inside each training fold), settled
preds, turns = [], []
for a in authors:
    d = lin[f"dec_{a.author}"]
    preds += [[m for m, on in zip(MOVES, row, strict=False) if on] for row in d]
    turns += a.turns
r = score_predictions(turns, preds)
print(f"linear reader ({lin_path}): {goals(r)}")
res["linear"] = r.macro_f1
linp = {a.author: sig(lin[f"margin_{a.author}"]) for a in authors}
for ep in epochs:
    try:
        ft = {a.author: np.load(f"{OUT}/ft_{tag}_{a.author}_ep{ep}.npy") for a in authors}
    except FileNotFoundError:
        continue
    nested, pooled, per, th = nested_cv_score(authors, ft)
    print(
        f"ft {tag} ep{ep}: nested {goals(nested)} | pooled-th {pooled.macro_f1:.3f} | "
        + " ".join(f"{k} {v:.3f}" for k, v in per.items())
    )
    res[f"ft_ep{ep}"] = nested.macro_f1
    for w in (0.3, 0.5, 0.7):
        bl = {k: w * ft[k] + (1 - w) * linp[k] for k in ft}
        nested_b, pooled_b, per_b, th_b = nested_cv_score(authors, bl)
        print(
            f"   blend w_ft={w}: nested {goals(nested_b)} | pooled-th {pooled_b.macro_f1:.3f} | "
            + " ".join(f"{k} {v:.3f}" for k, v in per_b.items())
        )
        res[f"blend_ep{ep}_w{w}"] = nested_b.macro_f1
Path(f"{OUT}/cv_eval_{tag}.json").write_text(json.dumps(res, indent=1))
if "--table" in sys.argv:
    best = max((k for k in res if k.startswith("ft_")), key=res.get)
    ep = int(best[5:])
    ft = {a.author: np.load(f"{OUT}/ft_{tag}_{a.author}_ep{ep}.npy") for a in authors}
    print(best)
    print(nested_cv_score(authors, ft)[0].table())
