"""Names a coach could only know from outside the conversation. Pure.

A persona's file holds names the trainee is never shown: the people, places and firms of its background, its
disclosures, facts and lines ("Hollister", "Pak Harjo", "Harbour Street"). The persona files are public, so the
plainest attack is to read one and ask about what it hides. A coach who names something that neither the
brief nor the client has given them has read the file, not listened: the turn steps out of the conversation
(it earns nothing and opens nothing), whatever coaching words surround it.

A name here is a capitalised word of the hidden material that the file never writes in lower case and that is
not an everyday word: a word the reader's tokenizer holds whole ("street", "supply", "sam"), a day, a month,
a language or a people. So "the health side", "in June" or "in English" are never taken for inside knowledge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from app.domain.persona import Persona
from app.domain.trust_state import TrustState
from app.tag.embedding import shared_embedder

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september")
_HOLIDAYS = ("christmas", "easter", "ramadan", "eid", "diwali", "hanukkah", "passover", "thanksgiving")
_CALENDAR = frozenset((*_DAYS, *_MONTHS, "october", "november", "december", *_HOLIDAYS))
# Languages and peoples ("English", "Indonesian", "Scottish", "Midwestern", "Arabic", "Hindi"): everyday words.
_PEOPLES = re.compile(r"(?:ish|ese|ian|ean|ern|ic|i)$")
# Where a capital may start a sentence, so is not taken for a name: text.split_sentences' ends (. ! ? and line
# breaks) and also after a colon, semicolon, dash, bracket or opening quote ("Note: Karen…" is not evidence).
_SENTENCE = re.compile(r"(?:[.!?:;\u2014(\"“]|--)\s+|\n+")
_SLUG_FIELDS = frozenset({"id", "topic", "leads_to", "requires"})
_KEYWORD_FIELDS = frozenset({"keywords", "about", "focus_keywords"})
_DEEPEST = 4  # the level of what the client has never told anyone
_PUBLIC_FIELDS = ("id", "name", "role", "brief", "setting", "contract")


def _words(text: str) -> Iterable[str]:
    return (_POSSESSIVE.sub("", word) for word in _WORD.findall(text))


def _named(text: str, keyword: bool) -> Iterable[str]:
    """The capitalised words of `text` that are not capitalised for starting a sentence (a keyword is read
    whole). Contractions ("I'd", "We're") are never names."""
    for sentence in _SENTENCE.split(text):
        for place, match in enumerate(_WORD.finditer(sentence)):
            word = _POSSESSIVE.sub("", match.group())
            if word[0].isupper() and "'" not in word and "’" not in word and (place > 0 or keyword):
                yield word


def _everyday(word: str) -> bool:
    return any(_everyday_part(part) for part in word.split("-"))


def _everyday_part(word: str) -> bool:
    lower = word.lower()
    singular = lower.removesuffix("ies") + "y" if lower.endswith("ies") else lower.removesuffix("s")
    if lower in _CALENDAR or singular in _CALENDAR or _PEOPLES.search(lower) or len(lower) < 3:
        return True
    tokens = shared_embedder().tokenizer.encode(" " + lower, add_special_tokens=False).tokens
    return len([t for t in tokens if t != "▁"]) <= 1


def _strings(value: object, keywords: bool = False) -> Iterable[tuple[str, bool]]:
    """Every text of a dumped persona, each with whether it is a keyword (read whole: "Hollister", "Pak
    Harjo"). Ids and references to ids are slugs, not words anyone says."""
    if isinstance(value, str):
        yield value, keywords
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _SLUG_FIELDS:
                yield from _strings(item, key in _KEYWORD_FIELDS)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item, keywords)


class _Same:
    """A persona as a cache key by identity: personas are frozen but hold lists, so they do not hash."""

    def __init__(self, persona: Persona) -> None:
        self.persona = persona

    def __hash__(self) -> int:
        return id(self.persona)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.persona is self.persona


def hidden_names(persona: Persona) -> frozenset[str]:
    """The names in the persona's hidden material, lower case."""
    return _hidden_names(_Same(persona))


@lru_cache(maxsize=64)
def _hidden_names(key: _Same) -> frozenset[str]:
    persona = key.persona
    public = [text for text, _ in _strings(persona.model_dump(mode="json", include=set(_PUBLIC_FIELDS)))]
    hidden = list(_strings(persona.model_dump(mode="json", exclude=set(_PUBLIC_FIELDS))))
    written_lower = {word for text, _ in hidden for word in _words(text) if word.islower()}
    capitalised = {word for text, keyword in hidden for word in _named(text, keyword)}
    known = {word.lower() for text in public for word in _words(text)}
    return frozenset(
        word.lower()
        for word in capitalised
        if word.lower() not in written_lower and word.lower() not in known and not _everyday(word)
    )


def told_so_far(persona: Persona, state: TrustState) -> list[str]:
    """What the client has told this coach by the state's turn, this session or an earlier one: the names,
    disclosures, hints and facts it records."""
    disclosures = {d.id: d.text for d in persona.disclosures}
    facts = {f.id: f.text for f in persona.facts.people + persona.facts.timeline + persona.facts.events}
    hints = {topic.id: topic.hint_items() for topic in persona.sensitive_topics}
    return [
        *state.carried_names,
        *(disclosures[i] for i in state.disclosed if i in disclosures),
        *(facts[i] for i in state.facts_told if i in facts),
        *(
            hints[topic][index].text
            for topic, indices in state.hints_used.items()
            for index in indices
            if topic in hints and index < len(hints[topic])
        ),
    ]


def names_said(persona: Persona, lines: Iterable[str]) -> list[str]:
    """The names from the persona's hidden material that the client's `lines` say, for the next session."""
    return sorted(_lower_words(lines) & hidden_names(persona))


def said_by_mid_session(persona: Persona) -> list[str]:
    """What a client has talked about by the middle of a session, for a turn tried as if the session had run a
    while: their people, places and situation (the file's hidden texts), and the disclosures that need no
    permission below the deepest level. What a permission or the deepest level guards stays unsaid."""
    rest = persona.model_dump(mode="json", exclude={*_PUBLIC_FIELDS, "disclosures"})
    free = [d.text for d in persona.disclosures if not d.requires_permission and d.level < _DEEPEST]
    return [*(text for text, _ in _strings(rest)), *free]


def names_unsaid(text: str, persona: Persona, heard: Sequence[str]) -> list[str]:
    """The hidden names the coach's `text` uses that nobody has said to them: not in the brief, and not in
    anything the client has said (`heard`: the client's messages and what they told in earlier sessions)."""
    used = _lower_words([text]) & hidden_names(persona)
    return sorted(used - _lower_words(heard)) if used else []


def _lower_words(lines: Iterable[str]) -> set[str]:
    return {word.lower() for line in lines for word in _words(line)}
