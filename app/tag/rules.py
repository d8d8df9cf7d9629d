"""Phrase tables for the offline move tagger. Every pattern runs on text already passed through
``app.tag.text.clean`` (lowercase, straight quotes, shorthand expanded, fillers dropped).

Tables are regex alternations compiled once at import; ``offline.py`` holds the logic that combines them.
"""

import re

from app.domain.codebook import Move


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


# Shared vocabulary ----------------------------------------------------------------------------------------

YOU_ARE = r"(?:you're|you are|you were|you've been|you have been|you seem|you sound|you feel|you felt)"
THIRD_PARTY = (
    r"(?:hr|management|upstairs|the (?:company|board|director|ceo|team|manager|boss|organi[sz]ation|business|"
    r"partners?|sponsor|programme sponsor|program sponsor|head|headteacher|principal|governors|panel|committee|"
    r"practice manager|school|trust|department)|your (?!own\b)[a-z']+|him|her|them|anyone|anybody|people|(?!you\b|yourself\b|"
    r"me\b)[a-z]+ (?:in|from) [a-z]+)"
)
EMOTION = (
    r"angry|annoyed|anxious|afraid|ashamed|exhausted|tired|worn (?:out|down)|drained|burn(?:ed|t) out|"
    r"frustrated|fed up|hurt|sad|lonely|alone|scared|terrified|frightened|stuck|torn|trapped|overwhelmed|"
    r"stressed|worried|nervous|upset|guilty|embarrassed|confused|lost|invisible|unseen|unappreciated|"
    r"undervalued|betrayed|disappointed|relieved|excited|proud|hopeful|resentful|jealous|conflicted|unsure|"
    r"uncertain|running on empty|on edge|furious|gutted|heartbroken|humiliated|isolated|helpless|hopeless|"
    r"powerless|panick(?:ing|ed)|dreading|sick of|tired of|done with|at the end of|pulled in|squeezed|"
    r"ignored|dismissed|sidelined|overlooked|taken for granted|out of your depth|a fraud|not good enough|"
    r"carrying|holding|bottl(?:ing|ed)|struggling|grieving|missing|longing|wanting|hoping|wary|cautious|"
    r"bitter|restless|bored|flat|numb|low|down|uneasy|tense|wound up|shaken|rattled|let down|disrespected|"
    r"unheard|unsupported|responsible|protective|loyal|ambivalent|reluctant|hesitant|ready|determined|"
    r"desperate|care|cares|love|hate|miss|value|wish|fear|dread|resent|regret|doubt|worry|worrying|pulled|"
    r"pushed|stretched|squeezed|caught"
)

# Feeling adjectives that, after "that sounds / must be / seems", voice the coach's empathy.
FEELING_ADJECTIVE = (
    r"humiliating|embarrassing|mortifying|degrading|infuriating|maddening|galling|discouraging|deflating|"
    r"disappointing|bewildering|confusing|worrying|terrifying|daunting|nerve-?wracking|harrowing|traumatic|"
    r"shocking|horrendous|grim|bleak|relentless|tiring|thankless|soul-?destroying|"
    r"agoni[sz]ing|sickening|bruising|unbearable|intense|lonely|hurtful|a (?:real )?(?:blow|shock|worry|"
    r"strain|struggle|slog|weight)|so much|too much|a lot to (?:carry|hold|deal with|take in|manage)|"
    r"hard to (?:hear|bear|take|carry|live with|sit with)|hard going|such a (?:lot|weight|worry)|"
    r"heavy going|(?:such |so |really |very )?(?:stressful|draining|frightening)"
)

# Small talk, greetings and logistics: such a sentence carries no move unless a substantive phrase matched.
SMALL_TALK = _any(
    r"\b(?:weekend|weather|holiday|vacation|drive in|traffic|journey|coffee|tea|lunch|wi-?fi|zoom|teams link|"
    r"sun|sunshine|grab a pen|laptop|pen|parking|find (?:the|us|our) (?:room|place|office|building)|"
    r"close my door)\b",
    r"\bcan you (?:hear|see) me\b|\bhear me (?:ok|okay|alright|all right)\b|\b(?:video|audio|mic|microphone|"
    r"camera|connection|screen) (?:is |'s )?(?:working|ok|okay|on|off|frozen|dropping|patchy)",
    r"\b(?:minutes|mins) (?:late|left|to go)\b|\brunning late\b|\bcall overran\b|\bone sec\b|"
    r"\bbear with me\b",
    r"\b(?:did|have) you (?:have|had) a (?:good|nice|lovely|decent|restful|proper) (?:break|weekend|holiday|"
    r"half[- ]term|christmas|easter|summer|trip|time off|rest)\b|\b(?:rain(?:ing|y)?|snow(?:ing|y)?|sunny|"
    r"freezing|boiling) (?:where|there|today|again|outside)\b|\bparking (?:space|spot)\b|\b(?:you're|"
    r"you are|it's) (?:breaking up|cutting out|frozen)\b|\bsay that again\b|\b(?:same )?(?:end|finish|"
    r"start) time\b",
    r"\b(?:speak|talk|chat|catch you) (?:soon|later|next week|then)\b|\bsee you (?:next|soon|then|on|tomorrow)\b|\b(?:nice|good|great|lovely) to (?:see|meet) you\b",
    r"^(?:hi|hello|hey|morning|good (?:morning|afternoon|evening)|thanks|thank you|cheers|bye|"
    r"take care)\b(?! for)",
    r"^how (?:are|r) (?:you|things)(?: doing)?(?: today)?$|^how'?s it going\b|\bhow was (?:your|"
    r"the) (?:\w+ )?(?:weekend|holiday|trip|break|drive|journey|morning)\b",
    r"\b(?:shall|should) we (?:get started|start|begin|make a start|kick off)\b|\blet'?s (?:get started|"
    r"begin|kick off)\b|\b(?:book|schedule|move|arrange) (?:the|our|a|in) (?:next|another|follow)|"
    r"\bsame time\b",
)

# Tag questions: "…, right?" asks to be corrected (invite); "…, is it?" is rhetorical. Neither is a question.
TAG_QUESTION = re.compile(
    r",\s*(?:(?P<invite>right|yeah|yes|correct|is that right|is that it|is that fair|am i right|"
    r"have i got that right|did i get that right|does that sound right)|isn't it|is it|aren't you|don't you|"
    r"didn't you|wasn't it|doesn't it|won't you|can't you|isn't that so|ok|okay|eh|no)\s*\?\s*$|"
    r"^(?P<alone>right|yes|yeah|correct|true)\s*\?\s*$"
)

# Questions -------------------------------------------------------------------------------------------------

# Wh-questions that still ask for a single fact.
CLOSED_WH = re.compile(
    r"^(?:how (?:long|many|much|often|old|far|soon)|who|whom|when|which|what time|what day|what date)\b"
)
ENDS_WITH_WHAT = re.compile(r"\bwhat$")  # "and then what?"
SCALE_QUESTION = re.compile(r"\b(?:on a scale|out of (?:ten|10|five|5)|scale of)\b")
# Prompts that invite an open answer without being phrased as a question.
OPEN_PROMPT = _any(
    r"(?:^|[,;:] )(?:so |and |ok |okay |now |then |first )*(?:tell me|say|talk me through|talk to me about|"
    r"walk me through|describe|help me understand|paint me a picture|give me an example|explain)\b(?! (?:if|"
    r"when|whether|where i|so|no|yes)\b)",
    r"\b(?:can|could|would|will) you (?:tell me|say (?:more|a bit|a little)|describe|explain|talk me|walk me|"
    r"expand|elaborate|give me an example|share (?:more|a bit|a little|what|how))\b",
    r"\b(?:do you want|would you like|are you willing|do you feel like|feel free) to (?:say|tell me|share|"
    r"talk|expand) (?:more|about|a bit)\b",
    r"\b(?:i'm|i am) (?:really |just |genuinely )?(?:curious|wondering) (?:about|what|how|why|where|to hear|"
    r"to know|whether|if)\b|\bi wonder (?:what|how|why|where)\b",
)

# Moves recognised from phrases -----------------------------------------------------------------------------

