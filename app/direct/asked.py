"""What the learner asked or did this turn, so the client can answer it. Pure.

The reader's moves say how a turn coaches (they move trust); this says what the turn wants from the client: a
contracting answer, a fact, a feeling, what it means to them, options, a yes to a reflection or a summary, small
talk, room to go on, or a goodbye. Read from the words of the question itself (the last one in the turn: "So X.
What's the first step?" asks for options, whatever the reflection before it), with the reader's moves where
the words say nothing clear.
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from app.domain.codebook import Move
from app.domain.persona import FactKind
from app.domain.signals import TurnSignals
from app.tag.text import expand_shorthand


class AskedKind(StrEnum):
    GOAL = "goal"
    SUCCESS = "success"
    IMPORTANCE = "importance"
    WORKING_STYLE = "working_style"
    CONFIDENTIALITY = "confidentiality"
    FACT = "fact"  # who, when, how long, what happened, what was said
    FEELING = "feeling"
    MEANING = "meaning"  # what matters to them, values, what it says about them
    OPTIONS = "options"  # options, next steps, what they could do or say
    REFLECTION = "reflection"  # the coach says back what they heard, with no question
    SUMMARY = "summary"
    SMALL_TALK = "small_talk"
    SILENCE = "silence"  # "Mm.", "...", "Take your time", an empty send: room to go on
    CLOSING = "closing"
    OPEN = "open"  # any other question or invitation to say more


CONTRACT_KINDS = frozenset(
    {
        AskedKind.GOAL,
        AskedKind.SUCCESS,
        AskedKind.IMPORTANCE,
        AskedKind.WORKING_STYLE,
        AskedKind.CONFIDENTIALITY,
    }
)


class Asked(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: AskedKind
    fact: FactKind | None = (
        None  # for FACT: people (who), timeline (when, how long) or events (what happened)
    )
    reflected: bool = False  # the turn also says back what the client said, before its question


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# Turns the client hears as a pause: fillers, minimal encouragers, an offer of time, nothing at all.
SILENCE = _any(
    r"^(?:[\s.,!…-]*(?:m+|mhm+|hm+|uh[- ]?huh|ok(?:ay)?|yes|yeah|right|sure|go on|carry on|i see|and\??|"
    r"take (?:your|all the) time(?: you need)?|no rush|there'?s no (?:rush|hurry)|i'?m (?:here|listening)|"
    r"go ahead(?: and think(?: about it)?)?|have a think|(?:just )?think about it|"
    r"(?:it'?s|that'?s) (?:ok(?:ay)?|fine)|whenever you'?re ready)[\s.,!…-]*)*[\s.,!…?-]*$"
)
# "Thanks for coming" opens a session as often as it ends one: only these words close it at the start.
GOODBYE = _any(
    r"\bgoodbye\b|\bbye\b|\bout of time\b|\b(?:that'?s|that is) (?:all|our) time\b|\bwrap (?:up|things up|this up)\b",
    r"\bend (?:our|the|this) session\b|\bsee you next\b|\bbefore we (?:finish|close|end)\b",
)
# Moves the reader finds in a pause ("Go on." reads as a question): anything else means the turn said more.
PAUSING_MOVES = frozenset(
    {Move.SPACE, Move.ACKNOWLEDGE, Move.INVITE, Move.AUTONOMY, Move.OPEN_QUESTION, Move.CLOSED_QUESTION}
)
OPENING_TURNS = 2  # turns in which a bare "thanks for coming" is a greeting, not a goodbye
# Wrapping up in words the reader's closing cue does not list ("we're coming up to time", "let's leave it there").
WRAP_UP = _any(
    r"\b(?:coming up to|nearly at|almost at|running out of|short on) (?:the )?time\b|\bminutes? left\b",
    # "Let's leave it there" closes; "Understood, we'll leave it there" after a no only leaves the topic.
    r"\b(?:stop|leave it|pause|finish|end) (?:there|here) for today\b|\b(?:let'?s|shall we) (?:leave|stop) it there\b",
    r"\ball (?:we have|the) time (?:we have )?for today\b|\bcall it a day\b|\bas we (?:close|finish|wrap)\b",
    r"\b(?:need|have) to (?:finish|stop|wrap up) (?:in a (?:minute|moment)|soon|now)\b",
    r"\bthanks? (?:you )?(?:so much |very much )?for (?:today|this session|your time today)\b",
)
SUMMARY = _any(
    r"\blet me (?:check|make sure) (?:that )?i'?(?:ve| have) (?:understood|got)\b|\bplay (?:it |that )?back\b",
    r"\b(?:two|three|four|a few|several) (?:things|threads|pieces|strands) (?:here|going on|in this)\b",
    r"\bputting (?:it|this|that) (?:all )?together\b|\bwhere we'?ve got to\b",
    r"\bsum(?:ming)? (?:it |that |this |things )?up\b|\bto sum\b|\bsummar(?:y|i[sz]e)\b|\brecap\b",
    r"\bso far,? (?:you'?ve|we'?ve|you have|we have)\b|\b(?:pull|bring)(?:ing)? (?:that|it|this|things) together\b",
    r"\bwhat i'?ve heard (?:so far|today)\b|\bif i put (?:that|it|this|all that) together\b",
    r"\blet me (?:check|see) (?:i'?ve|i have) got (?:this|that|it|everything)\b",
)
SUCCESS = _any(
    r"\bhow (?:will|would|'ll|do|could) you know\b|\bwhat would (?:success|a good outcome|good|done) look like\b",
    r"\b(?:good|great|useful) (?:result|outcome)\b|\bworthwhile\b|\bwalk away\b|\btell you (?:this|it|today) (?:was|worked)\b",
    r"\bat the end of (?:today|this session|our (?:time|session)|the (?:session|hour))\b",
    r"\bsuccess\b|\bby the end of (?:today|this session|our (?:time|session)|the (?:session|hour))\b",
    r"\b(?:leave|walk out|go away|come away) (?:with|knowing|having|feeling)\b",
    r"\bwhat would make (?:this|today|it|the session) (?:useful|worthwhile|worth it|a success|work)\b",
)
GOAL = _any(
    r"\b(?:from|out of) (?:today|this session|our (?:session|time|conversation)|this hour|the session|coaching)\b",
    r"\bwhat (?:would|do) you (?:like|want) to (?:work on|focus on|talk about|achieve|cover|explore|look at)\b",
    r"\bwhat (?:brings|brought) you\b|\bwhat'?s on your mind\b|\bwhere (?:would|do) you (?:like|want) to start\b",
    r"\bwhat (?:would|do) you (?:like|want) (?:to get|from|out)\b|\bwhat(?:'s| is) the (?:goal|aim|focus)\b",
    r"\bwhat (?:would|should|shall) we (?:focus on|work on|talk about)\b|\bwhat would you like to bring\b",
)
IMPORTANCE = _any(
    r"\bwhy (?:now|today|this,? now)\b|\bwhy (?:is|does) (?:it|this|that) (?:matter|important)\b",
    r"\bwhat makes (?:this|it|that) (?:so )?(?:important|matter|urgent)\b|\bwhy (?:it|this) matters\b",
    r"\bwhat(?:'s| is) at stake\b|\bif nothing changes\b|\bwhat would it cost\b|\bright time\b",
    r"\bwhy (?:does|did) (?:this|it) (?:come up|feel urgent) now\b|\bwhy is (?:this|it) (?:important|urgent)\b",
)
WORKING_STYLE = _any(
    r"\bhow (?:would|do|'d) you like (?:to work|me to|us to|this to|to do this|to use)\b",
    r"\bhow (?:should|shall|can|could) we (?:work|do this|go about|use (?:this|our) time)\b",
    r"\bwork(?:ing)? together\b|\bwhat (?:would|do) you (?:need|want) from me\b|\bhow can i (?:best )?(?:help|support)\b",
    r"\bwhat(?:'s| is) (?:helpful|unhelpful|useful) (?:for|to) you in\b",
)
CONFIDENTIALITY = _any(
    r"\bconfidential",
    r"\bstays? (?:between us|in (?:this|the) room|here)\b",
    r"\bbetween (?:you and me|us)\b",
    r"\b(?:won'?t|don'?t|never|will not|do not) (?:share|tell|pass on|report|repeat)\b|\bgoes? back to\b",
    r"\bthe only thing i (?:report|share|pass on|tell)\b|\bi'?m also your (?:manager|boss|line manager)\b",
)
SMALL_TALK = _any(
    r"\bhow(?:'s| is| was| were| are| has| have) (?:your|the) (?:week|weekend|day|morning|journey|drive|commute|"
    r"holiday|trip|family|evening|break|lunch|summer)s?\b",
    r"^(?:hi|hello|hey|morning|good (?:morning|afternoon))?[\s,!.]*(?:\w+[\s,!.]+)?how are you(?: doing| today)?\s*\??$",
    r"\bhow(?:'s| is) (?:it going|life|everything)\b|\bdid you find (?:the|us|it)\b|\bnice to (?:meet|see)\b",
    r"\b(?:lovely|great) to (?:meet|see)\b|\bweekend\b|\bhear me\b|\bconnection\b|\bvideo\b|\baudio\b",
    r"\bsorry (?:i'?m|for being) (?:a (?:bit|few minutes|couple of minutes) )?late\b|\b(?:hot|cold|raining|sunny)\b",
    r"\bgood to (?:meet|see)\b|\bcoffee\b|\btea\b|\bweather\b|\bparking\b|\btraffic\b|\bget here\b|\bbusy (?:day|week)\b",
)
OPTIONS = _any(
    r"\b(?:first|next|one|small|smallest|concrete|practical|later) (?:step|thing|move|action)s?\b|\boptions?\b",
    r"\bwhat (?:could|can|might|will|would|are) you (?:going to )?(?:do|try|say|change|start|stop)\b",
    r"\bhow (?:could|might|can|will|would|are) you (?:going to )?(?:handle|approach|tackle|deal|start|open|say|"
    r"change|do|get|make|respond|raise|bring)\b",
    r"\bwhat(?:'s| is) possible\b|\bwhat would help\b|\bwhere (?:do|could|would|can) you go from here\b",
    r"\bdo about (?:it|this|that|him|her)\b|\bnext move\b|\bplan\b|\bwhat else could\b|\bideas?\b|\balternatives?\b|\bdo differently\b|\bwhat'?s next\b",
    r"\bwhat (?:needs|has|would need) to (?:happen|change)\b|\bgoing forward\b|\bcommit\b|\btake away\b",
    r"\bwhat do you want to do\b|\bwhat(?:'s| is) in your control\b|\bwhat would you (?:like to )?say to\b",
)
FEELING = _any(
    r"\bhow (?:do|did|does|are|were|is|was) (?:you|that|it|this) (?:feel|feeling|sit|land)",
    r"\bhow (?:are|were) you (?:feeling|doing with|coping|holding up|finding)\b",
    r"\bfeel(?:s|ing|ings)?\b|\bfelt\b|\bemotions?\b|\bwhat(?:'s| is| was) (?:that|it|this) like\b",
    r"\bcomes? up for you\b|\b(?:gut )?reaction\b|\bhow (?:was|is) that for you\b|\bwhat(?:'s| is) (?:that|this|it) doing to you\b|\bhow does that affect\b",
)
MEANING = _any(
    r"\bwhat matters\b|\bmatters? (?:most|to you)\b|\bimportant to you\b|\bvalues?\b|\bpurpose\b",
    r"\bwhat does (?:that|this|it) (?:mean|say) (?:to|about|for) (?:you|yourself)\b|\bmeans? to you\b",
    r"\bwhy do you care\b|\bwhat do you (?:care|stand) (?:about|for)\b",
    r"\bkind of (?:\w+ )?(?:leader|person|teacher|engineer|manager|parent|colleague) (?:do )?you want\b",
    r"\bwhat would it (?:mean|say)\b|\bwho do you want to be\b|\bwhat do you believe\b|\bproud\b",
)
FACT_WHEN = _any(
    r"\bhow long\b|\bsince when\b|\bhow often\b|\bhow many\b|\bhow much\b|\bhow old\b|\bwhat time\b",
    r"^(?:and |so )?when\b|\bwhen (?:did|was|were|is|does|do|will|had|has)\b|\bwhat (?:day|date|week|month|year)\b",
)
FACT_WHO = _any(r"^(?:and |so )?who\b|\bwho(?:'s| is| are| was| were| else| exactly| did| does| do)\b")
FACT_WHAT = _any(
    r"\bwhat (?:happened|happens|went on|was said|exactly)\b|\bwhat did (?:\w+ )?(?:\w+ )?(?:say|do|tell|reply|answer)\b",
    r"\bwhat (?:does|do) (?:he|she|they|\w+) (?:say|do)\b|\bwhere (?:did|was|were|do|does|is|are)\b",
    r"\bhow did (?:it|that|the \w+|your \w+) go\b|\bwalk me through\b|\bdescribe\b|\bgive me an example\b|\bfor (?:example|instance)\b|\bwhat was the\b",
    r"\bwhat (?:was|is) (?:it|that) about\b|\bwhat do you do\b|\bwhat(?:'s| is) (?:his|her|their) (?:job|role)\b",
)
# A question, or an invitation that works like one ("Tell me about the stand-up.").
QUESTION_WORDS = _any(
    r"^(?:and |so |but |ok(?:ay)?,? |right,? )?(?:what|who|when|where|why|how|which|is|are|do|does|did|can|could|"
    r"would|will|have|has)\b",
    r"^(?:and |so )?(?:tell me|say more|walk me through|describe|talk me through|help me understand)\b",
)
# "You're carrying a lot on your own, right?" says something back and checks it: a reflection, not a question.
TAG_QUESTION = _any(
    r",\s*(?:right|yeah|yes|correct|is that right|is that it|isn'?t it|no|did i get that right)\s*\?*$"
)
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\s*[:;]\s+")

CONTRACT_PATTERNS: tuple[tuple[AskedKind, re.Pattern[str]], ...] = (
    (AskedKind.SUCCESS, SUCCESS),
    (AskedKind.IMPORTANCE, IMPORTANCE),
    (AskedKind.WORKING_STYLE, WORKING_STYLE),
    (AskedKind.GOAL, GOAL),
    (AskedKind.CONFIDENTIALITY, CONFIDENTIALITY),
)
CONTRACT_MOVES: tuple[tuple[Move, AskedKind], ...] = (
    (Move.GOAL, AskedKind.GOAL),
    (Move.SUCCESS_MEASURE, AskedKind.SUCCESS),
    (Move.IMPORTANCE, AskedKind.IMPORTANCE),
    (Move.WORKING_STYLE, AskedKind.WORKING_STYLE),
    (Move.CONFIDENTIALITY, AskedKind.CONFIDENTIALITY),
)
FACT_PATTERNS: tuple[tuple[FactKind, re.Pattern[str]], ...] = (
    ("timeline", FACT_WHEN),
    ("people", FACT_WHO),
    ("events", FACT_WHAT),
)


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE.split(text) if part.strip(" .,!?…")]


def _questions(parts: list[str]) -> tuple[list[str], list[str]]:
    """The turn's questions (or question-like invitations), last first, and the sentences said before the
    first of them."""
    asking = [
        index
        for index, part in enumerate(parts)
        if (part.rstrip().endswith("?") or QUESTION_WORDS.search(part)) and not TAG_QUESTION.search(part)
    ]
    if not asking:
        return [], parts
    return [parts[index] for index in reversed(asking)], parts[: asking[0]]


def _from_words(question: str) -> Asked | None:
    """What a question asks, from its own words; None when they say nothing clear."""
    for kind, pattern in CONTRACT_PATTERNS:
        if pattern.search(question):
            return Asked(kind=kind)
    if SMALL_TALK.search(question):
        return Asked(kind=AskedKind.SMALL_TALK)
    if OPTIONS.search(question):
        return Asked(kind=AskedKind.OPTIONS)
    if FEELING.search(question):
        return Asked(kind=AskedKind.FEELING)
    if MEANING.search(question):
        return Asked(kind=AskedKind.MEANING)
    for fact_kind, pattern in FACT_PATTERNS:
        if pattern.search(question):
            return Asked(kind=AskedKind.FACT, fact=fact_kind)
    return None


def _from_moves(signals: TurnSignals) -> AskedKind | None:
    return next((kind for move, kind in CONTRACT_MOVES if move in signals.moves), None)


def is_silence(text: str) -> bool:
    return bool(SILENCE.match(expand_shorthand(text)))


def what_was_asked(signals: TurnSignals, turn: int) -> Asked:
    """What the learner's turn (the `turn`-th, from 1) asks of the client."""
    text = expand_shorthand(signals.text)  # a novice's "wat do u want" asks what "what do you want" asks
    if is_silence(text) and set(signals.moves) <= PAUSING_MOVES:
        return Asked(kind=AskedKind.SILENCE)
    if (signals.closing or WRAP_UP.search(text)) and (turn > OPENING_TURNS or GOODBYE.search(text)):
        return Asked(kind=AskedKind.CLOSING)
    if SUMMARY.search(text):
        return Asked(kind=AskedKind.SUMMARY)
    questions, before = _questions(_sentences(text))
    reflected = bool(before) and signals.has(Move.REFLECTION, Move.EMPATHY)
    # Of stacked questions the last one the words make clear is answered ("How long...? Who else knows?").
    for question in questions:
        asked = _from_words(question)
        if asked is not None:
            return asked.model_copy(update={"reflected": reflected})
    said = next((kind for kind, pattern in CONTRACT_PATTERNS if pattern.search(text)), None)
    contract = said or _from_moves(signals)  # a statement can contract too: "What's said here stays here."
    if contract is not None:
        return Asked(kind=contract, reflected=reflected)
    checked_back = not questions and bool(TAG_QUESTION.search(text))
    if questions or (signals.has(Move.INVITE, Move.OPEN_QUESTION, Move.CLOSED_QUESTION) and not checked_back):
        return Asked(kind=AskedKind.OPEN, reflected=reflected)
    if signals.has(Move.REFLECTION, Move.EMPATHY, Move.ACKNOWLEDGE) or checked_back:
        return Asked(kind=AskedKind.REFLECTION)
    if SMALL_TALK.search(text) or turn <= OPENING_TURNS:
        return Asked(kind=AskedKind.SMALL_TALK)
    # A remark that asks nothing ("That shows.", "Nice."): the client takes it as room to go on.
    return Asked(kind=AskedKind.SILENCE)
