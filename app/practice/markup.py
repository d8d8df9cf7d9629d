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


_IMAGE = re.compile(r"!\[")
_TAG = re.compile(r"<(?!br>)")  # the grader's tables break lines in a cell with <br>


def defang(markdown: str) -> str:
    """Markdown written by another part of the app, with quoted learner text inside: no raw HTML and no
    images (which a browser would fetch on its own) survive, whatever the quotes contain."""
    return _IMAGE.sub(r"!\\[", _TAG.sub(r"\\<", markdown))
