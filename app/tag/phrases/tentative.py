"""Words that soften a question or leave it open to the client: a turn with them hurries nobody. Pure."""

from app.tag.phrases.patterns import any_of

# "what could you maybe try?", "can you put a word to it? If you want.", "…, would you say?", "only if you're ready"
HEDGED = any_of(
    r"\b(?:maybe|perhaps|might|sort of|kind of|i wonder|i'?m wondering|would you say|only if|no pressure|no rush)\b",
    r"\bif (?:you (?:want|like|wish|'?d like|would like|feel (?:like it|ready|able)|are ready|did|do)|"
    r"(?:that'?s|it'?s) (?:ok|okay|alright|all right))\b",
)
