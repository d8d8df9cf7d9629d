"""Checks a model's reply before the learner sees it: not empty, in character, not a repeat of its prompt.

Pure text checks, no model. `Guard.vet` judges a whole reply; `GuardedStream` releases a streamed reply as
it passes, holding back only the newest words that could still turn into something the guard refuses.
"""

import re
from bisect import bisect_right

import regex

from app.domain.voicing import VoiceRequest
from app.voice.prompt import instructions
from app.voice.reply import VoiceFault

EMPTY = "the model returned an empty reply"
ECHO = "the model repeated its prompt"
OUT_OF_CHARACTER = "the model's reply broke character"

# A run of this many words shared with the prompt's own wording (or the coach's last turn) is an echo.
ECHO_WORDS = 6
# The most finished words a stream holds back (besides a last word that may be cut off mid-chunk): the start
# of an echo run, or of a phrase below, one word short of being judged. No phrase below and no echo run is
# longer than ECHO_WORDS words. (A held word takes along words joined to it without a space, "well,never".)
HOLD_WORDS = ECHO_WORDS - 1
# How many finished spans (words with their punctuation) a stream re-reads before new text for a phrase that
# spans old and new words: no phrase spans more than ECHO_WORDS, twice that is a margin that costs nothing.
WINDOW_SPANS = 2 * ECHO_WORDS

# `regex`, not `re`: a stream asks where a phrase could still be completed (`partial=True`).
OUT_OF_CHARACTER_PHRASES = regex.compile(
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
    regex.IGNORECASE,
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
        self.coach_words = _words(self.coach_said)
        self.echoes = set().union(*(_runs(text) for text in [*instructions(request), self.coach_said]))
        # The first 1 .. ECHO_WORDS - 1 words of every echo run: a stream holds back a tail that is one of them.
        self.echo_starts = {run[:size] for run in self.echoes for size in range(1, ECHO_WORDS)}
        names = {request.profile.name, request.profile.name.split()[0]}
        alternatives = "|".join(regex.escape(name) for name in sorted(names, key=len, reverse=True))
        self.label = regex.compile(
            rf"^\s*(?:\*\*)?(?:{alternatives})(?:\*\*)?\s*:\s*(?:\*\*)?\s*", regex.IGNORECASE
        )

    def tidy(self, raw: str) -> str:
        """Drop leading space and a speaker label ("Sam: ...") that some models put before the words."""
        return self.label.sub("", raw, count=1).lstrip()

    def check(self, text: str) -> None:
        parroted = bool(self.coach_said) and _words(text) == self.coach_words
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
    """Feed it the model's chunks; it returns the part that may be shown now (possibly empty).

    Words are judged once finished (followed by white space); the last word may still be cut off mid-chunk,
    so it is always held. Of the finished words, a tail is held back only while it could still become
    something `Guard.check` refuses: the start of an echo run, the start of an out-of-character phrase, or
    (while the reply so far is the coach's words) a parrot, and at the very start a speaker label. Checking a
    chunk costs work in proportion to the chunk, not to the reply so far: only new words are checked against
    the echo runs, and phrases are searched for in a window of the last few words. `finish` still vets the
    whole reply.
    """

    def __init__(self, guard: Guard) -> None:
        self.guard = guard
        self.chunks: list[str] = []  # the model's raw text, as it came
        self.text = ""  # the tidied reply so far, once its start is known (`begun`)
        self.begun = False
        self.shown = 0  # characters of `text` already released
        self.settled = 0  # `text[:settled]` ends in white space: its words are finished and judged
        self.spans: list[int] = []  # where each finished span starts in `text`
        self.words: list[str] = []  # the finished words, lower case
        self.word_spans: list[int] = []  # where the span of each finished word starts
        self.parroting = bool(guard.coach_words)  # the finished words so far start the coach's words

    def feed(self, chunk: str) -> str:
        self.chunks.append(chunk)
        if self.begun:
            self.text += chunk
            new = len(self.text) - len(chunk)
        elif self._begin():
            new = 0
        else:
            return ""
        settled = _after_last_space(self.text, max(new, self.settled))
        if settled is not None:
            self._judge(settled)
        return self._release(self.text, self._hold())

    def finish(self) -> str:
        text = self.guard.vet("".join(self.chunks))
        return self._release(text, len(text))

    def _begin(self) -> bool:
        """Fix where the reply starts: once no speaker label can still form at the front and one word is
        finished (after that, more text cannot change what `tidy` cuts off)."""
        raw = "".join(self.chunks)
        label = self.guard.label.match(raw, partial=True)
        if label is not None and label.partial:
            return False
        text = self.guard.tidy(raw)
        if _after_last_space(text, 0) is None:
            return False
        self.text, self.begun = text, True
        return True

    def _judge(self, settled: int) -> None:
        """Check the words finished since the last chunk; VoiceFault if they complete an echo or a phrase."""
        new = len(self.spans)
        coach = self.guard.coach_words
        for span in SPAN.finditer(self.text, self.settled, settled):
            self.spans.append(span.start())
            for word in _words(span.group()):
                if self.parroting:
                    self.parroting = len(self.words) < len(coach) and coach[len(self.words)] == word
                self.words.append(word)
                self.word_spans.append(span.start())
                if tuple(self.words[-ECHO_WORDS:]) in self.guard.echoes:
                    raise VoiceFault(ECHO)
        window = self.spans[max(0, new - WINDOW_SPANS)] if self.spans else 0
        if OUT_OF_CHARACTER_PHRASES.search(self.text, window, settled):
            raise VoiceFault(OUT_OF_CHARACTER)
        self.settled = settled

    def _hold(self) -> int:
        """Where the text that may not be shown yet starts."""
        if self.parroting:
            return 0
        hold = self.settled  # the last word may not be finished
        for size in range(min(HOLD_WORDS, len(self.words)), 0, -1):
            if tuple(self.words[-size:]) in self.guard.echo_starts:
                hold = self.word_spans[-size]
                break
        window = self.spans[-WINDOW_SPANS] if len(self.spans) >= WINDOW_SPANS else 0
        phrase = OUT_OF_CHARACTER_PHRASES.search(self.text, window, partial=True)
        if phrase is not None and phrase.start() < hold:  # (a partial match of nothing starts at the end)
            hold = self.spans[bisect_right(self.spans, phrase.start()) - 1]  # from its span's start
        return hold

    def _release(self, text: str, end: int) -> str:
        while end > self.shown and text[end - 1].isspace():
            end -= 1  # white space goes out with the word after it (the reply's end is stripped)
        piece = text[self.shown : end]
        self.shown = max(self.shown, end)
        return piece


def _after_last_space(text: str, since: int) -> int | None:
    """The index just past the last white space in `text[since:]`, None if there is none."""
    for index in range(len(text) - 1, since - 1, -1):
        if text[index].isspace():
            return index + 1
    return None
