"""Sentences a client says more than once in a run: the mark of a template talking. Pure."""

from __future__ import annotations

from app.voice.scripted import sentence_keys

# One-word sentences ("Yes.", "Ha.", "Sorry.") are interjections that people repeat; they are not counted
# unless asked for (min_words=1).
MIN_WORDS = 2


def repeated_sentences(replies: list[str], min_words: int = MIN_WORDS) -> list[str]:
    """Each sentence of at least `min_words` words that was already said earlier in the run (once per repeat,
    in order)."""
    said: set[str] = set()
    repeats: list[str] = []
    for reply in replies:
        keys = [key for key in sentence_keys(reply) if len(key.split()) >= min_words]
        repeats += [key for key in keys if key in said]
        said.update(keys)
    return repeats
