"""Words that end a session: a goodbye, a wrap-up. Pure."""

from app.tag.phrases.patterns import any_of

# "Thanks for coming" opens a session as often as it ends one: only these words close it at the start.
GOODBYE = any_of(
    r"\bgoodbye\b|\bbye\b|\bout of time\b|\b(?:that'?s|that is) (?:all|our) time\b|\bwrap (?:up|things up|this up)\b",
    r"\bend (?:our|the|this) session\b|\bsee you next\b|\bbefore we (?:finish|close|end)\b",
    # "talk next week!", "See you, er, next session." (read with the fillers dropped), "Same time. Thanks, Joel."
    r"\b(?:talk|speak) (?:to you )?(?:next (?:week|time|session|month)|soon|then|on \w+day)\b",
    r"\bsee (?:you|ya),? (?:next|soon|then)\b|^(?:ok(?:ay)?,? |great,? )?same time\b[.!,]",
)
# Wrapping up in words the reader's closing cue does not list ("we're coming up to time", "let's leave it there").
WRAP_UP = any_of(
    r"\b(?:coming up to|nearly at|almost at|running out of|short on|close to) (?:the )?time\b|\bminutes? left\b",
    r"\b(?:coming|come|getting|near|close) (?:to )?(?:the )?end of (?:our|the|this|today'?s) (?:time|session|hour|conversation)\b",
    r"\btime(?:'s| is) (?:up|nearly up|almost up|over)\b|\bout of time\b",
    # "That's time.", "Good. That's time.", "Ok, our time is finished.", "I know we're over time"
    r"(?:^|[.!?]\s+)(?:\w+,? )?that'?s (?:time|our time)\b|\bour (?:time|hour) is (?:up|over|finished|done)\b",
    r"\bwe'?re (?:over|past|running over) (?:our )?time\b",
    # "Let's leave it there" closes; "Understood, we'll leave it there" after a no only leaves the topic.
    r"\b(?:stop|leave it|pause|finish|end|wrap up|close) (?:there|here) for (?:today|tonight|now|this (?:week|time|session))\b",
    r"\b(?:let'?s|shall we|we can|we'?ll|i'?ll),? (?:stop|end|finish|close|wrap up|wrap)(?: it)? (?:there|here|now)\b",
    # "let's close for today", "That's where we'll stop for today.", "That'll do for tonight."
    r"\b(?:stop|finish|end|wrap up|close|call it) for (?:today|tonight)\b|\bthat'?ll do for (?:today|tonight|now)\b",
    r"\b(?:that'?s|this is) where we(?:'ll| will)? (?:stop|end|finish|close|leave it|wrap up)\b",
    r"\b(?:let'?s|shall we) (?:leave|stop) it there\b|\bwe (?:finish|stop|end|close) (?:here|now|there)\b",
    r"\b(?:good|natural|nice|right) (?:place|point|moment|time) to (?:stop|end|finish|close|pause|leave it|wrap)\b",
    r"\ball (?:we have|the) time (?:we have )?for today\b|\bcall it a day\b|\bas we (?:close|finish|wrap|end)\b",
    r"\b(?:need|have|ought|got) to (?:finish|stop|wrap up|end|close) (?:in a (?:minute|moment)|soon|now|here|there)\b",
    r"\bshould (?:probably )?(?:stop|finish|wrap up|end|close) (?:here|there|now|soon)?",
    r"\bthanks? (?:you )?(?:so much |very much |again )?for (?:today|this session|your time today|the session)\b",
    r"\bthanks?(?: you)?(?: so much| very much)? for (?:your |all your |being so )?\w+ (?:today|this session)\b",
    r"\bthat'?s (?:us|it|all|everything) for (?:today|tonight|now|this session)\b|\b(?:same time|see you) next\b",
    r"\bsee you (?:in|on|at|then|soon)\b|\bmeet again\b",
    r"\b(?:pick (?:this|it|that) up|continue|carry on) next (?:time|session|week|month)\b|\buntil next time\b",
    r"\b(?:next|our next|the next) session\b.*\b(?:then|see you|book|diary)\b|\btalk soon\b|\btake care\b",
    r"\b(?:good|great|lovely|nice) (?:work|session|job|chat)(?: today)?\s*[.!]*$|\bwell done today\b",
    r"\b(?:it'?s been|it was|this has been|this was) (?:really |very |so )?(?:a pleasure|good|great|lovely|nice) "
    r"(?:talking|to talk|working|meeting|speaking|to meet|to work)\b|\bsee you (?:\w+day|next|tomorrow|later)\b",
    r"\bcall it (?:there|here|a day|for today)\b|\bthat'?s (?:our|the) (?:hour|session)\b|\bwe'?re (?:at|out of) time\b",
    r"\blet you go\b|\bbefore (?:you go|you leave|we (?:finish|close|end|stop|wrap up|part))\b",
    r"\b(?:any|one) (?:last|final) (?:thoughts?|words?|questions?|reflections?|things?|comments?)\b",
    r"\btake ?aways?\b|\b(?:take|taking) (?:away )?from (?:today|tonight|this session|our (?:session|time|conversation))\b",
    r"\b(?:hold on to|keep) from (?:today|tonight|this session|our session)\b",
    r"\bfrom (?:today|tonight|this session),? (?:you'?ll|you will|will you|you want to|would you) (?:keep|hold on to|take)\b",
    r"\bhow are you (?:leaving|feeling as we (?:finish|close|end))\b|\bleaving (?:today|this session)\b",
    r"\bend (?:our|the|this) session\b|\bwe'?re (?:done|finished)(?: for today)?[.!]|\bgood luck\b|\bthat'?s all from me\b",
    r"(?<!would you be )(?<!will you be )\b(?:leaving|walking away|going away|going home) with\b|\bbefore you (?:go|leave|head off|head out)\b(?!\s+(?:on|into|in|any|further|ahead|through|over|deeper))",
    r"\bremember from (?:this|today|our)\b|\bwe(?: a|')re (?:done|finished)(?: for (?:today|now|this session))?\b(?! with)",
    r"\benjoyed (?:talking|our|this|today|working)\b|\bbefore we (?:meet|speak|see each other) again\b",
)
