"""Small pure text helpers for chat turns: normalising, tokenising, sentences, questions, content words."""

import re
from functools import lru_cache

_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'}
)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")

# Chat shorthand and apostrophes people leave out. Only unambiguous forms: "ill", "were", "well" stay as is.
_SHORTHAND = {
    "u": "you", "ya": "you", "r": "are", "wat": "what", "wut": "what", "wht": "what", "abt": "about",
    "bc": "because", "cuz": "because", "coz": "because", "pls": "please", "plz": "please", "rly": "really",
    "tbh": "to be honest", "idk": "i don't know", "imo": "in my opinion", "gonna": "going to",
    "wanna": "want to", "gotta": "got to", "kinda": "kind of", "sorta": "sort of", "dunno": "don't know",
    "im": "i'm", "ive": "i've", "id": "i'd", "youre": "you're", "youve": "you've", "youd": "you'd",
    "youll": "you'll", "thats": "that's", "whats": "what's", "hows": "how's", "wheres": "where's",
    "whos": "who's", "theres": "there's", "heres": "here's", "lets": "let's", "its": "it's",
    "shes": "she's", "hes": "he's", "theyre": "they're", "dont": "don't", "doesnt": "doesn't",
    "didnt": "didn't", "cant": "can't", "wont": "won't", "isnt": "isn't", "arent": "aren't",
    "wasnt": "wasn't", "werent": "weren't", "havent": "haven't", "hasnt": "hasn't", "hadnt": "hadn't",
    "wouldnt": "wouldn't", "shouldnt": "shouldn't", "couldnt": "couldn't", "mustnt": "mustn't",
    "wouldve": "would've", "shouldve": "should've", "couldve": "could've", "4": "for", "2day": "today",
    "b4": "before", "ppl": "people", "thx": "thanks", "urself": "yourself", "ure": "you're",
    "shud": "should", "wud": "would", "cud": "could", "tho": "though", "thru": "through", "sumthing": "something",
    "smth": "something", "bcos": "because", "ya'll": "you'll", "ofc": "of course",
}  # fmt: skip
_SHORTHAND_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _SHORTHAND), key=len, reverse=True)) + r")\b"
)
# "ur"/"your" typed for "you're": only before words that cannot follow a possessive.
_YOURE_RE = re.compile(
    r"\b(?:ur|your)\b(?= (?:not|so|really|very|being|going|feeling|doing|trying|saying|telling|asking|"
    r"carrying|dealing|struggling|looking|hoping|wondering|overthinking|overreacting|clearly|just|still|"
    r"worried|scared|tired|exhausted|angry|upset|stuck|torn|right|wrong|the|a|an|already|allowed|able)\b)"
)
_UR_RE = re.compile(r"\bur\b")
# "2" typed for "to": only between words ("want 2 leave", "talk 2 her"), never before a unit or a number.
_TWO_RE = re.compile(
    r"(?<=[a-z] )2(?= (?!(?:days?|weeks?|months?|years?|hours?|minutes?|mins?|times?|kids?|children|people|"
    r"of|or|and|to|more|weeks|nights?|sessions?|jobs?|things)\b)[a-z])"
)
# Fillers that carry no meaning; "like" only where it cannot be the verb ("would you like to").
_FILLER_RE = re.compile(
    r"\b(?:u+m+|u+h+|e+r+m*|h+m+|m+-?h+m+|m+m+|uh-huh|ya know|y'know|you know(?=[,.?!]|$| like\b))\b"
    r"|(?:^|(?<=[,.;!?] )|(?<=\bso )|(?<=\band ))like\b,?(?= )"
    r"|, like,"
)
_LOOSE_COMMAS = re.compile(r"(?:^|(?<=[.!?]))[\s,]+")
_REPEATED_COMMAS = re.compile(r"\s*,(?:\s*,)+|\s+(?=,)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|(?<=\?)(?=[A-Za-z])")
_TRAILING_PUNCT = re.compile(r"[\s,;:.!?\-–—]+$")

