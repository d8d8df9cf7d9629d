"""Small talk: greetings, the week, the weather, the connection. Pure."""

from app.tag.phrases.patterns import any_of

SMALL_TALK = any_of(
    r"\bhow(?:'s| is| was| were| are| has| have) (?:your|the) (?:week|weekend|day|morning|journey|drive|commute|"
    r"holiday|trip|family|evening|break|lunch|summer|business|flight|train)s?\b",
    r"^(?:hi|hello|hey|morning|good (?:morning|afternoon))?[\s,!.]*(?:\w+[\s,!.]+)?how are you(?: doing| today)?\s*\??$",
    r"\bhow(?:'s| is| are) (?:it going|life|everything|things|business|you doing)\b(?!,? (?:under|with|about|in|inside|since|after|really)\b)|\bdid you find (?:the|us|it)\b",
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
    r"\bhow (?:was|is|'s) (?:the|your) (?:shift|night|class|run|walk|school run|flight|ride)\b|\btreating you\b|\bsignal\b",
    r"\b(?:had|have|grab|get|got) (?:your |some |a )?(?:lunch|breakfast|dinner|a break)\b|\bchilly\b|\bfreezing\b|\blashing\b|\bpouring\b|\bsnow",
    r"\bin the office or (?:at )?home\b|\bworking from home\b|\bat your end\b",
    r"\blong (?:day|shift|week|drive)\b|\bi (?:love|like) your\b|\bthanks for (?:making|finding) (?:the )?time\b",
)
# A social reply from the client ("Fine, thanks. The coffee here is terrible.", "Hello! Sorry I'm late."): a
# question that follows it up, and asks nothing the session is about, is more small talk.
SOCIAL_REPLY = any_of(
    r"^(?:oh |ah )?(?:hello|hi|hey|morning|good (?:morning|afternoon|evening))\b",
    r"^(?:yes,? |ya,? |oh,? )?(?:fine|good|great|well|lovely|not bad|grand|can'?t complain|all good|very well)\b[^.?!]{0,20}[,.!]? (?:thanks|thank you|cheers)\b",
    r"\band you\?|\bhow are you\?|\bsorry (?:i'?m|i am|for being) late\b",
)
