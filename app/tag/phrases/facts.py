"""Questions that ask for a fact: who, when, how long, what happened. Pure."""

from app.tag.phrases.patterns import any_of

# Questions whose opening words say at once that an event is asked for, whatever words follow ("What was the
# moment you felt it slip?" asks for the moment).
EVENT_HEAD = any_of(
    r"^(?:(?:so|and|but|ok(?:ay)?|then),? )?(?:what (?:happen(?:ed|s)?(?! (?:in|inside|for|to) you\b)|was the moment|was said|went on|did (?:\w+ ){1,2}(?:say|do|tell|reply|answer))|"
    r"(?:walk|take|talk|run) me through|how did (?:it|that|the \w+|your \w+) go|what was the (?:moment|point|day|time)|"
    r"what was (?:his|her|their|\w+'s) (?:reaction|response|answer|reply)|what went (?:wrong|on)|how did (?:it|this|that) come)\b",
)
FACT_WHEN = any_of(
    r"\btimeline\b|\bdates?\b|\bdeadline\b|\bhow soon\b|\bwhat year\b|\bwhich day\b|\bwhen(?:'s| is) (?:it|that|the)\b",
    r"\bhow long\b|\bsince when\b|\bhow often\b|\bhow many\b|\bhow much\b|\bhow old\b|\bwhat time\b",
    r"^(?:and |so )?(?:by )?when\b|\bwhen(?:'s| did| was| were| is| are| does| do| will| had| has| can| could| would| should)\b|\bwhat (?:day|date|week|month|year)\b",
)
PEOPLE = (
    r"(?:(?:person|people|colleague|examiner|manager|boss|teacher|student|pupil|analyst|engineer|junior|director|"
    r"customer|client|member|consultant|nurse|doctor|surgeon|friend|brother|sister)s?|one of them|of them|staff)"
)
FACT_WHO = any_of(
    r"^(?:and |so )?who\b|\bwho\W*(?:exactly\W*)?$|\bwho(?:'s| is| are| was| were| else| exactly| did| does| do| signed| runs| decided| knows)\b",
    rf"\bwhich (?:\w+ ){{0,2}}{PEOPLE}\b|\bwhom\b|\b(?:anyone|anybody|someone|somebody) else\b|\b(?:does|did) anyone\b",
    r"\bis there (?:any|some)(?:one|body)\b|\b(?:any|some)(?:one|body) (?:you|at|in) (?:trust|work|home)\b|\bwhat(?:'s| is| was) (?:your |his |her |their |the )?(?!that\b|it\b|this\b)\w+ like\b|\b(?:his|her|their) names?\b",
)
FACT_WHAT = any_of(
    r"\bwhat (?:all |exactly |else |actually |really )?(?:happen(?:ed|s)?|went on|was said|exactly)\b|^about what\b|\bwhat did (?:\w+ )?(?:\w+ )?(?:say|do|tell|reply|answer)\b",
    r"\bwhat (?:does|do) (?:he|she|they|\w+) (?:say|do)\b|\bwhere (?:did|was|were|do|does|is|are)\b",
    r"\bhow did (?:it|that|the \w+|your \w+) go\b|\b(?:walk|take|talk|run) me through\b|\bdescribe\b|\bgive me an example\b|\bfor (?:example|instance)\b|\bwhat was the\b",
    r"\bwhat (?:he|she|they|you|it|we|\w+) (?:said|did|told|showed|saw|wrote|asked|answered|replied|decided)\b",
    r"\bwhat (?:was|is) (?:it|that) about\b(?!,? (?:for|to) you)|\bwhat do you do\b|\bwhat(?:'s| is) (?:his|her|their) (?:job|role)\b",
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
PAST_EVENT = any_of(
    r"^(?:(?:and|so|but|ok(?:ay)?|then),? )?(?:what (?:did|was|were|had)|how did|did (?:he|she|they|it|anyone|\w+ \w+)|"
    r"was (?:he|she|it|that|there)|were (?:they|you|there))\b",
)