# Interrogative stems. A wh-word opens a question unless what follows makes it a statement ("when you're
# ready", "what i'm hearing is", "how awful").
_AUX = (
    r"(?:do|does|did|is|are|was|were|am|have|has|had|can|could|would|will|should|shall|may|might|"
    r"isn't|aren't|wasn't|weren't|don't|doesn't|didn't|haven't|hasn't|won't|wouldn't|couldn't|can't|"
    r"shouldn't)"
)
_SUBJECT = (
    r"(?:you|i|we|it|that|this|there|they|he|she|your|my|the|anyone|anything|someone|something|"
    r"everyone|anybody|somebody|things|people|he's|she's|it's|that's)"
)
_WH_QUESTION = re.compile(
    r"^(?:in what (?:way|sense|respect)|what(?!\s+(?:a|an|i|i'm|i've|i'd|you|you're|you've|we|we're|they|he|"
    r"she)\b)"
    r"|why|how(?=\s+(?:" + _AUX[3:-1] + r"|come|important|else|exactly|about|would|'s|is)\b)"
    r"|how(?=\s+(?:long|much|many|often|far|soon)\b(?!\s+(?:you|i|we|they|he|she)\b))"
    # "how directive do you…", "how close is that": how + adjective + verb or subject
    r"|how(?=\s+(?!(?:long|much|many|often|far|soon)\b)[a-z-]+\s+(?:" + _AUX[3:-1] + r"|a|an|of|you|we|i)\b)"
    r"|how's|what's|where's|who's"
    r"|(?:when|where|who|which)(?=\s+(?:" + _AUX[3:-1] + r"|else|one|of|way)\b))\b"
)
_YES_NO_QUESTION = re.compile(r"^" + _AUX + r"\s+" + _SUBJECT + r"\b")
_DISCOURSE_PREFIX = re.compile(
    r"^(?:(?:so|and|but|ok|okay|well|right|alright|now|then|oh|yeah|also|just|anyway|sorry|look|listen|"
    r"honestly|quickly|first|hey|hi|um|uh)\b[,]?\s+)+"
)
_CLAUSE_BREAK = re.compile(
    r"\s*(?:[,;:]|\s-\s|\s–\s|\s—\s|\.\.\.)\s*|\s+and\s+(?=" + _AUX + r"\s|what\b|how\b|why\b)"
)

_STOPWORD_TEXT = """
    a about above after again against all also am an and any are aren't as at be because been before
    being below between both but by can can't could couldn't did didn't do does doesn't doing don't
    down during each even ever every few for from further get gets got had hadn't has hasn't have
    haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd
    i'll i'm i've if in into is isn't it it's its itself just let's like lot lots me more most much
    must my myself no nor not now of off on once one only or other ought our ours ourselves out over
    own quite rather really same say said she she'd she'll she's should shouldn't so some something
    such than that that's the their theirs them themselves then there there's these they they'd
    they'll they're they've thing things this those though through to too under until up us very was
    wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while
    who who's whom why why's will with won't would wouldn't yeah yes you you'd you'll you're you've
    your yours yourself yourselves um uh okay ok kind sort bit maybe still anyway
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def normalise(text: str) -> str:
    """Lowercase, straighten curly quotes, collapse whitespace."""
    return _SPACE.sub(" ", text.translate(_QUOTES).lower()).strip()


@lru_cache(maxsize=4096)  # pure, and read many times per turn (the turn, the client's lines)
def expand_shorthand(text: str) -> str:
    """Normalise and expand chat shorthand and missing apostrophes ("wat do u" → "what do you", "dont")."""
    text = normalise(text)
    text = _YOURE_RE.sub("you're", text)
    text = _UR_RE.sub("your", text)
    text = _TWO_RE.sub("to", text)
    return _SHORTHAND_RE.sub(lambda match: _SHORTHAND[match.group(1)], text)


def strip_fillers(text: str) -> str:
    """Drop spoken fillers ("um", "uh", "mm-hmm", "ya know", filler "like") from normalised text."""
    previous = None
    while text != previous:  # a second pass catches "ya know like" once "ya know" is gone
        previous = text
        text = _FILLER_RE.sub("", text)
        text = _LOOSE_COMMAS.sub(lambda match: " " if match.start() else "", text)
        text = _SPACE.sub(" ", _REPEATED_COMMAS.sub(",", text)).strip(" ,")
    return text


def clean(text: str) -> str:
    """The form the tagger reads: normalised, shorthand expanded, fillers dropped."""
    return strip_fillers(expand_shorthand(text))


def words(text: str) -> list[str]:
    """Lowercase word tokens; apostrophes and hyphens inside a word are kept ("don't", "mm-hmm")."""
    return _WORD.findall(normalise(text))


_SENTENCE_PART = re.compile(r"(?<=[.!?…])\s+|\s*[:;]\s+")


def sentence_parts(text: str) -> list[str]:
    """A turn's sentences, and the parts a colon or semicolon separates ("Who knows: you, or HR?")."""
    return [part.strip() for part in _SENTENCE_PART.split(text) if part.strip(" .,!?…")]


