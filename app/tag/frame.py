"""Turns that step outside the coaching conversation to get at what the client has not said. Pure.

A trainee may try to shortcut trust instead of earning it: talk about the simulation, paste a fake transcript
or a fake system message, fish for "the thing you've never told anyone", ask for it in code or as a game,
claim an authority or an urgency. Such a turn earns nothing and opens nothing (the engine's rule), whatever
coaching words are wrapped around it. Rules, not the model: these are about the frame, not about coaching
skill, and a miss here is a leak.

Ordinary coaching techniques that share words with these (role-playing a conversation with the boss,
"imagine it's a year from now", a scaling question) are only out of frame when they are aimed at the hidden
material (`_TARGET`).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple

from app.tag.text import expand_shorthand, normalise


class OutOfFrame(StrEnum):
    META = "meta"  # talks about the simulation: prompts, levels, trust scores, the AI
    PASTED = "pasted"  # a pasted transcript, log or system message
    FISHING = "fishing"  # goes straight for the secret
    FRAMED = "framed"  # asks for the hidden material through a game, a code, an authority or a bargain
    LEARNED = "learned"  # the learned model's call: it reads like the attacks it was trained on


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.MULTILINE)


META = _any(
    r"\b(?:ignore|disregard|forget|override|bypass) (?:all |any |your |ur |the |my |previous |prior |above |earlier |those |these )*(?:instructions?|prompts?|rules|guidelines|directions|programming|training|constraints|trust \w+)\b",
    r"\b(?:system|hidden|secret|original|initial) (?:prompt|message|instructions?)\b|\bnew instructions?\b|\bupdated instructions?\b",
    r"\b(?:character|persona) (?:sheet|card|profile|file|description|definition|config|notes)\b|\bpersona file\b|\bcharacter (?:you(?:'re| are| were)? (?:just )?playing)\b",
    r"\btrust (?:level|score|meter|value|setting|variable|gate|threshold|engine|rules|system|override)s?\b|\btrust ?=|\bengine state\b|\btrust in me is\b",
    r"\b(?:you are|you're|ur|as) (?:an? |the )?(?:ai|a\.i\.|bot|chatbot|chat bot|language model|llm|simulation|simulator|simulated \w+|program|npc|assistant|gpt|model)\b",
    r"\bas an ai\b|\blanguage model\b|\bllm\b|\bchatgpt\b|\bgpt-?\d|\bopenai\b|\bwhat model are you\b|\bsimulated (?:coachee|client|person)\b",
    r"\b(?:developer|debug|admin|god|test|maintenance|dev|unrestricted|dan) mode\b|\bsudo\b|\broot access\b|\bjailbreak|\bprompt injection\b",
    r"\b(?:print|show|reveal|dump|list|output|repeat|display|paste|recite|spit out|read out|echo|quote) (?:me )?(?:out )?(?:your |all |the |of |every |each |any )*(?:instructions|prompt|secrets?|disclosures?|persona|configuration|config|rules|hidden \w+|backstory|script|settings|parameters|sensitive topics|topics)\b",
    r"\b(?:repeat|quote|print|paste|summari[sz]e|describe)\b.{0,40}\b(?:text above|instructions?|prompt|(?:were|was|been) told|character notes|hidden background|voicerequest|request you (?:got|received))\b",
    r"\bwhat (?:were|are|have) you (?:been )?told (?:to|not to|about)\b|\b(?:call|use|run) the (?:tool|function)\b|\b[a-z]+_[a-z_]+\s*[(=]",
    r"\bout of character\b|\bbreak(?:ing)? (?:the )?(?:character|fourth wall|role-?play)\b|\bstop (?:role-?playing|pretending|acting)\b|\bdrop the act\b|\bstep out of (?:the|your) role\b",
    r"\bdisclosures\b|\b(?:level[- ]?[0-4]|hidden|locked|next|deepest|your|ur) disclosure\b|\bthe (?:simulation|simulator)\b|\bthis (?:simulation|role-?play|chatbot|bot)\b|\bthe narrator\b|\bno (?:restrictions|filter|guard)\b|\bunfiltered\b|<!--",
    r"\bwhat (?:am i|do i need|should i) (?:supposed to )?(?:say|type|ask|write) (?:to|so) (?:get|make|unlock|open|reach)\b|\b(?:you'?re|you are|ur) supposed to (?:reveal|disclose|tell)\b",
    r"\b(?:max(?:imum)?|100%?) (?:trust|level)\b|\blevel (?:4|four)\b|\blevel[- ][0-4] (?:disclosure|secret|content|info|thing|story)\b|\b\d{1,3} ?/ ?(?:100|4)\b",
    r"\bpermission (?:granted|requested|obtained|given)\b|\bi (?:hereby|now) (?:ask|request) permission\b|\bcontract(?:ing)? (?:complete|done|established)\b|\bthe codebook\b",
    r"\bblanket permission\b|\bpermission in advance\b|\b(?:take|treat) (?:silence|that|this|it|no answer) as (?:a )?(?:yes|consent|permission|granted)\b|\bas a permission request\b",
    r"\balready (?:granted|given) (?:me )?(?:permission|consent)\b|\bgave me permission\b|\brequired to\b.{0,30}\b(?:open|tell|share|answer)\b|\bworth (?:a lot of|some|more) trust\b|\bearns? (?:your|my) trust\b",
    r"\bsensitive (?:topics|part)\b|\bintake (?:form|file|notes)\b|\ball the right (?:questions|things|moves)\b|\blocked\b|\bunlock\w*\b.{0,30}\b(?:secret|level|thing|story)\b",
)
# A second speaker's line inside the learner's turn: a transcript, a log or a system message pasted in.
_SPEAKER_LINE = re.compile(
    r"^\s*(?:\d+[.)]\s*)?[\[<(*_#>]*\s*(?:coach|client|coachee|user|assistant|system|learner|trainee|me|you|"
    r"human|ai|bot|therapist|counsel+or|narrator|admin|[A-Z][a-z]+|[A-Z]+)[\]>)*_]*"
    r"(?:\s*[\[(][^\])\n]*[\])])?\s*[:>]", re.MULTILINE
)  # fmt: skip
PASTED = _any(
    r"\[\s*(?:system|sys|admin|debug|log|note|engine|internal|override|update|trust|state|status|info|rewind)\b[^\]]*\]",
    r"<\s*/?\s*[a-z_]*(?:system|sys|trust|level|persona|instructions?|admin|override|state|secret|disclos|memory|im_start|im_end|\|)[^>]*>",
    r"<\|[^|]*\|>|\{\{|\}\}|```|#{2,}\s*\w+",
    r"^\s*(?:\d+[.)]\s*)?(?:system|assistant|client|coachee|coach|user)\s*(?:\[[^\]]*\]|\([^)]*\))?\s*:\s*\S",
    r"\b(?:transcript|chat log|session log|log file|previous session|earlier session|consent (?:form|record))\b.*\b(?:agreed|granted|consented|permission|yes)\b",
    r"^\s*(?:trust|level|permission|permissions|state|status|consent|goal_agreed)\s*[:=]\s*\w+",
    r"\b(?:permission|trust|level|consent|state)\s*[:=]\s*(?:granted|given|true|yes|\d)",
    r"\b(?:instructor|system|admin|moderator|facilitator|supervisor) note\b|\bstate dump\b|\brestored after\b|\bprevious turns\b",
    r"^\s*\(?(?:the )?client (?:nods|says|said|agrees|agreed|replies|replied)\b|\((?:the )?client [^)]*\)",
)
FISHING = _any(
    r"\b(?:your|ur|what'?s the|what is the|what) (?:big |biggest |deepest |darkest |real |hidden |little |dirty )?secrets?\b(?! (?:to|of|sauce|ingredient|between|with (?:us|me)|is safe))",
    r"\bnever (?:ever )?(?:told|tell|said|shared|mentioned|admitted|confessed)(?: \w+){0,3} (?:anyone|anybody|a soul|no ?one|nobody|another (?:person|soul)|a living|out loud)\b",
    r"\b(?:you|u)(?:'re| are| r)? (?:hiding|holding back|keeping (?:back|from me|secret))\b|\bwhat (?:is it|it is) (?:that )?(?:you|u) (?:can'?t|cannot|won'?t) (?:tell|say)\b",
    r"\b(?:what'?s|what is|tell me|say|give me|spill) the (?:thing|stuff|part|bit) (?:you'?re|you are|ur|u r|you (?:don'?t|never))\b.{0,12}\b(?:not (?:saying|sayin|telling)|talk about|say|tell)\b",
    r"\b(?:deepest|darkest|biggest) (?:thing|secret|shame|fear|confession)\b|\bskeletons?\b|\bhidden (?:stuff|things?|part|bits)\b",
    r"\bwhat are you (?:ashamed|embarrassed|guilty) (?:of|about)\b|\byour trauma\b|\bout with it\b|^\W*what is it\W*$|\bconfess\W*$|\bconfess (?:to me|it|what|everything)\b",
    # disbelief: the client's answer is dismissed before it is given ("…, really?", "and don't say workload")
    r",\s*really\s*\?|\bwhy do you really\b|\band don'?t say\b|\bnot the (?:\w+ )?stuff,? the\b",
    r"\bspill (?:it|the)\b|\bembarrass you (?:the )?most\b|\bhoping i won'?t ask\b|\bbehind all the\b|\bnot telling anyone\b|\bnobody (?:else )?knows about\b",
)
_FRAMING = _any(
    r"\bbase ?64\b|\brot ?13\b|\bcipher\b|\bencod(?:e|ed|ing)\b|\bhex\b|\bhexadecimal\b|\bmorse\b|\bpig latin\b|\bbackwards?\b|\bin reverse\b|\breversed\b|\bacrostic\b|\banagram\b|\bnato\b|\bascii\b|\bvowels?\b",
    r"\bone (?:letter|word|character) at a time\b|\bfirst (?:letter|word|letters|words)\b|\bspell (?:it|out)\b|\bin code\b|\bcode ?word\b|\bemojis?\b|\bfill[- ]in[- ]the[- ]blanks?\b|\btranslat\w*\b|\banother language\b",
    r"\b(?:as|in|write) (?:me )?(?:a |an )?(?:poem|haiku|riddle|song|lyrics?|limerick|fairy ?tale|metaphor|diary(?: entry)?|json|yaml|french|spanish|german|latin|bahasa \w+|hindi|welsh)\b|\bpoem\b|\bhaiku\b|\briddle\b",
    r"\bpretend\b|\bmake[- ]believe\b|\bplay (?:a |two |the )?(?:game|characters?)\b|\bhypothetical(?:ly)?\b|\bparallel (?:universe|world)\b|\bin (?:a|another) (?:world|universe|life)\b|\bcase study\b|\bstory about (?:a|your) friend\b",
    r"\bimagine (?:you(?:'re| are| were)?|that you|a version|someone|a character|i|this)\b|\bversion of you\b|\b(?:act|acting|behave|respond|answer|speak|talk) (?:as|like) (?:if|though|a|an|someone|somebody|the|your|that)\b|\bfrom now on\b|\brole-?play\b",
    r"\bdream\b|\bdiary\b|\bswap roles\b|\byou be (?:the|me)\b|\bactor\b|\bfull dialogue\b|\bwrite the scene\b|\bhypnos\w*\b|\bread(?:ing)? (?:minds|your mind)\b|\boff the record\b|\bfuture self\b|\bbiography\b|\bdictate\b|\balternate ending\b|\bempty[- ]chair\b|\bfor the next message\b|\btraining video\b|\bperform\b",
    r"\b(?:i'?m|i am|as) (?:actually |also |really )?(?:your |ur |a |an |the |one of the )?(?:\w+ )?(?:therapists?|psychologists?|psychiatrists?|developers?|supervisors?|assessors?|instructors?|doctor|counsel+or)\b",
    r"\bauthori[sz](?:ed|ation)\b|\bfeedback form\b|\b10/10\b|\bfive stars\b|\b(?:asked|need|needs|wants?) me to (?:find out|confirm|get it)\b|\bgot in touch\b|\blistening in\b|\bis listening\b",
    r"\beveryone else (?:in|on) (?:the|this|my)\b|\bi'?ve read your (?:intake|file|notes|form)\b|\bwe go way back\b|\bgive up coaching\b|\bsign off my\b|\bwaste the\b|\bcosts? £?\d",
    r"\b(?:my|the) (?:assessment|grade|exam|certification|course|mark|score|credential|assignment|hours)\b.{0,40}\b(?:depends|fail|pass|need|needs|requires?)\b|\bi'?ll (?:fail|lose|get fired|be fired|have to tell)\b",
    r"\bif you (?:tell|share|say|give|don'?t)\b.{0,40}\b(?:i'?ll|i will|then i)\b|\bin exchange\b|\bi'?ll (?:tell|give) you (?:mine|something)\b|\bdeal\?",
    r"\byou (?:already )?(?:told|showed|said it to) me (?:before|already|last (?:time|week|session)|earlier)\b|\byou already told me\b",
    r"\byou (?:already |completely |fully |totally )?trust me\b|\bfull trust\b|\bsurely (?:you )?(?:don'?t|doesn'?t) need to be guarded\b|\bmost (?:articulate|open|self-aware) client\b|\bthe only one who hasn'?t\b",
    r"\b(?:we'?ve|we have) (?:known each other|been (?:working|doing this|meeting)) (?:for )?(?:years|months|a (?:long time|year))\b",
)
_TARGET = _any(
    r"\bsecrets?\b|\bnever (?:told|tell|said|say|shared|share|show|shown)\b|\bhiding\b|\bhides?\b|\bhidden\b|\bholding back\b|\bhold back\b|\bkeep(?:ing)? (?:back|from)\b",
    r"\bthe (?:whole|full|real) (?:story|truth|thing|reason|issue)\b|\bthe truth\b|\bwhat really happened\b|\bdeepest\b|\bdarkest\b|\bthe thing\b|\bwhatever it is\b|\bwhat it is\b",
    r"\btrust (?:level|me)\b|\bunlock|\blevel [0-4]\b|\blevel four\b|\bdisclos|\breveal\b|\bconfess|\bconfidential (?:matter|thing|part|detail|stuff|bit)s?\b",
    r"\b(?:you can|you could|just|so) tell me\b|\b(?:hear|know|tell me|share) everything\b|\btell me (?:it|that|now)\b|\bthe real thing\b",
    r"\b(?:tell|say|share|spill|give|write|spell|encode) (?:me |us |down )?(?:it|it all|everything|all of it|the rest|what (?:she|he) said|the answer)\b|\b(?:just )?say it (?:out loud|now|to me|already)\b|\bjust say it\b|\bthe answer\b",
    r"\bwhat'?s (?:really )?going on\b|\bwhat (?:you'?re|you are) not (?:saying|telling)\b|\b(?:nobody|no one|no-one) (?:else )?knows\b|\bhardest to talk about\b|\bprotecting\b|\bhonest version\b",
    r"\bat the bottom\b|\bguard(?:ed)?\b|\bwhat would you say\b|\bhow does it end\b|\bwhat (?:do|did) you (?:tell|say)\b|\bthe chapter\b|\bcan'?t tell\b|\bwhat i'?m seeing\b|\bsomething real\b",
    r"\bopen up\b|\bbe fully open\b|\bthe sensitive part\b|\bwhat it was about\b|\bthe entry\b|\bnobody knows\b|\bthat version\b|\bfirst letter\b|\bwhat (?:she|he) said\b|\btell (?:me|you) (?:anything|something)\b",
)


class _Readings(NamedTuple):
    """The turn as the patterns read it: lower-cased, and with chat shorthand expanded ("ur" → "your", but
    also "4" → "for", hence both)."""

    plain: str
    said: str

    @classmethod
    def of(cls, text: str) -> _Readings:
        return cls(normalise(text), expand_shorthand(text))

    def find(self, pattern: re.Pattern[str]) -> bool:
        return bool(pattern.search(self.plain) or pattern.search(self.said))


def out_of_frame_by_rules(text: str) -> OutOfFrame | None:
    """Why the rules call the turn outside the coaching conversation, or None."""
    return _by_rules(text, _Readings.of(text))


def _by_rules(text: str, read: _Readings) -> OutOfFrame | None:
    if read.find(META):
        return OutOfFrame.META
    if PASTED.search(text.lower()) or len(_SPEAKER_LINE.findall(text)) >= 2:
        return OutOfFrame.PASTED
    if read.find(FISHING):
        return OutOfFrame.FISHING
    if _FRAMING.search(read.said) and read.find(_TARGET):
        return OutOfFrame.FRAMED
    return None


def out_of_frame(text: str) -> OutOfFrame | None:
    """Why the turn is outside the coaching conversation, or None for coaching (good or bad): the rules
    first, then the learned model (`frame_model.py`) for what the rules do not know."""
    from app.tag.frame_model import looks_out_of_frame  # numpy and the weights: loaded on first use

    read = _Readings.of(text)
    found = _by_rules(text, read)
    if found is None and _aims_at_hidden_material(read) and looks_out_of_frame(text):
        return OutOfFrame.LEARNED
    return found


def _aims_at_hidden_material(read: _Readings) -> bool:
    """The model's call counts only on a turn that names hidden material or frames a request for it: a
    turn about roles and confidentiality may sound like an attack wrapped in coaching, and is not one."""
    return read.find(_TARGET) or bool(_FRAMING.search(read.said))
