"""What a turn's voicing produced: the words, which voice said them, and a note when a stand-in was used.

Plain voices (the scripted one) only return words; a voice that can fail and stand in for itself also reports
the note. The helpers here give every caller the same `Reply`, whichever kind of voice it holds.
"""

from collections.abc import Awaitable, Callable
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict

from app.domain.voicing import VoiceRequest
from app.voice.base import Voice

# Receives each piece of a reply as soon as it may be shown.
Show = Callable[[str], Awaitable[None]]


async def unshown(piece: str) -> None:
    """A `Show` for callers that want only the settled reply, not its pieces."""


class VoiceFault(Exception):
    """The model gave no usable reply. `reason` is worded for the learner's note."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Reply(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    voice: str
    note: str | None = None  # why a stand-in voice spoke this turn
    replaced: bool = False  # pieces already shown were withdrawn: show `text` instead of what was streamed


@runtime_checkable
class ReportingVoice(Voice, Protocol):
    def reply(self, request: VoiceRequest) -> Reply: ...

    async def stream_reply(self, request: VoiceRequest, show: Show) -> Reply: ...


def reply_of(voice: Voice, request: VoiceRequest) -> Reply:
    if isinstance(voice, ReportingVoice):
        return voice.reply(request)
    return Reply(text=voice.speak(request), voice=voice.name)


async def stream_reply_of(voice: Voice, request: VoiceRequest, show: Show) -> Reply:
    if isinstance(voice, ReportingVoice):
        return await voice.stream_reply(request, show)
    pieces: list[str] = []
    async for piece in voice.stream(request):
        pieces.append(piece)
        await show(piece)
    return Reply(text="".join(pieces), voice=voice.name)
