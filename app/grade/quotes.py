"""Evidence quotes: short, exact substrings of the turn they cite. Nothing here paraphrases or adds an
ellipsis, so `is_verbatim` holds for every quote the grader and report produce."""

from __future__ import annotations

import re
from collections.abc import Callable

from app.domain.transcript import Transcript
from app.tag.text import split_sentences

MAX_QUOTE_WORDS = 25
_WORD = re.compile(r"\S+")


def sentences(text: str) -> list[str]:
    """The turn's sentences as exact substrings of it, in order (the whole turn if they cannot be located)."""
    found: list[str] = []
    position = 0
    for sentence in split_sentences(text):
        start = text.find(sentence.strip(), position)
        if start < 0 or not sentence.strip():
            continue
        found.append(text[start : start + len(sentence.strip())])
        position = start + len(sentence.strip())
    return found or [text.strip()]


def trim(quote: str, max_words: int = MAX_QUOTE_WORDS) -> str:
    """The quote cut after `max_words` words, still an exact substring."""
    ends = [match.end() for match in _WORD.finditer(quote)]
    return quote if len(ends) <= max_words else quote[: ends[max_words - 1]]


def quote(text: str, prefer: Callable[[str], bool] | None = None) -> str:
    """A short exact quote of the turn: all of it if short, else the first sentence `prefer` picks."""
    stripped = text.strip()
    if len(_WORD.findall(stripped)) <= MAX_QUOTE_WORDS:
        return stripped
    parts = sentences(text)
    chosen = next((part for part in parts if prefer is not None and prefer(part)), parts[0])
    return trim(chosen)


def is_verbatim(transcript: Transcript, turn: int, text: str, speaker: str = "coach") -> bool:
    """Whether `text` is a non-empty exact substring of turn `turn` (0-based), a turn of `speaker`."""
    if not text or not 0 <= turn < len(transcript.turns):
        return False
    utterance = transcript.turns[turn]
    return utterance.speaker == speaker and text in utterance.text
