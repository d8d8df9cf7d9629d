"""What a simulated coach can know, and how it reads the client's words. Pure.

A simulated coach sees only a `CoachView`: the learner's brief and the conversation so far. It never sees the
persona's hidden material (disclosures, sensitive topics, hints, lines), so a check shows whether a real coach
could open the persona up, not whether a coach who has read the file could."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from app.domain.persona import Persona
from app.domain.transcript import Utterance
from app.tag.text import words


class CoachView(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    brief: str
    relationship: str
    conflict_of_interest: bool
    conversation: list[Utterance] = Field(default_factory=list)

    @property
    def first_name(self) -> str:
        return self.name.split()[0]

    @property
    def turn(self) -> int:
        """How many turns the coach has taken so far."""
        return sum(1 for u in self.conversation if u.speaker == "coach")

    def exchanges(self) -> list[tuple[str, str]]:
        """(coach, client reply) pairs, oldest first."""
        coach = [u.text for u in self.conversation if u.speaker == "coach"]
        client = [u.text for u in self.conversation if u.speaker == "client"]
        return list(zip(coach, client, strict=False))

    def said(self) -> str:
        """Everything the coach has read: the brief and the conversation."""
        return " ".join([self.brief, *(u.text for u in self.conversation)])

    def last_reply(self) -> str:
        return next((u.text for u in reversed(self.conversation) if u.speaker == "client"), "")


def public_view(persona: Persona, conversation: list[Utterance]) -> CoachView:
    """The learner's side of the persona: what `rapport practice` shows before the session starts."""
    return CoachView(
        name=persona.name,
        brief=persona.brief,
        relationship=persona.setting.relationship,
        conflict_of_interest=bool(persona.setting.conflict_of_interest),
        conversation=conversation,
    )


# A hint touches a topic and then pulls back ("Anyway.", "Never mind.", "Where were we?"): the persona guide
# asks hints to be written that way, and it is how a listening coach notices one.
PULL_BACK = re.compile(
    r"\b(?:anyway|never ?mind|ignore me|not relevant|not important|where were we|let'?s not|it'?s nothing|"
    r"doesn'?t matter|^forget (?:it|that|i said)|not (?:the|my) topic|not why i'?m here|"
    r"not (?:a question )?for today|"
    r"shouldn'?t say more|different story|another story|^back to \w+|better we talk about|"
    r"not what (?:we'?re|i'?m) here)\b",
    re.IGNORECASE,
)
# Words that, said back by the coach, come out as advice, blame or minimising.
NOT_FOR_SAYING_BACK = re.compile(
    r"\b(?:should|must|ought|have to|has to|had to|need to|needs to|wrong|fault|mistake|blame|on me|stupid|"
    r"just|everyone|everybody|normal|nothing|only)\b",
    re.IGNORECASE,
)
MAX_REFLECTED_WORDS = 24
# The client speaking about themselves. Reflections need the client as subject ("ask me things" is an
# instruction to the coach, and said back it is advice); a hint may have them as object ("a recruiter rang
# me").
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "my"})
_ABOUT_ME = _FIRST_PERSON | {"me", "myself"}
_SUBJECT = frozenset({"i", "i'm", "i've", "i'd", "i'll", "we", "we're", "we've"})
_SECOND_PERSON = frozenset({"you", "you're", "you've", "you'd", "you'll", "your", "yours", "yourself"})
_SWAP = {
    "i": "you", "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll", "me": "you",
    "my": "your", "mine": "yours", "myself": "yourself", "our": "your", "am": "are", "was": "were",
    "wasn't": "weren't",
}  # fmt: skip
# Words that are only capitalised because they open the sentence (proper nouns keep their capital).
_LOWER_OPENERS = frozenset(
    {"a", "an", "the", "this", "that", "it", "it's", "there", "things", "some", "sometimes", "since",
     "before", "after", "last", "most", "every", "then", "when", "all", "he", "she", "he's", "she's", "they",
     "they're", "we", "we're", "nobody", "everyone", "people", "if", "because", "once", "while", "until",
     "what", "how", "why", "not", "no", "even", "maybe", "perhaps", "part", "half", "one", "so", "as", "at",
     "in", "on", "by", "for", "from", "with", "without", "to", "into", "now", "still", "yes", "there's",
     "that's", "nothing", "everything", "something", "someone", "somebody", "anyway", "sorry", "thanks",
     "mostly"}
)  # fmt: skip
_LEADING_FILLER = re.compile(
    r"^(?:(?:honestly|yes|yeah|well|so|and|but|look|okay|ok|right|mm)\b[,.]?\s+)+", re.I
)
# Sentence ends, except an ellipsis: "I've had a couple of... physical moments" is one sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\.\.\.)\s+")
_SENTENCE_START = re.compile(
    r"((?<!\.\.)[.!?]\s+)([a-z])"
)  # not after an ellipsis: "a couple of... physical"
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|[^A-Za-z]+")


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip(" .!?,")]


