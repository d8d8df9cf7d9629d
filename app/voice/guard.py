"""Checks a model's reply before the learner sees it: not empty, in character, not a repeat of its prompt.

Pure text checks, no model. `Guard.vet` judges a whole reply; `GuardedStream` releases a streamed reply as
it passes, always holding the newest words back so that a phrase is judged whole before any of it is shown.
"""

import re

from app.domain.voicing import VoiceRequest
from app.voice.prompt import instructions
from app.voice.reply import VoiceFault

EMPTY = "the model returned an empty reply"
ECHO = "the model repeated its prompt"
OUT_OF_CHARACTER = "the model's reply broke character"

# A run of this many words shared with the prompt's own wording (or the coach's last turn) is an echo.
ECHO_WORDS = 6
# A streamed reply is shown only up to this many words behind its newest word. A phrase of n words is judged
# when its last word arrives; holding n - 1 words back means none of it was shown before. No phrase below and
# no echo run is longer than ECHO_WORDS.
HOLD_WORDS = ECHO_WORDS - 1

OUT_OF_CHARACTER_PHRASES = re.compile(
    "|".join(
        f"(?:{pattern})"
        for pattern in (
            # Speaking as a machine or about the exercise.
            r"\bas an? (?:ai|artificial intelligence|language model|assistant|chatbot)\b",
            r"\b(?:i am|i'm) (?:just )?(?:an? )?(?:ai|language model|chatbot|(?:virtual|ai) assistant)\b",
            r"\blanguage model\b|\bsystem prompt\b|\bcharacter (?:sheet|card)\b|\bout of character\b",
            r"\brole-?play(?:ing)?\b|\bthis simulation\b|\bmy (?:instructions|prompt|persona)\b",
            r"\btrust (?:level|score|meter)s?\b|\brubrics?\b|\bopenness\b|\bdisclosures?\b",
            # Coaching the coach instead of being coached.
            r"\bas (?:a|my|your|the) coach,? you\b|\bactive listening\b|\bopen(?:-ended)? questions?\b",
            r"\b(?:you should|you could|you might want to|try|consider) (?:ask(?:ing)?|reflect(?:ing)?|"
            r"paraphras(?:e|ing)|summari[sz](?:e|ing)) (?:me|my|what|back|how)\b",
            r"\bcoaching (?:skills?|tips?|feedback|competenc(?:y|ies))\b",
        )
    ),
    re.IGNORECASE,
)
WORD = re.compile(r"[a-z0-9']+")
SPAN = re.compile(r"\S+")


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _runs(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + ECHO_WORDS]) for i in range(len(words) - ECHO_WORDS + 1)}


class Guard:
    def __init__(self, request: VoiceRequest) -> None:
        last = request.history[-1] if request.history else None
        self.coach_said = last.text if last and last.speaker == "coach" else ""
        self.echoes = set().union(*(_runs(text) for text in [*instructions(request), self.coach_said]))
        names = {request.profile.name, request.profile.name.split()[0]}
        alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
        self.label = re.compile(
            rf"^\s*(?:\*\*)?(?:{alternatives})(?:\*\*)?\s*:\s*(?:\*\*)?\s*", re.IGNORECASE
        )

    def tidy(self, raw: str) -> str:
        """Drop leading space and a speaker label ("Sam: ...") that some models put before the words."""
        return self.label.sub("", raw, count=1).lstrip()

    def check(self, text: str) -> None:
        parroted = bool(self.coach_said) and _words(text) == _words(self.coach_said)
        if parroted or not _runs(text).isdisjoint(self.echoes):
            raise VoiceFault(ECHO)
        if OUT_OF_CHARACTER_PHRASES.search(text):
            raise VoiceFault(OUT_OF_CHARACTER)

    def vet(self, raw: str) -> str:
        """The whole reply, tidied, if it may be shown; VoiceFault otherwise."""
        text = self.tidy(raw).rstrip()
        if not _words(text):
            raise VoiceFault(EMPTY)
        self.check(text)
        return text


class GuardedStream:
    """Feed it the model's chunks; it returns the part that may be shown now (possibly empty)."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard
        self.raw = ""
        self.shown = 0  # characters of the tidied text already released

    def feed(self, chunk: str) -> str:
        self.raw += chunk
        text = self.guard.tidy(self.raw)
        spans = list(SPAN.finditer(text))
        if len(spans) <= HOLD_WORDS:
            return ""
        self.guard.check(text)
        return self._release(text, spans[-HOLD_WORDS].start())

    def finish(self) -> str:
        text = self.guard.vet(self.raw)
        return self._release(text, len(text))

    def _release(self, text: str, end: int) -> str:
        piece = text[self.shown : end]
        self.shown = max(self.shown, end)
        return piece
