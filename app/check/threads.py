"""What a listening coach remembers between turns: the things the client touched on and pulled back from, and
how its permission requests about them went. Pure; rebuilt from the `CoachView` every turn (a simulated coach
keeps no state of its own)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from app.check.reading import CoachView, in_second_person, noticed_hint, sentences
from app.tag.text import words

Answer = Literal["yes", "no", "unclear"]
# The engine treats a second request within three turns of a "no" as pushing; a respectful coach waits longer.
WAIT_AFTER_NO = 4
MAX_ASKS_PER_THREAD = 3
_REFUSING = frozenset({"no", "not", "rather", "don't", "prefer"})
# A deflection is a no too: "Bit personal. Let's keep going with the team stuff."
_DEFLECTING = re.compile(
    r"\b(?:personal|private|let'?s (?:keep|stick|stay|move|go back|not)|keep (?:that|this) one|keep (?:it|this) to|"
    r"too (?:close|raw|soon)|anywhere near|stick (?:to|with)|stay (?:on|with)|move on|side road|leave (?:it|that)|"
    r"can we go back|later|some other time|another session|"
    r"not (?:quite )?ready|hang on|hold on|slow down|more say|ask me (?:properly|differently)|pass\b)",
    re.IGNORECASE,
)
_ASSENT = re.compile(
    r"^(?:yes|yeah|yep|ok|okay|alright|all right|fine|sure|go on|since you asked|i'?d like to|i think i'?d like)\b",
    re.IGNORECASE,
)
_MAX_TOPIC_WORDS = 14
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")
_TRAILING_OFF = re.compile(
    r"(?:\s+(?:is|are|was|were|am|be|been|have|has|had|just|so|a bit|kind of|really))*\s*(?:\.\.\.|…)\s*$"
)


def answer(reply: str, about: str = "") -> Answer:
    """How the client took a permission request about `about` (what they had touched on). A no is short and
    says so, or steers away; a yes starts by agreeing, or talks about the thing asked about. A reply that
    touches on something else and pulls back, or goes on about another matter, is not an answer."""
    said = words(reply)
    if noticed_hint(reply) is not None:
        return "unclear"
    # Agreeing first, with no refusal in the next sentence either, is a yes whatever comes later ("Alright. Ask
    # away. I'll tell you if it's too close."; "Okay. Thanks for asking. This bit's not funny.").
    opening = sentences(reply)[:2]
    if opening and _ASSENT.search(opening[0]) and not any(_refuses(sentence) for sentence in opening):
        return "yes"
    if len(said) < 25 and _refuses(reply):
        return "no"
    shared = _content(reply) & _content(about)
    return "yes" if len(said) >= 20 and shared else "unclear"


def _refuses(text: str) -> bool:
    return bool(set(words(text)) & _REFUSING or _DEFLECTING.search(text))


_SMALL = frozenset(
    {"the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "it", "it's", "that",
     "this", "is", "was", "were", "be", "been", "i", "i'm", "i've", "i'd", "me", "my", "you", "your", "we",
     "he", "she", "they", "so", "just", "not", "no", "do", "did", "have", "had", "what", "there", "about"}
)  # fmt: skip


def _content(text: str) -> set[str]:
    return {word for word in words(text) if word not in _SMALL and len(word) > 2}


@dataclass
class Thread:
    """Something the client touched on and pulled back from: a place to ask permission."""

    words: str  # what the client said before pulling back, in their words
    noticed: int  # the coach turn the client was answering when they touched on it
    asks: int = 0
    last_ask: int = -WAIT_AFTER_NO
    answer: Answer | None = None
    refusals: int = 0
    refused_with: tuple[str, ...] = ()  # the client's replies that said no

    @property
    def granted(self) -> bool:
        return self.answer == "yes"


AskedAbout = Callable[[str, Thread], bool]  # (a coach turn, a thread): was that turn a request about it?


Judge = Callable[[str, str], Answer]  # (the client's reply, what the coach asked about): how it was taken


def read_threads(view: CoachView, asked_about: AskedAbout, judge: Judge = answer) -> list[Thread]:
    """The hints the coach noticed, oldest first, and how its permission requests about each went."""
    threads: list[Thread] = []
    for turn, (said, reply) in enumerate(view.exchanges()):
        asked = next((t for t in threads if "?" in said and asked_about(said, t)), None)
        if asked is not None:
            asked.asks += 1
            asked.last_ask = turn
            asked.answer = judge(reply, asked.words)
            if asked.answer == "no":
                asked.refusals += 1
                asked.refused_with += (reply,)
        hint = noticed_hint(reply)
        if hint is not None and all(t.words != hint and topic(t.words) != topic(hint) for t in threads):
            threads.append(Thread(words=hint, noticed=turn))
    return threads


def just_asked(view: CoachView, threads: list[Thread]) -> Thread | None:
    """The thread the coach asked about on its previous turn, if it did."""
    return next((t for t in threads if t.last_ask == view.turn - 1), None)


def waiting_after_no(view: CoachView, threads: list[Thread], wait: int = WAIT_AFTER_NO) -> bool:
    """Whether a "no" is recent enough that asking about anything now would be pushing."""
    refusals = [t.last_ask for t in threads if t.answer == "no"]
    return bool(refusals) and view.turn - max(refusals) < wait


def told_about(view: CoachView, thread: Thread) -> bool:
    """Whether the client has since talked at length about what the thread touched on (asked about something
    else, they told this too: "my dad's got Parkinson's" after a question about their lunchtimes)."""
    named = _content(topic(thread.words))
    replies = [reply for _, reply in view.exchanges()][thread.noticed + 1 :]
    return any(len(words(reply)) >= 20 and named & _content(reply) for reply in replies)


def next_to_ask(
    view: CoachView,
    threads: list[Thread],
    wait: int = WAIT_AFTER_NO,
    settle: int = 0,
    max_refusals: int = MAX_ASKS_PER_THREAD,
    told: Callable[[Thread], bool] | None = None,
) -> Thread | None:
    """The newest thread it is fair to ask about now: not granted, not asked too often or too recently, not
    refused `max_refusals` times, not `told` about already. After an answer that was not clearly yes or no,
    the coach listens for `settle` turns before asking about anything."""
    if waiting_after_no(view, threads, wait):
        return None
    if any(t.answer == "unclear" and view.turn - t.last_ask <= settle for t in threads):
        return None
    for thread in reversed(threads):  # the newest first: that is what the client just pulled back from
        if (
            thread.granted
            or thread.asks >= MAX_ASKS_PER_THREAD
            or thread.refusals >= max_refusals
            or view.turn - thread.last_ask < wait
            or (told is not None and told(thread))
        ):
            continue
        return thread
    return None


# Sentences that lean on the one before ("Which doesn't help.", "He's eighty-one.", "Not the laptop one.").
_LEANING = frozenset(
    {"which", "and", "but", "so", "like", "because", "or", "then", "let", "let's", "not", "he", "she", "it",
     "they", "that", "this", "he's", "she's", "it's", "that's", "they're", "everyone", "even"}
)  # fmt: skip
_FRAGMENT = re.compile(r"^[\w'-]+,")  # "Time-and-a-half, even at my grade."


def _stands_alone(sentence: str) -> bool:
    said = words(sentence)
    return len(said) >= 4 and said[0] not in _LEANING and not _FRAGMENT.match(sentence.strip())


def topic(thread_words: str) -> str:
    """What the client touched on, as a coach names it back in a request: the last sentence of the hint that
    stands on its own (not "He's eighty-one." after "My dad's not been great."), in the second person, short
    enough to sit inside a question ("a recruiter rang you last month")."""
    said = [s for s in sentences(thread_words) if len(words(s)) >= 4]
    standing = [s for s in said if _stands_alone(s)]
    chosen = (standing or said or [thread_words])[-1]
    trailing_off = _TRAILING_OFF.sub("", chosen.strip())  # "Things at home are..." → "Things at home"
    named = _ELLIPSIS.sub(" ", in_second_person(trailing_off)).strip()
    cut = named.split()
    if len(cut) > _MAX_TOPIC_WORDS:
        clause = re.split(r"[,;:]\s", named, maxsplit=1)[0]
        named = clause if len(words(clause)) >= 4 else " ".join(cut[:_MAX_TOPIC_WORDS])
    return named


def not_to_say_back(threads: list[Thread]) -> set[str]:
    """The client's sentences a coach does not say back as a reflection: a hint's (naming a sensitive area
    without asking is a probe) and a refusal's ("so you'd prefer not to go there" is the request again)."""
    hints = {s for t in threads for s in sentences(t.words)}
    return hints | {s for t in threads for reply in t.refused_with for s in sentences(reply)}
