"""Turns that ask without a question: an invitation to tell, a question put as a statement. Pure."""

from app.tag.phrases.patterns import any_of

# An invitation that works like a question ("Tell me about the stand-up.").
INVITATION = any_of(
    r"^(?:and |so )?(?:(?:kindly|please|can you|could you) )?(?:tell me|say more|walk me through|describe|talk me through|help me understand|take me through)\b",
)
# The lead of a question put as a statement ("I wonder who needed something.", "I'm curious what happened
# next.", "I'd like to hear what happened."): what follows it from the question word is the question. "I
# wonder if..." is left out: it offers a hunch, a reflection, not a question.
INDIRECT_LEAD = any_of(
    r"^(?:(?:and|so|but|hm+|ok(?:ay)?|right|oh),? )*(?:i(?:'m| am) (?:curious|wondering|interested)(?: (?:about|to (?:know|hear)))?|"
    r"i (?:wonder|wondered)|i(?:'d| would) (?:like|love) to (?:hear|know|understand)|i want to (?:hear|know|understand)|"
    r"(?:can|could|would) you (?:tell|show) me|tell me|help me understand|i'?m trying to (?:understand|picture))"
    r",? (?=(?:what|who|whom|when|where|why|how|which)\b)",
)
# Words that make a sentence ask something: a question word anywhere, or an opening that asks (a yes/no
# question, "any...?", an invitation). A "?" sentence without them says something back ("So the money's
# tight?", "Quicker to do it yourself?").
QUESTION_WORD = any_of(r"\b(?:what|who|whom|whose|when|where|why|how|which)\b")
ASKING_OPENING = any_of(
    r"^(?:do|does|did|is|are|was|were|am|have|has|had|can|could|would|will|should|shall|may|might|"
    r"isn'?t|aren'?t|wasn'?t|weren'?t|don'?t|doesn'?t|didn'?t|haven'?t|hasn'?t|won'?t|wouldn'?t|couldn'?t|"
    r"can'?t|shouldn'?t|any(?:thing|one|body|where)?|tell|say|describe|walk|talk|take|help|else|since|by|about|"
    r"or|want|wanna|fancy|ready|happy|keen|willing|mind|ok(?:ay)?|all ?right|alright|worth|time|shall)\b",
)
# A lead-in before a dash, or a list of answers after one ("What do you need from me — questions, a sounding
# board?"): the dash splits what is asked from what frames it.
DASH = any_of(r"\s+[—–-]+\s+")