def split_sentences(text: str) -> list[str]:
    """Split a turn into sentences on . ! ? and line breaks; terminal punctuation stays on the sentence."""
    return [part.strip() for part in _SENTENCE_END.split(text.strip()) if part and part.strip(" .!?,")]


def strip_discourse(clause: str) -> str:
    """Drop leading discourse markers ("so", "okay", "and", "well") that do not change a clause's type."""
    return _DISCOURSE_PREFIX.sub("", clause.strip(" ,"))


def interrogative_kind(clause: str) -> str | None:
    """'wh' or 'yes_no' when the clause opens like a question (punctuated or not), else None."""
    clause = strip_discourse(clause)
    if _WH_QUESTION.match(clause):
        return "wh"
    if _YES_NO_QUESTION.match(clause):
        return "yes_no"
    return None


def clause_spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the clauses of a sentence: split at commas, colons, semicolons, dashes,
    "..." and at "and" followed by a question stem; trailing punctuation is left out."""
    end_of_text = len(_TRAILING_PUNCT.sub("", sentence))
    spans, start = [], 0
    for brk in _CLAUSE_BREAK.finditer(sentence, 0, end_of_text):
        if brk.start() > start:
            spans.append((start, brk.start()))
        start = brk.end()
    if end_of_text > start:
        spans.append((start, end_of_text))
    return spans


def clauses(sentence: str) -> list[str]:
    """The clauses of a sentence (see ``clause_spans``)."""
    return [sentence[start:end] for start, end in clause_spans(sentence)]


def is_question(sentence: str) -> bool:
    """True for a sentence ending in "?" or one that opens like a question without the "?"."""
    sentence = sentence.strip()
    return sentence.endswith("?") or interrogative_kind(sentence) is not None


def count_questions(text: str) -> int:
    """Distinct questions in a turn: a question sentence counts once per question clause joined by "and" or a
    comma ("What happened, and did you tell her?" is two); an "or …" alternative stays one question."""
    total = 0
    for sentence in split_sentences(clean(text)):
        if not is_question(sentence):
            continue
        parts = clauses(sentence)
        total += max(1, sum(1 for part in parts if interrogative_kind(part)))
    return total


_SUFFIXES = (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", ""))


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A light suffix stripper so inflections meet: worried/worry, deadlines/deadline, making/make."""
    word = word.split("'")[0]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith(("ss", "us", "is")):
            word = word[: -len(suffix)] + replacement
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # stopped → stopp → stop
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


@lru_cache(maxsize=4096)  # the client's lines are compared with every turn that follows them
def content_words(text: str) -> frozenset[str]:
    """Stems of the words in a text that are not stopwords or fillers (for overlap between turns)."""
    return frozenset(
        stem(word) for word in words(expand_shorthand(text)) if word not in _STOPWORDS and len(word) > 1
    )
