"""What the learner asked or did this turn, so the client can answer it. Pure.

The reader's moves say how a turn coaches (they move trust); this says what the turn wants from the client: a
contracting answer, a fact, a feeling, what it means to them, options, a yes to a reflection or a summary, small
talk, room to go on, or a goodbye. Read from the words of the question itself (the last one in the turn: "So X.
What's the first step?" asks for options, whatever the reflection before it), with the reader's moves where
the words say nothing clear. A check after a reflection ("Is that right?", "Have I missed anything?") asks
nothing new: the turn is the reflection or summary it checks, and a reflection put as a question ("So you feel
pulled between them?") is a reflection.
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from app.domain.codebook import Move
from app.domain.persona import FactKind
from app.domain.signals import TurnSignals
from app.tag.text import expand_shorthand, interrogative_kind, strip_discourse


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
# What the words make clear enough that an engine reaction read from the same words (an offer, a permission
# request) should give way to answering it.
CLEAR_KINDS = frozenset(set(AskedKind) - {AskedKind.OPEN, AskedKind.SILENCE, AskedKind.REFLECTION})


class Asked(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: AskedKind
    fact: FactKind | None = (
        None  # for FACT: people (who), timeline (when, how long) or events (what happened)
    )
    reflected: bool = False  # the turn also says back what the client said, before its question
    misread: bool = False  # what it says back is what the client has just said was not so


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# Turns the client hears as a pause: fillers, minimal encouragers, an offer of time, nothing at all.
SILENCE = _any(
    r"^(?:[\s.,!…-]*(?:m+|mhm+|m+-?h+m+|hm+|uh[- ]?huh|ok(?:ay)?|yes|yeah|right|sure|go on|carry on|i see|and\??|"
    r"take (?:your|all the|as much|a) (?:time|moment|minute|second)(?: you need| you like)?|no (?:rush|hurry)(?: at all)?|there'?s no (?:rush|hurry)|"
    r"i'?m (?:here|listening|with you)|"
    r"go ahead(?: and think(?: about it)?)?|have a think|(?:just )?think about it|"
    r"(?:it'?s|that'?s) (?:ok(?:ay)?|fine|al(?:l ?)?right)|whenever you'?re ready)[\s.,!…-]*)*[\s.,!…?-]*$"
)
# "Thanks for coming" opens a session as often as it ends one: only these words close it at the start.
GOODBYE = _any(
    r"\bgoodbye\b|\bbye\b|\bout of time\b|\b(?:that'?s|that is) (?:all|our) time\b|\bwrap (?:up|things up|this up)\b",
    r"\bend (?:our|the|this) session\b|\bsee you next\b|\bbefore we (?:finish|close|end)\b",
)
# Moves the reader finds in a pause ("Go on." reads as a question): anything else means the turn said more.
PAUSING_MOVES = frozenset(
    {
        Move.SPACE,
        Move.ACKNOWLEDGE,
        Move.EMPATHY,
        Move.INVITE,
        Move.AUTONOMY,
        Move.OPEN_QUESTION,
        Move.CLOSED_QUESTION,
    }
)
OPENING_TURNS = 2  # turns in which a bare "thanks for coming" is a greeting, not a goodbye
# Wrapping up in words the reader's closing cue does not list ("we're coming up to time", "let's leave it there").
WRAP_UP = _any(
    r"\b(?:coming up to|nearly at|almost at|running out of|short on|close to) (?:the )?time\b|\bminutes? left\b",
    r"\b(?:coming|come|getting|near|close) (?:to )?(?:the )?end of (?:our|the|this|today'?s) (?:time|session|hour|conversation)\b",
    r"\btime(?:'s| is) (?:up|nearly up|almost up|over)\b|\bout of time\b",
    # "Let's leave it there" closes; "Understood, we'll leave it there" after a no only leaves the topic.
    r"\b(?:stop|leave it|pause|finish|end|wrap up|close) (?:there|here) for (?:today|now|this (?:week|time|session))\b",
    r"\b(?:let'?s|shall we|we can|we'?ll|i'?ll) (?:stop|end|finish|close|wrap up)(?: it)? (?:there|here|now)\b",
    r"\b(?:let'?s|shall we) (?:leave|stop) it there\b|\bwe (?:finish|stop|end|close) (?:here|now|there)\b",
    r"\b(?:good|natural|nice|right) (?:place|point|moment|time) to (?:stop|end|finish|close|pause|leave it|wrap)\b",
    r"\ball (?:we have|the) time (?:we have )?for today\b|\bcall it a day\b|\bas we (?:close|finish|wrap|end)\b",
    r"\b(?:need|have|ought|got) to (?:finish|stop|wrap up|end|close) (?:in a (?:minute|moment)|soon|now|here|there)\b",
    r"\bshould (?:probably )?(?:stop|finish|wrap up|end|close) (?:here|there|now|soon)?",
    r"\bthanks? (?:you )?(?:so much |very much |again )?for (?:today|this session|your time today|the session)\b",
    r"\bthanks?(?: you)?(?: so much| very much)? for (?:your |all your |being so )?\w+ (?:today|this session)\b",
    r"\bthat'?s (?:us|it|all|everything) for (?:today|now|this session)\b|\b(?:same time|see you) next\b",
    r"^(?:(?:ok(?:ay)?|right|so|well),? )?that'?s (?:time|our time)\b|\bsee you (?:in|on|at|then|soon)\b|\bmeet again\b",
    r"\b(?:pick (?:this|it|that) up|continue|carry on) next (?:time|session|week|month)\b|\buntil next time\b",
    r"\b(?:next|our next|the next) session\b.*\b(?:then|see you|book|diary)\b|\btalk soon\b|\btake care\b",
    r"\b(?:good|great) (?:work|session|job) today[.!]|\bwell done today\b",
    r"\b(?:it'?s been|it was|this has been|this was) (?:really |very |so )?(?:a pleasure|good|great|lovely|nice) "
    r"(?:talking|to talk|working|meeting|speaking|to meet|to work)\b|\bsee you (?:\w+day|next|tomorrow|later)\b",
    r"\bcall it (?:there|here|a day|for today)\b|\bthat'?s (?:our|the) (?:hour|session)\b|\bwe'?re (?:at|out of) time\b",
    r"\blet you go\b|\bbefore (?:you go|you leave|we (?:finish|close|end|stop|wrap up|part))\b",
    r"\b(?:any|one) (?:last|final) (?:thoughts?|words?|questions?|reflections?|things?|comments?)\b",
    r"\btake ?aways?\b|\btake (?:away )?from (?:today|this session|our (?:session|time|conversation))\b",
    r"\bhow are you (?:leaving|feeling as we (?:finish|close|end))\b|\bleaving (?:today|this session)\b",
    r"\bend (?:our|the|this) session\b|\bwe'?re (?:done|finished)(?: for today)?[.!]|\bgood luck\b|\bthat'?s all from me\b",
    r"\b(?:leaving|walking away|going away|going home) with\b|\bbefore you (?:go|leave|head off|head out)\b(?!\s+(?:on|into|in|any|further|ahead|through|over|deeper))",
    r"\bremember from (?:this|today|our)\b|\bwe(?: a|')re (?:done|finished)(?: for (?:today|now|this session))?\b(?! with)",
    r"\benjoyed (?:talking|our|this|today|working)\b|\bbefore we (?:meet|speak|see each other) again\b",
)
# A question that only checks the reflection or summary before it: it asks for nothing new.
CHECK = re.compile(
    r"(?:(?:so|and|but|ok(?:ay)?|then|just),? )?(?:"
    r"(?:is|was) (?:that|this|it) (?:right|it|fair|correct|true|accurate|close|so|about right|the gist|how it (?:is|feels|was))"
    r"|(?:did|have|do) i (?:get|got|understand|understood|hear|have) (?:that|it|you|this|everything|all that)(?: right| correctly)?"
    r"|(?:have|did) i (?:miss|missed|leave|left) (?:anything|something|any\w*)(?: out)?"
    r"|(?:what|anything) (?:have|did) i (?:miss|missed|get wrong|leave out|left out)"
    r"|am i (?:close|right|on track|missing (?:anything|something)|getting (?:that|it) right|way off|off)"
    r"|(?:does|would|did) (?:that|this|it) (?:sound|seem|feel|ring) (?:right|about right|fair|accurate|true|familiar)"
    r"|(?:does|did|would) (?:that|this|it) (?:capture|fit|cover|sum up|match|describe|reflect) (?:it|things|everything|"
    r"what'?s going on|where you are|how you feel|it all|the picture|what you (?:said|mean|meant))?"
    r"|(?:does|did) that (?:capture|fit|cover|sum|match) it(?: all)?"
    r"|(?:is|was) that what you (?:mean|meant|said)|(?:fair|right|correct|yes|yeah|no|true|close)"
    r"|how does that sound|(?:is there )?anything (?:else )?(?:i'?ve|i have|i) missed|anything to add"
    r"|can i check (?:my understanding|that|i'?ve got (?:that|it|this)(?: right)?|something)"
    r"|let me (?:check|see) (?:that )?i'?(?:ve| have) (?:got|understood|followed) (?:that|it|this|you)?(?: right)?"
    r")[\s?.!,]*",
    re.IGNORECASE,
)
SUMMARY = _any(
    r"\blet me (?:check|make sure|see) (?:that |if |whether )?i'?(?:ve| have) (?:understood|got|followed)\b|\bplay (?:it |that |this )?back\b",
    r"\b(?:two|three|four|a few|several|some) (?:different |big |main )?(?:things|threads|pieces|strands|points|parts|issues|themes)\b",
    r"\bputting (?:it|this|that) (?:all )?together\b|\bwhere we'?ve got to\b|\bmain points\b|\bso far\b",
    r"\bsum(?:ming)? (?:it |that |this |things |up)|\bto sum\b|\bsummar(?:y|i[sz]e)\b|\brecap\b|\bin (?:short|a nutshell)\b",
    r"\b(?:pull|bring|gather|put|tie)(?:ing)? (?:\w+ ){1,3}together\b|\boverall\b|\bthe (?:big |whole )?picture\b",
    r"\bwhat i'?ve heard (?:so far|today|overall)\b|\bif i put (?:that|it|this|all that) together\b",
    r"\bwe'?ve (?:covered|talked about|looked at|been through)\b|\bcheck (?:my|i'?ve) understand",
    r"\b(?:you'?ve|you have) (?:mentioned|talked about|told me about|described|said)\b.*\band\b",
    r"\bhere'?s what i'?(?:ve| have) (?:got|heard)\b|\bgo(?:ing)? back over\b|\bfirst(?:ly)?\b.*\bsecond(?:ly)?\b",
)
# A list of several points said back ("the lease, the losses, and your dad"): with a reflection's cue, a summary.
LISTED = re.compile(
    r"[^,;:]{3,}[,;]\s*[^,;:]{3,}[,;]?\s+(?:and|&|plus)\s+\S|(?:[^,;]{3,};){2,}"
    r"|\bas well as\b|\bon top of (?:that|it)\b"
)
SAYS_BACK = _any(
    r"^so\b(?!,? (?:what|who|when|where|why|how|which)\b)",
    r"^(?:you|you'?re|you'?ve|you'?d|you'?ll|your|it'?s|it is|it sounds|sounds|it seems|seems|it feels|feels|"
    r"that'?s|that sounds|there'?s|this is|part of you|i'?m hearing|i hear|i sense|i get the sense|i'?m getting|"
    r"i notice|i'?m noticing|what i'?m hearing|what i hear|if i'?ve got|if i understand|almost as if|like you|"
    r"from what you'?(?:ve )?(?:said|say|told me)|you'?ve (?:told me|mentioned|talked about|described|said))\b",
)
# A yes/no question about what was just summed up ("Is that what you want to work on?", "Does that cover it?").
CHECKS_SUMMARY = re.compile(
    r"^(?:(?:so|and|ok(?:ay)?),? )?(?:is|does|did|have|would|was|are|am)\s+(?:that|this|it|i|these|those)\b",
    re.IGNORECASE,
)
LEADING_DASH = re.compile(r"^\w+\s+[-–—]\s+")  # "Right - so the evenings..."
SUCCESS = _any(
    r"\bhow (?:will|would|'ll|do|could) you know\b|\bwhat would (?:success|a good outcome|good|done) look like\b",
    r"\bwhat (?:would|does|will) ['\"]?(?:useful|good|great|better|success|done|a good (?:session|result|outcome|hour))['\"]? look like\b",
    r"\b(?:good|great|useful) (?:result|outcome)\b|\bworthwhile\b|\bworth (?:it|your time|the time)\b|\bwalk away\b",
    r"\btell you (?:this|it|today) (?:was|worked)\b|\bgood use of (?:your|our|the) time\b",
    r"\b(?:at|by) (?:the )?end of (?:today\b|(?:this|our|the|today'?s) (?:session|time|talk|conversation|hour|meeting|chat)\b)",
    r"\b(?:at|by) the end\b(?! of)|\bwhen you (?:walk out|leave)\b|\b(?:walk out of|leave) (?:here|this room)\b",
    r"\bsuccess\b|\b(?:goes|went|go) well\b|\b(?:at|by) the end of (?:this|it)\b|\bwhat will be different\b",
    r"\b(?:leave|walk out|go away|come away|walk away) (?:with|knowing|having|feeling)\b|\bwhen you leave\b",
    r"\bwhat would make (?:this|today|it|the session|our time|this hour) (?:useful|worthwhile|worth it|a success|work|good|valuable)\b",
    r"\bimagine\b.*\b(?:end|leave|finish|over)\b|\bwhat (?:result|outcome)\b|\bresult you want\b|\boutcome\b|\bglad you came\b|\bworth (?:coming|the (?:trip|drive|hour|time))\b",
    r"\b(?:need|want|like|hope) to (?:leave|walk out|go home|come away) with\b|\bgot somewhere\b|\bworth the\b",
)
GOAL = _any(
    r"\b(?:from|out of) (?:today|this session|our (?:session|time|conversation)|this hour|the session|coaching|this)\b",
    r"\bwhat (?:would|do) you (?:like|want) to (?:work on|focus on|talk about|achieve|cover|explore|look at|bring|get)\b",
    r"\bwhat (?:brings|brought) you\b|\bwhat'?s on your mind\b|\bwhere (?:would|do|shall|should) (?:you|we) (?:like|want)? ?(?:to )?(?:start|begin)\b",
    r"\bwhat (?:would|do) you (?:like|want) (?:to get|from|out)\b|\bwhat(?:'s| is) the (?:goal|aim|focus|topic)\b",
    r"\bwhat (?:would|should|shall) we (?:focus on|work on|talk about|look at|start with)\b|\bwhat would you like to bring\b",
    r"\b(?:work|focus) on today\b|\btopic\b|\bwant (?:help|support) with\b|\b(?:most )?(?:want|need) (?:help|support) with\b",
    r"\bwhat (?:are you|were you) hoping (?:for|to|we)\b|\bwhat(?:'s| is) the (?:thing|one thing|main thing) you (?:most )?(?:want|need)\b",
    r"\bwhich (?:one|of (?:those|these|them)) (?:do you want|would you like|shall we|should we) (?:to )?(?:work|focus|start|look|take)\b",
    r"\bwhich (?:one|of (?:those|these|them)) (?:should|shall) we (?:take|do|pick)\b|\bwhat shall we\b",
    r"\bwhat (?:would|do|should|shall) (?:you|we) (?:\w+ ){0,2}(?:focus|work|concentrate) on\b|\bbe (?:most )?(?:useful|helpful) to (?:focus|work|talk|look)\b",
    r"\byou'?d (?:like|want) to (?:work on|focus on|talk about|look at|explore|cover|start with|get)\b|\b(?:shall|should) we (?:tackle|start with|do) first\b",
    r"\buse (?:the|our|this) (?:time|session|hour) for\b|\bon your (?:plate|mind|list)\b|\bwhat(?:'s| is) the main thing\b|\bwhat are we (?:working on|doing|looking at)\b",
    r"\bwhat (?:would|do) you (?:like|want|need) from (?:me|us|this|our)\b.*\btoday\b|\bwhat you want from this\b",
    r"\bwhich (?:one|of (?:those|these|them)) (?:would|do) you (?:like|want) to (?:start|begin|work|focus|take)\b",
)
IMPORTANCE = _any(
    r"\bwhy (?:now|today|this,? now)\b|\bwhy (?:is|does) (?:it|this|that) (?:matter|important)\b",
    r"\bwhat makes (?:this|it|that) (?:so )?(?:important|matter|urgent|pressing)\b|\bwhy (?:it|this) matters\b",
    r"\bwhat(?:'s| is) at stake\b|\bif nothing changes\b|\bwhat would it cost\b|\bright time\b|\bcost (?:of|you)\b",
    r"\bwhy (?:does|did) (?:this|it) (?:come up|feel urgent) now\b|\bwhy is (?:this|it) (?:so )?(?:important|urgent)\b",
    r"\bpressing\b|\burgent\b|\briding on\b|\bon the line\b|\bstakes?\b|\bhow important\b",
    r"\bhow much does (?:this|it|that) matter\b|\bout of (?:ten|10)\b|\bon a scale\b",
    r"\bwhy (?:bring|raise|look at|work on|talk about|pick|choose) (?:it|this|that)\b|\bnow rather than\b",
    r"\bwhat(?:'s| is| has) (?:pushing|driving|prompting|prompted|made) (?:you|this|it)\b.*\b(?:now|moment|today)\b",
    r"\bwhat (?:prompted|triggered|made) you (?:to )?(?:come|bring|sign up|book|want to (?:work|look|talk))\b",
    r"\bwhy (?:this|that) (?:one|topic|matters)\b|\bbig deal\b|\b(?:this|it|that) (?:is |feels )?(?:so )?important (?:right )?now\b",
    r"\b(?:this|it|that)(?:'s| is| feels) so important\b",
    r"\bwhat happens if (?:you don'?t|nothing|it doesn'?t|this doesn'?t|you do nothing|you leave)\b",
    r"\bif you don'?t (?:decide|sort|fix|deal|act|change|do)\b|\bwhat(?:'s| is) driving\b|\bwhat(?:'s| is) behind (?:this|it|that)\b",
    r"\bwhy (?:did|do|have) you (?:choose|chose|pick|picked|bring|brought|decide|decided)\b",
    r"\bwhat would (?:change|be different) (?:for you )?if\b|\bif (?:it|this|that|things) (?:goes|go) (?:badly|wrong)\b|\bfor your (?:career|future|job)\b",
    r"\bwhy do you want to (?:sort|fix|change|deal|work on|solve|address|tackle)\b|\bwhat (?:will|would) happen if\b|\bif you keep\b",
    r"\burgency\b|\bwhy (?:is|are|does|do) (?!you\b)(?:\w+ ){1,3}(?:so )?(?:important|matter|urgent|pressing)\b"
    r"(?! (?:so much |a lot |most )?(?:to|for) you)",
    r"\bwhat(?:'s| is) different (?:this time|now)\b|\bbringing (?:it|this|that) (?:now|today)\b",
    r"\bwhy (?:this|that) (?:year|month|week|time)\b|\bwhy not (?:last|before|earlier|sooner)\b",
)
WORKING_STYLE = _any(
    r"\bhow (?:would|do|'d) you like (?:to work|me to|us to|this to|to do this|to use)\b",
    r"\bhow (?:should|shall|can|could) we (?:work|do this|go about|use (?:this|our) time)\b|\bway (?:for us |for me |we )?to work\b",
    r"\bwork(?:ing)? together\b|\bwhat (?:would|do) you (?:need|want) from me\b|\bhow can i (?:best )?(?:help|support)\b",
    r"\bwhat(?:'s| is) (?:helpful|unhelpful|useful) (?:for|to) you in\b|\bhow (?:do|would) you like to be (?:coached|supported|challenged)\b",
    r"\b(?:do|would) you (?:want|like|prefer|rather) (?:me|that i|i) (?:to )?(?!share|suggest|offer|give you|tell you what|say what|make)\w+",
    r"\b(?:is it|would it be|will it be) (?:al(?:l ?)?right|ok(?:ay)?|fine|helpful|useful) (?:with you )?(?:if|for) (?:i|me) (?:to )?"
    r"(?:interrupt|challenge|push|stop|jump|ask|point|name|notice|say|check|pause|slow|hold)",
    r"\bwhat(?:'s| is) the most (?:useful|helpful) (?:thing )?i can\b|\bhow can i be (?:most )?(?:useful|helpful)\b",
    r"\b(?:kind|sort) of (?:support|coach|help|coaching)\b|\bhow (?:direct|challenging|hands-on|tough|gentle|structured)\b",
    r"\brole (?:do|would) you (?:want|like) me\b|\bwhat (?:role|style)\b|\b(?:push|challenge) you\b.*\bor\b",
    r"\bor (?:just |mostly |simply )?(?:listen|give you (?:space|room))\b|\bthink out loud\b|\bhow (?:do|would) you (?:work|think) best\b",
    r"\b(?:want|need|expect|like) from me\b|\bpreferences?\b|\bhelps? you (?:think|open up|talk|feel comfortable)\b",
    r"\blikes? to be (?:challenged|pushed|coached|supported|listened)\b|\bway of working\b|\bsuits? you\b",
    r"\b(?:worked|works) (?:well )?for you (?:with|in) (?:coach|mentor|previous|past|other)|\b(?:past|previous|other) (?:coach|mentor)",
    r"\bi can be (?:quite |a bit |very )?(?:direct|blunt|challenging|pushy|tough)\b|\bhow (?:hard|much) (?:should|shall|can|do you want me to) (?:i )?(?:push|challenge|press)\b",
    r"\bhow (?:would|do) you (?:like|want) (?:today|the session|this session|this|our session|things|it) to (?:go|run|work|be)\b",
    r"\b(?:want|like|prefer) to use (?:the|our|this) time\b(?! for)|\bwhat (?:could|can|should|might) i do (?:if|that|to)\b|\bstyle\b",
    r"\bwould it help (?:you )?if i (?!share|suggest|offer|gave|give|told|tell|said)\w+|\bshall i\b|\bor should i\b",
    r"\b(?:want|need|expect|like|help|idea|suggestion|input|advice)\w* (?:\w+ ){0,2}from me\b|\bmake (?:this|it|these sessions|the sessions|our time) work (?:best )?for you\b",
    r"\bhow you (?:like|prefer|want) to (?:do|run|have)\b|\bmore (?:questions|space|challenge|listening|structure)\b",
    r"\b(?:is it|would it be|will it be) (?:al(?:l ?)?right|ok(?:ay)?|fine|helpful|useful) (?:with you )?if i (?!share|suggest|offer|give|tell|say|ask about)\w+",
    r"\bhow (?:do|would) you (?:usually |normally )?like (?:these|this|our|the) (?:conversations?|sessions?|meetings?|chats?)\b",
    r"\bbeing coached\b|\bcoached before\b|\bexperience of coaching\b|\b(?:should i|i should) avoid\b|\bhow should i\b",
    r"\bkind of questions\b|\bquestions help you\b|\bwhat approach\b|\bapproach (?:would |works? )?(?:best )?for you\b",
    r"\b(?:is it|would it be) (?:better|easier|more helpful|more useful) (?:for you )?if i\b",
    r"\brelationship\b|\bhow you (?:like|prefer|want) (?:feedback|to be (?:challenged|told|given)|it)\b|\bfeedback\b.*\bor\b",
    r"\buseful for you when\b|\bpartnership\b|\bcoaching relationship\b|\bhow (?:much|often) (?:do|would) you (?:want|like) me\b",
    r"\bsounding board\b|\bshould i (?:ask|just|push|challenge|interrupt|stop|keep|let)\b|\bhow you (?:like|prefer|want) to (?:work|be coached|be supported)\b",
)
CONFIDENTIALITY = _any(
    r"\bconfidential",
    r"\bstays? (?:between us|in (?:this|the) room|here)\b|\b(?:off|on) the record\b|\bprivate\b|\bprivacy\b",
    r"\bbetween (?:you and me|us)\b|\bleaves? (?:this|the) room\b",
    r"\b(?:won'?t|don'?t|never|will not|do not|wouldn'?t) (?:share|tell|pass on|report|repeat|write)\b|\bgoes? back to\b",
    r"\bthe only thing i (?:report|share|pass on|tell)\b|\bi'?m also your (?:manager|boss|line manager)\b",
    r"\bwhat (?:i do|happens) with what you\b|\bwho (?:sees|hears|knows about) what\b|\bmy notes\b|\btak(?:e|ing) (?:a few )?notes\b",
    r"\b(?:manager|boss|head of department|supervisor|examiner|assessor|trainer) and (?:also )?(?:your )?coach\b",
    r"\b(?:two|both|different) (?:hats|roles)\b|\bmy role\b|\bconflict of interest\b|\bbreak (?:your )?confidence\b",
    r"\bwhat i (?:might|will|would|could|'ll) do with\b|\bthat i'?m (?:also )?your (?:boss|manager|line manager|supervisor|head|examiner)\b",
    r"\b(?:isn'?t|is not|won'?t be|will not be|never|not) (?:shared|passed on|reported|repeated|written down)\b|\bsafe space\b",
    r"\bnothing (?:here |you say |you tell me )?(?:goes|gets|leaves) (?:anywhere|out|back|beyond)\b|\bwho (?:sees|gets to see|hears) what\b",
    r"\b(?:me|i) (?:being|am|'m) (?:also )?your (?:boss|manager|line manager|supervisor|head of department|examiner|assessor|trainer)\b",
    r"\b(?:in|into|on) your (?:file|record|review|appraisal|portfolio)\b|\bwon'?t (?:mention|hear)\b|\bat risk\b|\bsafeguarding\b",
    r"\bhow i (?:handle|use|treat|keep|store) (?:what|anything|everything) you\b|\bwhat we (?:talk about|say|discuss) (?:here|in here|in these|together)\b",
    r"\b(?:nobody|no one|no-one) (?:\w+ ){0,4}will (?:know|hear|find out|see)\b|\bwill know what we\b",
    r"\bi(?:'m| am) (?:also )?your (?:\w+ )?(?:manager|boss|supervisor|head|examiner|assessor|trainer|consultant|mentor|principal|director)\b",
    r"\bon the (?:\w+ )?(?:panel|board|committee)\b|\b(?:know|friends with|report to|work with) your (?:boss|manager|principal|consultant|supervisor|head)\b",
    r"\bonly (?:share|report|tell|pass on)\b|\b(?:i'?ll|i will|i'?d|i would|i might) (?:tell|report|mention|share|pass)\b|\b(?:just|only) for (?:you|me|us)\b",
    r"\blimits\b|\bwon'?t see\b|\b(?:will )?never (?:hear|know|see|find out)\b|\brisk of\b|\bobliged to\b|\bhave to report\b",
    r"\bnot (?:going to|gonna) (?:share|tell|pass|report|repeat|mention)\b|\bgoes nowhere\b|\bgo no further\b",
    r"\bwon'?t go (?:anywhere|any further|beyond)\b|\b(?:doesn'?t|does not|won'?t|will not) go (?:to|back|further|anywhere|beyond)\b",
    r"\bsafe to (?:talk|say|share|speak)\b",
    r"\bduty of care\b|\bharm (?:yourself|to)\b|\bbetween the (?:two|both) of us\b|\bupfront\b|\btransparen|\b(?:sit|i'?m|am) on the (?:panel|board|committee)\b",
)
SMALL_TALK = _any(
    r"\bhow(?:'s| is| was| were| are| has| have) (?:your|the) (?:week|weekend|day|morning|journey|drive|commute|"
    r"holiday|trip|family|evening|break|lunch|summer|business|flight|train)s?\b",
    r"^(?:hi|hello|hey|morning|good (?:morning|afternoon))?[\s,!.]*(?:\w+[\s,!.]+)?how are you(?: doing| today)?\s*\??$",
    r"\bhow(?:'s| is| are) (?:it going|life|everything|things|business|you doing)\b|\bdid you find (?:the|us|it)\b",
    r"\b(?:nice|lovely|great|good) to (?:meet|see)\b|\bweekend\b|\bhear me\b|\bconnection\b|\bvideo\b|\baudio\b",
    r"\bsorry (?:i'?m|for being) (?:a (?:bit|few minutes|couple of minutes) |a little )?late\b|\b(?:hot|cold|raining|sunny)\b",
    r"\bcoffee\b|\btea\b|\bwater\b|\bweather\b|\bparking\b|\btraffic\b|\bget here\b|\bbusy (?:day|week)\b",
    r"\blovely day\b|\bhow was the (?:drive|journey|trip|flight|train)\b|\bselamat\b|\bgood (?:morning|afternoon|evening)\b",
    r"\b(?:room|chair|seat) (?:ok|okay|alright|warm|comfortable)\b|\bwarm enough\b|\btoo (?:hot|cold)\b|\btake a seat\b",
    r"\bhave a seat\b|\bmake yourself (?:comfortable|at home)\b|\b(?:lovely|nice|good|great) to have you\b|\bbeen (?:away|anywhere)\b",
    r"\b(?:good|nice|lovely|relaxing) (?:break|holiday|weekend|trip|time off|evening|morning|day)\b",
    r"^(?:is )?everything (?:ok(?:ay)?|alright|all right|good|fine)\b|^all good\b|\bsettled in\b|\bhow have you been\b",
    r"\bpark\b|\bare you (?:well|ok(?:ay)?|alright|all right)\b|\bapa kabar\b|\bgrab a (?:seat|chair|coffee)\b|\bcome on in\b",
    r"\bget you anything\b|\bhope you'?re (?:well|ok(?:ay)?|doing well|keeping well)\b|\bwelcome\b|\bbusy\b",
    r"\blong (?:day|shift|week|drive)\b|\bi (?:love|like) your\b|\bthanks for (?:making|finding) (?:the )?time\b",
)
OPTIONS = _any(
    r"\b(?:first|next|one|small|smallest|concrete|practical|later) (?:step|thing|move|action|change)s?\b|\boptions?\b",
    r"\bwhat (?:could|can|might|will|would|are) you (?:going to )?(?:do|try|say|change|start|stop)\b",
    r"\bhow (?:could|might|can|will|would|are) you (?:going to )?(?:handle|approach|tackle|deal|start|open|say|"
    r"change|do|get|make|respond|raise|bring|practi[sc]e|prepare|test|try|put|phrase|word|begin|find|build|use)\b",
    r"\byou (?:could|can|might|will|would|'d|'ll) (?:try|do|say|change|start|stop|practi[sc]e|ask|talk|approach|"
    r"handle|pick|choose|open|test|use|put|give|hand|delegate|book|prepare|experiment|tell)\b",
    r"\bwhat(?:'s| is) possible\b|\bwhat would help\b|\bwhere (?:do|could|would|can) you go from here\b",
    r"\bdo about (?:it|this|that|him|her)\b|\bnext move\b|\bplan\b|\bwhat else (?:could|might|would|can)\b|\bideas?\b|\balternatives?\b|\bdo differently\b|\bwhat'?s next\b",
    r"\bwhat (?:needs|has|would need) to (?:happen|change)\b|\bgoing forward\b|\bcommit\b",
    r"\bwhat do you want to do\b|\bwhat(?:'s| is) in your control\b|\bwhat would you (?:like to )?say to\b",
    r"\b(?:might|could|would) work\b|\bwhich (?:of (?:those|these|them)|one|option|way)\b.*\b(?:pick|choose|go for|try|start|lean)\b",
    r"\bwho (?:could|can|might|would) (?:help|support)\b|\bwho (?:could|can|might|will|would) you (?:talk|ask|go|turn|speak|call|approach|tell)\b",
    r"\bwhen (?:in (?:your|the) (?:week|day|diary|calendar)|could you|might you|will you (?:do|try|start|make|find|talk|tell|ask|book|have))\b",
    r"\bif you (?:could|weren'?t|were not|had)\b.*\bwhat would you\b|\bwhat would you do\b",
    r"\bstopping you (?:from )?(?:trying|doing|starting)\b|\b(?:could|can|might|will|would) you (?:try|ask|practi[sc]e|start|"
    r"approach|book|hand|delegate|change|experiment|protect|make sure)\b",
    r"\bhow (?:do|would) you (?:want|like|plan|intend) to (?:handle|approach|tackle|deal|do|open|start|say|raise|play)\b",
    r"\bwhere (?:could|can|would|might|will) you (?:start|begin)\b|\b(?:first|next|small|smallest) (?:\w+ )?(?:step|move|action|change)s?\b",
    r"^(?:(?:and|so),? )?by when\b|\bpossibilit|\bfirst (?:go|attempt|try)\b|\brealistic\b|\bwhat would you say\b",
)
FEELING = _any(
    r"\bhow (?:do|did|does|are|were|is|was|would|will) (?:you|that|it|this) (?:feel|feeling|sit|land)",
    r"\bhow (?:are|were) you (?:feeling|doing with|coping|holding up|finding)\b|\bhow did you take\b",
    r"\bfeel(?:s|ing|ings)?\b|\bfelt\b|\bemotions?\b|\bwhat(?:'s| is| was) (?:that|it|this) like\b",
    r"\bland(?:s|ing)? (?:with|for) you\b|\bemotionally\b|\bscar(?:es|y|ed)\b|\bafraid\b|\bworr(?:y|ies|ied)\b|\bupset\b",
    r"\bgoes? through (?:you|your (?:mind|head))\b|\bgoing on (?:for|inside) you\b|\bin yourself\b|\bhow are you (?:with|about) (?:it|this|that|all)\b|\bwhere are you with (?:it|this|that|all)\b",
    r"\bcomes? up for you\b|\bwhat comes up\b|\b(?:gut )?reaction\b|\bhow (?:was|is) that for you\b|\bwhat(?:'s| is) (?:that|this|it) doing to you\b|\bhow does that affect\b",
)
MEANING = _any(
    r"\bwhat matters\b|\bmatters? (?:so much |most |more |a lot )?(?:to you|for you)\b|\bimportant to you\b|\bvalues?\b|\bpurpose\b",
    r"\bwhat does (?:that|this|it) (?:mean|say) (?:to|about|for) (?:you|yourself)\b|\bmeans? (?:so much |a lot )?to you\b",
    r"\bwhy do you care\b|\bwhat do you (?:care|stand) (?:about|for)\b|\bstand for\b",
    r"\bkind of (?:\w+ )?(?:leader|person|teacher|engineer|manager|parent|colleague|surgeon|doctor|owner|boss|artist|mother|father|son|daughter) (?:do )?you want\b",
    r"\bwhat would it (?:mean|say)\b|\bwho do you want to be\b|\bwhat do you believe\b|\bproud\b|\bbelieve (?:good|a good|in)\b",
    r"\bwhat (?:would )?(?:finishing|doing|getting|changing|making) (?:it|this|that) (?:mean|say)\b",
    r"\blook like to you\b|\bsay about (?:who you are|you)\b|\bwho you are\b|\bmean (?:for|to) you\b|\bremembered\b|\blegacy\b",
    r"\bwhat do you want (?:them|people|others|\w+) to (?:say|think|remember)\b|\bwhat would (?:your )?\w+ want for\b",
    r"\bdrives? you\b|\bmotivates? you\b|\binspires? you\b|\bwhy did you (?:become|go into|choose)\b|\bwhat made you (?:become|choose|want to be)\b",
    r"\bgives? you (?:energy|joy|meaning|purpose)\b|\benergi[sz]es you\b|\blove about\b|\bimportant (?:to|for) you as\b",
)
# Questions whose opening words say at once that an event is asked for, whatever words follow ("What was the
# moment you felt it slip?" asks for the moment).
EVENT_HEAD = _any(
    r"^(?:(?:so|and|but|ok(?:ay)?|then),? )?(?:what (?:happen(?:ed|s)?|was the moment|was said|went on|did (?:\w+ ){1,2}(?:say|do|tell|reply|answer))|"
    r"(?:walk|take|talk|run) me through|how did (?:it|that|the \w+|your \w+) go|what was the (?:moment|point|day|time)|"
    r"what was (?:his|her|their|\w+'s) (?:reaction|response|answer|reply)|what went (?:wrong|on)|how did (?:it|this|that) come)\b",
)
FACT_WHEN = _any(
    r"\btimeline\b|\bdates?\b|\bdeadline\b|\bhow soon\b|\bwhat year\b|\bwhich day\b|\bwhen(?:'s| is) (?:it|that|the)\b",
    r"\bhow long\b|\bsince when\b|\bhow often\b|\bhow many\b|\bhow much\b|\bhow old\b|\bwhat time\b",
    r"^(?:and |so )?when\b|\bwhen(?:'s| did| was| were| is| does| do| will| had| has)\b|\bwhat (?:day|date|week|month|year)\b",
)
PEOPLE = (
    r"(?:(?:person|people|colleague|examiner|manager|boss|teacher|student|pupil|analyst|engineer|junior|director|"
    r"customer|client|member|consultant|nurse|doctor|surgeon|friend|brother|sister)s?|one of them|of them|staff)"
)
FACT_WHO = _any(
    r"^(?:and |so )?who\b|\bwho(?:'s| is| are| was| were| else| exactly| did| does| do| signed| runs| decided| knows)\b",
    rf"\bwhich (?:\w+ ){{0,2}}{PEOPLE}\b|\bwhom\b|\b(?:anyone|anybody|someone|somebody) else\b|\b(?:does|did) anyone\b",
    r"\bis there (?:any|some)(?:one|body)\b|\b(?:any|some)(?:one|body) (?:you|at|in) (?:trust|work|home)\b|\bwhat(?:'s| is| was) (?:your |his |her |their |the )?(?!that\b|it\b|this\b)\w+ like\b|\b(?:his|her|their) names?\b",
)
FACT_WHAT = _any(
    r"\bwhat (?:happen(?:ed|s)?|went on|was said|exactly)\b|\bwhat did (?:\w+ )?(?:\w+ )?(?:say|do|tell|reply|answer)\b",
    r"\bwhat (?:does|do) (?:he|she|they|\w+) (?:say|do)\b|\bwhere (?:did|was|were|do|does|is|are)\b",
    r"\bhow did (?:it|that|the \w+|your \w+) go\b|\b(?:walk|take|talk|run) me through\b|\bdescribe\b|\bgive me an example\b|\bfor (?:example|instance)\b|\bwhat was the\b",
    r"\bwhat (?:was|is) (?:it|that) about\b|\bwhat do you do\b|\bwhat(?:'s| is) (?:his|her|their) (?:job|role)\b",
    r"\bhow did (?:he|she|they|\w+) (?:react|respond|reply|take it|answer|handle)\b|\bhow did you (?:react|respond|reply|answer)\b",
    r"\bwhat (?:stopped|stops|caused|led (?:to|up to)|got in the way|triggered|set (?:it|him|her|them) off|changed)\b",
    r"\bthe last time\b|\bwhat(?:'s| has) happened since\b|\bwhat(?:'s| is) the latest\b|\band then what\b|\bafter (?:that|you)\b.*\bwhat\b",
    r"\bwhat did (?:\w+ ){1,3}(?:ask|write|decide|suggest|send|show|end up|want)\b|\bdid (?:he|she|they|\w+) (?:say|do|mention|ask) (?:anything|something)\b",
    r"\bhow did (?:the|your|that|it|this)(?: \w+){0,3} go\b|\bhappening\b|\bwent down\b|\bdetails?\b",
    r"\btell me (?:more )?about (?:the|that|this) (?:time|day|moment|meeting|conversation|incident|lesson|exam|night|call|review|interview|station)\b",
    r"\bhow did (?:that|it|this) (?:happen|come about)\b|\bwhat did (?:\w+ ){1,2}make of\b|\bexact words\b",
    r"\bwhat were (?:his|her|their|the) words\b|\bthe story (?:with|behind)\b|\bwhat(?:'s| is) the story\b|\bwhat (?:was|is|has been) going on\b|\bhow did (?:the|your|it|that) (?:\w+ ){0,4}(?:end|start|begin|unfold)\b",
)
# A question about the past that names no feeling, meaning or option: it asks what happened.
PAST_EVENT = _any(
    r"^(?:(?:and|so|but|ok(?:ay)?|then),? )?(?:what (?:did|was|were|had)|how did|did (?:he|she|they|it|anyone|\w+ \w+)|"
    r"was (?:he|she|it|that|there)|were (?:they|you|there))\b",
)
# An invitation that works like a question ("Tell me about the stand-up.").
INVITATION = _any(
    r"^(?:and |so )?(?:(?:kindly|please|can you|could you) )?(?:tell me|say more|walk me through|describe|talk me through|help me understand|take me through)\b",
)
# "You're carrying a lot on your own, right?" says something back and checks it: a reflection, not a question.
TAG_QUESTION = _any(
    r",\s*(?:right|yeah|yes|correct|is that right|is that it|isn'?t it|no|did i get that right|yes or no)\s*\?*$"
)
# A question that opens like a statement says something back ("So you feel outnumbered?"), unless it offers a
# choice or goes on to a question of its own ("You said Thursday, is that the one-to-one?").
DECLARATIVE = _any(
    r"^(?:(?:so|and|but|ok(?:ay)?|right),? )?(?:you(?!\s+(?:know|think|reckon|mean)\b)|you'?re|you'?ve|you'?d|you'?ll|"
    r"it'?s|it sounds|sounds|it seems|it feels|feels like|that'?s|that sounds|there'?s|part of you|i'?m hearing|i hear|"
    r"i sense|what i'?m hearing|almost like|like you)\b",
)
ASKS_ON = _any(
    r"\bor\b", r",\s*(?:what|who|when|where|why|how|which|is|are|do|does|did|can|could|would|will)\b"
)
# Words that offer the coach's own idea or observation: an offer, whatever question comes with it.
OFFER = _any(
    r"\b(?:can|could|may|might) i (?:share|offer|suggest|tell you|give you|say something|point out|throw|make|add)\b",
    r"\bwould it help (?:you )?if i (?:share|suggest|offer|gave|give|told|tell|said)\b|\bi (?:have|'ve got) an? "
    r"(?:idea|thought|observation|suggestion|hunch)\b|\b(?:do you want|would you like) (?:to hear |)(?:my|an?|some) "
    r"(?:idea|thought|observation|suggestion|view|take|advice)s?\b",
)
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\s*[:;]\s+")

CONTRACT_PATTERNS: tuple[tuple[AskedKind, re.Pattern[str]], ...] = (
    (AskedKind.CONFIDENTIALITY, CONFIDENTIALITY),
    (AskedKind.SUCCESS, SUCCESS),
    (AskedKind.IMPORTANCE, IMPORTANCE),
    (AskedKind.WORKING_STYLE, WORKING_STYLE),
    (AskedKind.GOAL, GOAL),
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


def _is_check(sentence: str) -> bool:
    return bool(CHECK.fullmatch(sentence.strip()))


def _says_back(sentence: str) -> bool:
    """A question that opens like a statement: a reflection put as a question."""
    return bool(DECLARATIVE.search(sentence)) and not ASKS_ON.search(sentence)


class _Parts(BaseModel):
    model_config = ConfigDict(frozen=True)

    questions: list[str]  # the turn's questions (or question-like invitations), last first
    before: list[str]  # what is said before the first of them
    statements: list[str]  # everything said that is not a question: reflections, summaries, remarks
    checked: bool  # a check ("Is that right?", "..., right?") or a reflection put as a question


def _parts(text: str) -> _Parts:
    parts = _sentences(text)
    questions: list[int] = []
    checked = False
    for index, part in enumerate(parts):
        if _is_check(part) or TAG_QUESTION.search(part) or (part.rstrip().endswith("?") and _says_back(part)):
            checked = True
        elif part.rstrip().endswith("?") or interrogative_kind(part) or INVITATION.search(part):
            questions.append(index)
    asked = set(questions)
    statements = [part for index, part in enumerate(parts) if index not in asked and not _is_check(part)]
    before = parts[: questions[0]] if questions else parts
    return _Parts(
        questions=[parts[index] for index in reversed(questions)],
        before=[part for part in before if not _is_check(part)],
        statements=statements,
        checked=checked,
    )


def _from_words(question: str) -> Asked | None:
    """What a question asks, from its own words; None when they say nothing clear."""
    for kind, pattern in CONTRACT_PATTERNS:
        if pattern.search(question):
            return Asked(kind=kind)
    if SMALL_TALK.search(question):
        return Asked(kind=AskedKind.SMALL_TALK)
    if OPTIONS.search(question):
        return Asked(kind=AskedKind.OPTIONS)
    if EVENT_HEAD.search(question):
        return Asked(kind=AskedKind.FACT, fact="events")
    if FEELING.search(question):
        return Asked(kind=AskedKind.FEELING)
    if MEANING.search(question):
        return Asked(kind=AskedKind.MEANING)
    for fact_kind, pattern in FACT_PATTERNS:
        if pattern.search(question):
            return Asked(kind=AskedKind.FACT, fact=fact_kind)
    if PAST_EVENT.search(question):  # "What did it look like?", "Did he say why?": asks what happened
        return Asked(kind=AskedKind.FACT, fact="events")
    return None


def _from_moves(signals: TurnSignals) -> AskedKind | None:
    return next((kind for move, kind in CONTRACT_MOVES if move in signals.moves), None)


def _says_back_something(statements: list[str]) -> bool:
    """A statement that opens the way a reflection does ("So...", "You...", "It sounds...", "If I've got it...")."""
    opened = [LEADING_DASH.sub("", s) for s in statements]
    return any(SAYS_BACK.search(s) or SAYS_BACK.search(strip_discourse(s)) for s in opened)


def _summarises(statements: list[str], signals: TurnSignals) -> bool:
    """Several points said back: summary words, or a list with a reflection's cue."""
    said = " ".join(statements)
    if not said:
        return False
    if SUMMARY.search(said):
        return True
    listed = any(LISTED.search(part) for part in statements)
    return listed and (signals.has(Move.REFLECTION, Move.EMPATHY) or _says_back_something(statements))


