"""Step 1: frozen MiniLM mean-pooled embeddings (turn, context) + LR per move; LOAO over train authors."""

import json
import os
import time
from pathlib import Path

import numpy as np
import torch
from common import MODEL_DIR, MOVES, OUT, goals, labels, nested_cv_score, train_authors
from sklearn.linear_model import LogisticRegression
from transformers import AutoModel, AutoTokenizer

torch.set_num_threads(int(os.environ.get("NT", "2")))
t0 = time.time()
tok = AutoTokenizer.from_pretrained(MODEL_DIR)
enc = AutoModel.from_pretrained(MODEL_DIR).eval()


@torch.no_grad()
def embed(texts, bs=64):
    out = []
    for i in range(0, len(texts), bs):
        b = tok(texts[i : i + bs], padding=True, truncation=True, max_length=96, return_tensors="pt")
        h = enc(**b).last_hidden_state
        m = b["attention_mask"].unsqueeze(-1).float()
        e = (h * m).sum(1) / m.sum(1)
        out.append(torch.nn.functional.normalize(e, dim=-1).numpy())
    return np.vstack(out)


authors = train_authors()
X, Y = {}, {}
for a in authors:
    et = embed([t.text for t in a.turns])
    ec = embed([t.context or "" for t in a.turns]) * np.array([[t.context is not None] for t in a.turns])
    X[a.author] = np.hstack([et, ec, np.array([[t.context is None] for t in a.turns], dtype=np.float32)])
    Y[a.author] = labels(a.turns)
print("embedded", time.time() - t0, flush=True)
np.savez(f"{OUT}/frozen_emb.npz", **{f"X_{k}": v for k, v in X.items()})
res = {}
for C in (1.0, 4.0, 16.0):
    probs = {}
    for a in authors:
        tr = [b.author for b in authors if b.author != a.author]
        Xtr = np.vstack([X[b] for b in tr])
        Ytr = np.vstack([Y[b] for b in tr])
        P = np.zeros((len(a.turns), len(MOVES)))
        for c in range(len(MOVES)):
            lr = LogisticRegression(C=C, max_iter=2000).fit(Xtr, Ytr[:, c])
            P[:, c] = lr.predict_proba(X[a.author])[:, 1]
        probs[a.author] = P
    nested, pooled, per, th = nested_cv_score(authors, probs)
    print(
        f"C={C}: nested {goals(nested)} | pooled-th macro {pooled.macro_f1:.3f} | per-author "
        + " ".join(f"{k} {v:.3f}" for k, v in per.items()),
        f"{time.time() - t0:.0f}s",
        flush=True,
    )
    res[C] = nested.macro_f1
    np.savez(f"{OUT}/frozen_oof_C{C}.npz", **probs)
best = max(res, key=res.get)
print("best C", best)
probs = dict(np.load(f"{OUT}/frozen_oof_C{best}.npz"))
nested, pooled, per, th = nested_cv_score(authors, probs)
print(nested.table())
Path(f"{OUT}/frozen_cv.json").write_text(json.dumps({"by_C": res, "best_C": best}))
