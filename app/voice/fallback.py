"""A model voice with the scripted voice standing in for any turn the model cannot do, and a note saying why.

The learner's turn is never lost: whatever the model does (times out, errors, answers out of character), the
turn gets the scripted words for the director's act, and the note tells the learner a stand-in spoke.
"""

import logging
from collections.abc import AsyncIterator

from app.domain.revise import revised
from app.domain.voicing import VoiceRequest
from app.voice.base import Voice
from app.voice.reply import Reply, Show, VoiceFault, reply_of, unshown
from app.voice.scripted import ScriptedVoice

log = logging.getLogger(__name__)


class FallbackVoice:
    def __init__(self, primary: Voice, backup: Voice | None = None) -> None:
        self.primary = primary
        self.backup = backup or ScriptedVoice()
        self.name = primary.name

    def reply(self, request: VoiceRequest) -> Reply:
        try:
            return Reply(text=self.primary.speak(request), voice=self.primary.name)
        except Exception as error:  # any failure of the model must cost the learner nothing but the note
            return self._stand_in(request, error)

    async def stream_reply(self, request: VoiceRequest, show: Show) -> Reply:
        """Show the model's words as they pass the guard. If the model fails after some were shown, the reply
        comes back `replaced`: the caller swaps what it showed for the reply's text."""
        shown: list[str] = []
        pieces = aiter(self.primary.stream(request))
        while True:
            try:
                piece = await anext(pieces)
            except StopAsyncIteration:
                return Reply(text="".join(shown), voice=self.primary.name)
            except Exception as error:  # as in `reply`; `show` is called outside, so its own errors propagate
                stand_in = self._stand_in(request, error)
                if shown:
                    return revised(stand_in, replaced=True)
                await show(stand_in.text)
                return stand_in
            shown.append(piece)
            await show(piece)

    def speak(self, request: VoiceRequest) -> str:
        return self.reply(request).text

    async def stream(self, request: VoiceRequest) -> AsyncIterator[str]:
        # A plain stream of words cannot take back words already shown, so this yields the settled reply;
        # callers that want the model's words live use `stream_reply`, which reports a replacement.
        yield (await self.stream_reply(request, unshown)).text

    def _stand_in(self, request: VoiceRequest, error: Exception) -> Reply:
        reason = (
            error.reason if isinstance(error, VoiceFault) else f"the model failed ({type(error).__name__})"
        )
        log.debug("what the model raised", exc_info=error)
        return stand_in(self.backup, request, reason, self.primary.name)


def stand_in(backup: Voice, request: VoiceRequest, reason: str, failed: str) -> Reply:
    """The backup's reply for a turn the voice named `failed` could not give, with the note saying why."""
    log.warning("%s, turn %d: %s", failed, request.turn, reason)
    spoken = reply_of(backup, request)
    return revised(spoken, note=f"{reason}; the scripted reply was used for this turn")
