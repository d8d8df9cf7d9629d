"""Turns the client hears as a pause, so they go on. Pure."""

from app.tag.phrases.patterns import any_of

# Turns the client hears as a pause: fillers, minimal encouragers, an offer of time, nothing at all.
SILENCE = any_of(
    r"^(?:[\s.,!…-]*(?:m+|mhm+|m+-?h+m+|hm+|uh[- ]?huh|ok(?:ay)?|yes|yeah|right|sure|go on|carry on|i see|and\??|"
    r"take (?:your|all the|as much|a) (?:time|moment|minute|second)(?: you need| you like)?|(?:there'?s )?no (?:rush|hurry|pressure)(?: at all)?|no need to (?:be sorry|apologi[sz]e|fill (?:it|the silence)|rush|hurry)|(?:we can )?(?:just )?(?:stay|sit|be) (?:here|with (?:it|that|this))(?: (?:for )?a (?:minute|moment|bit|while))?|slowly(?: slowly)?|take a (?:breath|moment)|(?:it'?s|that'?s) (?:ok(?:ay)?|fine|al(?:l ?)?right)(?: \w+)?|"
    r"i'?m (?:here|listening|with you)|"
    r"go ahead(?: and think(?: about it)?)?|have a think|(?:just )?think about it|"
    r"(?:it'?s|that'?s) (?:ok(?:ay)?|fine|al(?:l ?)?right)|whenever you'?re ready)[\s.,!…-]*)*[\s.,!…?-]*$"
)
