"""(main venv) The SHIPPED linear reader's margins (logit - threshold) on the test authors' turns, saved for
the one final blend score. Prints nothing about the text."""

import sys

import numpy as np
from paths import ROOT, WORK

sys.path.insert(0, str(ROOT))
from app.tag.features import dense_features, hashed, turn_features
from app.tag.reader import LearnedTagger, shipped_weights
from app.tag.training import load_splits

splits = load_splits()
w = shipped_weights()
print("shipped weights corpus", w.corpus, "train fingerprint", splits.fingerprint)
tg = LearnedTagger(w)
out = {}
for a in splits.test:
    out[a.author] = np.array(
        [
            w.scores(
                hashed(turn_features(t.text, t.context, tg.rules.tag(t.text, t.context))),
                dense_features(t.text, tg.embedder),
            )
            - w.thresholds
            for t in a.turns
        ],
        dtype=np.float32,
    )
np.savez(str(WORK) + "/out/linear_test_margins.npz", **out)
print("saved", {k: v.shape for k, v in out.items()})
