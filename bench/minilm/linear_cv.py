"""Leave-one-author-out CV of the shipped linear reader over the TRAIN authors only (main venv).
Saves per-author margins (logit - threshold) and settled decisions to out/linear_oof.npz."""

import json
import sys
import time
from pathlib import Path

import numpy as np
from paths import ROOT, WORK

sys.path.insert(0, str(ROOT))
from app.tag import training
from app.tag.evaluate import score
from app.tag.features import dense_features, hashed, turn_features
from app.tag.reader import LearnedTagger
from app.tag.training import MOVES, Splits, load_splits

t0 = time.time()
splits = load_splits()
train = splits.train
# optional argv[1]: ';'-separated groups of '+'-joined held authors; argv[2]: output tag
folds = [[a.author] for a in train] if len(sys.argv) < 2 else [g.split("+") for g in sys.argv[1].split(";")]
TAG = sys.argv[2] if len(sys.argv) > 2 else ""
margins, decisions, reports = {}, {}, {}
models = {}
for group in folds:
    w = training.train(Splits(train=[a for a in train if a.author not in group], test=[]))
    for h in group:
        models[h] = w
for held in train:
    w = models[held.author]
    tagger = LearnedTagger(w)
    m = []
    for t in held.turns:
        rm = tagger.rules.tag(t.text, t.context)
        logits = w.scores(
            hashed(turn_features(t.text, t.context, rm)), dense_features(t.text, tagger.embedder)
        )
        m.append(logits - w.thresholds)
    margins[held.author] = np.array(m, dtype=np.float32)
    preds = [tagger.tag(t.text, t.context) for t in held.turns]
    decisions[held.author] = np.array([[mv in p for mv in MOVES] for p in preds], dtype=np.int8)
    r = score(held.turns, tagger.tag)
    reports[held.author] = r.macro_f1
    print(held.author, f"{r.macro_f1:.3f}", f"{time.time() - t0:.0f}s", flush=True)
# pooled
allturns = [t for a in train for t in a.turns]
allpred = [p for a in train for p in decisions[a.author]]
it = iter(allpred)
pooled = score(allturns, lambda text, ctx: [mv for mv, on in zip(MOVES, next(it), strict=False) if on])
print(pooled.table())
print("per-author mean", np.mean(list(reports.values())))
np.savez(
    f"{WORK}/out/linear_oof{TAG}.npz",
    **{f"margin_{k}": v for k, v in margins.items()},
    **{f"dec_{k}": v for k, v in decisions.items()},
)
Path(f"{WORK}/out/linear_cv{TAG}.json").write_text(
    json.dumps({"pooled_macro_f1": pooled.macro_f1, "per_author": reports}, indent=1)
)
print("done", time.time() - t0)