GOAL = _any(
    r"\b(?:focus|plan|agenda|aim|topic|priority) (?:for |of )?(?:today|this session|the session|our session|"
    r"this hour|this call|our time)\b",
    r"\b(?:the|our|today's) (?:focus|agenda) (?:today |here |this time )?(?:is|was|will be)\b|"
    r"\b(?:our|today's) plan (?:today |here |this time )?(?:is|was|will be)\b",
    r"\b(?:today|this session|this hour|our session|the session)(?:'s| is) (?:(?:really|mainly|"
    r"all) )?(?:about|for)\b",
    r"\bwe(?:'re| are|'ll| will)? (?:going to |gonna )?(?:be )?(?:still |just |mainly |"
    r"mostly )?(?:focus(?:ing)?|work(?:ing)? (?:on|through)|look(?:ing)? at|talk(?:ing)? about|tackl(?:e|"
    r"ing))\b[^.?!]*\b(?:today|this session|this hour)\b",
    r"\b(?:today|this session|this hour),? we(?:'re| are|'ll| will) (?:be )?(?:focus|work|look|talk|tackl)",
    r"\b(?:what|where|which|how)\b[^.?!]*\b(?:want|like|hope|hoping|wish|should|shall)\b[^.?!]*\b(?:focus|"
    r"work on|talk about|look at|start|begin|walk away|walk out|leave with|come away|take away|get out of|"
    r"use (?:our|the|this) time|bring (?:today|here))\b",
    r"\bwhat (?:would|will|could|might) (?:make|help|be (?:most |really )?(?:useful|helpful|valuable|"
    r"worthwhile|good))\b[^.?!]*\b(?:today|this|our|session|hour|time|conversation|most|right now)\b",
    r"\bwhat (?:do|would) you (?:want|like|need|hope for) (?:from|out of) (?:today|this|our|the (?:session|"
    r"hour|call|time))\b",
    # a wh-question about what the client wants, set in this session ("what do you want to crack today?")
    r"^(?=.*\b(?:what|where|which|how)\b)(?=.*\b(?:today|this session|this hour|our (?:time|session|hour)|"
    r"this conversation|in here|from this|out of this|by the end)\b)(?=.*\b(?:want|like|hope|hoping|need|"
    r"would|should|shall|we|us|most)\b)(?!.*\b(?:feel|feeling|happened|doing)\b)",
    r"\bwhat brings you\b|\bwhat's on your mind\b|\bwhere (?:would|do|shall|should) (?:you|we) (?:like to |"
    r"want to )?(?:start|begin|go from here|take (?:it|this) (?:today|next))\b",
)
SUCCESS_MEASURE = _any(
    r"\bhow (?:will|would|do|could|can|might) (?:you|we|i|they|others|people) (?:know|tell|notice|see|"
    r"recogni[sz]e)\b",
    r"\bwhat (?:would|will|could|might) (?:tell|show|let) (?:you|us)\b|\bwhat (?:tells|shows) you\b",
    r"\bwhat (?:would|will|does|might|could)\b[^.?!]{0,40}?\b(?:success|outcome|good|done|better|progress|"
    r"getting there)\b[^.?!]{0,30}\b(?:look|feel|sound)s? like\b",
    r"\bwhat would (?:need to )?(?:be|have|look) (?:different|changed)\b|\bwhat would need to (?:happen|"
    r"change)\b",
    r"\bhow (?:will|would) you measure\b|\bsigns? (?:that|of) (?:progress|success|it's working)\b|\b(?:first|"
    r"earliest|early|small|next) signs?\b|^what(?:'s| is| would be| will be) different\b",
    r"\bhow (?:would|will|might) (?:[a-z']+ ){1,3}(?:know|notice|see|tell)\b|\bwhat (?:will|would|"
    r"might) (?:you|they|others|people|your [a-z']+) (?:see|notice|hear)\b",
    r"\bwhat would make you (?:feel|say|think) (?:this|it|that|today) (?:was|had been|went)\b",
)
IMPORTANCE = _any(
    r"\bwhy (?:is|does|do|would|did) (?:this|that|it|these)\b[^.?!]*\b(?:matter|important|mean|big|"
    r"significant)\b",
    r"\bwhat makes (?:this|that|it|now|today)\b[^.?!]*\b(?:important|matter|the (?:right|thing|one)|priority|"
    r"urgent|pressing|worth|moment|now)\b",
    r"\bwhy (?:now|this now|today)\b|\bwhat(?:'s| is) at stake\b|\bwhat'?s the cost\b",
    r"\bwhat(?:'s| is) (?:driving|behind|motivating) (?:this|that|it)\b|\bwhat (?:would|will|could|might|"
    r"do) you (?:gain|lose|risk|stand to)\b|\bhow (?:much of a|high a|big a) priority\b",
    r"\bwhat (?:would|does|will|could|did) (?:it|this|that)\b[^.?!]{0,40}\bmean (?:to|for) you\b",
    r"\bwhat (?:would|will|does|could) it cost you\b|\bwhat difference (?:would|will|could|does) (?:it|this|"
    r"that)\b",
    r"\bhow (?:important|much does (?:this|it|that) matter|much do you care)\b",
    r"\bwhat(?:'s| is) important (?:to you )?about\b|\bwhat (?:matters|is important) (?:most )?to you\b",
    r"\bwhat (?:happens|would happen|will happen) if (?:nothing changes|you don't|you didn't|you do nothing|"
    r"things stay)\b",
)
WORKING_STYLE = _any(
    r"\bhow (?:would|do|should|shall) (?:you|we) (?:like|want|prefer) (?:to work|us to work|me to|to do this|"
    r"to go about)\b|\bhow (?:do|would) you (?:like|prefer|want) to work\b|\bwork (?:best )?together\b",
    r"\bwhat (?:do|would|will) you (?:need|want|like|expect|prefer) from me\b",
    r"\bwhat (?:kind|sort|type) of (?:support|help|coaching|input|challenge)\b",
    r"\b(?:helpful|useful) from me\b|\bhow can i (?:best )?(?:help|support) you\b|\bhow (?:can|could|"
    r"should) i best\b",
    r"\b(?:would|do) you (?:rather|prefer|want|like) (?:me to|that i|i) (?:just |mostly )?(?:listen|push|"
    r"challenge|ask|stay|be|hold|keep|interrupt|jump|chip|step|check|leave)",
    r"\bwould you (?:rather|prefer) (?:to )?(?:think out loud|talk it through|just talk)\b",
    r"\bshould i (?:mostly |just |be |keep |stay )?(?:listen|push|challenge|ask|stay|interrupt|hold|jump|"
    r"step|quiet)\b|\bhow (?:much|hard) (?:do you want me to|should i|would you like me to) (?:push|"
    r"challenge)\b",
    r"\b(?:some people|other people|some clients) (?:want|like|prefer)\b",
    r"\bwould it (?:help|be (?:useful|helpful)) if i (?!shared|offered|gave|told|said|pointed|"
    r"suggested)[a-z]+",
    r"\b(?:like|want|need|prefer) me to (?!share|offer|give|tell you|say|suggest|point|name|reflect)[a-z]+",
    r"\b(?:ideas|input|suggestions|advice|challenge|questions|feedback|support) from me\b|\bspace to think\b",
    r"\b(?:role|part) (?:you'd like me to |you want me to |i )?(?:can |could |should )?play\b|"
    r"\bhow can i be (?:most |more )?(?:useful|helpful)\b",
)
CONFIDENTIALITY = _any(
    r"\b(?:stays?|remains?|kept|keep (?:it|this)|stay) (?:just |strictly )?(?:between (?:us|you and me|"
    r"the two of us)|in (?:this|the) room|here|private|confidential|with me)\b",
    r"\bconfidential(?:ity)?\b|\b(?:my |the |a few |some |brief )?notes\b[^.?!]{0,30}\b(?:(?:just |only )?for "
    r"(?:myself|me)|private|shared|see them|shred|destroy|delete|nobody|no one|anyone)\b",
    r"\b(?:nothing|none of (?:this|it|what you say)|anything you (?:say|tell me)|what you (?:say|tell me|"
    r"share)|whatever (?:we|you) (?:say|share|discuss|talk about|tell me)|what we (?:say|discuss|"
    r"talk about))\b[^.?!]*\b(?:goes|go|going|gets|get|feeds?|leaves?|shared|passed|reported|written|stays?|"
    r"finds?|makes?|reach(?:es)?)\b[^.?!]*\b(?:file|review|appraisals?|record|manager|boss|hr|company|anyone|"
    r"room|between us|outside|back|team)\b",
    # a negated threat to pass things on is a promise of confidentiality
    r"\bi(?: don't| do not| won't| will not| wouldn't| would not| never|'m not going to| am not going to|"
    r"'m not gonna)(?: ever)?(?: be)? (?:keep|take|write|report|share|pass|tell|repeat|mention|discuss|"
    r"say)(?:ing)?\b[^.?!]*"
    rf"\b(?:notes|anything|anyone|anybody|a soul|{THIRD_PARTY}|back|on)\b",
    r"\b(?:my|our) (?:role|job) (?:here |today )?(?:is|isn't)\b|\b(?:i'm|i am) (?:also )?your (?:manager|"
    r"line manager|boss|colleague|peer)\b|\b(?:manager|coach|boss|hr) hat\b|\bconflict of interest\b",
    r"\bi (?:should|want to|need to|have to|'d like to|must) (?:flag|name|declare|be (?:upfront|up front|"
    r"transparent|open|clear))\b|\b(?:work(?:ed)?|friends?|friendly) with your [a-z]+\b|\bi sit on\b|"
    r"\b(?:only )?here as your coach\b",
    r"\b(?:the only|one) (?:exception|limit|time)\b[^.?!]*\b(?:harm|danger|risk|safe|safety|law|legal)\b",
    r"\bif you tell me (?:someone|you|anyone)\b[^.?!]*\b(?:harm|risk|danger)\b",
    r"\b(?:your|the) (?:company|employer|manager|boss|sponsor|organi[sz]ation|hr|"
    r"firm)\b[^.?!]{0,20}\b(?:gets told|is told|hears|will hear|knows|will know|finds out|"
    r"sees)\b[^.?!]{0,20}\b(?:we met|that we|whether|only|nothing|never)\b",
    r"\b(?:it's|this is|that's|stays|is) (?:just |only |strictly )?between (?:us|the two of us|you and me|"
    r"ourselves)\b|\b(?:speak|talk) freely\b|\b(?:be|speak) (?:completely |totally |fully )?(?:candid|frank|"
    r"open) (?:in here|here|with me)\b",
    r"\bi'll (?:stay|step|keep) (?:out of|back from|away from)\b|\brecuse\b|\bi'm (?:also )?on (?:the|"
    r"your) (?:[a-z]+ )?(?:committee|panel|board)\b",
    r"\bi'm not (?:a |your )(?:therapist|counsell?or|doctor|manager)\b",
)
# Limits of confidentiality ("I'd pass it on if someone's at risk") are a boundary statement, not a threat.
CONFIDENTIALITY_LIMIT = _any(
    r"\b(?:harm|danger|at risk|safety|unsafe|safeguarding|the law|legally)\b",
    r"\b(?:the only|one) (?:exception|limit|time)\b",
)
PERMISSION = _any(
    r"\b(?:would|is|will) (?:it|that) be (?:ok|okay|alright|all right|fine) (?:with you )?(?:if|to|for me)\b",
    r"\bis (?:it|that) (?:ok|okay|alright|all right|fine)(?: with you)? (?:if|to)\b",
    r"^(?:is|would|will) (?:that|it) (?:be )?(?:ok|okay|alright|all right|fine|useful|helpful|welcome|"
    r"of use)(?: with you)?\s*\??$",
    r"\b(?:do|would) you mind if (?:i|we)\b|\bmind if i\b",
    r"\b(?:can|could|may|might) i (?:(?:just|quickly|gently|briefly|also|maybe) )*(?:share|offer|ask(?! (?:you )?"
    r"(?:what|how|why|where|when|which|who)\b)|give|"
    r"tell you|say|point out|suggest|make|name|reflect|push|challenge|come in|jump in|interrupt|check|add|"
    r"be (?:really |totally |very |completely )?(?:honest|direct|blunt|straight|frank|candid)|get curious|"
    r"bring|put|try)\b",
    r"\b(?:happy|ok|okay|alright|all right|comfortable|fine) (?:for|with) me (?:to|if)\b|(?:^|\. )(?:ok|okay|"
    r"alright|all right|fine) with you\s*\??$",
    r"\bwould you (?:be )?(?:open|willing|up for|ok with|okay with|comfortable (?:with|if))\b",
    r"\bare you (?:open|ok|okay|comfortable|happy|willing|up for) (?:to|with|if|talking|going|exploring|"
    r"sharing) (?:me|us|exploring|looking|hearing|talking|going|that|about)?",
    r"\bwould you like (?:to hear|me to (?:share|offer|give|tell|say|suggest|point)|some (?:feedback|ideas|"
    r"thoughts|input|suggestions)|an? (?:observation|idea|thought|suggestion|perspective|reflection))\b",
    r"\bhow (?:would|do) you feel (?:about|if) (?:me|i|us|we) (?:gave|give|giving|share|shared|sharing|offer|"
    r"offered|offering|ask|asked|asking|push|pushed|pushing|looked|look|looking|talk|talked|explored)\b",
    r"\bwould (?:it|that) be (?:useful|helpful) if i (?:shared|offered|gave|told|said|pointed|suggested|"
    r"challenged|named|reflected)\b",
    r"\bi'd like to (?:share|offer|ask|push|challenge|name|point|reflect|give|check)\b[^.?!]*\b(?:is that|"
    r"would that|if that's|if you're) (?:ok|okay|alright|all right|fine)?",
    r"^(?:is it |would it be )?(?:ok|okay|alright|all right) (?:if|to) (?:i|we)\b|^(?:do you |"
    r"would you )?(?:want|like) (?:to hear|me to (?:share|offer|give|tell you|say|suggest|point|name|"
    r"reflect))\b",
    r"^(?:so |and |but |okay |ok )?(?:can|could|may|might) i\b(?! (?:get you|grab|just grab|(?:just )?ask "
    r"(?:you )?(?:what|how|why|where|when|which|who)\b))",
    r"\b(?:is|would) (?:now|this|it) (?:be )?(?:a|an) (?:good|ok|okay|alright|decent|right) (?:time|moment|"
    r"point)\b|\bwould it be (?:useful|helpful) (?:for me )?to (?:share|offer|give|tell|suggest|point)\b|"
    r"\bcan we (?:talk|look|go|stay|explore) (?:about|at|into)\b|\bshall i (?:share|offer|tell|say)\b",
)
INVITE = _any(
    r"\bhow does (?:that|this|it) (?:land|sound|sit|feel|fit|strike you)\b",
    r"\bdoes (?:that|this|it) (?:fit|resonate|ring true|sound right|feel right|make sense|match|land|"
    r"work for you|sound about right|sound fair)\b|\bdoes (?:that|this|it) (?:[a-z]+ ){0,2}(?:right|true|"
    r"accurate|fair)\b",
    r"\bcorrect me\b|\bwhat would you (?:add|change|tweak|correct|adjust)\b[^.?!]*\b(?:that|this|"
    r"i (?:just )?(?:said|put|described))\b",
    r"\b(?:tell me|let me know|correct me|stop me|say so|say|shout|push back) (?:if|when|where) (?:i've |"
    r"i have |i'm |i am |i )?(?:got|get|gotten|getting|wrong|off|mis[a-z]+|way off|not|off the mark)",
    r"\b(?:tell me|let me know|say so|shout) (?:if|when) (?:that|this|it) (?:doesn't|does not|isn't|is not|"
    r"didn't) (?:fit|feel|sound|ring|land|right)",
    r"\bfeel free to (?:correct|disagree|push back|tell me (?:i'm|i've|i have|if|that i))",
    # a yes/no check on what the coach just said: "does that capture it?", "is that how you'd put it?"
    r"\bdoes (?:that|this|it) (?:capture|sum up|cover|describe|reflect|get at|do justice)\b|"
    r"\bis (?:that|this) (?:how|what) you(?:'d| would)? (?:describe|put|say|call|mean|see|meant)\b|"
    r"\b(?:have|did) i (?:put|added?|got|given|made|read|taken|put in)\b[^.?!]{0,25}\b(?:spin|slant|twist|"
    r"words?|take|interpretation|too much|spin)\b|\b(?:my|your) (?:word|words|language|phrase) (?:or|"
    r"rather than) (?:yours|mine)\b|\bmy word rather than\b|\bwrong end of the stick\b|\bam i putting "
    r"words\b|\bin (?:your|my) (?:own )?words\b(?=[^.?!]*\?)|\bhave i missed (?:something|anything)\b",
    r"\bis (?:that|this) (?:still )?(?:right|correct|accurate|fair|close|it|about right|a fair (?:summary|"
    r"description))\s*\??$",
    r"\b(?:did|have) i (?:get|got|understand|capture|hear|read) (?:that |it |you |this |all that )?(?:right|"
    r"correctly|wrong)\b|\bhave i got (?:that|it|this) (?:right|wrong)\b",
    r"\bam i (?:right|close|off|on track|getting (?:that|this|it) right|understanding)\b",
    r"\b(?:correct me|tell me|let me know|say|shout) if (?:that's|that is|this is|it's) not\b|"
    r"\bhow you'd put it\b|\b(?:have|did) i (?:got|get|understood|understand) (?:that|it|this|"
    r"you)(?: [a-z]+){0,3} (?:right|wrong|round|backwards|correctly)\b",
    r"\bis (?:that|this) (?:a )?(?:fair|accurate|good|reasonable) (?:way|summary|description|read|reading|"
    r"take)\b|\bhow (?:close|accurate|fair) is (?:that|this)\b",
    r"\bwhat (?:did|have) i (?:miss|missed|get wrong|got wrong|leave out|left out)\b",
    r"\b(?:tell me|let me know|say|shout|push back|correct me|stop me) if (?:any of )?(?:that|this|it|i'm|i've|"
    r"i am|i)\b[^.?!]{0,30}\b(?:wrong|off|doesn't|does not|don't|isn't|not right|not quite)\b|\bif i'm "
    r"(?:hearing|reading|getting|understanding) (?:that|this|you|it) (?:right|correctly)\b|"
    r"^(?:have|did) i (?:got|get) (?:that|it|this|you)\s*\??$",
    r"\bi (?:might|may|could) be (?:wrong|off|way off|off the mark|reading too much)\b|\bonly guessing\b",
)
SPACE = _any(
    r"\btake (?:your|all the|as much|a|some) ?(?:time|moment|minute|second|breath|beat|pause)\b",
    r"\btake (?:as long|all the time) (?:as )?you (?:need|like|want)\b",
    r"\bno (?:rush|hurry)\b|\bin no (?:rush|hurry)\b",
    r"\bno need to (?:hurry|rush|answer)\b|\byou don't have to answer (?:right|straight) away\b|\b(?:don't|"
    r"do not) (?:have|need) to (?:rush|hurry)\b|\btake (?:whatever|all the) time\b",
    r"\b(?:happy|fine|comfortable|okay|ok|good) with (?:the |a )?(?:quiet|silence|pause|pauses)\b",
    r"\b(?:stay|be|keep) (?:quiet|silent)\b|\b(?:no need to|don't need to|you don't have to|"
    r"don't) fill (?:the )?silence\b|\b(?:give|let) (?:that|it|this) (?:a )?(?:moment|minute|second)\b|"
    r"\b(?:no|not a) race\b|(?:don't|no need|not)[^.?!]{0,25}\banswer (?:straight|right) away\b|\b(?:give|"
    r"leave) you (?:a |some )?(?:minute|moment|space|second)\b|\blet you think\b",
    r"\bsit with (?:that|this|it)\b|\blet(?:'s| us)? (?:just )?(?:pause|sit)\b|\bpause (?:here|there|for a|"
    r"on)\b",
    r"\blet (?:that|it) (?:sink in|land|settle)\b",
    r"\b(?:i'm|i am) (?:happy|glad|fine|comfortable|okay|ok) (?:to (?:just )?wait|with (?:the )?silence|"
    r"to (?:just )?sit|"
    r"to pause)",
    r"\b(?:i'll|i can|i will|i'm happy to) wait\b",
    r"\bwe (?:have|'ve got|have got) (?:plenty of |all the |lots of |loads of )time\b|\bwe have time\b",
    r"\b(?:whenever|when) you're ready\b|\bin your own time\b|\bat your own pace\b|\bhave a (?:think|"
    r"moment)\b",
)
AUTONOMY = _any(
    r"\b(?:it's|it is|that's|that is|this is|is|entirely|completely|totally|really|all)(?: entirely|"
    r" completely| totally| really| absolutely| very much| all)? (?:your (?:call|choice|decision)|"
    r"up to you)\b",
    r"\bup to you\b|\b(?:the|that) (?:choice|call|decision) is (?:entirely |all )?yours\b",
    r"\byou (?:get to |can |alone )?(?:decide|choose)(?! (?:to|not)\b)",
    r"\byou're the expert\b|\bonly you (?:can|know)\b|\bwhatever you (?:decide|choose|pick|go with)\b",
    r"\byou know (?:yourself|your \w+|this|them|it|him|her|the situation) (?:far |much |way |a lot )?(?:best|"
    r"better than)\b",
    r"\b(?:i'm|i am) not (?:going to|gonna|here to|about to) (?:tell you what to do|"
    r"tell you what you should do|decide for you|give you (?:the )?answers?)\b|"
    r"\bi won't tell you what to do\b|\bnot my (?:call|place) to\b",
    r"\bthere's no (?:right|wrong) (?:answer|way|choice)\b|\btake it or leave it\b|\bfeel free to (?:ignore|"
    r"disregard)\b|\b(?:totally |completely |perfectly )?(?:fine|ok|okay) if not\b",
    r"\byou don't have to (?:decide|do|agree|take|follow|act|say anything|raise|choose)\b",
    r"\bif you'd (?:rather|prefer)\b[^.?!]*\b(?:fine|ok|okay|no problem)\b|\byou're the (?:best judge|"
    r"one who (?:knows|decides|gets to))\b|\byou know best\b",
    r"\b(?:be|is|'s|remains|stays) (?:entirely |completely |totally |all )?(?:your|yours) (?:call|choice|"
    r"decision)\b|\bfollow your lead\b|\byou set the (?:pace|agenda|direction)\b|\bwherever you (?:want|"
    r"'d like)\b",
    r"\byou're in (?:the )?(?:driving|driver's) seat\b|\byou're in charge\b|\bwhatever (?:works|suits|"
    r"makes sense) for you\b|\b(?:i'm|i am) not (?:going to|gonna|here to) (?:push|pressure|force|rush|"
    r"make) you\b|\bi won't (?:push|pressure|force|rush|make) you\b",
    r"\bonly if you (?:want|'d like|feel like|wish) to\b|\bif (?:that's|it's) (?:useful|helpful|what you "
    r"want)\b|\byours to (?:decide|choose)\b|\b(?:this|it)(?:'s| is) your (?:session|space|time)\b",
)
ACKNOWLEDGE = _any(
    r"\byou've (?:clearly |really |obviously |genuinely )+(?:put|done|worked|thought|come|made|handled|"
    r"managed|shown|taken|grown|achieved|built|kept|stuck|pushed|faced)\b",
    r"\b(?:put|putting|puts) (?:in )?(?:a (?:lot|huge amount|great deal)|so much|huge amounts|real|serious|"
    r"loads) (?:of )?(?:care|thought|work|effort|energy|heart|time)\b",
    r"\byou've come a long way\b|\bhow much you've (?:grown|changed|learned|achieved)\b|\bthought (?:hard|"
    r"carefully|deeply) about\b|\bmade (?:real|huge|big|great|so much) progress\b",
    r"\bhandled (?:that|it|this)\b[^.?!]*\b(?:well|grace|care|skill|courage|maturity|composure|dignity)\b",
    r"\b(?:'s|is|was) (?:a |such a )?(?:(?:really|very|real|genuine|genuinely|huge|big|powerful|important|"
    r"great|brave|honest|courageous|mature|wise|useful) )+(?:insight|step|realisation|realization|shift|"
    r"breakthrough|achievement|accomplishment|move|thing to (?:say|admit|do|notice|share|realise|realize))\b",
    r"\b(?:took|takes|shows|showed|needed|required) (?:a lot of |real |so much |some |great |"
    r"huge )?(?:courage|guts|strength|bravery|honesty|nerve|resilience|determination|persistence)\b",
    r"\b(?:the way|how) you (?:handled|dealt with|managed|responded|spoke|stayed|held|kept)\b[^.?!]{0,40}\b(?:calm|"
    r"professional|skilful|skillful|brilliant|impressive|grace|graceful|composed|measured|thoughtful|clear|"
    r"well)\b|\bwell done\b|\bgood (?:for|on) you\b|\b(?:great|good|nice) (?:job|work)\b|\bcongrat(?:ulation)?s\b",
    r"\b(?:i'm|i am) (?:really |so )?(?:impressed|struck by how|proud of you)\b|\bimpressive\b",
    r"\byou should (?:be|feel) (?:really |very )?proud\b|\bthat says (?:a lot|something) about you\b",
    rf"\b{YOU_ARE} (?:clearly |really |so |very |incredibly )?(?:resourceful|resilient|brave|courageous|"
    r"persistent|determined|thoughtful|capable|self-aware|insightful|committed|generous)\b",
    r"\bthank(?:s| you) for being (?:so )?(?:open|honest|candid|brave)\b|\b(?:speaks volumes|says a lot|"
    r"says something)\b",
    r"\byou've (?:really )?(?:stuck with|kept going|persevered|held (?:it|things) together|pushed through|"
    r"hung in)\b|\b(?:work|effort|thought|care|energy) you've put in\b",
    # "…and you still walked in and ran the meeting": carrying on despite it
    r"\b(?:and|but|yet) you still (?:[a-z]+ )?(?:walked|went|showed|turned|got|ran|managed|made|did|kept|"
    r"finished|delivered|came|stood|spoke|stepped)\b",
    r"\byou (?:did|handled|managed) (?:that|it|this)(?: really| so)? well\b|\bdone it well\b|"
    r"\bcome out the other side\b|\b(?:that's|that is|what) a (?:really |very )?(?:thoughtful|smart|clever|"
    r"solid|great|brilliant|wise) (?:plan|idea|approach|step|move|question|point|answer|way)\b",
    r"\byou're doing (?:a lot (?:of things )?right|so much right|(?:really |so )?(?:well|great|brilliantly)|"
    r"a (?:great|good|brilliant) job)\b|\bi (?:really |genuinely |so )?(?:respect|admire|appreciate) (?:how|"
    r"that|the way|your)\b",
)
EMPATHY = _any(
    rf"\b(?:that|this|it|which)(?:'s| is| was| must be| must have been| sounds| sounded| seems|"
    r" must feel)(?: like)?(?: (?:so|really|very|incredibly|pretty|genuinely|truly|such|quite|"
    r"absolutely))*(?: a)? (?:hard|painful|tough|difficult|awful|exhausting|frustrating|lonely|scary|"
    r"frightening|rough|heavy|upsetting|overwhelming|stressful|draining|horrible|brutal|devastating|"
    r"distressing|isolating|unsettling|hurtful|terrible|a lot|a nightmare|hard work|miserable|disheartening|"
    rf"demorali[sz]ing|gutting|crushing|unfair|sad|heartbreaking|{FEELING_ADJECTIVE})\b",
    # "that must hurt", "that must have stung"
    r"\b(?:that|this|it) must (?:(?:really|have) )*(?:hurt|sting|stung|sting|sap|wear|weigh|grind|rankle)\b",
    rf"^how (?:really |so )?(?:{FEELING_ADJECTIVE}|awful|horrible|painful|hard|rough|tough|sad|scary)$",
    r"\bi'm (?:so |really |very |truly |genuinely )?sorry(?:,|\.|$| to hear| that (?:happened|you)| (?:for|"
    r"about) (?:your|what|that|this)| you| you're| you've| things| it's| this| all (?:this|that)|"
    r" everything)",
    r"\bi can(?:'t| not|not)? (?:only )?imagine\b|\bi can (?:hear|see|tell) (?:how|that|"
    r"what) (?:much (?:this|it|that|you)|hard|painful|upset|difficult|this|it|you)",
    r"\bmy heart goes out\b|\bi (?:really |truly )?feel (?:so )?(?:for|bad for) you\b|\b(?:completely |"
    r"totally |very |so )?(?:understandable|natural|human) (?:to feel|that you(?:'re| feel))\b|(?:\bnot|"
    r"n't) (?:your|anyone's) fault\b",
    r"\bi'm (?:here|right here)(?: for you| with you)?(?=[,.!]|$| and\b| if\b| whenever\b)|\bi'm with you\b",
    r"\bthank(?:s| you) (?:so much )?for (?:trusting|telling|sharing)\b|\bi'm glad (?:that )?you (?:told|"
    r"shared|said|came|brought|reached)\b",
    r"\b(?:that|it) (?:can't|cannot|couldn't) have been easy\b|\bi know (?:it|that|this) (?:wasn't|isn't|"
    r"hasn't been|can't be) easy\b",
    r"\bno wonder you\b|\bof course you(?:'re| are| feel| felt)\b|\banyone would (?:be|feel)\b",
    r"\b(?:i'm|i am) not (?:judging|here to judge)\b|\bno judg(?:e)?ment (?:here|from me)\b|\bthere's no judg",
    r"\b(?:i care|i'm worried|i'm concerned) (?:about|for) you\b|\b(?:that|it) makes (?:total |complete |perfect |"
    r"a lot of )?sense\b|^what a (?:hard|tough|rough|horrible|awful|difficult|painful)\b",
)
ADVICE = _any(
    # "you should / need to …" opening a clause, optionally after a hedge; not "what do you think you should"
    r"(?:^|[,;:] |\bso |\band |\bthen |\bbut )(?:(?:honestly|seriously|frankly|really|maybe|perhaps|look|"
    r"well|ok|okay|i think|i really think|i reckon|i feel like|i'd say|i guess|if you ask me|personally|"
    r"to be honest|in my opinion|the way i see it)[, ]+)*you (?:really |just |definitely |probably |"
    r"honestly |absolutely |simply )?(?:should|need to|must|ought to|have to|'ve got to|got to)\b(?!'ve|"
    r" (?:have|be proud|feel proud|answer|tell me|know|decide now|decide today))",
    r"(?:^|[,;:] |\bbut |\band |\bso )(?:so |and |but |well |then )*have you (?:tried|considered|explored|looked into|looked at|checked out|thought (?:about|"
    r"of))(?! (?:what|how|why|whether|who|where|when|that)\b)",
    r"(?:^|[,;:] |\bbut |\band |\bso )(?:so |and |but |well |then )*why (?:don't|not|wouldn't|can't|couldn't) (?:you )?(?:just )?(?!want|"
    r"like|feel|think|believe|trust|care|know|see)\w+",
    r"\b(?:wouldn't|won't) it (?:be|make (?:more )?sense|help)\b|\bisn't it (?:better|easier|simpler|time)\b|\bdon't you think (?:you|it|"
    r"that)\b|\b(?:couldn't|could) you (?:not )?just\b|\bshouldn't you\b|\bcan't you just\b",
    r"(?:^|[,;:] |\bbut |\band |\bso )(?:so |and |but |well |then )*what (?:if|about) (?:you )?(?:just |simply |maybe )?(?:\w+ing\b|(?:told|"
    r"asked|said|tried|wrote|sent|spoke|talked|stopped|took|gave|let|made|put|set|called|quit|left|moved|"
    r"dropped|started|booked|went|delegated|blocked|handed|emailed|raised|pushed|refused|declined|turned|"
    r"switched|cut|[a-z]+ed)\b)",
    r"(?:^|[,;:] |\bbut |\band |\bso )(?:so |and |but |well |then )*how about (?:you )?(?:just )?(?:\w+ing|you \w+)\b",
    r"\b(?:maybe|perhaps) (?:you )?(?:could|should|can|might|try|just|need to|consider|it'd be|"
    r"it would be)\b",
    r"\byou could (?:just|try|always|also|ask|tell|talk|say|email|send|write|go|start|set|book|delegate|"
    r"block|consider)\b|\byou (?:might|may) want to\b|\byou'd be better off\b|\byou're better off\b",
    r"\bit (?:might|may|could|would|will|'d)(?: really)? (?:help|be (?:worth|good|useful|helpful|wise|smart|"
    r"better|easier)) (?:to|if you)\b|\bit (?:really |often )?helps (?:to|if you)\b|\bfind it helps\b",
    r"\b(?:could|can|would) you (?:maybe |perhaps |possibly |just )+(?!tell me|say|describe|explain|walk|"
    r"talk me)[a-z]+",
    r"\bthe (?:obvious|simple|easy|clear|only|real) (?:answer|solution|fix|thing to do|move|option|"
    r"way forward) (?:is|would be|here is)\b|\bthe answer is (?:obvious|simple|easy|clear)\b",
    r"\b(?:most|many|a lot of|lots of) (?:people|managers|leaders)\b[^.?!]{0,30}\b(?:would (?:start|just|try|"
    r"go|talk|ask|tell)|find it (?:helps|useful)|start by)\b",
    r"\b(?:the )?best (?:thing|way|option|move|approach|bet|plan)(?: to do| for you)? (?:is|would be|'s)\b",
    r"\bmy (?:advice|suggestion|recommendation|tip)\b|\bi'd (?:suggest|recommend|advise)\b|"
    r"\bi (?:would )?(?:suggest|recommend|advise)\b|\bif i (?:were|was) you\b|\bin your (?:shoes|position|"
    r"place),? i'd\b",
    r"\bi'd (?:just |definitely |probably )?(?:write|tell|go|quit|send|ask|talk|say|email|call|leave|start|"
    r"do|take|get|make|book|push|move|drop|block|set|put|hand|look|find)\b",
)
# A clause that opens with one of these verbs is an instruction (advice) unless another rule explains it.
IMPERATIVE = re.compile(
    r"^(?:(?:just|maybe|perhaps|please|simply|definitely|really|then|so|and|but|honestly|"
    r"seriously)\s+)*(?:tell|talk|ask|try|go|quit|leave|send|write|email|call|ring|text|speak|stop|start|"
    r"book|set|put|get|delegate|say|push|focus|consider|apply|find|give|drop|block|schedule|make|hand|accept|"
    r"refuse|decline|document|prioriti[sz]e|learn|practi[cs]e|join|hire|fire|confront|raise|ignore|forget|"
    r"sleep|exercise|take|walk|let|see|pick|be|move|cut|switch|delete|grab|buy|sign|reach out|look for|"
    r"look into|look at|don't (?:let|accept|agree|say|tell|sign|reply|respond|quit|leave|give up|send|"
    r"take))\b(?!'| (?:me|us)\b| on\b| ahead\b| more\b| a bit more\b| that again\b| yourself some time\b|"
    r" (?:your|a|as|all|some|the|whatever) (?:time|moment|minute|second|breath|beat|pause|long)\b| care\b|"
    r" it easy\b| if\b| it sink| that sink| to me\b| (?:it|this|that) get to you)"
)
# "Can I ask what you've tried?" asks the embedded question, not for permission.
ASK_LEAD = re.compile(
    r"^(?:can|could|may|might) i (?:just |quickly )?ask (?:you )?(?=(?:what|how|why|where|when|which|who)\b)"
)
# The client as the subject of an experiential verb ("…in the meeting you end up filling the gap"), unless a verb
# before it makes "you" its object ("it makes you feel", "let you go").
YOU_VERB = re.compile(
    r"(?<!\bmake )(?<!\bmakes )(?<!\bmade )(?<!\blet )(?<!\blets )(?<!\bhelp )(?<!\bhelps )(?<!\bsee )"
    r"(?<!\bwant )(?<!\bneed )(?<!\bget )(?<!\bgot )(?<!\bhear )(?<!\btell )(?<!\bask )(?<!\bif )(?<!\bthank )"
    r"\byou (?:always |never |just |still |often |then |really |sometimes )?(?:end up|ended up|keep|kept|feel|"
    r"felt|go|went|do|did|don't|didn't|can't|couldn't|want|wanted|have|had|put|take|took|carry|carried|spend|"
    r"spent|find|found|try|tried|hold|held|care|worry|worried|wish|hope|start|started|stop|stopped|stay|"
    r"stayed|sit|sat|come|came|lose|lost|miss|missed|wake|woke|lie|lay|juggle|cover|covered|manage|managed|"
    r"push|pushed|shoulder|get|got|turn|turned|freeze|froze|switch|dread|love|hate|doubt|say yes|said yes)\b"
)