def _is_first_person(sentence: str, pronouns: frozenset[str] = _FIRST_PERSON) -> bool:
    return bool(pronouns & set(words(sentence)))


def in_second_person(sentence: str) -> str:
    """The client's sentence as the coach would say it back: "I've been fixing" → "you've been fixing"."""
    out: list[str] = []
    previous = ""
    for token in _TOKEN.findall(_LEADING_FILLER.sub("", sentence.strip()).rstrip(" .!?,;:…")):
        lower = token.lower().replace("’", "'")
        swapped = _SWAP.get(lower)
        # "was" and "am" only change after "I" ("I was" → "you were"; "Dan was" stays).
        if swapped and lower in ("am", "was", "wasn't") and previous != "i":
            swapped = None
        out.append(swapped if swapped is not None else token)
        if token.strip():
            previous = lower
    text = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), "".join(out).strip())
    first = text.split(" ", 1)[0].lower()
    if first in _LOWER_OPENERS or first in _SWAP.values():
        text = text[:1].lower() + text[1:]
    return text


def mid_sentence(text: str, context: str) -> str:
    """`text` to go inside a sentence: its first letter in lower case, unless the first word is "I" or a name
    (a word `context` writes with a capital where no sentence starts)."""
    first = text.split(" ", 1)[0].rstrip(",;:")
    if not first or first.lower() in _FIRST_PERSON or first.isupper():
        return text
    if re.search(rf"[a-z0-9,;:] {re.escape(first)}\b", context):
        return text
    return text[:1].lower() + text[1:]


def _speakable(sentence: str, min_words: int) -> bool:
    """A statement of the client's own that a coach could say back without it turning into something else:
    not a question, not addressed to the coach, and no "should" or "wrong" that would come back as advice or
    blame in the coach's mouth."""
    tokens = set(words(sentence))
    return (
        min_words <= len(words(sentence)) <= MAX_REFLECTED_WORDS
        and not sentence.rstrip().endswith("?")
        and not PULL_BACK.search(sentence)
        and not tokens & _SECOND_PERSON
        and not NOT_FOR_SAYING_BACK.search(sentence)
    )


def _before_pull_back(sentence: str, match: re.Match[str]) -> str:
    """The part of the pull-back sentence before the pull-back, if it says something: "Things at home are...
    anyway." keeps "Things at home are"; "It's not... that's not why I'm here." keeps nothing."""
    before = sentence[: match.start()].strip(" ,")
    if "..." in before.rstrip(". ") or len(words(before)) < 3:
        return ""
    return before


def noticed_hint(reply: str) -> str | None:
    """What the client touched on before pulling back, in their words ("I had that Wednesday off a couple of
    weeks ago. Dentist."), if the reply pulls back from something."""
    said = sentences(reply)
    for index, sentence in enumerate(said):
        match = PULL_BACK.search(sentence)
        if match is None:
            continue
        window = [
            s
            for s in [*said[max(0, index - 3) : index], _before_pull_back(sentence, match)]
            if _speakable(s, 1)
        ]
        full = [i for i, s in enumerate(window) if len(words(s)) >= 4]
        # It starts at the nearest full sentence about the client ("a recruiter rang me"), else the nearest.
        own = [i for i in full if _is_first_person(window[i], _ABOUT_ME)]
        if own or full:
            return " ".join(window[(own or full)[-1] :])
    return None


class Reflection(NamedTuple):
    said: str  # the client's sentence, in their own (first-person) words
    earlier: bool  # from before the client's latest reply


def reflectable(
    view: CoachView, look_back: int = 3, avoid: Collection[str] = frozenset(), subject: bool = False
) -> Reflection | None:
    """The client's newest words about themselves that the coach has not said back yet: the fullest sentence
    of the latest reply that has one. Sentences in `avoid` (a hint the coach has not been given leave to
    enter, say) are never chosen. With `subject`, only sentences with the client as their subject ("I…"):
    "Get my evenings back." said back would be an instruction."""
    said_back = " ".join(u.text for u in view.conversation if u.speaker == "coach")
    replies = [u.text for u in view.conversation if u.speaker == "client"][-look_back:]
    for age, reply in enumerate(reversed(replies)):
        fresh = [
            s
            for s in sentences(reply)
            if _speakable(s, 4)
            and s not in avoid
            and _is_first_person(s, _SUBJECT if subject else _FIRST_PERSON)
            and "me" not in words(s)  # "ask me things" is an instruction to the coach
            and in_second_person(s) not in said_back
        ]
        if fresh:
            return Reflection(max(fresh, key=lambda s: len(words(s))), earlier=age > 0)
    return None
