"""Whether a turn says back something the client has just said was not so. Pure.

"It's not the money, it's Dad." — "So it's really about the money." A reflection that asserts what the client
denied gets the client wrong, however warmly it is put: the client corrects it ("Not quite — it's more that …")
rather than agreeing. Read from the words alone: a content word the client negated in their last message that
the coach's turn asserts without negating it.
"""

from __future__ import annotations

import re

from app.tag.text import normalise, stem

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.,;:!?—–]")
NEGATORS = frozenset(
    {
        "not", "no", "never", "nothing", "hardly", "neither", "nor", "isn't", "wasn't", "aren't", "weren't",
        "don't", "doesn't", "didn't", "won't", "can't", "couldn't", "wouldn't", "shouldn't", "haven't",
        "hasn't", "hadn't", "ain't", "cannot", "nobody", "than", "instead",
    }
)  # fmt: skip
NEGATION_REACH = 5  # words after a negator that it covers ("not really about the money")
# Words too plain to carry a claim ("I don't know", "it's not that", "not really"), and pronouns.
PLAIN = frozenset(
    {
        "i", "i'm", "i've", "i'd", "i'll", "me", "my", "you", "you're", "your", "it", "it's", "its", "that",
        "that's", "this", "the", "a", "an", "to", "of", "about", "be", "is", "was", "are", "were", "am", "do",
        "does", "did", "have", "has", "had", "so", "and", "but", "or", "just", "really", "even", "quite", "very",
        "at", "all", "in", "on", "for", "with", "any", "anything", "something", "know", "think", "sure", "mean",
        "want", "like", "get", "got", "go", "going", "say", "said", "much", "more", "too", "well", "then",
        "there", "here", "what", "how", "why", "who", "when", "because", "if", "as", "we", "they", "he", "she",
        "him", "her", "them", "us", "our", "their", "one", "thing", "things", "way", "bit", "lot", "kind",
        "sort", "yet", "now", "today", "right", "fine", "okay", "ok", "yes", "yeah", "many", "some",
    }
)  # fmt: skip


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text).replace("’", "'"))


def _claims(text: str) -> tuple[set[str], set[str]]:
    """The stems of the text's content words it negates, and of those it asserts."""
    negated: set[str] = set()
    asserted: set[str] = set()
    reach = 0
    for token in _tokens(text):
        if not token[0].isalnum():
            reach = 0  # a negation ends with its clause
            continue
        if token in NEGATORS:
            reach = NEGATION_REACH
            continue
        if token not in PLAIN and len(token) > 2:
            (negated if reach > 0 else asserted).add(stem(token))
        if reach > 0:
            reach -= 1
        if token in {"but", "it's", "just", "only"} and reach < NEGATION_REACH:
            reach = 0  # "not X, but Y" / "not X, it's Y": Y is what the client says it is
    return negated, asserted


def misreads(text: str, context: str | None) -> bool:
    """The turn asserts something the client's last message denied."""
    if not context or not text.strip():
        return False
    refused, said = _claims(context)
    denied = refused - said  # "I'm not scared of Dan. I'm scared of being found out.": Dan is what is denied
    negated, asserted = _claims(text)
    return bool(denied & (asserted - negated))