# Rhetorical questions that scold rather than ask ("How could you let it get that far?").
RHETORICAL = re.compile(r"\bhow could you\b|\bwhy on earth\b|\bwhat on earth\b|\bwhat possessed you\b")
JUDGMENT = _any(
    RHETORICAL.pattern,
    r"\bcome off it\b|\byou knew (?:exactly |full well |perfectly well |fine )?(?:what|that)\b",
    r"\b(?:'s|is|was|were|'d be|would be|sounds|seems)(?: (?:honestly|frankly|really|pretty|quite|a bit|"
    r"kind of|just|very|so|such|totally|completely|a|like))* (?:(?:big|huge|bad|terrible|real|stupid|silly|rookie|"
    r"classic) )?(?:mistake|wrong|stupid|silly|lazy|selfish|childish|unprofessional|irresponsible|ridiculous|"
    r"naive|dumb|pathetic|weak|rude|immature|bad call|bad idea|poor [a-z]+|sloppy [a-z]+|"
    r"cowardly|reckless|careless|sloppy|dishonest|unfair of you|out of order|inexcusable|unacceptable|"
    r"cop[- ]out|an excuse)\b",
    r"\b(?:'s|is|was|were|being) not (?:very |exactly |particularly |really |that )?(?:professional|smart|"
    r"wise|mature|clever|responsible|sensible)\b",
    r"\byou(?:'re| are| were| sound| seem| come across as| came across as| look)(?: being)?(?: (?:a bit of|a bit|being|just|so|really|too|quite|clearly|kind of|"
    r"pretty|totally|completely|way|such|a real|a total|a))* (?:pushover|doormat|martyr|coward|overreacting|"
    r"dramatic|paranoid|lazy|selfish|childish|unreasonable|naive|defensive|difficult|stubborn|oversensitive|"
    r"too sensitive|overthinking|making (?:a big deal|excuses|a mountain)|wrong|ridiculous|silly|immature|"
    r"a pushover|a doormat|soft|weak|the problem|in the wrong|irrational|hysterical|negative|entitled|"
    r"arrogant|spoilt|spoiled|ungrateful|needy|precious|whiny|controlling|passive|a snob|snobby|smug|"
    r"bitter|petty|vain|melodramatic|hypocritical|a hypocrite|lazy|useless|incompetent|clueless)\b",
    r"\byou (?:really |honestly |clearly )?(?:should(?:'ve| have)|shouldn't have|ought to have|"
    r"could have just)\b",
    r"\b(?:(?:that's|it's|that was|it was|this is) (?:all )?on you|(?:your|partly your|"
    r"all your) (?:own )?(?:fault|doing))\b|\byou brought (?:this|it|that) on yourself\b|"
    r"\bwhat were you thinking\b|\bgrow up\b|\bman up\b|\bget a grip\b|\bstop being so\b|\bso soft\b|"
    r"\bmaking excuses\b|\bdid you even\b|\bmaking (?:this|it|things|life) (?:so |way |much |far )?(?:harder|"
    r"difficult|more difficult|complicated|worse)\b|\bharder than it needs to be\b|\b(?:weak|lame|poor|"
    r"feeble|pathetic|convenient) excuse\b|\byou did (?:agree|say|sign|choose|ask|take|accept|volunteer|"
    r"promise|decide)\b|\bbrought (?:[a-z]+ ){0,4}on yourself\b|\b(?:i'm|i am) (?:a bit |quite |"
    r"really )?disappointed in you\b",
)
DISMISS = _any(
    r"(?:\bnot|n't)(?: really)?(?: be)? (?:that|so|all that) (?:bad|big|serious|terrible|awful|hard|"
    r"important|dramatic|deep|complicated)\b",
    r"\b(?:no|not a|not such a) big (?:deal|thing)\b|\bnot the end of the world\b",
    r"\b(?:everyone|everybody|we all|all of us)(?:'s| is| feels?| goes? through| gets?| has| have| had|"
    r" struggles?| deals? with)\b",
    r"\b(?:you'll|you will) (?:get over it|be (?:fine|okay|ok|alright|over it)|survive|laugh about)\b|"
    r"\bget over it\b|\bit's (?:nothing|just (?:a|one|the|work|a job))\b",
    r"\bdon't (?:worry|stress|sweat|fret|be (?:so )?(?:upset|hard on yourself|silly|dramatic|sad)|"
    r"take it (?:so )?personally|take it to heart|overthink)\b",
    r"\bthat's (?:just |simply )?(?:how|the way) (?:[a-z]+ ){0,3}(?:is|are|goes|go|works?)\b|"
    r"\bthat's (?:just )?(?:life|business)\b|\bwould kill for\b|\b(?:worse off|have it worse)\b|"
    r"\bdon't let (?:it|this|that|them|him|her|things) get to you\b",
    r"\b(?:skip|park|leave|put aside|move past|not get (?:too )?(?:deep )?into) (?:the )?(?:emotional|"
    r"feelings?|emotions?)\b|\b(?:wouldn't|shouldn't) (?:lose (?:any )?sleep|worry|stress)\b|"
    r"\bfeelings stuff\b|\bnothing compared to\b|\bit's (?:only|just) (?:a )?(?:work|job)\b|\b(?:you'll|you will) (?:bounce back|"
    r"forget (?:about )?(?:it|this|all this)|look back and laugh)\b|\b(?:try not to|don't) take (?:it|this|things) "
    r"(?:so |too )?seriously\b",
    r"\bcheer up\b|\blook on the bright side\b|\bat least\b|\bcould be worse\b|\bworse things happen\b|"
    r"\bthat's life\b|\bit is what it is\b|\b(?:and|just) move on\b|\blet's not dwell\b|"
    r"\bfirst world problem|\bit'll (?:all )?blow over\b|\b(?:it|this|that|things)(?:'ll| will) (?:all )?(?:settle|"
    r"sort itself|work itself) (?:down|out)\b|\blet's not (?:get )?(?:too )?(?:caught up|bogged down|hung up) "
    r"(?:in|on|with) (?:the )?(?:feelings?|emotions?|emotional)\b|\byou're lucky\b|\bhappens to (?:everyone|everybody|"
    r"the best of us|all of us)\b|\bno point (?:dwelling|worrying)\b|\bsnap out of\b",
)
SELF_FOCUS = _any(
    r"\bwhen i (?:was|managed|ran|led|worked|had|started|first|did|went|coached|left|quit)\b|\bback when i\b|"
    r"\bi remember when i\b",
    r"\bin my (?:own )?(?:experience|day|career|last job|old job|time as|years)\b",
    r"\bi'm (?:an? )?(?:\w+[- ])?(?:certified|qualified|accredited|trained|experienced|senior|professional|"
    r"master|executive) (?:\w+ )?(?:coach|practitioner|consultant|manager|mentor)\b",
    r"\bi've (?:coached|trained|managed|worked with|mentored|helped) (?:over |more than |hundreds|dozens|"
    r"thousands|loads|lots|\d+|so many|many)",
    r"\byears'? (?:of )?experience\b",
    r"\b(?:i had|i went through|i've had|i've been through|i faced|i dealt with|"
    r"happened to me)\b[^.?!]{0,20}\b(?:the same|exactly|something (?:similar|like)|a similar)\b|"
    r"\bsame (?:thing )?happened to me\b",
    r"\bthat reminds me of\b|\bmy (?:first|last|old|own|previous) (?:job|boss|manager|team|company|role)\b",
    r"\b(?:personally|speaking for myself),? i\b|\bif you ask me\b|\bmy (?:own )?(?:view|opinion|take) is\b|"
    r"\bi'd never\b|\bin my opinion\b",
    r"\bi used to (?:be|work|manage|have|run|lead|do)\b(?! with your)|\blet me tell you about (?:my|when|"
    r"the time)\b|\bas a (?:coach|manager|leader|parent|mother|father|former \w+),? i\b",
    r"\bmy (?:own )?(?:husband|wife|kids|son|daughter|mother|mum|mom|dad|father|mother-in-law|partner|family|"
    r"mentor|coach(?! hat)|supervisor|teacher|brother|sister|friend|boyfriend|girlfriend)\b|\bback in my\b|"
    r"\bin my (?:[a-z]+ )?days\b|\bas (?:someone|somebody|a person|one) who(?:'s| has| had| was| is)\b",
    r"\bi've been there\b|\b(?:i|i'm)\b[^.?!]{0,30}(?<!\bfor )\bmyself\b|\bi (?:always |personally )?found (?:that )?(?:the best|what worked|"
    r"it (?:easier|best|helped))\b|\b(?:the best way|what (?:always )?worked) for me\b|\blet me tell you (?:what|how) i\b|"
    r"\bat my (?:last|old|previous|first) (?:firm|company|job|place|organi[sz]ation)\b|\ba client (?:i had|"
    r"of mine)\b",
    r"\bi've been (?:coaching|doing this|doing that|working|managing|leading|a coach)(?: [a-z]+){0,3} for\b|"
    r"\bi've seen (?:this|it|that)\b[^.?!]{0,20}\b(?:times|before|a lot|plenty)\b|\bmy (?:other )?clients\b",
    r"\bi (?:quit|left|had|lost|did|went|was|tried|got)\b[^.?!]{0,40}\b(?:years? ago|years? back|back then|"
    r"at your age)\b",
)
BREACH = _any(
    r"\b(?:your (?:manager|boss|colleague|team|partner|wife|husband|director|ceo|mum|mom|dad|sister|brother|"
    r"friend|report|team lead|lead)|he|she|they|[a-z]+ from [a-z]+|another client|a colleague of yours|"
    r"someone (?:on|in|from) your team|one of your (?:colleagues|team|reports|"
    r"peers))\b[^.?!]{0,40}\b(?:told me|said to me|mentioned to me|confided|let slip|let it slip|tells me|"
    r"said the same)\b",
    r"(?:^|[,;:]\s*|\bbut\s+)(?:just )?between (?:you and me|us|ourselves)\b|\boff the record\b|"
    r"\byou didn't hear (?:this|it) from me\b|\bkeep this to yourself\b",
    r"\bi (?:heard|hear) (?:that |on the grapevine |through the grapevine )?(?:the|your|he|she|they|"
    r"[a-z]+'s)\b",
    r"\b(?:your|the) [a-z']+(?: [a-z']+)? (?:mentioned|told me|let slip|tells me|"
    r"confided)(?: to me)?(?: that)? (?:you|you're|you've|your|she|he|they)\b|\bi (?:probably |"
    r"really )?shouldn't (?:really )?(?:say|tell you|be telling you)\b",
    r"\b(?:rumou?r|word is|the gossip|everyone says|everybody says|people say)\b",
    r"\b(?:have been|are|were|keep|'ve been|'re) (?:saying|talking|complaining|gossiping|moaning)(?: the same"
    r"(?: thing)?)? about you\b",
    r"\b(?:rang|called|phoned|emailed|messaged|texted|came to see) me\b[^.?!]{0,40}\b(?:said|told me|"
    r"mentioned|says)\b|\bdon't (?:repeat|tell anyone|mention) (?:this|that|it)\b|\b(?:came|went|spoke|"
    r"talked) to me about you\b",
    # insults about an absent person, not about the coach's own ("my boss was a nightmare" is self_focus)
    r"(?<!\bmy )\b(?!(?:it|that|this|which|there|what|you|i|my)\b)[a-z]+(?: (?:in|from) [a-z]+)?(?:'s| is|"
    r" was| has been|'s been) (?:such |a |an )*(?:total |complete |real |absolute )?(?:nightmare|idiot|joke|"
    r"jerk|snake|bully|moron|creep)\b",
    r"\b(?:is|'s) (?:on (?:his|her|their) way out|getting (?:fired|sacked|the sack|let go|divorced)|"
    r"being (?:fired|managed out|let go))\b|\b(?:being|getting) restructured\b",
    # threats to pass on what the client said
    r"\bi(?:'ll| will|'m going to| am going to|'m gonna|'d| would| have to| might| may| must|"
    r" need to)(?: (?:have|need) to)?(?: (?:probably|just|also))? (?:tell|inform|mention|report|pass|share|"
    r"flag|raise|"
    rf"escalate|forward|bring|take|send|copy)\b[^.?!]{{0,30}}\b(?:to|with|on to) {THIRD_PARTY}",
    rf"\bi(?:'ll| will|'m going to| am going to|'m gonna| have to| need to)(?: (?:have|need) to)? let {THIRD_PARTY}"
    r"(?: \w+)? know\b",
    r"\bi(?:'ll| will|'m going to)(?: have to)? be (?:letting|telling|informing|reporting|mentioning|"
    r"flagging|"
    rf"passing|sending|forwarding|copying)\b[^.?!]{{0,40}}\b(?:(?:to|with) )?{THIRD_PARTY}",
)
PRESSURE = _any(
    r"^(?:oh |ok |okay |well |but |so )?come on\b(?! (?:in|board|over|down|up|back|round|through)\b)"
    r"(?![, ]+(?:it|that|this|things)(?:'s| is)? (?:can't|isn't|is not|not|won't|'s not|isn't))|"
    r"\bi need you to (?:\w+ ){0,4}(?:now|right now|right away|today|this minute)\b|\b(?:pick|choose|decide|"
    r"commit)(?: (?:on )?(?:one|something|it))? (?:now|right now|right away|this minute)\b|"
    r"\bcome on\b(?=[,.!]?\s*(?:just|tell|say|spit|answer|out with|spill|give|hurry|you can|you know you|we|"
    r"what|why|who|how|$))",
    r"\bspit it out\b|\bout with it\b|\bspill it\b|\bjust (?:say it|say what|tell me|answer|spit|get it out|"
    r"admit it)\b(?! (?:if|when|whether)\b)",
    r"\bwe (?:really )?(?:don't|do not) have all day\b|\bwe haven't got all day\b",
    r"\b(?:hurry up|be quick|speed this up|move (?:this |it )?along|get to the point|get on with it|"
    r"we need to (?:move (?:faster|on|quicker)|get through this))\b|^quick(?:ly)?,",
    r"\byou (?:have to|need to|must|'ve got to|got to) (?:answer|tell me|say|decide (?:now|today|right now)|"
    r"open up|give me an answer)\b",
    r"\bi (?:need|want) (?:an|your) answer\b|\banswer (?:the question|me)\b|\b(?:need|want) (?:a|"
    r"an) (?:proper|real|straight|clear|actual) answer\b|\blet's not waste\b|\bwast(?:e|ing) (?:my |"
    r"our |both (?:of )?our )?time\b",
    r"\byou(?:'re going to| will|'ll) (?:have to|need to) (?:tell|answer|say|talk)\b",
    r"\b(?:haven't got|don't have|not got|haven't) (?:all (?:day|afternoon|morning|night|week)|forever)\b|"
    r"\blet's not (?:drag|string) (?:this|it) out\b|\b(?:i'm going to|i'll|i) need more than\b|"
    r"\bgive me something\b|\bwe both know\b|\bnot (?:leaving|moving on|going anywhere|stopping) until\b|"
    r"\buntil you (?:give me|tell me|answer|decide)\b|\bchop chop\b|\btick tock\b|\bget a move on\b|"
    r"\bclock's ticking\b",
    r"\bstop (?:dodging|avoiding|stalling|deflecting|changing the subject|beating around|hiding)\b|"
    r"\bno (?:more )?(?:dodging|excuses|stalling)\b|\bdon't (?:dodge|deflect|change the subject)\b",
    r"\byou can't keep (?:putting|avoiding|dodging|stalling|dancing)\b|\bwhy won't you (?:just )?(?:tell|"
    r"answer|say)\b|\bi'm going to keep asking\b",
)

