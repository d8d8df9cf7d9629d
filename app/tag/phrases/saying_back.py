"""Words that say back what the client said: a check, a reflection put as a question, a summary. Pure."""

import re

from app.tag.phrases.patterns import any_of

# A question that only checks the reflection or summary before it: it asks for nothing new.
CHECK = re.compile(
    r"(?:(?:so|and|but|ok(?:ay)?|then|just),? )?(?:"
    r"(?:is|was) (?:that|this|it) (?:right|it|fair|correct|true|accurate|close|so|about right|the gist|how it (?:is|feels|was)|(?:an? )?(?:ok(?:ay)?|good|fair|right) summary)"
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
# The coach says they will sum up or play back what they heard ("Can I try to sum up?", "Let me play it back.",
# "Can I check I've got it?"): leave asked for that is leave to say back, not to go anywhere new.
SUMS_UP = any_of(
    r"\b(?:can|could|may|let|shall) (?:i|me) (?:just |quickly |try (?:to |and )?)?(?:sum (?:\w+ )?up|summari[sz]e|recap|"
    r"play (?:\w+ ){0,2}back|(?:pull|put|bring|tie) (?:\w+ ){0,4}together|go back over|check (?:that )?i'?(?:ve| have) "
    r"(?:got|understood|heard)|give you (?:the|a|my) (?:\w+ ){0,2}(?:version|summary|recap))\b",
    r"\b(?:summing (?:it |that |this )?up|to sum (?:it )?up|here'?s (?:my|the|a) (?:summary|recap))\b",
)
SUMMARY = any_of(
    r"\blet me (?:check|make sure|see) (?:that |if |whether )?i'?(?:ve| have) (?:understood|got|followed|it)\b|\b(?:collect|gather|pull together) what you(?:'ve)? (?:said|told me)\b|\bwhat i(?:'ve)? heard\b|\bplay (?:it |that |this )?back\b",
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
SAYS_BACK = any_of(
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
# "You're carrying a lot on your own, right?" says something back and checks it: a reflection, not a question.
TAG_QUESTION = any_of(
    r",\s*(?:right|yeah|yes|correct|is that right|is that it|isn'?t it|no|did i get that right|yes or no|"
    r"(?:is|was|does|did|do|are|were|has|have)(?:n'?t)? (?:it|that|you|they|he|she))\s*\?*$"
)
# A question that opens like a statement says something back ("So you feel outnumbered?"), unless it offers a
# choice or goes on to a question of its own ("You said Thursday, is that the one-to-one?").
DECLARATIVE = any_of(
    r"^(?:(?:so|and|but|ok(?:ay)?|right),? )?(?:(?:(?:since|after|before|in|at|on|by) (?:the |this |that |last |then\b)?\w*|now|then|basically|really|in a way|lately|these days|honestly),? )?(?:you(?!\s+(?:know|think|reckon|mean)\b)|you'?re|you'?ve|you'?d|you'?ll|"
    r"it'?s|it sounds|sounds|it seems|it feels|feels like|that'?s|that sounds|there'?s|part of you|i'?m hearing|i hear|"
    r"i sense|what i'?m hearing|almost like|like you)\b",
)
ASKS_ON = any_of(
    r"\bor\b", r",\s*(?:what|who|when|where|why|how|which|is|are|do|does|did|can|could|would|will)\b"
)
