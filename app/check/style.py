"""A skilled coach's voice: the wordings it has for each move. Pure data, filled in by `app/check/styles.py`.

Every bank holds several wordings of one move (see `app/check/wording.py` for how one is chosen). Templates
take `{name}` (the client's first name), `{said}` (the client's own words, in the second person),
`{feeling}` (what those words seem to carry, from `feelings`) or `{topic}` (what the client touched on and
pulled back from)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal


def same(text: str) -> str:
    return text


Bank = tuple[str, ...]
ListeningMove = Literal["reflect", "empathy", "acknowledge", "space", "open", "autonomy", "focus"]


@dataclass(frozen=True)
class Style:
    id: str
    description: str
    hello: Bank  # {name}
    confidential: Bank  # what is said here stays here
    roles: Bank  # confidentiality and the coach's other role, when there is one
    goal: Bank
    success: Bank
    importance: Bank
    working: Bank
    reflect: Bank  # {said}, {feeling}: the client's words with the meaning or feeling they carry
    unreflectable: Bank  # when there are no fresh words of the client's to say back
    empathy: Bank
    acknowledge: Bank
    space: Bank
    open: Bank  # open questions
    autonomy: Bank
    focus: Bank  # checks the agreed focus still holds
    ask: Bank  # {topic}: a permission request; each has the topic and a question mark
    ask_again: Bank  # {topic}
    thanks: Bank  # after the client said yes and told
    go_on: Bank  # after the client said yes and has not told yet: an invitation, without a question
    accept_no: Bank  # after the client said no
    cycle: tuple[ListeningMove, ...]  # the rhythm of its listening turns
    render: Callable[[str], str] = field(default=same)  # how it types (a novice drops capitals and so on)


# --- what the client's words carry -------------------------------------------------------------------------

# Cues in the client's words and the feelings they suggest, first match wins. Said as "that sounds
# {feeling}" or "that must feel {feeling}", so each works after "sounds" and "feel".
_FEELINGS: tuple[tuple[re.Pattern[str], Bank], ...] = (
    (
        re.compile(r"panic|shak|scared|afraid|terrif|fright|breath|dread", re.I),
        ("frightening", "really scary", "like it shook you"),
    ),
    (
        re.compile(r"ashamed|shame|lying|guilt|my fault|on me\b|let (?:\w+ )?down", re.I),
        ("heavy to carry", "like it sits on your conscience", "uncomfortable to live with"),
    ),
    (
        re.compile(r"\balone\b|nobody|no one|on my own|lonely|haven'?t told|never told", re.I),
        ("lonely", "like a lot to hold on your own", "isolating"),
    ),
    (
        re.compile(r"tired|exhaust|sleep|night|midnight|late\b|evening|weekend|sunday|hours", re.I),
        ("exhausting", "like it's wearing you down", "draining"),
    ),
    (
        re.compile(
            r"talks? over|undermin|overrid|correct|round me|redrew|ignor|look(?:ed)? at (?:him|her)", re.I
        ),
        ("undermining", "really frustrating", "like it chips away at you"),
    ),
    (
        re.compile(r"worr|anxious|nervous|stress|pressure|bottleneck|behind", re.I),
        ("stressful", "like a constant weight", "like it's never far from your mind"),
    ),
)
_ANY_FEELING: Bank = ("hard", "like a lot", "like it matters a great deal to you", "tough")


def feelings(client_words: str) -> Bank:
    """What a coach might hear under the client's words: the feelings to offer back with a reflection."""
    return next((bank for cue, bank in _FEELINGS if cue.search(client_words)), _ANY_FEELING)