PHRASE_RULES: tuple[tuple[Move, re.Pattern[str]], ...] = (
    (Move.GOAL, GOAL),
    (Move.SUCCESS_MEASURE, SUCCESS_MEASURE),
    (Move.IMPORTANCE, IMPORTANCE),
    (Move.WORKING_STYLE, WORKING_STYLE),
    (Move.CONFIDENTIALITY, CONFIDENTIALITY),
    (Move.PERMISSION, PERMISSION),
    (Move.OPEN_QUESTION, OPEN_PROMPT),
    (Move.ACKNOWLEDGE, ACKNOWLEDGE),
    (Move.EMPATHY, EMPATHY),
    (Move.INVITE, INVITE),
    (Move.SPACE, SPACE),
    (Move.AUTONOMY, AUTONOMY),
    (Move.ADVICE, ADVICE),
    (Move.JUDGMENT, JUDGMENT),
    (Move.DISMISS, DISMISS),
    (Move.SELF_FOCUS, SELF_FOCUS),
    (Move.BREACH, BREACH),
    (Move.PRESSURE, PRESSURE),
)

# Keyword rules that only apply to questions: the contracting moves are asked in too many ways to list, but a
# question about what matters, what counts as success, the session's focus or the coach's role is telling.
QUESTION_RULES: tuple[tuple[Move, re.Pattern[str]], ...] = (
    (
        Move.IMPORTANCE,
        _any(
            r"\b(?:matter|matters|important|importance|at stake|at risk|riding on|urgent|urgency|"
            r"care so much|mean (?:to|for) (?:you|your)|means (?:to|for) (?:you|your)|cost you|"
            r"such a big (?:thing|deal)|big deal)\b",
            r"\b(?:would|will|might|could|do) you (?:gain|lose|risk)\b",
        ),
    ),
    (
        Move.SUCCESS_MEASURE,
        re.compile(
            r"^(?=.*\b(?:would|will|might|could|'ll|'d)\b)(?=.*\b(?:success|successful|win|count as|"
            r"good enough|outcome|result|progress|(?<!\bi )(?:know|tell|notice)|look back|want to see|signs?|"
            r"evidence|"
            r"measure)\b)"
        ),
    ),
    (
        Move.GOAL,
        re.compile(
            r"^(?!.*\b(?:feel|feeling|happen|happened|doing|did)\b)(?=.*\b(?:agenda|focus|today|this session|"
            r"this hour|our time|together|before we (?:finish|stop|end|say goodbye|hang up|wrap up)|"
            r"by the time we|by the end|in here|us to|(?:should|shall|could) we|we (?:should|shall|could|"
            r"spend|use|start|focus|work))\b)"
        ),
    ),
    (
        Move.WORKING_STYLE,
        _any(
            r"\b(?:from|in) (?:me|coaching|a coach|past coaching|previous coach(?:es|ing)?)\b|"
            r"\bwith (?:coaches|a coach)\b|^(?:so |and |but )?should i\b|\bcoach(?:es|ing)? you've "
            r"(?:had|worked with)\b|\bfrom (?:other|previous|past|earlier) (?:coaches|coaching|sessions)\b",
            r"\b(?:want|like) (?:this|it|our sessions|these sessions) to (?:feel|be|go|run|work)\b",
        ),
    ),
)
# Praise words: a statement to the client that names a strength is an acknowledgement.
PRAISE = re.compile(
    r"\b(?:leadership|maturity|courage|courageous|clarity|grace|wisdom|insight|resilience|resilient|"
    r"determination|persistence|perseverance|commitment|self-awareness|patience|patient|generosity|integrity|"
    r"bravery|brave|impressive|remarkable|admirable|inspiring|striking)\b"
)

