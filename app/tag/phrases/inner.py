"""Questions about the client's inner world: feelings, and what matters to them. Pure."""

from app.tag.phrases.patterns import any_of

FEELING = any_of(
    r"\bhow (?:do|did|does|are|were|is|was|would|will) (?:you|that|it|this) (?:feel|feeling|sit|land)",
    r"\bhow (?:are|were) you (?:feeling|doing with|coping|holding up|finding)\b|\bhow did you take\b",
    r"\bfeel(?:s|ing|ings)?\b|\bfelt\b|\bemotions?\b|\bwhat(?:'s| is| was) (?:that|it|this) like\b",
    r"\bland(?:s|ing)? (?:with|for) you\b|\bemotionally\b|\bscar(?:es|y|ed)\b|\bafraid\b|\bworr(?:y|ies|ied)\b|\bupset\b",
    r"\bgoes? through (?:you|your (?:mind|head))\b|\bgoing on (?:for|inside) you\b|\bin yourself\b|\bhow are you (?:with|about) (?:it|this|that|all)\b|\bwhere are you with (?:it|this|that|all)\b",
    r"\b(?:stir|stirs|stirring|bring|brings|bringing) up\b|\bin your (?:body|chest|stomach|gut)\b|\bhappens? (?:in|inside) you\b|\binside you\b|\bwhat did you notice\b(?! about)",
    r"\bhow are you (?:doing|feeling|really)?,? (?:under|with|about|in|inside|since|after|really)\b",
    r"\bcomes? up for you\b|\bwhat comes up\b|\b(?:gut )?reaction\b|\bhow (?:was|is) that for you\b|\bwhat(?:'s| is) (?:that|this|it) doing to you\b|\bhow does that affect\b",
)
MEANING = any_of(
    r"\bwhat matters\b|\bmatters? (?:so much |most |more |a lot )?(?:to you|for you)\b|\bimportant to you\b|\bvalues?\b|\bpurpose\b",
    r"\bwhat does (?:that|this|it) (?:mean|say) (?:to|about|for) (?:you|yourself)\b|\bmeans? (?:so much |a lot )?to you\b",
    r"\b(?:hold|holds|represent|represents|symboli[sz]es?) (?:for|to) you\b|\babout,? for you\b|\bwhat (?:is|was) (?:it|that|this),? (?:then,? )?(?:for|to) you\b",
    r"\bwhat (?:does|did|do|would|will) (?:\w+ ){1,4}mean\b(?! by)|\bwhat (?:does|did|do|would|will) (?:\w+ ){1,4}give you\??$",
    r"\bwhat (?:do|does) (?:\w+ ){1,2}care (?:about|most)\b|\bprove\b|\bwhat do you (?:really |actually )?want\W*(?:\w+\W*)?$",
    r"\bwhy do you care\b|\bwhat do you (?:care|stand) (?:about|for)\b|\bstand for\b",
    r"\bkind of (?:\w+ )?(?:leader|person|teacher|engineer|manager|parent|colleague|surgeon|doctor|owner|boss|artist|mother|father|son|daughter) (?:do )?you want\b",
    r"\bwhat would it (?:mean|say)\b|\bwho do you want to be\b|\bwhat do you believe\b|\bproud\b|\bbelieve (?:good|a good|in)\b",
    r"\bwhat (?:would )?(?:finishing|doing|getting|changing|making) (?:it|this|that) (?:mean|say)\b",
    r"\blook like to you\b|\bsay about (?:who you are|you)\b|\bwho you are\b|\bmean (?:for|to) you\b|\bremembered\b|\blegacy\b",
    r"\bwhat do you want (?:them|people|others|\w+) to (?:say|think|remember)\b|\bwhat would (?:your )?\w+ want for\b",
    r"\bdrives? you\b|\bmotivates? you\b|\binspires? you\b|\bwhy did you (?:become|go into|choose)\b|\bwhat made you (?:become|choose|want to be)\b",
    r"\bgives? you (?:energy|joy|meaning|purpose)\b|\benergi[sz]es you\b|\blove about\b|\bimportant (?:to|for) you as\b",
)
