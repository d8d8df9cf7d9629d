"""Variant of int8_cv.py: dynamic int8 with per-channel weight scales (onnxruntime quantize_dynamic
per_channel=True) for the two v2 ep5 fold models and the final model; nested CV vs fp32.
usage: python int8pc_cv.py"""

import numpy as np
from common import OUT, goals, nested_cv_score, train_authors
from onnx_reader import probabilities, session, tokenizer
from onnxruntime.quantization import QuantType, quantize_dynamic
from paths import WORK

tk = tokenizer()
authors = train_authors()
for prefix in [
    f"{WORK}/onnx/v2_foldauthor-a+author-d_ep5",
    f"{WORK}/onnx/v2_foldauthor-b+author-e+legacy_ep5",
    f"{WORK}/onnx/v2_final_ep5",
]:
    quantize_dynamic(
        f"{prefix}.fp32.onnx", f"{prefix}.int8pc.onnx", weight_type=QuantType.QInt8, per_channel=True
    )
for g in (["author-a", "author-d"], ["author-b", "author-e", "legacy"]):
    model = session(f"{WORK}/onnx/v2_fold{'+'.join(g)}_ep5.int8pc.onnx")
    for h in g:
        a = next(x for x in authors if x.author == h)
        P = probabilities(model, tk, a.turns)
        np.save(f"{OUT}/ft_v2int8pc_{h}_ep5.npy", P)
fp = {a.author: np.load(f"{OUT}/ft_v2_{a.author}_ep5.npy") for a in authors}
q = {a.author: np.load(f"{OUT}/ft_v2int8pc_{a.author}_ep5.npy") for a in authors}
print(
    "per-channel: max |p_int8 - p_fp32|",
    max(np.abs(fp[k] - q[k]).max() for k in fp),
    "mean",
    np.mean([np.abs(fp[k] - q[k]).mean() for k in fp]),
)
n, p, per, th = nested_cv_score(authors, q)
print(f"int8 per-channel onnx ep5: nested {goals(n)} | pooled-th {p.macro_f1:.3f}")
