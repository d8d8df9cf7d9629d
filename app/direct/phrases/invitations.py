"""Turns that ask without a question mark: an invitation to tell. Pure."""

from app.direct.phrases.patterns import any_of

# An invitation that works like a question ("Tell me about the stand-up.").
INVITATION = any_of(
    r"^(?:and |so )?(?:(?:kindly|please|can you|could you) )?(?:tell me|say more|walk me through|describe|talk me through|help me understand|take me through)\b",
)
