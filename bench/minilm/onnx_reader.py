"""Reading turns with an exported reader in onnxruntime: one thread, one turn at a time, as the app would."""

import numpy as np
import onnxruntime as ort
from common import MODEL_DIR, pair
from tokenizers import Tokenizer

MAX_TOKENS = 96


def tokenizer() -> Tokenizer:
    tk = Tokenizer.from_file(f"{MODEL_DIR}/tokenizer.json")
    tk.enable_truncation(max_length=MAX_TOKENS, strategy="only_first")
    return tk


def session(path: str) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def probabilities(model: ort.InferenceSession, tk: Tokenizer, turns) -> np.ndarray:
    """One row of move probabilities per turn."""
    rows = []
    for turn in turns:
        e = tk.encode(*pair(turn))
        feed = {
            "input_ids": np.array([e.ids]),
            "attention_mask": np.array([e.attention_mask]),
            "token_type_ids": np.array([e.type_ids]),
        }
        rows.append(model.run(None, feed)[0][0])
    return np.array(rows)
