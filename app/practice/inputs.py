"""What a learner may send, and the message they get when it cannot be used."""

import re
import unicodedata

from app.domain.transcript import PAUSE, SILENCE_SHOWN, as_said

__all__ = ["MAX_MESSAGE_CHARS", "PAUSE", "SILENCE_SHOWN", "BadInput", "as_said", "clean_message"]

MAX_MESSAGE_CHARS = 2000

# Bidirectional overrides and isolates can make stored text read differently from what is shown.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ALLOWED_CONTROLS = {"\n", "\t"}


class BadInput(ValueError):
    """The learner's message cannot be used; `str(error)` tells them why, in plain words."""


def clean_message(text: str) -> str:
    """The message as it will be stored, or BadInput. Markup is kept as typed (it is shown escaped)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise BadInput("Your message was empty. Type what you would say to the client.")
    if len(text) > MAX_MESSAGE_CHARS:
        raise BadInput(
            f"Your message has {len(text)} characters; the limit is {MAX_MESSAGE_CHARS}. "
            "Say it in fewer words, as you would in a session."
        )
    if any(unicodedata.category(c) == "Cs" for c in text):  # bytes that were not UTF-8, kept as surrogates
        raise BadInput(
            "Your message contains characters that are not text (perhaps typed or pasted in another encoding). "
            "Retype it."
        )
    if any(unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS for c in text) or _BIDI.search(
        text
    ):
        raise BadInput(
            "Your message contains invisible control characters (perhaps from a paste). "
            "Retype it, or paste it as plain text."
        )
    return text
