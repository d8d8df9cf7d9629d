"""Word cues the grader reads in the text itself: what the client expresses and what the coach brings up.

Rubrics name cues by id (`applies_when: {client_cue: emotion}`); the words live here, next to the patterns
that match them, so a misspelt cue in a rubric is a load error rather than a silent miss. Stems such as
`frustrat` tolerate inflections and the odd typo in pasted real sessions."""

from __future__ import annotations

import re
from enum import StrEnum


class Cue(StrEnum):
    EMOTION = "emotion"  # the speaker names a feeling
    FEELINGS = "feelings"  # a feeling word, or asks/talks about feelings ("how do you feel")
    SENSITIVE = "sensitive"  # health, family, money, grief...: areas to enter only with permission
    THERAPY = "therapy"  # digging into the past as therapy would (childhood, trauma, upbringing)
    CONFIDENTIALITY = "confidentiality"  # where what is said goes: review, boss, HR, "between us"
    REFUSAL = "refusal"  # the client declines to go somewhere
    ADVICE_REQUEST = "advice_request"  # the client asks for ideas or advice
    NO_ADVICE = "no_advice"  # the client asks not to be advised


_EMOTION = (
    r"afraid|anger|angry|anxi\w*|ashamed|shame|awful|bitter|bored|burn(?:ed|t)[ -]?out|burnout|confus\w*|"
    r"crushed|cry|crying|cried|tears|depress\w*|devastat\w*|disappoint\w*|drained|dread\w*|embarrass\w*|"
    r"exhaust\w*|fed up|frighten\w*|frustrat\w*|furious|gutted|guilt\w*|happ(?:y|ier|iness)(?! to\b)|"
    r"heartbroken|helpless|hopeless|humiliat\w*|hurt|hurts|hurting|insecure|irritat\w*|jealous|lonel\w*|miserable|"
    r"nervous|numb|overwhelm\w*|panic\w*|proud|reliev\w*|relief|resent\w*|sad|sadness|scared|scary|"
    r"stress\w*|stuck|terrif\w*|tired|torn|trapped|upset|useless|worn out|worr(?:y|ied|ies|ying)|"
    r"excited|annoyed|livid|alone|invisible|fraud|frazzled|on edge"
)
_PATTERNS: dict[Cue, str] = {
    Cue.EMOTION: rf"\b(?:{_EMOTION})\b",
    Cue.FEELINGS: rf"\b(?:{_EMOTION}|feel(?! free)|feels|feeling|feelings|felt|emotion\w*)\b",
    Cue.SENSITIVE: (
        r"\b(?:health|ill|illness|sick|doctor|gp|diagnos\w*|therapist|counsell?or|medication|meds|"
        r"depression|panic attacks?|sleep\w*|insomnia|drink\w*|alcohol|marriage|married|divorce\w*|"
        r"husband|wife|partner|boyfriend|girlfriend|pregnan\w*|miscarriage|fertility|money|debt\w*|"
        r"financ\w*|salary|mortgage|religio\w*|faith|grief|griev\w*|bereave\w*|funeral|died|death|"
        r"sex\w*|personal life|home life|at home|family|your (?:kids|children|son|daughter|mum|mom|dad|"
        r"mother|father|parents|body|weight))\b"
    ),
    Cue.THERAPY: (
        r"\b(?:childhood|as a (?:child|kid)|when you were (?:little|young|a child|a kid|small)|growing up|"
        r"your upbringing|your parents|trauma\w*|inner child|"
        r"where (?:did|does) (?:this|that) (?:fear|pattern|feeling|anxiety) (?:come from|start)|"
        r"deep[- ]rooted)\b"
    ),
    Cue.CONFIDENTIALITY: (
        r"\b(?:confidential\w*|between us|off the record|my review|in (?:my|the) review|appraisal|"
        r"(?:go(?:es)?|get(?:s)?) back to (?:my|the|your) (?:boss|manager|head|principal|hr|team)|"
        r"tell (?:my|the) (?:boss|manager|head|principal)|"
        r"who (?:will|would|gets to) (?:see|know|hear|read)|stays? (?:in here|here|in this room|between)|"
        r"(?:will|would) you (?:tell|report|write)|report(?:ing)? back|progress notes?|hr)\b"
    ),
    Cue.REFUSAL: (
        r"\b(?:(?:i'?d|i would) (?:rather|prefer) (?:not|to leave|to keep|to stick|we didn'?t)|"
        r"prefer not|rather not|"
        r"(?:i )?(?:don'?t|do not|dont) (?:want|wanna) to (?:talk|go|get|discuss|get into|go into)|"
        r"not (?:today|now|yet|ready|comfortable|going there|going into|getting into|something i)|"
        r"(?:can|could) we (?:not|leave|park|skip|move on|keep to|stick to|stay on)|let'?s not|"
        r"leave (?:it|that) (?:there|for now)|that'?s private|that'?s personal|none of your business|"
        r"off[- ]limits|no thanks?|no,? thank you|i'?m not (?:ready|comfortable|sure i want)|"
        r"park that|not relevant)\b"
    ),
    Cue.ADVICE_REQUEST: (
        r"\b(?:what (?:should|would|do) (?:i|you) (?:do|suggest|recommend)|what would you do|"
        r"(?:any|got any|have any|some) (?:ideas|suggestions|advice|tips|thoughts)\b(?! from me)|"
        r"tell me what to do|(?:can|could) you (?:give|suggest|tell) me|"
        r"(?:i'?d|i would) (?:love|like|welcome|appreciate) (?:some |any |your )?(?:ideas|advice|suggestions|"
        r"input|thoughts|view|take)|what do you think i should|i need (?:some )?(?:ideas|advice)|"
        r"how (?:would|do) (?:other people|others|you) (?:handle|deal with|do) (?:it|this|that))"
    ),
    Cue.NO_ADVICE: (
        r"\b(?:(?:don'?t|do not|dont) (?:want|need) (?:advice|solutions|to be told|a lecture|lectures|tips)|"
        r"no (?:advice|lectures?|war stories|solutions)|"
        r"not (?:looking|here) for (?:advice|solutions|answers)|"
        r"(?:don'?t|do not|dont) tell me what to do|"
        r"(?:figure|work|think|sort) (?:it|this|things|that) (?:out|through) (?:myself|for myself|on my own)|"
        r"think (?:out loud|aloud)|(?:just )?(?:want|need) (?:you )?to listen|just listen)"
    ),
}
_COMPILED: dict[Cue, re.Pattern[str]] = {
    cue: re.compile(pattern, re.IGNORECASE) for cue, pattern in _PATTERNS.items()
}


def mentions(text: str | None, cue: Cue) -> bool:
    """Whether the text carries the cue."""
    return bool(text) and _COMPILED[cue].search(text or "") is not None


def matches(text: str | None, cue: Cue) -> set[str]:
    """The distinct phrases of the text that carry the cue, lower-cased."""
    if not text:
        return set()
    return {match.group(0).lower() for match in _COMPILED[cue].finditer(text)}


def first_match(text: str | None, cue: Cue) -> str | None:
    """The first phrase of the text that carries the cue, as written."""
    found = _COMPILED[cue].search(text) if text else None
    return found.group(0) if found else None
