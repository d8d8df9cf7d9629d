"""Words that offer the coach's own idea or observation. Pure."""

from app.tag.phrases.patterns import any_of

# Words that offer the coach's own idea or observation: an offer, whatever question comes with it.
OFFER = any_of(
    r"\b(?:can|could|may|might) i (?:share|offer|suggest|tell you|give you|say something|point out|throw|make|add)\b",
    r"\bwould it help (?:you )?if i (?:share|suggest|offer|gave|give|told|tell|said)\b|\bi (?:have|'ve got) an? "
    r"(?:idea|thought|observation|suggestion|hunch)\b|\b(?:do you want|would you like) (?:to hear |)(?:my|an?|some) "
    r"(?:idea|thought|observation|suggestion|view|take|advice)s?\b",
)
