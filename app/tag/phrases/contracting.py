"""Words that agree the session: its goal, success, why it matters, how to work, confidentiality. Pure."""

from app.tag.phrases.patterns import any_of

SUCCESS = any_of(
    r"\bhow (?:will|would|'ll|do|could) you know\b|\bwhat would (?:success|a good outcome|good|done) look like\b",
    r"\bwhat (?:would|does|will) ['\"]?(?:useful|good|great|better|success|done|a good (?:session|result|outcome|hour))['\"]? look like\b",
    r"\b(?:good|great|useful) (?:result|outcome)\b|\bworthwhile\b|\bworth (?:it|your time|the time)\b|\bwalk away\b",
    r"\btell you (?:this|it|today) (?:was|worked)\b|\bgood use of (?:your|our|the) time\b",
    r"\b(?:at|by) (?:the )?end of (?:today\b|(?:this|our|the|today'?s) (?:session|time|talk|conversation|hour|meeting|chat)\b)",
    r"\b(?:at|by) the end\b(?! of)|\bwhen you (?:walk out|leave)\b|\b(?:walk out of|leave) (?:here|this room)\b",
    r"\bsuccess\b|\b(?:goes|went|go) well\b|\b(?:at|by) the end of (?:this|it)\b|\bwhat (?:will|would|should|could) be different\b",
    r"\b(?:have|take|hold|carry) (?:\w+ ){0,3}when (?:we|you) (?:finish|stop|end|close|wrap up|hang up|log off)\b|\bin your hands\b",
    r"\b(?:leav(?:e|ing)|walk(?:ing)? out|go(?:ing)? away|com(?:e|ing) away|walk(?:ing)? away) (?:with|knowing|having|feeling)\b|\bwhen you leave\b",
    r"\bwhat would make (?:this|today|it|the session|our time|this hour) (?:useful|worthwhile|worth it|a success|work|good|valuable)\b",
    r"\bimagine\b.*\b(?:end|leave|finish|over)\b|\bwhat (?:result|outcome)\b|\bresult you want\b|\boutcome\b|\bglad you came\b|\bworth (?:coming|the (?:trip|drive|hour|time))\b",
    r"\b(?:need|want|like|hope) to (?:leave|walk out|go home|come away) with\b|\bgot somewhere\b|\bworth the\b",
)
GOAL = any_of(
    r"\b(?:from|out of) (?:today|this session|our (?:session|time|conversation)|this hour|the session|coaching|this)\b",
    r"\bwhat (?:would|do) you (?:like|want)(?: us| me)? to (?:work on|focus on|talk about|achieve|cover|explore|look at|bring|get)\b",
    r"\b(?:want|like|need) to (?:look at|work on|focus on|talk about|explore|dig into|get into) (?:now|today|tonight|first|this (?:morning|afternoon|evening|hour|session))\b",
    r"\bwhat (?:are we|we'?re|we are) (?:working on|doing|looking at|focusing on)\b|\b(?:pick|choose) (?:just )?one\b.*\b(?:today|hour|session|now)\b",
    r"\b(?:which|what) (?:would|will|do) you (?:pick|choose)\b.*\b(?:today|hour|session|now|time)\b|\b(?:if|could) we (?:could )?only\b.*\bwhich\b",
    r"\bthe one thing for (?:today|this session|this hour|now)\b|\bwhich (?:thread|one|bit|part|piece) (?:do|shall|should) we\b",
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
IMPORTANCE = any_of(
    r"\bwhy (?:now|today|this,? now)\b|\bwhy (?:is|does) (?:it|this|that) (?:matter|important)\b",
    r"\bwhat makes (?:this|it|that) (?:so )?(?:important|matter|urgent|pressing)\b|\bwhy (?:it|this) matters\b",
    r"\bwhat(?:'s| is) at stake\b|\bif nothing changes\b|\bwhat would it cost\b|\bright time\b|\bcost(?:s|ing)? (?:of|you)\b|\bwhat(?:'s| has) made (?:today|tonight|now|this (?:week|month|year|time))\b",
    r"\bwhy (?:does|did) (?:this|it) (?:come up|feel urgent) now\b|\bwhy is (?:this|it) (?:so )?(?:important|urgent)\b",
    r"\bpressing\b|\burgent\b|\briding on\b|\bon the line\b|\bstakes?\b|\bhow important\b",
    r"\bhow much does (?:this|it|that) matter\b|\bout of (?:ten|10)\b|\bon a scale\b",
    r"\bwhy (?:bring|raise|look at|work on|talk about|pick|choose) (?:it|this|that)\b|\bnow rather than\b",
    r"\bwhat(?:'s| is| has) (?:pushing|driving|prompting|prompted|made) (?:you|this|it)\b.*\b(?:now|moment|today)\b",
    r"\bwhat (?:prompted|triggered|made) you (?:to )?(?:come|bring|sign up|book|want to (?:work|look|talk))\b",
    r"\bwhy (?:this|that) (?:one|topic|matters)\b|\bbig (?:a )?deal\b|\b(?:this|it|that) (?:is |feels )?(?:so )?important (?:right )?now\b",
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
WORKING_STYLE = any_of(
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
    r"\b(?:want|need|expect|like) from me\b|\bpreferences?\b|\bhelp(?:s|ing)? you (?:think|open up|talk|feel comfortable)\b",
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
    r"\bwould it (?:help|be (?:easier|better|more useful)) (?:you )?to \w+\b.*\bor\b|\bfrom a coach\b|\b(?:want|need|helps?)\b.*\bwhen you(?:'re| are| get) (?:stuck|lost|going round)\b",
    r"\bsounding board\b|\bshould i (?:ask|just|push|challenge|interrupt|stop|keep|let)\b|\bhow you (?:like|prefer|want) to (?:work|be coached|be supported)\b",
)
CONFIDENTIALITY = any_of(
    r"\bconfidential",
    r"\bstays? (?:between us|in (?:this|the) room|here\b(?! (?:a|for)\b))|\b(?:off|on) the record\b|\bprivate\b|\bprivacy\b",
    r"\bbetween you and me\b|(?<!go )(?<!goes )(?<!work )(?<!works )\bbetween us\b|\bleaves? (?:this|the) room\b",
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
    r"\bsafe to (?:talk|say|share|speak)\b|\bno (?:link|connection|contact) (?:to|with)\b|\bonly (?:that we met|attendance|the (?:goal|dates?|fact that))\b",
    r"\b(?:will not|won'?t|doesn'?t|does not) (?:know|hear|see|learn) anything\b|\bnothing (?:about )?(?:of )?what you (?:tell|say|share)\b",
    r"\b(?:coaching|this|these sessions) and your (?:review|appraisal|assessment|job)\b.*\bseparate\b|\b(?:send|write|give) (?:a |the )?(?:short )?note\b",
    r"\bduty of care\b|\bharm (?:yourself|to)\b|\bbetween the (?:two|both) of us\b|\bupfront\b|\btransparen|\b(?:sit|i'?m|am) on the (?:panel|board|committee)\b",
)
# The client asking or worrying who will hear what they say ("Does Brennan hear about this?", "my worry is this
# ends up in my review"), in a sentence that asks, checks or worries (PRIVACY_ASKING): whatever the coach says
# next, short of a new question, answers it. "Nobody at school knows" only tells.
PRIVACY_ASKING = any_of(r"\?\s*$|^so\b|\bworr(?:y|ied|ies)\b|\bafraid\b|\bscared\b|\bconcern")
# A straight answer to it: "No.", "Nobody.", "Only that we met.", "She won't."
PRIVACY_ANSWER = any_of(
    r"^(?:no|nope|never|nobody|no one|no-one|none|nothing|not|only|just|right|correct|exactly|yes|yeah|of course|"
    r"absolutely|(?:s?he|they|it|that|your \w+) (?:won'?t|will not|doesn'?t|does not|can'?t|cannot))\b"
)
PRIVACY_WORRY = any_of(
    r"\b(?:hear|know|see|find out|read)s? (?:about |of )?(?:any of |all of )?(?:this|it|that|what i (?:say|tell|said))\b",
    r"\b(?:does|will|would|do) (?:any of )?(?:this|it|that|what i say) (?:go|get|end up)\b|\bends? up in my\b",
    r"\b(?:see|read|get) (?:the|your|my) notes?\b|\bgets? a note\b|\bwhat do you (?:write|send|report|tell)\b",
    r"\bconfidential|\b(?:kept|keep|stay|stays) private\b|\bbetween us\b|\b(?:nobody|no one|no-one) (?:at|in|from) (?:the|my)\b.*\b(?:hears?|knows?|sees?)\b",
    # "Who else knows I'm here?", "who are you accountable to?", "off the record?", "Is it all private?",
    # "Anything I say, it will go to my principal?"
    r"\bwho (?:else )?(?:knows|hears|sees|reads|finds out|gets told|will (?:know|hear|see|read))\b",
    r"\bwho (?:are you|do you) (?:accountable|answerable|report(?:ing)?|work(?:ing)? for)\b|\bwho checks up on you\b",
    r"\boff the record\b|\b(?:is (?:it|this|that)|it'?s|all) (?:all |kept |really )?private\b",
    r"\b(?:it|this|that|what i say|anything i say) (?:will|would|'?ll|could|might) (?:go|get|end up|get back)\b",
)
# What someone else said, passed on: "your manager told me…", "apparently…" (gossip uses it too).
SAID_TO_ME = (
    r"\b(?:told|tells) me\b|\bsaid to me\b|\bmentioned (?:to me|that)\b|\bi(?:'ve)? heard\b|\bapparently\b"
)
# Passing something on, which a limit stated in answer to "who will hear?" does not: what someone said ("your
# manager told me…", "asked me to…") or the client's words sent on ("I keep her posted", "a report to HR").
PASSING_ON = any_of(
    SAID_TO_ME,
    r"\basked me to\b|\b(?:keep|keeping|kept) (?:her|him|them|your \w+) (?:posted|informed|updated|in the loop)\b",
    r"\breport(?:ing|s)? back\b|\bsend(?:ing|s)? (?:\w+ ){0,3}(?:report|notes?|summary|update)s?\b",
)