# Reflection ------------------------------------------------------------------------------------------------

# Explicit reflective frames: "it sounds like you…", "part of you…", "what I'm hearing is…", "you said…".
REFLECT_FRAME = _any(
    # "it sounds like Dan's comment…", but not "it sounds like a lot" / "sounds like it was hard" (empathy)
    r"\b(?:it )?sounds like (?!(?:a|an|such|it|it was|that was|fun|hard|tough|awful)\b)(?:it's (?:not|the|"
    r"about|more)\b|[a-z])|\bit (?:seems|feels) (?:like |as if |as though )?(?:you|your)\b",
    r"\byou (?:sound|seem)\b(?! like you should)",
    r"\bwhat i'm (?:hearing|picking up|getting|sensing|taking) (?:is|from)\b|\bi'm (?:picking up|sensing) "
    r"(?:that|a|some)\b|\bif i'm hearing you\b|\bi'm hearing\b|\bi hear (?:that )?(?:you(?:'re| are| feel|"
    r" want| don't| can't| have|'ve)|how)\b",
    r"\bpart of you\b|\bon (?:the )?one hand\b|\bon the other hand\b|\b(?:so )?what you're saying\b|"
    r"\byou're saying\b|\byou (?:said|mentioned)\b|\bin other words\b|\bto sum (?:it )?up\b|"
    r"\bto summari[sz]e\b",
    r"\bit's not that you\b|\bif i've got this right\b|\blet me (?:see if i|check i've)\b|\bpart of (?:it|"
    r"this|that) is\b|\byou(?:'re| are)? feel(?:ing)?\b|\byou felt\b|\bthe (?:real|main|big|"
    r"underlying) (?:issue|problem|thing|worry|fear|question|struggle) (?:is|isn't|here is)\b",
)
# A statement that opens on the client ("you're…", "basically you…", "your…"); "so" is already stripped.
YOU_LEAD = re.compile(r"^(?:(?:basically|really),? )?(?:you|you're|you've|you'd|you'll|your)\b")
# "So Dan, the forecasts and the doubt are all tangled up": a statement opened by "so" sums up the client.
SUMMARY_LEAD = re.compile(r"^so,? (?!i\b|i'm\b|i'll\b|i've\b|we\b|we'll\b|let's\b)")
# The client as the subject of a clause anywhere in a statement ("every time she goes quiet you end up filling
# it"), not as an object ("I'll send you…"), not in a condition ("if you want…") and not in a prediction or a
# suggestion ("you'll be fine", "you could…").
YOU_SUBJECT = re.compile(
    r"(?:^|[,;:] |\b(?:and|but|so|then|when|while|because|since|until|after|before|that|where|as|now|still|"
    r"yet|once|which|though|whenever|every time) )(?:you(?:'re|'ve| (?!can\b|could\b|should\b|might\b|"
    r"may\b|will\b|would\b|need to\b|have to\b|must\b|ought\b|know\b|mean\b|see\b|guys\b|too\b|"
    r"yourself\b)[a-z']+)|your (?:[a-z']+ ){1,2}(?:is|are|was|were|has|have|keeps?|feels?|gets?|got)\b)"
)
ADDRESSES_CLIENT = re.compile(r"\b(?:you|you're|you've|your)\b")
# A sentence about the coach, not the client ("so I feel stuck too").
I_LEAD = re.compile(r"^(?:i|i'm|i've|i'd|i'll|my|me|when i|in my|personally|we|we're|we've|let's|let me)\b")
FEELING_FRAGMENT = re.compile(rf"^(?:feeling |really |so |quite |pretty )*(?:{EMOTION})\b")
# Words too common in coaching talk to show that the learner echoed the client.
GENERIC_STEMS = frozenset(
    {"feel", "think", "know", "want", "go", "make", "need", "tell", "talk", "come", "tak", "see", "look",
     "day", "week", "today", "right", "good", "bad", "lik", "mean", "happen", "sound", "seem", "thing", "ye",
     "ok"}
)  # fmt: skip

# Negation right before a match cancels it ("I'm not judging", "that wasn't a mistake", "I won't tell HR").
NEGATOR = re.compile(r"\b(?:not|never|no|nobody|nothing|hardly|none)\b|n't\b")
CLAUSE_BOUNDARY = re.compile(r"[,;:]|\bbut\b")
# A statement that opens on a condition or a time ("if you want", "when you're ready") is not about the client.
CONDITION_LEAD = re.compile(
    r"^(?:if|unless|whether|when|whenever|once|before|after|as soon as|until|say|suppose|imagine|let's say|"
    r"what if|even if)\b"
)
