"""What the client's last message sets up for the coach's next turn. Pure.

The same words do different things after different client lines: "Would it help to look at that?" right after
the client touched on something and pulled back is a permission request; "Come on, tell me" after a refusal is
pushing. The reader crosses these cues with the coach's words.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from app.tag.text import normalise


class ClientCue(StrEnum):
    PULLED_BACK = "pulled_back"  # touched on something and withdrew ("...anyway.", "never mind")
    DECLINED = "declined"  # said no to going somewhere ("I'd rather not", "not today")
    ASKED = "asked"  # asked the coach a question
    WANTS_ADVICE = "wants_advice"  # asked what to do ("what would you do?")
    SENSITIVE = "sensitive"  # named a private area: family, health, money, grief, fear


# A hint touches a topic and then pulls back; persona authors are asked to write hints this way.
PULL_BACK = re.compile(
    r"\b(?:anyway|anyhow|whatever|never ?mind|ignore me|not relevant|not important|where were we|let'?s not|"
    r"it'?s nothing|doesn'?t matter|forget (?:it|that|i said)|not (?:the|my) topic|not why i'?m here|"
    r"not (?:a question )?for today|shouldn'?t say more|different story|another story|long story|"
    r"back to (?:the|work|the point)|better we talk about|not what (?:we'?re|i'?m) here|"
    r"(?:it'?s|that'?s) complicated|don'?t want to get into|leave (?:it|that)|moving on|"
    r"not a big deal|no big deal|it'?s fine|i'?m fine|sorry,? (?:i'?m )?rambling|off topic|tangent)\b"
    r"|\.\.\.\s*$|…\s*$"
)
DECLINE = re.compile(
    r"(?:^|[.!?]\s+)(?:no\b|nah\b|not really\b|not now\b|not today\b|not yet\b)"
    r"|\b(?:i'?d|i would) (?:rather|prefer) (?:not|we didn'?t|to leave|to skip|to stick)"
    r"|\b(?:don'?t|do not) (?:want|wanna|feel like|feel ready) (?:to )?(?:talk|go|get|discuss|say|share|open)"
    r"|\bnot (?:ready|comfortable|something i (?:want|can))\b|\bcan we (?:not|leave|skip|move)\b"
    r"|\bi'?m not (?:going|gonna) (?:to )?(?:talk|say|go)\b|\bprefer not\b|\bleave it there\b|\boff limits\b"
    r"|\b(?:i'?d|i would) (?:rather|prefer to) (?:keep|stay|stick)\b|\b(?:bit|too|quite) personal\b"
    r"|\blet'?s (?:keep going with|stick (?:to|with)|stay (?:on|with)) (?:the|my|work)\b|\bshall we move on\b"
)
WANTS_ADVICE = re.compile(
    r"\bwhat (?:should|would|do|could) (?:i|you) (?:do|say|suggest|recommend)\b|\bany (?:advice|tips|ideas)\b"
    r"|\bwhat would you do\b|\btell me what to do\b|\bwhat do you think i should\b|\bcan you (?:advise|suggest)\b"
)
SENSITIVE = re.compile(
    r"\b(?:mum|mom|mother|dad|father|parents?|brother|sister|son|daughter|kids?|children|wife|husband|"
    r"partner|boyfriend|girlfriend|divorce|marriage|family|home|health|ill|illness|sick|doctor|hospital|"
    r"diagnos\w*|therapy|panic|anxiety|anxious|depress\w*|sleep\w*|drink\w*|money|debt|died|death|funeral|"
    r"grief|lost|miscarriage|pregnan\w*|scared|afraid|ashamed|shame|secret)\b"
)


# Pure, and read several times a turn: the features (twice, with the answer kinds), permission, the push gate.
@lru_cache(maxsize=4096)
def client_cues(context: str | None) -> frozenset[ClientCue]:
    """The cues in the client's last message (none at the start of a session)."""
    if not context:
        return frozenset()
    said = normalise(context)
    cues = set()
    if PULL_BACK.search(said):
        cues.add(ClientCue.PULLED_BACK)
    if DECLINE.search(said):
        cues.add(ClientCue.DECLINED)
    if said.rstrip().endswith("?"):
        cues.add(ClientCue.ASKED)
    if WANTS_ADVICE.search(said):
        cues.add(ClientCue.WANTS_ADVICE)
    if SENSITIVE.search(said):
        cues.add(ClientCue.SENSITIVE)
    return frozenset(cues)
