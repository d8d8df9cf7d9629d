"""The offline voice: speaks the act with the persona's own authored lines, deterministic per run seed.

A client who says the same sentence twice sounds like a template, so the voice remembers every sentence said in
the run and picks a line none of whose sentences has been said; when the act's lines for this level are spent
it reaches for its other authored lines (lower levels, a related act), then says only the part of a line not
said before ("That's it. Nobody's put it that simply before." once "That's it." is said), and only when every
sentence it has is said repeats the least.
"""

import hashlib
import random
import re
from collections.abc import AsyncIterator

from app.domain.voicing import VoiceRequest

# Sentence ends, except inside an ellipsis ("a couple of... physical moments" is one sentence).
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\.\.\.)\s+")
_NOT_WORDS = re.compile(r"[^a-z0-9' ]+")


def sentence_keys(text: str) -> list[str]:
    """The text's sentences as compared for repetition: lower case, punctuation and spacing ignored."""
    keys = (
        " ".join(_NOT_WORDS.sub(" ", part.lower().replace("’", "'")).split())
        for part in _SENTENCE_END.split(text)
    )
    return [key for key in keys if key]


def _seeded(options: list[str], request: VoiceRequest, salt: str) -> list[str]:
    digest = hashlib.sha256(f"{request.seed}:{request.turn}:{request.act.kind}:{salt}".encode()).digest()
    order = list(options)
    random.Random(digest).shuffle(order)
    return order


def _unsaid(line: str, said: set[str]) -> str:
    """The sentences of a line not said before, in order ("" when it has none)."""
    return " ".join(
        part.strip()
        for part in _SENTENCE_END.split(line)
        if part.strip() and not said & set(sentence_keys(part))
    )


def _pick(options: list[str], spare: list[str], said: set[str], request: VoiceRequest, salt: str) -> str:
    """A seeded choice among the lines with no sentence said before; the spare lines when all are used; then
    the unsaid part of a line; at worst the line that repeats the fewest sentences."""
    for pool in (options, spare):
        fresh = [line for line in _seeded(pool, request, salt) if not said & set(sentence_keys(line))]
        if fresh:
            return fresh[0]
    everything = _seeded([*options, *spare], request, salt)
    partly = next((rest for rest in (_unsaid(line, said) for line in everything) if rest), None)
    if partly is not None:
        return partly
    return min(everything, key=lambda line: len(said & set(sentence_keys(line))))


class ScriptedVoice:
    name = "scripted"

    def speak(self, request: VoiceRequest) -> str:
        earlier = [*request.client_said, *(u.text for u in request.history if u.speaker == "client")]
        said = {key for text in earlier for key in sentence_keys(text)}
        parts: list[str] = []

        def add(text: str) -> None:
            parts.append(text.strip())
            said.update(sentence_keys(text))

        if request.confirm_lines:
            add(_pick(request.confirm_lines, [], said, request, "confirm"))
        if request.scripted_lines:
            add(_pick(request.scripted_lines, request.spare_lines, said, request, "line"))
        if request.fact_text:
            add(request.fact_text)
        if request.disclosure_text:
            add(request.disclosure_text)
        if request.hint_lines:
            add(_pick(request.hint_lines, [], said, request, "hint"))
        return " ".join(parts)

    async def stream(self, request: VoiceRequest) -> AsyncIterator[str]:
        text = self.speak(request)
        for index, word in enumerate(text.split(" ")):
            yield word if index == 0 else " " + word
