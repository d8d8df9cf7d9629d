"""Text from learners, personas and models is shown as text: never as markdown or HTML."""

import re

# Every ASCII punctuation mark that markdown or HTML gives a meaning to; a backslash makes it literal.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>&])")


def escape(text: str) -> str:
    """Markdown- and HTML-inert text that reads the same on screen."""
    return _SPECIAL.sub(r"\\\1", text)


def cell(text: str) -> str:
    """`escape` for a markdown table cell: one line."""
    return escape(" ".join(text.split()))
