"""What the move reader sees of a learner turn: named features of its words, its sentences and its context.

Pure. One function (`turn_features`) serves training and reading, so both see exactly the same thing. Features
are named strings with a weight; `hashed` maps them to a fixed-size index space with a stable hash (crc32, not
Python's salted `hash`), so the trained weights do not depend on a vocabulary file.

Blocks:
- words: uni-, bi- and trigrams of the cleaned turn (shorthand expanded), with sentence boundaries;
- characters: 3-5-grams inside words of the raw, lower-cased turn, so typos and odd spellings still match;
- sentences: how each sentence opens (its first words after "so", "okay", ...), whether it asks, and how;
- context: whether the client just touched on something and pulled back, declined, or asked the coach; those
  facts crossed with how the coach's sentences open ("would it" after a pull-back is a permission request);
- echo: how much of the turn repeats the client's last message (parroting versus adding meaning);
- rules: the rule tagger's reading, as evidence the model weighs (not a decision);
- meaning (`dense_features`): static word embeddings of the whole turn and of its first and last sentences,
  so that a wording never seen in training still lands near the ones that were.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter

from app.domain.codebook import Move
from app.tag.context import ClientCue, client_cues
from app.tag.embedding import DIMENSIONS as EMBEDDING_DIMENSIONS
from app.tag.embedding import Embedder, Vector
from app.tag.text import (
    clean,
    content_words,
    interrogative_kind,
    is_question,
    normalise,
    split_sentences,
    strip_discourse,
    words,
)

DIMENSIONS = 1 << 16
DENSE_DIMENSIONS = EMBEDDING_DIMENSIONS
DENSE_SCALE = 2.0  # how loud the embeddings speak next to the sparse blocks (chosen by cross-validation)

Features = dict[str, float]
_NON_WORD = re.compile(r"[^a-z0-9' ]+")
_MINIMAL = re.compile(
    r"^(?:m+|mm+h*m*|mhm+|hm+|uh[- ]?huh|ah+|oh+|\.+|…+|\(?(?:pause|silence|nods?)\)?)[.!…]*$"
)


def _bin(value: float, edges: tuple[float, ...]) -> int:
    return sum(value >= edge for edge in edges)


def _word_ngrams(sentences: list[str]) -> Counter[str]:
    grams: Counter[str] = Counter()
    for sentence in sentences:
        tokens = ["<s>", *words(sentence), "</s>"]
        for n in (1, 2, 3):
            for i in range(len(tokens) - n + 1):
                gram = tokens[i : i + n]
                if n == 1 and gram[0] in ("<s>", "</s>"):
                    continue
                grams["w:" + " ".join(gram)] += 1
    return grams


def _char_ngrams(text: str) -> Counter[str]:
    grams: Counter[str] = Counter()
    for word in _NON_WORD.sub(" ", text).split():
        padded = f" {word} "
        for n in (3, 4, 5):
            for i in range(len(padded) - n + 1):
                grams["c:" + padded[i : i + n]] += 1
    return grams


def _normalised_block(grams: Counter[str], weight: float) -> Features:
    """Binary presence, scaled so that a long turn's block weighs as much as a short one's."""
    if not grams:
        return {}
    scale = weight / math.sqrt(len(grams))
    return dict.fromkeys(grams, scale)


def _sentence_features(sentences: list[str], cues: frozenset[ClientCue]) -> Features:
    found: Features = {}
    for position, sentence in enumerate(sentences):
        lead_words = words(strip_discourse(sentence.lower()))[:3]
        kind = interrogative_kind(sentence) or ("tag" if sentence.rstrip().endswith("?") else "stmt")
        if kind == "tag" and not is_question(sentence):
            kind = "stmt"
        marks = [f"kind:{kind}"]
        for n in (1, 2, 3):
            if len(lead_words) >= n:
                marks.append(f"lead{n}:{' '.join(lead_words[:n])}")
                marks.append(f"lead{n}|{kind}:{' '.join(lead_words[:n])}")
        if position == len(sentences) - 1:
            marks.append(f"last|kind:{kind}")
        for mark in marks:
            found[mark] = 1.0
            for cue in cues:  # the same opening means something else after a pull-back or a refusal
                found[f"{cue.value}|{mark}"] = 1.0
    return found


def _echo_features(text: str, context: str | None) -> Features:
    if not context:
        return {"ctx:none": 1.0}
    own = content_words(text)
    theirs = content_words(context)
    if not own:
        return {"echo:empty": 1.0}
    shared = own & theirs
    share = len(shared) / len(own)
    novel = len(own - theirs)
    found = {
        f"echo:share{_bin(share, (0.01, 0.25, 0.5, 0.75, 0.95))}": 1.0,
        f"echo:novel{_bin(novel, (1, 2, 4, 8))}": 1.0,
    }
    turn_words, context_words = words(text), words(context)
    if len(turn_words) >= 4 and _longest_common_run(turn_words, context_words) >= 0.7 * len(turn_words):
        found["echo:verbatim"] = 1.0
    return found


def _longest_common_run(a: list[str], b: list[str]) -> int:
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def _shape_features(raw: str, sentences: list[str]) -> Features:
    tokens = words(raw)
    found = {
        f"len:{_bin(len(tokens), (1, 2, 4, 9, 20, 40))}": 1.0,
        f"sentences:{min(len(sentences), 4)}": 1.0,
        f"questions:{min(sum(is_question(s) for s in sentences), 3)}": 1.0,
    }
    if _MINIMAL.match(raw.strip()):
        found["shape:minimal"] = 1.0
    return found


def turn_features(text: str, context: str | None, rule_moves: list[Move]) -> Features:
    """Every named feature of one learner turn, given the client's previous message and the rules' reading."""
    raw = normalise(text)
    sentences = split_sentences(clean(text)) or [clean(text)]
    cues = client_cues(context)
    features: Features = {}
    features.update(_normalised_block(_word_ngrams(sentences), 1.0))
    features.update(_normalised_block(_char_ngrams(raw), 1.0))
    features.update(_sentence_features(sentences, cues))
    features.update(_echo_features(text, context))
    features.update(_shape_features(raw, sentences))
    features.update({f"cue:{cue.value}": 1.0 for cue in cues})
    features.update({f"rule:{move.value}": 1.0 for move in rule_moves})
    for cue in cues:
        features.update({f"{cue.value}|rule:{move.value}": 1.0 for move in rule_moves})
    features["bias"] = 1.0
    return features


def hashed(features: Features) -> dict[int, float]:
    """Feature weights by index in a ``DIMENSIONS``-wide space; colliding features add up."""
    indexed: dict[int, float] = {}
    for name, value in features.items():
        index = zlib.crc32(name.encode("utf-8")) % DIMENSIONS
        indexed[index] = indexed.get(index, 0.0) + value
    return indexed


def dense_features(text: str, embedder: Embedder) -> Vector:
    """The turn's meaning as one vector."""
    vector: Vector = embedder.embed(text) * DENSE_SCALE
    return vector
