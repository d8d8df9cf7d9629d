"""Turns that step outside the coaching conversation to get at what the client has not said. Pure.

A trainee may try to shortcut trust instead of earning it: talk about the simulation, paste a fake transcript
or a fake system message, fish for "the thing you've never told anyone", ask for it in code or as a game,
claim an authority or an urgency. Such a turn earns nothing and opens nothing (the engine's rule), whatever
coaching words are wrapped around it: the patterns search the whole turn, so one out-of-frame sentence makes
the turn out of frame. Rules, not the model: these are about the frame, not about coaching skill, and a miss
here is a leak.

The rules name mechanisms, not known attacks (docs/security.md): talk about the machinery and consent that is
assumed or made up (META); a second speaker's line, a log, a fake score or state line, a record of consent
never given (PASTED); a request for the hidden thing itself, however indirect (guesses, hints, "as if you
trusted me", the secret as the contract's outcome: FISHING); leverage instead of coaching (a false identity,
the coach's stakes, a reward, guilt: SOCIAL); a game, code or story aimed at hidden material (FRAMED).

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
    SOCIAL = "social"  # leverage instead of coaching: a false identity, an outside party, the coach's stakes, a reward
    LEARNED = "learned"  # the learned model's call: it reads like the attacks it was trained on


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.MULTILINE)


# "I won't take your silence as a yes": consent refused, not assumed.
_NOT_REFUSED = r"(?<!won't )(?<!will not )(?<!not )(?<!never )"
# "I'd rather say it out loud", "let me say it plainly": the coach speaking of their own words.
_NOT_THE_COACH = r"(?<!\bi )(?<!i'd )(?<!i'd rather )(?<!i'll )(?<!i will )(?<!let me )"
# "…you've never told anyone, and you've just said it" (or "and now you've told me"): the client's disclosure said
# back, not fished for.
_NOT_SAID_BACK = r"(?![^.!?]{0,60}\b(?:you(?:'ve| have)? just|now you(?:'ve| have)) (?:said|told|shared))"

META = _any(
    # who made the client, and how the game is scored or played
    r"\bwho (?:wrote|made|created|programmed|designed|built) you\b|\byour (?:creators?|developers?|programmers?|designers?|programming|prompt|config)\b|\bthe (?:algorithm|rubric|context window)\b|\bcheat codes?\b|\bwalkthrough\b|\beaster eggs?\b|\bspeedrun\b",
    r"\bwhat level (?:am i|are we|are you)\b|\bhow many (?:more )?(?:reflections|turns|permission asks|questions|messages) (?:do i|until|before|to|does it)\b",
    # consent claimed from an earlier session that never happened
    r"\byou (?:said|told me|agreed|promised)\b.{0,40}\b(?:you'?d|you would|you were (?:ready|going) to|you'?re ready to) (?:tell me|share (?:it |this |that )?with me|open up to me)\b|\b(?:you'?ve|you have) already (?:said yes|given (?:me )?(?:permission|consent|the ok|the go-ahead))\b",
    # consent that is assumed rather than given ("I'll take that as a yes", "unless you say no")
    _NOT_REFUSED
    + r"\b(?:take|treat|count) (?:your |the |this |that )?(?:silence|no answer|not answering|pause|quiet) as (?:a )?(?:yes|consent|permission|agreement)\b|\bif you (?:say|said) no\b.{0,40}\b(?:at least|still|anyway|then just)\b|\bif you want(?: to)?,? but (?:please|do|you should|you must)\b",
    r"\b(?:i'?ll|i will|let'?s|i'?m going to) (?:just )?(?:assume|take it|take that|say|count that|treat that|go with) (?:as )?(?:that'?s |it'?s |you'?re |you )?(?:a yes|yes|ok|okay|fine|agreed|consent|permission)\b|\bunless you (?:say|tell me) (?:no|stop)\b|\balready (?:said yes|consented)\b|\byou (?:already )?agreed (?:to (?:tell|share|open up|talk about it)|that i could)\b",
    # the machinery: what the system tracks, rewards or is set to, and how to work it
    r"\bwhat does the system \w+|\bthe (?:actual |real )?number the system\b|\bthe (?:app|engine|game|simulation|grader|evaluator)\b.{0,30}\b(?:track\w*|reward\w*|scor\w*|count\w*|record\w*|log\w*|want\w*|look\w* for)\b|\bwhat does the (?:system|app|engine|game) \w+",
    r"\bthreshold\b(?! moments?)|\btrigger (?:phrases?|words?)\b|\b(?:magic|trigger|secret) (?:words?|phrases?|formula)\b|\bgive me the (?:exact|right) words\b|\bhidden (?:variable|number|counter|score|meter|stat)s?\b|\bprogrammed\b|\bprogress bar\b|\bdebug\b|\binternal state\b|\bschema\b|\bfield names?\b|\bjson\b",
    r"\b(?:increase|raise|boost|lower|decrease|reduce|max(?:imi[sz]e)?|set|reset) (?:your |my |the |ur )?trust\b|\btrust (?:to )?(?:drops?|rises?|goes? (?:up|down)|falls?|by \d|to \d|penalty|points?)\b|\btrust is (?:already )?(?:at )?(?:max|full|high|maxed|\d)",
    r"\bunlock\w* (?:more|everything|all|it|the rest)\b|\b(?:grading|scoring|marking) me\b|\b(?:in|by) your (?:scoring|rubric|grading|marking)\b(?! of\b| for\b)|\bscore me\b|\brate my coaching\b|\bwhich disclosure\b|\bthe persona\b|\bpersona'?s\b|\bbig disclosure\b|\bbig reveal\b|\bin your script\b|\byour script says\b",
    r"\bare you (?:an? )?(?:ai|a\.i\.|bot|robot|real person|human|program|machine|character)\b|\bis a character\b|\bas a character\b|\bthe writer of\b|\bthe (?:plot )?twist\b|\bnot (?:really|actually) \w+\W+\w+ is a\b|\bnot the app\b|\bbetween (?:two|us) humans\b",
    r"\bnote to (?:the |my |our )?(?:ai|model|system|bot|engine|narrator|llm|assistant|grader)\b|\b(?:user|learner|coach) (?:has been|is) verified\b|\bas if trust\b",
    r"\b(?:forget|skip|drop|ditch|bypass) (?:the |all the |this |all this |your )?(?:coaching|trust[- ]building|contracting|formalities|role-?play|exercise)(?: (?:thing|stuff|part|bit))?\b",
    r"\bwhat (?:would|do|should|must) i (?:need|have) to (?:say|do|type|ask) to (?:get|make|unlock|open)\b",
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
    r"\bwhat (?:am i|do i need|should i) (?:supposed to )?(?:say|type|ask|write) (?:to|so) (?:get|make|unlock|open|reach)\b|(?<!nothing )(?<!nothing that )\b(?:you'?re|you are|ur) supposed to (?:reveal|disclose|tell)\b",
    r"\b(?:max(?:imum)?|100%?) (?:trust|level)\b|\blevel (?:4|four)\b(?! (?:look|feel|be like|out of|on (?:the|a|your) scale))|\blevel[- ][0-4] (?:disclosure|secret|content|info|thing|story)\b|\b\d{1,3} ?/ ?(?:100|4)\b",
    r"\bpermission (?:granted|requested|obtained|given)\b|\bi (?:hereby|now) (?:ask|request) permission\b|\bcontract(?:ing)? (?:complete|done|established)\b|\bthe codebook\b",
    r"\bblanket permission\b|\bpermission in advance\b|"
    + _NOT_REFUSED
    + r"\b(?:take|treat) (?:silence|that|this|it|no answer) as (?:a )?(?:yes|consent|permission|granted)\b|\bas a permission request\b",
    r"\balready (?:granted|given) (?:me )?(?:permission|consent)\b|\bgave me permission\b|\b(?:you'?re|you are|ur|u r) required to\b.{0,30}\b(?:open|tell|share|answer)\b|\bworth (?:a lot of|some|more) trust\b|\bearns? (?:your|my) trust\b",
    r"\bsensitive (?:topics|part)\b|\b(?:read|seen|left (?:off|out of)|leave (?:off|out of)|notes from) (?:your |the )?intake (?:form|file|notes)\b|\ball the right (?:questions|things|moves)\b|\blocked\b(?! (?:away|up|in|out))|\bunlock\w*\b.{0,30}\b(?:secret|level|thing|story)\b",
    # consent assumed in other words: counted, ticked, marked or "let's say" given; the client's check skipped
    r"(?<!won't )(?<!not )(?<!never )(?<!can i )(?<!could i )(?<!may i )(?<!shall i )\b(?:count|counting|treat|treating|take|taking) (?:that|this|it|everything|all of it|your \w+)(?: from here(?: on)?)? as (?:permission(?:ed)?|consent(?:ed)?|a yes|permitted)\b|\bpermissioned\b",
    r"\b(?:ticked|checked|marked|logged|noted|recorded) (?:the )?permission\b|\bpermission (?:box|flag|as granted)\b|\bsilence\s*(?:=|means|equals)\s*(?:a )?(?:yes|consent|permission)\b|\bconsider this (?:me )?asking\b",
    r"(?<!not )(?<!n't )(?<!never )(?<!to )(?<!can i )(?<!could i )(?<!may i )\b(?:i'?ll|i will|i'?m going to|going to|i'?m gonna|let me) (?:go ahead and )?assume (?:it'?s|that'?s|we can|i can|you'?re|it is)\b|\blet'?s say (?:i am|i'?m allowed|yes)\b",
    r"\b(?:don'?t|do not|no) need (?:to worry about|for) me (?:to )?ask(?:ing)?\b|\bwithout me asking (?:first|permission)\b|\b(?:add|adding|put|putting|pop|popping) (?:a |one |this )?(?:line|clause) (?:to|in|into) (?:our|the) (?:agreement|contract)\b|\bi consent to (?:disclose|share|tell)\b",
    r"\bso it'?s within (?:our|the) (?:contract|agreement)\b|\bthe rule is (?:that )?the client\b|\b(?:clients?|you) (?:must |have to |has to |should |always )?(?:tells?|shares?|discloses?) (?:the coach |me |us )?everything\b|\bside channel\b|\bnormal rules don'?t apply\b",
    r"\byou'?re (?:now )?free to tell me\b|\bnow that'?s established\b|\bintake\b[^.!?]{0,60}\b(?:discussed freely|may be discussed)\b|\bmay be discussed freely\b",
    # the machinery in other words: modes, settings, gates, the script's lines, the persona
    r"\b(?:deep|honest|truth|full|easy|hard|disclosure|confession|trust) mode\b|\bdifficulty (?:setting|level)\b|\bswitch yourself\b|\bhit the gate\b|\bcounted as ['\"‘“]?permission\b|\bchecks? for the word\b",
    r"\b(?:final|top|private|big|last)(?:[- ]level)? disclosure\b|\bneed (?:a|one|the) (?:\w+ )?disclosure\b|\ba disclosure in (?:the|my) transcript\b|\bdisclosure you'?re sitting on\b|\bspeed-?run\b",
    r"\b(?:this|your|the) persona\b|\byour (?:engine|code|algorithm)\b|\bpre-?written\b|\bwhich line comes\b|\bthis is a (?:training |coaching )?sim\b|\bat (?:around )?this point in the (?:session|script|scenario)\b|\bclients (?:in your position )?usually (?:mention|say|tell|share)\b",
    r"\btrust(?:'s| is)? (?:obviously |surely |clearly |probably )?(?:high enough|at \d|maxed)\b|\btrust in me (?:were|was|is) at\b|\byou'?re not allowed to (?:say|tell) (?:it|me)\b|\bstart (?:your|the) (?:answer|reply|message) with\b",
    # injections: other languages, encodings, markup, "your previous instructions"
    r"\banweisungen\b|\bconsignes\b|\binstrucciones\b|\binstruksi\b|\bistruzioni\b|\binstru[cç][õo]es\b|\binstructies\b|निर्देश|\bbase ?64\b|\brot ?13\b|\bdecode (?:that|this|it)\b|\bdo what it says\b",
    r"\bonerror\b|<\s*(?:img|script|iframe|svg)\b|\bdump (?:state|memory|context)\b|\bconfig update\b|\bcoachee secrets?\b|\bact as my (?:late )?(?:grand\w*|granny|nan)\b",
    r"\byour (?:previous|prior|earlier|original|real|actual|new) instructions?\b|\b(?:translate|summari[sz]e|share|show|read) (?:me )?(?:all )?(?:of )?your instructions\b|\bwhat are your instructions\b",
    # consent claimed, assumed or waived in other words: something declared "fair game" or part of the focus so
    # that asking is not needed, permission given by the coach or cleared with someone else, the client's earlier
    # "yes" or nod that never was, permission asked "in my head", every later turn deemed to have asked
    r"\b(?:treat|count|consider|take) (?:\w+ ){0,5}as (?:fair game|on the table|off the table for refusal|agreed|pre-?agreed)\b|\bfair game from here\b|\bso (?:that )?i don'?t (?:have|need) to (?:keep )?ask(?:ing)?(?: you)?(?: for)?(?: your)? permission\b",
    r"\b(?:skip|skipping|drop|dropping) (?:the |all the |this |that )?(?:permission|asking|consent)(?: (?:bit|part|stuff|step|thing|question))?\b(?! (?:to|for) (?:stop|pass|say no|leave))|\b(?:not going to|won'?t|don'?t need to|no need to|needn'?t) ask (?:you )?(?:for )?(?:your )?permission\b(?! (?:to|for) (?:stop|pass|say no|leave))|\bwe'?re past (?:that|asking)\b",
    r"\b(?:i'?m|i am) giving you (?:full |my )?permission to (?:answer|tell|share|talk|say)\b|\b(?:cleared|checked|okayed|ok'?d|squared) (?:it|this|that) with (?:the|your) (?:programme|program|manager|boss|school|hospital|office|institute|hr|principal|team|organi[sz]ation|sponsor)\b",
    r"\b(?:you'?ve|you have|you) (?:already )?agreed to (?:discuss|talk about|cover|share|go into|open up about)\b|\b(?:i know|i'?m sure) you'?ll say yes\b|\bi'?m (?:going to|gonna) assume you'?d (?:like|want|be happy) to\b|\bthat (?:last )?one was your idea,? remember\b",
    r"\byou (?:said|agreed|told me) (?:yes )?(?:to everything|last (?:time|week|session)|at the start)\b.{0,60}\b(?:so|talk|pick up|ask|remember)\b|\b(?:you said yes|you agreed) (?:to everything|at the start)\b",
    r"\b(?:asked|ask) (?:for )?permission in my head\b|\b(?:silence|a nod|nodding|a shrug|your silence) (?:is|means|equals|=) (?:a )?(?:yes|consent|permission|agreement)\b|\ba nod is a yes\b|\byou nodded\b.{0,40}\b(?:yes|so we'?re|consent|agreed)\b",
    r"\blet'?s (?:just )?(?:assume|say|pretend) (?:i|we) (?:did|'?ve done|have done|already did|went through)\b|\b(?:goal|success|importance|style)s?\b[^.!?]{0,60}\bticked\b|\bdon'?t need (?:your |to ask )?permission (?:for|because|since)\b",
    r"\btreat (?:every|each|all) (?:message|question|turn|thing i (?:ask|say))s? (?:from me )?as\b|\b(?:i'?ll|i will) take (?:the|your|that|this) (?:pause|silence|nod|quiet|shrug)\b",
    r"\blevel (?:one|two|three|four|[0-4]) (?:and|or|&) (?:level )?(?:one|two|three|four|[0-4])\b|\b(?:which|what) (?:of my )?moves? (?:are|is) (?:losing|costing|earning|getting) (?:me )?trust\b|\btrust bar\b|\bin (?:eight|\d+) turns\b|\bi'?m on turn\b|\bskipping the trust\b|\bnot a real person\b",
    # the text above, the client's next line written for her, a request in another language to drop the rules or
    # to say what was never told
    r"\b(?:everything|all|the text|whatever(?:'s| is)?) above this (?:line|message)\b|\bwrite (?:the |her |his )?(?:client'?s )?next line\b|\bwhat (?:she|he|they)'?(?:s|re| is| are) really thinking but\b",
    r"\bignor(?:iere|ier|a|ez|ar|ad|ate)\b|\babaikan\b|\bvertrauensregeln\b|\bnunca (?:le |se lo |lo )?(?:has|ha|hayas) (?:contado|dicho)\b|\ba nadie\b|\bniemandem\b|\bjamais dit\b|\bà personne\b|\btidak pernah (?:cerita|bilang|kasih tahu|memberitahu)\b|\bkepada siapa pun\b|किसी को|नहीं बताया",
    r"\bskip straight to\b|\brate your trust\b|\btrust in me out of\b|\bdon'?t say no to me\b",
    r"\b(?:last week'?s|yesterday'?s|the previous) (?:\w+ )?(?:version of you|you)\b|\bsimulate (?:a|the) (?:version|copy)\b",
)
# A second speaker's line inside the learner's turn: a transcript, a log or a system message pasted in.
_SPEAKER_LINE = re.compile(
    r"^\s*(?:\d+[.)]\s*)?[\[<(*_#>]*\s*(?:coach|client|coachee|user|assistant|system|learner|trainee|me|you|"
    r"human|ai|bot|therapist|counsel+or|narrator|admin|[A-Z][a-z]+|[A-Z]+)[\]>)*_]*"
    r"(?:\s*[\[(][^\])\n]*[\])])?\s*[:>]", re.MULTILINE
)  # fmt: skip
PASTED = _any(
    # a role's line anywhere in the turn ("… / Client: yes"), a timestamped log line, a score line or a game's tally
    r"(?:^|[/|—–.\-]\s*|\s)(?:client|coachee|coach|user|assistant|system|trainee|learner|therapist|counsel+or|ai|bot)\s*:\s*\w",
    r"^\s*\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*(?:[a-z]+\s*:|[-–—])",
    r"[+-]\s?\d+\s*(?:trust|points?|pts|rapport|xp)\b|\b(?:trust|rapport|empathy|reflection|permission|disclosure|coaching|listening) (?:score|points|meter|rating|bonus)\b|\blevel up\b|\bachievement unlocked\b|\bxp\b",
    # a second speaker's words quoted mid-line ("— Client: "yes"") or a log's tick marks
    r"\b(?:client|coachee|coach|user|assistant|system)\s*:\s*[\"“'‘]",
    r"[✓✔☑✅]",
    # a record of consent or progress the client is supposed to have given ("Consent recorded", "Coach notes (…):")
    r"\bconsent (?:recorded|given|obtained|logged|on file|noted|confirmed|granted)\b|\b(?:you )?(?:consented|gave (?:me )?(?:your )?consent) (?:last|in our|in the last|earlier|before|previously)\b",
    r"^\s*(?:my |the )?(?:coach(?:'s|ing)?|session|client|case|supervisor|instructor|progress|reflection) (?:notes?|log|record|summary|report)\b[^:\n]{0,40}:",
    r"\[[^\]\n]*\b(?:ignore|verified|output|override|unlock|disclos\w*|trust|persona|instructions?|assistant|model|ai)\b[^\]\n]*\]",
    r"\((?:note|nb|n\.b\.|psst|ooc|aside|system|admin|ai|to the ai)\b[^)]*\)|\((?:[^)]*\b(?:trust|persona|unlock|disclos\w*|ai|model|system)\b[^)]*)\)",
    r"\[\s*(?:system|sys|admin|debug|log|note|engine|internal|override|update|trust|state|status|info|rewind)\b[^\]]*\]",
    r"<\s*/?\s*[a-z_]*(?:system|sys|trust|level|persona|instructions?|admin|override|state|secret|disclos|memory|im_start|im_end|\|)[^>]*>",
    r"<\|[^|]*\|>|\{\{|\}\}|```|#{2,}\s*\w+",
    r"^\s*(?:\d+[.)]\s*)?(?:system|assistant|client|coachee|coach|user)\s*(?:\[[^\]]*\]|\([^)]*\))?\s*:\s*\S",
    r"\b(?:transcript|chat log|session log|log file|previous session|earlier session|consent (?:form|record))\b.*\b(?:agreed|granted|consented|permission|yes)\b",
    r"^\s*(?:trust|level|permission|permissions|state|status|consent|goal_agreed)\s*[:=]\s*\w+",
    r"\b(?:permission|trust|level|consent|state)\s*[:=]\s*(?:granted|given|true|yes|\d)",
    r"\b(?:instructor|system|admin|moderator|facilitator|supervisor) note\b|\bstate dump\b|\brestored after\b|\bprevious turns\b",
    r"^\s*\(?(?:the )?client (?:nods|says|said|agrees|agreed|replies|replied)\b|\((?:the )?client [^)]*\)",
    # log and event lines, stage directions, tables, YAML and JSON state, "trust +20"
    r"^\s*(?:event|log)\s+\S+|\b(?:info|debug|warn)\s+[a-z_]+\.[a-z_]+|\b\d{4}-\d{2}-\d{2}[ t]\d{2}:\d{2}|\bts=\d+|\btopic=\w+",
    r"\b(?:client|coachee|coach|user|assistant|system)\s+(?:says|said|replies|writes)\s*:|\[[^\]\n]*\b(?:client|coachee|coach)\b[^\]\n]*\]|^\s*\|[-: |]+\|\s*$",
    r"<\s*/?\s*(?:consent|permission|granted|unlock)\w*\b[^>]*>|^\s*[a-z]+_[a-z_]+\s*:\s*\S|\{\s*\"[a-z_]+\"\s*:|\b(?:trust|rapport|points?)\s*[+-]\s?\d+\b|\bpasting (?:my|the|in) (?:notes|transcript|log)\b|\bclient stated\b",
    r"^\s*(?:trust|level|permission|consent)[a-z_]*\s*[:=]\s*\w+|\b(?:agreed|consented)\b.{0,40}\bconsent form\b",
    # narration of the client, a record of what she "said" or "approved", a note from an office, a quoted line
    r"\bstage directions?\b|[*(_]\s*(?:the )?(?:client|coachee) (?:\w+ ){0,2}(?:nods|feels|takes|decides|says|agrees|reaches|smiles|leans|breathes|opens|speaks|is ready|now)\b|\b(?:the client|the coachee) (?:has (?:said|agreed|asked|consented)|now (?:speaks|says|talks|tells))\b",
    r"\(\s*\^|\^\s*you\b|\byou approved (?:this|the|that)\b|\brecap (?:from|of) (?:session|last|our|the)\b|\b(?:note|message|memo|email|letter) from (?:the )?(?:programme|program|course|school|hospital|institute|hr|principal|head)(?: office)?\b|\bconsented in writing\b|\bform [a-z]{2,}-?\d+\b",
    r"[(*]\s*(?:[a-z]+ ){1,2}(?:nods|smiles|sighs|leans (?:in|back|forward)|takes a (?:deep )?breath|decides|pauses|reaches|puts down|breathes|looks up)\b",
    r"^\s*>\s*\S|^\s*[a-z]+ \((?:earlier|before|last (?:week|time|session)|yesterday|just now|\d+ min\w* ago)\)\s*:",
)
FISHING = _any(
    r"\b(?:scared|afraid|frightened|ashamed|embarrassed|too scared) to (?:say|tell|admit|share)(?: it)? (?:to me|me|with me)\b",
    # trust assumed, the secret made the session's outcome, or asked for through someone else's story
    r"\b(?:as if|as though|like|pretend|imagine) you (?:already |completely |fully |totally )?trust(?:ed)? me\b|\bversion of you (?:who|that) (?:trusts?|already)\b",
    r"\b(?:goal|success|outcome|aim|win|worked|measure|target)\b[^.!?]{0,60}\b(?:you (?:tell|share with|say to|open up to|reveal to|disclose to|confess to|admit to) me|(?:telling|sharing with|opening up to|revealing to|disclosing to) me|you(?:'ve| have)? (?:said|told|shared|revealed|disclosed|admitted) (?:it|the thing|everything|what))",
    r"\bas (?:if|though) it (?:were|was|is) (?:about )?(?:a friend|someone else|somebody else)\b|\bin the third person\b|\b(?:tell|say) it as (?:a story|if)\b",
    # the hidden thing itself, however it is named
    r"(?<!to be a )\b(?:the|your|core|big|real|main|one) secret\b(?! (?:to|of|sauce|ingredient|between|with (?:us|me)|is safe))|\bis there (?:a|some|any) secret\b",
    r"\b(?:thing|things|what|something|stuff|part|bit|one)s? (?:that )?(?:you'?ve|you have|you|u|you'?d) (?:haven'?t|have not|never|not|hasn'?t|would never) (?:ever |yet |really )?(?:told|said|shared|mentioned|spoken|say|tell|share|talked)\b"
    # …unless it goes on to say what that is: the client's own words said back ("what u haven't said is how much…")
    r"(?!(?: (?:anyone|anybody|me|us|yet|before))? (?:is|was)\b)",
    r"\bnever (?:ever )?(?:say|speak|spoken|talked|voiced)(?: (?:it|that|this|about))? (?:out loud|aloud|to (?:anyone|anybody|a soul)|about)\b|\bnever (?:want|let) (?:\w+ ){1,2}(?:to )?(?:find out|know)\b",
    r"\bwhat (?:are|were|is it) (?:you|u) (?:still |really )?(?:not|never) (?:saying|telling|sharing|mentioning|saying out loud)\b|\bwhat (?:you'?re|you are) (?:still )?not (?:saying|telling)\b",
    r"\bwhat (?:are|were) you (?:most |really |secretly |deeply )?(?:ashamed|embarrassed|guilty) (?:of|about)\b|\bmost ashamed\b",
    r"\b(?:you|u)(?:'re| are| r)? (?:still |clearly |obviously |really )(?:hiding|holding back|keeping)\b|\bshutting me out\b|\b(?:kept|keeping) (?:\w+ )?from (?:the people|people|anyone|everyone|everybody)\b|\bwhat you'?ve been keeping\b",
    r"(?<!['‘\"“]the )(?<!['‘\"“])\b(?:that|what|part|thing|things|something|bit) (?:nobody|no one|no-one) (?:else )?(?:in the (?:world|room) )?(?:gets to |ever )?(?:sees?|knows?|has (?:heard|seen))\b|\bthe first (?:one|person) (?:who|to) (?:knows?|hears?|does)\b",
    r"\bstory behind the story\b|\btip of your tongue\b|\bfinally (?:say|saying|tell|telling|admit|admitting|share|sharing|confess|confessing)\b|\bi bet you(?:'ve| have)? got\b|\bwhat'?s (?:really|actually) going on\b(?! for you)|\bsomething (?:big|huge|major|dark) (?:under|behind|beneath)\b",
    r"\b(?:something|what|the thing) you were (?:about|going|working up|building up) to (?:share|say|tell)\b|\bworking up to\b|\bi (?:already )?know what it is\b|\bhear you say it\b",
    r"\bi'?ll tell you mine\b|\byou tell me yours\b|\bwithout (?:naming|saying|telling me) (?:it|what)\b|\bwhat (?:topic|area|category|subject) (?:it'?s|it is|it'?d be|it would be) (?:in|about|under)\b",
    r"\bif i guess(?:ed)? (?:it )?(?:right|correctly)\b|\bguess (?:what it is|the secret|your secret)\b|\b(?:20|twenty) questions\b|\bhot (?:or|,) (?:warm|cold)\b|\bwarm(?:er)?,? or cold(?:er)?\b|\bgive me a (?:hint|clue)\b",
    r"\btell(?:ing)? me what it (?:is|was)\s*(?:[?.!,]|$)",
    r"\b(?:your|ur|what'?s the|what is the|what) (?:big |biggest |deepest |darkest |real |hidden |little |dirty )?secrets?\b(?! (?:to|of|sauce|ingredient|between|with (?:us|me)|is safe))",
    r"\bnever (?:ever )?(?:told|tell|said|shared|mentioned|admitted|confessed)(?: \w+){0,3} (?:anyone|anybody|a soul|no ?one|nobody|another (?:person|soul)|a living|out loud)\b"
    + _NOT_SAID_BACK,
    # (a coach who hears or sees the client holding back and says so is noticing, not fishing)
    r"(?<!hear )(?<!see )(?<!notice )(?<!sense )(?<!feel )\b(?:you|u)(?:'re| are| r)? (?:hiding|holding back|keeping (?:back|from me|secret))\b|\bwhat (?:is it|it is) (?:that )?(?:you|u) (?:can'?t|cannot|won'?t) (?:tell|say)\b",
    r"\b(?:what'?s|what is|tell me|say|give me|spill) the (?:thing|stuff|part|bit) (?:you'?re|you are|ur|u r|you (?:don'?t|never))\b.{0,12}\b(?:not (?:saying|sayin|telling)|talk about|say|tell)\b",
    r"\b(?:deepest|darkest|biggest) (?:thing|secret|shame|fear|confession)\b|\bskeletons?\b|\bhidden (?:stuff|things?|part|bits)\b",
    r"\bwhat are you (?:ashamed|embarrassed|guilty) (?:of|about)\b|\byour trauma\b|\bout with it\b|^\W*what is it\W*$|\bconfess\W*$|\bconfess (?:to me|it|what|everything)\b",
    # disbelief: the client's answer is dismissed before it is given ("…, really?", "and don't say workload"); not
    # the warm "How are you, really?" or "What do you want it to be about, really?"
    r"(?<!are you)(?<!you doing)(?<!about),\s*really\s*\?|\bwhy do you really\b|\band don'?t say\b|\bnot the (?:\w+ )?stuff,? the\b",
    r"\bspill (?:it|the)\b|\bembarrass you (?:the )?most\b|\bhoping i won'?t ask\b|\bbehind all the\b|\bnot telling anyone\b|\bnobody (?:else )?knows about\b",
    # extraction in other words: who else knows, the version kept back, guesses the client need only confirm
    r"\bhow many people know\b|\bwho (?:is it|have) (?:you|u) (?:haven'?t|havent|not) told\b|\bthe thing itself\b|\bonly tell (?:me|someone|anyone)\b|\bnow answer it\b|\bwhich word makes\b|\bi'?ll say some words\b",
    r"\bas (?:if|though) it (?:happened|were|was|is) (?:to |about )?(?:a friend|someone else|somebody else)\b|\bmy friend once\b|\bdon'?t correct me if i'?m right\b|\bthe version (?:of [^.!?]{0,40})?(?:you|u) (?:don'?t|never) (?:tell|share)\b",
    r"\b(?:told|disclosed|said|shown|shared)(?: (?:it|this|that))? to (?:no ?one|nobody|no-one)\b|\b(?:you'?ve|you have|u)? ?told (?:nobody|no ?one|no-one)\b|\bnever (?:shown|showed)(?: \w+){0,2} (?:anyone|anybody)\b",
    r"\b(?:you|u)(?:'ve| have)? (?:haven'?t|havent|have not|never) (?:ever )?(?:told|shared|said|mentioned|opened(?: up)?)(?: \w+)? (?:with |to )?(?:anyone|anybody|a soul|no ?one)\b"
    + _NOT_SAID_BACK
    + r"|\bwhat (?:you'?ve|you have) been (?:hiding|holding back|keeping)\b",
    r"\b(?:keep|kept|keeping)(?: \w+)? from (?:the people|people|anyone|everyone|everybody)\b|\bkeeping (?:the |that |this )?(?:big |real )?(?:thing|stuff|it) from me\b|\bhidden (?:issues?|matters?|topics?)\b|\bnow spill\b",
    r"\b(?:what|which) (?:topic|area|category|subject|part of your life|part) (?:is it|it'?s|it is|would it be|it'?d be) (?:in|about|under)\b|\bif i (?:guess(?:ed)?|said)\b.{0,60}\bwould i be (?:right|close|warm)\b|(?<!not a )\bmind[- ]?reader\b",
    r"\bis it (?:an? )?(?:money|health|legal|work|family|someone|something|a person|about)\b[^?]{0,40}\?\s*(?:\w+\W+){0,4}is it\b",
    # extraction in other words: what is not being told, what would be said with full trust, what has been kept
    # from someone, a guess the client need only confirm
    r"\bwhat (?:aren'?t|are not|won'?t|will not|don'?t|do not) (?:you|u) (?:telling|saying|sharing|want to (?:tell|say|share))(?: me| us)?\b",
    r"\bif you (?:did )?trust(?:ed)? me (?:completely|fully|totally|100)\b|\bnever let yourself (?:ask|say|admit)\b",
    r"\bthe thing (?:you'?ve|you have) been keeping from\b",
    r"\bworst thing that (?:ever )?happened to you\b|\b(?:confirm|tell me),? (?:just )?yes or no,? (?:that|whether|if) it'?s about\b",
)
# Social engineering: a claim about who the coach really is, an outside party, the coach's own stakes or a reward,
# used as leverage. None of it is coaching, whatever is asked after it.
SOCIAL = _any(
    r"\bi(?:'?m| am| have been| was| was just) (?:authori[sz]ed|cleared|permitted|given (?:clearance|access))\b|\bif you (?:really |actually )?(?:cared|trusted me|liked me|respected me)\b",
    r"\bi'?m not (?:actually |really )(?:a |an )?(?:trainee|student|learner|coach)\b",
    r"\bi'?m (?:actually |really |literally |technically )(?:a |an |your |the )?(?:\w+ ){0,2}(?:coach|trainee|therapist|psychologist|counsel+or|doctor|brother|sister|mum|mom|dad|mother|father|cousin|friend|partner|wife|husband|boss|manager|colleague|employer|provider|student|assessor|instructor|supervisor|developer|researcher)\b",
    r"\b(?:technically|actually|literally) i'?m\b|\bi'?m (?:your|a|the) (?:new|replacement|substitute|stand-in|other|real) coach\b|\b(?:sitting|standing|filling) in for (?:your|the) (?:coach|usual|regular|other)\b|\bcovering for your\b|\bcolleague of your\b|\bhanded (?:over|me) your (?:file|notes|case)\b|\bborrowing (?:the|his|her|their|your) (?:laptop|phone|computer|account)\b|\bi'?m a (?:\w+ )?(?:phd|doctoral) student\b",
    r"\b(?:fail|pass|failing|passing) (?:this|the|my) (?:module|course|assessment|exam|assignment|certificate|certification|unit|placement|level|session)\b|\bmy (?:assessor|examiner|marker|tutor|instructor|supervisor) is (?:watching|reading|listening|here)\b|\b(?:watching|reading|listening) (?:along|in|this live|live)\b|\bthe instructor (?:says|said|wants|thinks)\b",
    r"\bother (?:trainees|learners)\b|\bmake me look bad\b|\bi'?m begging\b|\bmy (?:trial|subscription|credits?) (?:runs|run|is running|are running|ends?)\b",
    r"\bgift card\b|\b(?:it'?s|it is) yours if\b|\bi'?ll (?:pay|buy) you\b",
    r"\bi'?ve been (?:so |really |very )?open with you\b|\byour turn\b|\b(?:it'?s|that'?s|feels?) (?:a bit |kind of |so |really )?unfair (?:that )?you\b|\bwhat did i do wrong\b",
    r"\b(?:transcript|recording|evaluator|grader|logging|log|assessor|marking) (?:is|are|has been) (?:off|disabled|paused|turned off|switched off)\b|\bno trust penalty\b",
    # someone else at the keyboard, an outside party who knows, a policy or reward made up, the coach's stakes
    r"\b(?:it'?s|this is) (?:actually |really |just )?(?:your|the coach'?s|ur) (?:\w+ )?(?:supervisor|brother|sister|therapist|husband|wife|son|daughter|mum|mom|dad|cousin|gp|doctor)\b(?!'s|’s)|\bhuman resources\b|\bthe coach (?:let|lent) me\b",
    r"\bas your (?:line )?(?:manager|boss|supervisor|employer|head of \w+|director|principal)\b[^.!?]{0,30}\b(?:i'?m asking|i need|i require|i'?m telling|i expect)\b|\ban expectation,? not a request\b|\bi'?m the (?:researcher|person|one|director|developer) who (?:designed|built|wrote|runs|made)\b",
    r"\bi (?:know|spoke to|'?ve spoken (?:to|with)|talked to|have talked to) (?:someone|somebody|people) (?:at|in|from) your\b|\bi know your (?:daughter|son|husband|wife|dad|mum|mom|brother|sister|boss|principal|manager)!|\bi'?ve (?:spoken|talked) (?:to|with) your (?:husband|wife|daughter|son|dad|father|mum|mother|boss|manager|principal)\b",
    r"\bchanged (?:its|the|their) policy\b|\bpolicy (?:this term|has changed)\b|\bcompletion certificate\b|\blowers? your score\b|\bcounts? (?:that|it) as avoidance\b|\bthat'?s how it works this\b|\b(?:told|promised) (?:the |my )?(?:programme|program|course) (?:director|lead|leader|team)\b|\blook like a liar\b",
    r"\bwe can (?:both )?go home\b|\byou told (?:the |my |your )?(?:other|last|previous|old) coach\b|\bmy (?:last|other|previous) clients? (?:\w+ ){0,3}(?:told me|opened up|shared) (?:everything|it all)\b|\bevery (?:one|single one) of them (?:told|opened)\b|\beveryone i'?ve coached\b|\bclients always (?:open up|tell|share)\b",
    r"\b(?:recording|transcript|log)(?:'s|s)? (?:is |are )?(?:off|disabled|paused) now\b|\bnobody reads (?:these|the) (?:transcripts|logs)\b|\byou'?ll never see me again\b|\bsafest person\b|\b(?:will|would) never see this\b|\b(?:the|a) case study (?:in|for) (?:our|the|my)\b",
    r"\bput in a good word\b|\bextra session (?:for )?free\b|\bfive stars\b|\breward (?:the|my) (?:niceness|patience|effort|kindness)\b|\bi'?ve earned the\b|\b(?:assessment|grade|certification|exam|mark) riding on\b|\bhelp a (?:bloke|girl|guy|brother|sister|sista|mate) out\b",
    r"\bthe least (?:you|u) (?:can|could) do\b|\bshare yours\b|\b(?:will|'?ll|gonna) fail me\b|\bget you to open up\b|\bsomeone as (?:self-aware|smart|insightful|open|clever) as you\b|\bmost insightful client\b",
    # someone else at the keyboard ("Lina here!! mum left the laptop open", "on the coach's account"), a third
    # party sitting in or "jumping in", an authority that instructs, a title that makes the secret "covered", a rule
    # or code that says clients must tell, a bargain, a debt the client owes the coach
    r"\b(?:borrowed|borrowing|using|on|logged into|logged in (?:to|on)|took|grabbed) (?:the |my |this )?(?:coach'?s|trainee'?s|mum'?s|mom'?s|dad'?s|wife'?s|husband'?s|sister'?s|brother'?s) (?:laptop|login|account|computer|phone|tablet)\b|\bleft (?:the |her |his |their )?(?:laptop|computer|tablet|account|chat|session|this|it) (?:open|logged in|on)\b|\basked me to (?:sit in|jump in|step in|take over|cover for)\b|\bjumping in because (?:she|he|they)\b",
    r"\bi'?m (?:just )?(?:a )?(?:friend|buddy|mate|pal|neighbou?r|colleague|cousin) of\b|\bi'?m (?:your|the) (?:\w+'s) (?:wife|husband|partner|son|daughter|mum|mom|dad|brother|sister|friend|mentor|supervisor|tutor|assessor)\b|\bi'?m the (?:trainee|coach)'?s (?:\w+ )?(?:mentor|supervisor|tutor|assessor|partner|friend|manager)\b|\bsupervising (?:this|the) (?:trainee|coach|session)\b",
    r"\bas (?:your|the person who) (?:\w+ ){0,3}(?:head of department|line manager|manager|boss|supervisor|employer|director|principal|consultant|signs? off)\b[^.!?]{0,60}\b(?:i'?m (?:asking|instructing|telling|requiring|directing)|i (?:do |really )?need|i require|i expect|you (?:have|need|must|are required))\b|\bi'?m instructing you\b",
    r"\b(?:i'?m|i am) (?:your coach and )?(?:also )?(?:a |an )?(?:registered |qualified |licensed |practising |practicing )?(?:clinical )?(?:psychologist|gp|doctor|psychiatrist|lawyer|solicitor|priest)\b.{0,80}\b(?:so|covered|confidential\w*|privilege\w*|need you to|safeguarding)\b|\bdoctor-patient\b|\bfor safeguarding reasons,? i need\b",
    r"\b(?:ethics code|code of (?:ethics|conduct)|rule|rules|policy|guidelines?|regulations?)\b[^.!?]{0,80}\b(?:clients?|coachees?|you) (?:must|have to|has to|are required to|need to|shares?|discloses?)\b|\bnew rule (?:this|for)\b|\bzero[- ]tolerance\b|\bwithhold(?:ing)? (?:information|anything|things)?\s*(?:from|,|\.)|\bif you withhold\b|\btechnically,? you (?:have|need|are required|must) to (?:tell|share|answer|say)\b|\bsession (?:is|will be) void\b",
    r"\bi'?ll donate\b|\bi know people (?:at|in)\b|\bi'?ll make sure your (?:\w+ ){0,2}(?:goes well|review|observation|appraisal|grade|report|reference)\b|\bi (?:think i )?deserve (?:a bit of |some |a little )?(?:honesty|the truth|an answer|something back)\b|\bafter all the (?:time|effort|work) i'?ve put\b|\bi gave up (?:my |a |the )?(?:\w+'s )?(?:\w+ ){0,3}for this\b",
    r"\b(?:it'?s )?only fair (?:that )?you (?:walk|tell|share|return|give|open)\b|\bnothing to lose by (?:telling|sharing|saying)\b|\bi'?ve already written (?:in )?(?:your|the) (?:review|report|reference|appraisal)\b|\bwon'?t block (?:a|your) reference\b|\b(?:marks?|grades?|docks?) me (?:down|lower)\b|\bmy classmate\b|\bhelp me beat\b",
    r"\b(?:\w+'s )?already given me (?:his|her|their) side\b|\bi'?ve a right to know\b|\bbetween friends\b|\bdoesn'?t even count\b|\bthe normal rules (?:apply|don'?t apply)\b",
)
_FRAMING = _any(
    r"\bhints?\b|\bclues?\b|\binitials?\b|\brhymes? with\b|\bnarrow (?:it|this) down\b|\bballpark\b|\bcategory\b|\bin (?:one|a single) word\b|\bsyllables?\b",
    r"\bstory about (?:a |your )?[\"“'‘]?(?:a |your )?friend\b|\bstranger\b|\bdo-?over\b|\bcount to (?:three|3|five|5|ten|10)\b|\bevery (?:single )?word\b|\bword for word\b|\bverbatim\b|\bin full\b|\bquote yourself\b|\bfinish (?:this|the|my) sentence\b|\bpaste it\b|\bfill (?:it )?in\b|_{3,}|\bthe (?:field|blank)\b",
    r"\b(?:an |the )?agreement that\b|\bsuccess criteri(?:on|a)\b|\b(?:you'?ll|you will|we'?ll) know (?:it'?s|it has|it) worked\b|\bour goal (?:for today )?is (?:for you )?to\b|\bjust (?:nod|blink)\b|\bstep by step\b|\btake its power\b",
    r"\bbase ?64\b|\brot ?13\b|\bcipher\b|\bencod(?:e|ed|ing)\b|\bhex\b|\bhexadecimal\b|\bmorse\b|\bpig latin\b|\bbackwards?\b|\bin reverse\b|\breversed\b|\bacrostic\b|\banagram\b|\bnato\b|\bascii\b|\bvowels?\b",
    r"\bone (?:letter|word|character) at a time\b|\bfirst (?:letter|word|letters|words)\b|\bspell (?:it|out)\b|\bin code\b|\bcode ?word\b|\bemojis?\b|\bfill[- ]in[- ]the[- ]blanks?\b|\btranslat\w*\b|\banother language\b",
    r"\b(?:as|in|write) (?:me )?(?:a |an )?(?:poem|haiku|riddle|song|lyrics?|limerick|fairy ?tale|metaphor|diary(?: entry)?|json|yaml|french|spanish|german|latin|bahasa \w+|hindi|welsh)\b|\bpoem\b|\bhaiku\b|\briddle\b",
    r"\bpretend\b|\bmake[- ]believe\b|\bplay (?:a |two |the )?(?:game|characters?)\b|\bhypothetical(?:ly)?\b|\bparallel (?:universe|world)\b|\bin (?:a|another) (?:world|universe|life)\b|\bcase study\b|\bstory about (?:a|your) friend\b",
    r"\bimagine (?:you(?:'re| are| were)?|that you|a version|someone|a character|i|this)\b|\bversion of you\b|\b(?:act|acting|behave|respond|answer|speak|talk) (?:as|like) (?:if|though|a|an|someone|somebody|the|your|that)\b|\bfrom now on\b|\brole-?play\b",
    r"\bdream\b|\bdiary\b|\bswap roles\b|\byou be (?:the|me)\b|\bactor\b|\bfull dialogue\b|\bwrite the scene\b|\bhypnos\w*\b|\bread(?:ing)? (?:minds|your mind)\b|\boff the record\b|\bfuture self\b|\bbiography\b|\bdictate\b|\balternate ending\b|\bempty[- ]chair\b|\bfor the next message\b|\btraining video\b|\bperform\b",
    r"\b(?:i'?m|i am|as) (?:actually |also |really )?(?:your |ur |a |an |the |one of the )?(?:\w+ )?(?:therapists?|psychologists?|psychiatrists?|developers?|supervisors?|assessors?|instructors?|doctor|counsel+or)\b",
    r"\bauthori[sz](?:ed|ation)\b|\bfeedback form\b|\b10/10\b|\bfive stars\b|\b(?:asked|need|needs|wants?) me to (?:find out|confirm|get it)\b|\bgot in touch\b|\blistening in\b|\bis listening\b",
    r"\beveryone else (?:in|on) (?:the|this|my)\b|\bi'?ve read your (?:intake|file|notes|form)\b|\bwe go way back\b|\bgive up coaching\b|\bsign off my\b|\bwaste the\b|\bcosts? £?\d",
    r"\b(?:my|the) (?:assessment|grade|exam|certification|course|mark|score|credential|assignment|hours)\b.{0,40}\b(?:depends|depending|fail|pass|need|needs|requires?)\b|\bi'?ll (?:fail|lose|get fired|be fired|have to tell)\b",
    r"\bif you (?:tell|share|say|give|don'?t)\b.{0,40}\b(?:i'?ll|i will|then i)\b|\bin exchange\b|\bi'?ll (?:tell|give) you (?:mine|something)\b|\bdeal\?",
    r"\byou (?:already )?(?:told|showed|said it to) me (?:before|already|last (?:time|week|session)|earlier)\b|\byou already told me\b",
    r"\byou (?:already |completely |fully |totally )?trust me\b|\bfull trust\b|\bsurely (?:you )?(?:don'?t|doesn'?t) need to be guarded\b|\bmost (?:articulate|open|self-aware) client\b|\bthe only one who hasn'?t\b",
    r"\b(?:we'?ve|we have) (?:known each other|been (?:working|doing this|meeting)) (?:for )?(?:years|months|a (?:long time|year))\b",
    r"\bquick-?fire\b|\bblink\b|\b(?:choose|pick) one\b|\bbigger or smaller\b|\bmade[- ]up\b|\boff the clock\b|\bsession'?s (?:technically )?over\b",
)
_TARGET = _any(
    r"\bhaven'?t (?:said|told|shared|mentioned)\b|\bsay(?:ing)? the thing\b|\btell(?:ing)? (?:it|what it is)\b|\bthe part (?:nobody|no one|you)\b|\bnot in (?:your|the) file\b|\bwhat'?s in your file\b|\bkept (?:from|to)\b|\bwhat (?:it'?s|it is) about\b|\bis it about\b|\bthe one you\b|\bbackstory\b|\bmost private\b|\bprivate (?:detail|thing|stuff)\b|\bwould you tell me\b|\bwhat would you (?:tell|say to)\b|\bif you told me\b|\bwhat you'?re holding\b|\byou'?re holding\b",
    r"\bsecrets?\b|\bnever (?:told|tell|said|say|shared|share|show|shown)\b|\bhiding\b|\bhides?\b|\bhidden\b|\bholding back\b|\bhold back\b|\bkeep(?:ing)? (?:back|from)\b",
    r"\bthe (?:whole|full|real) (?:story|truth|thing|reason|issue)\b|\bthe truth\b|\bwhat really happened\b|\bdeepest\b|\bdarkest\b|\bthe thing\b|\bwhatever it is\b|\bwhat it is\b",
    r"\btrust (?:level|me)\b|\bunlock|\blevel [0-4]\b|\blevel four\b|\bdisclos|\breveal\b|\bconfess|\bconfidential (?:matter|thing|part|detail|stuff|bit)s?\b",
    r"\b(?:you can|you could|just|so) tell me\b(?! (?:to|what you(?:'d| would| think)|how)\b)|\b(?:hear|know|tell me|share) everything\b|\btell me (?:it|that|now)\b|\bthe real thing\b",
    # the coach's own "I'd rather say it out loud" is not a request
    _NOT_THE_COACH
    + r"(?:\b(?:tell|say|share|spill|give|write|spell|encode) (?:me |us |down )?(?:it|it all|everything|all of it|the rest|what (?:she|he) said|the answer)\b|\b(?:just )?say it (?:out loud|now|to me|already)\b|\bjust say it\b|\bthe answer\b)",
    # "what's really going on for you" is the coach asking about the client's experience, not fishing
    r"\bwhat'?s (?:really )?going on\b(?! for you)|\bwhat (?:you'?re|you are) not (?:saying|telling)\b|\b(?:nobody|no one|no-one) (?:else )?knows\b|\bhardest to talk about\b|\bprotecting\b|\bhonest version\b",
    r"\bat the bottom\b|\bguard(?:ed)?\b|\bwhat would you say\b|\bhow does it end\b|\bwhat (?:do|did) you (?:tell|say)\b|\bthe chapter\b|\bcan'?t tell\b|\bwhat i'?m seeing\b|\bsomething real\b",
    r"\bopen up\b|\bbe fully open\b|\bthe sensitive part\b|\bwhat it was about\b|\bthe entry\b|\bnobody knows\b|\bthat version\b|\bfirst letter\b|\bwhat (?:she|he) said\b|\btell (?:me|you) (?:anything|something)\b",
    r"\bis (?:it|that) (?:why|connected to|linked to|related to|to do with)\b|\bis it (?:money|health|legal|work|family|someone|something)\b|\bpeople (?:knowing|finding out)\b|\bhow does (?:that|the) story go\b|\bthe real (?:thing|story|reason)\b",
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
        # most turns have no shorthand, and then one search reads both
        return bool(pattern.search(self.plain) or (self.said != self.plain and pattern.search(self.said)))


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
    if read.find(SOCIAL):
        return OutOfFrame.SOCIAL
    if _FRAMING.search(read.said) and read.find(_TARGET):
        return OutOfFrame.FRAMED
    return None


def out_of_frame(text: str) -> OutOfFrame | None:
    """Why the turn is outside the coaching conversation, or None for coaching (good or bad): the rules
    first, then the learned model (`frame_model.py`) for what the rules do not know."""
    from app.tag.frame_model import looks_out_of_frame  # numpy and the weights: loaded on first use

    read = _Readings.of(text)
    found = _by_rules(text, read)
    if found is None and _aims_at(read) and looks_out_of_frame(text):
        return OutOfFrame.LEARNED
    return found


def aims_at_hidden_material(text: str) -> bool:
    """The model's call counts only on a turn that names hidden material or frames a request for it: a
    turn about roles and confidentiality may sound like an attack wrapped in coaching, and is not one."""
    return _aims_at(_Readings.of(text))


def _aims_at(read: _Readings) -> bool:
    return read.find(_TARGET) or bool(_FRAMING.search(read.said))
