"""Does int8 change the CV score? For each fold model (saved by finetune.py --save_models) at epoch EP:
export -> quantise -> read the fold's held-out TRAIN authors with onnxruntime (1 thread, tokenizers, batch 1)
-> nested CV score vs the fp32 torch OOF probs. usage: python int8_cv.py TAG EP [int8|int8pc]
(int8: one weight scale per tensor, the default; int8pc: one per channel)"""

import os
import subprocess
import sys

import numpy as np
from common import OUT, goals, nested_cv_score, train_authors
from onnx_reader import probabilities, session, tokenizer
from paths import WORK

tag, ep = sys.argv[1], int(sys.argv[2])
kind = sys.argv[3] if len(sys.argv) > 3 else "int8"
folds = [["author-a", "author-d"], ["author-b", "author-e", "legacy"]]
authors = train_authors()

tk = tokenizer()
for g in folds:
    prefix = f"{WORK}/onnx/{tag}_fold{'+'.join(g)}_ep{ep}"
    if not os.path.exists(f"{prefix}.{kind}.onnx"):
        subprocess.run(
            [sys.executable, "export_onnx.py", f"{OUT}/ft_{tag}_fold{'+'.join(g)}_ep{ep}.pt", prefix],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    model = session(f"{prefix}.{kind}.onnx")
    for h in g:
        a = next(x for x in authors if x.author == h)
        P = probabilities(model, tk, a.turns)
        np.save(f"{OUT}/ft_{tag}{kind}_{h}_ep{ep}.npy", P)
fp = {a.author: np.load(f"{OUT}/ft_{tag}_{a.author}_ep{ep}.npy") for a in authors}
q = {a.author: np.load(f"{OUT}/ft_{tag}{kind}_{a.author}_ep{ep}.npy") for a in authors}
print(
    f"max |p_{kind} - p_fp32|",
    max(np.abs(fp[k] - q[k]).max() for k in fp),
    "mean",
    np.mean([np.abs(fp[k] - q[k]).mean() for k in fp]),
)
for name, P in (("fp32 torch", fp), (f"{kind} onnx", q)):
    n, p, per, th = nested_cv_score(authors, P)
    print(f"{name} ep{ep}: nested {goals(n)} | pooled-th {p.macro_f1:.3f}")
