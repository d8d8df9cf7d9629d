"""Question words typed short or run together, which the reader's shorthand leaves as they are. Pure."""

import re

_RESPELT = {"hw": "how", "wen": "when", "wher": "where", "what'd": "what did"}
_RESPELT_RE = re.compile(r"\b(" + "|".join(map(re.escape, _RESPELT)) + r")(?=\s)")


def respell(text: str) -> str:
    """ "hw long is that now" reads "how long is that now"; the text is already lowercased."""
    return _RESPELT_RE.sub(lambda match: _RESPELT[match.group(1)], text)
