"""Questions about options, next steps, what the client could do or say. Pure."""

from app.tag.phrases.patterns import any_of

OPTIONS = any_of(
    r"\b(?:first|next|one|small|smallest|concrete|practical|later) (?:step|thing|move|action|change)s?\b|\boptions?\b",
    r"\bwhat (?:could|can|might|will|would|are) (?:you|she|he|they|(?!(?:it|that|this)\b)\w+) (?:going to )?(?:do|try|say|change|start|stop)\b",
    # what it would take: "What would you need to do first?", "What would that take?", "...make that real?"
    r"\bwhat would (?:you|it|that|this) (?:need to do|have to do|take)\b|\bmake (?:that|it|this) (?:real|happen|stick)\b",
    r"\bhaven'?t you tried\b|\bwhat else (?:is|could be|might be)\b|\b(?:in|within) your (?:control|power|gift)\b|\bbrainstorm\b",
    r"\bchoices?\b|\bopen to you\b|\bwhat would make (?:it|that|this) (?:more |less )?(?:likely|easier|possible)\b",
    r"\b(?:that|which) you could (?:live with|manage|do|try|commit to|stick to)\b|\bopening (?:line|words|sentence)\b",
    r"\bwhat would (?:a|the|your) (?:first|next|small|smaller|practice|trial|test) \w+(?: \w+){0,3} look like\b",
    r"\bwhich \w+ (?:would|could|will|might) you (?:\w+ )?(?:start|begin|try|tackle|do first)\b|\bon the list\b",
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