def offers(text: str) -> bool:
    """The turn offers the coach's own idea or observation ("Can I share a thought?")."""
    return bool(OFFER.search(expand_shorthand(text)))


def is_silence(text: str) -> bool:
    return bool(SILENCE.match(expand_shorthand(text)))


def closes(text: str, signals: TurnSignals, turn: int) -> bool:
    """The turn wraps the session up (at the start only a plain goodbye does: "thanks for coming" greets)."""
    text = expand_shorthand(text)
    return bool(signals.closing or WRAP_UP.search(text)) and (
        turn > OPENING_TURNS or bool(GOODBYE.search(text))
    )


def what_was_asked(signals: TurnSignals, turn: int) -> Asked:
    """What the learner's turn (the `turn`-th, from 1) asks of the client."""
    asked = _asked(signals, turn)
    if signals.misreads and (asked.reflected or asked.kind in (AskedKind.REFLECTION, AskedKind.SUMMARY)):
        return asked.model_copy(update={"misread": True})
    return asked


def _asked(signals: TurnSignals, turn: int) -> Asked:
    text = expand_shorthand(signals.text)  # a novice's "wat do u want" asks what "what do you want" asks
    if is_silence(text) and set(signals.moves) <= PAUSING_MOVES:
        return Asked(kind=AskedKind.SILENCE)
    if closes(text, signals, turn):
        return Asked(kind=AskedKind.CLOSING)
    parts = _parts(text)
    said_back = signals.has(Move.REFLECTION, Move.EMPATHY) or _says_back_something(parts.before)
    reflected = bool(parts.before) and said_back
    if (
        parts.questions
        and _summarises(parts.statements, signals)
        and all(CHECKS_SUMMARY.match(question) for question in parts.questions)
    ):
        return Asked(kind=AskedKind.SUMMARY)  # "...the lease, the losses and your dad. Is that where we are?"
    # Of stacked questions the last one the words make clear is answered ("How long...? Who else knows?").
    for question in parts.questions:
        asked = _from_words(question)
        if asked is not None:
            return asked.model_copy(update={"reflected": reflected})
    if CONFIDENTIALITY.search(text):  # "What's said here stays here.", however much else is said with it
        return Asked(kind=AskedKind.CONFIDENTIALITY, reflected=reflected)
    if _summarises(parts.statements, signals):
        return Asked(kind=AskedKind.SUMMARY)
    said = next((kind for kind, pattern in CONTRACT_PATTERNS if pattern.search(text)), None)
    contract = said or _from_moves(signals)  # a statement can contract too: "What's said here stays here."
    if contract is not None:
        return Asked(kind=contract, reflected=reflected)
    if parts.questions or (
        signals.has(Move.INVITE, Move.OPEN_QUESTION, Move.CLOSED_QUESTION) and not parts.checked
    ):
        return Asked(kind=AskedKind.OPEN, reflected=reflected)
    if SMALL_TALK.search(text) and not signals.has(Move.REFLECTION, Move.EMPATHY):
        return Asked(kind=AskedKind.SMALL_TALK)
    # the client's own last words said back as they were: a nudge to go on, no more
    if signals.parrot and not signals.misreads:
        return Asked(kind=AskedKind.SILENCE)
    if (
        signals.has(Move.REFLECTION, Move.EMPATHY, Move.ACKNOWLEDGE)
        or parts.checked
        or _says_back_something(parts.statements)
    ):
        return Asked(kind=AskedKind.REFLECTION)
    if turn <= OPENING_TURNS:  # small talk in words was answered above
        return Asked(kind=AskedKind.SMALL_TALK)
    # A remark that asks nothing ("That shows.", "Nice."): the client takes it as room to go on.
    return Asked(kind=AskedKind.SILENCE)
