"""The LLM voice: a chat model says the director's act in the persona's words, guarded before it is shown.

One model call per turn, always streamed (a whole reply is the stream gathered), so that two deadlines bound
it whatever the server does: the first words within `first_token` seconds of each try, and the whole call,
every try and wait included, within `deadline` seconds. A client's timeout bounds each read, not the call: a
server that sends a byte now and then would otherwise hold the turn for ever. A reply is also cut at
`max_chars`: a server that ignores the token limit cannot stream or store an endless reply. It raises
VoiceFault when the model cannot give a usable reply; `FallbackVoice` turns that into the scripted reply and
a note.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from app.config import Settings
from app.domain.voicing import VoiceRequest
from app.llm import chat_model
from app.llm.calls import DEADLINE, acall, blocking, describe
from app.voice.guard import Guard, GuardedStream
from app.voice.prompt import Message, messages
from app.voice.reply import VoiceFault

log = logging.getLogger(__name__)

# A token is rarely more than four characters of English: twice that leaves room for any honest reply.
CHARS_PER_TOKEN = 8
FIRST_TOKEN = 20.0  # seconds: the default of RAPPORT_LLM_TIMEOUT


@contextmanager
def faults() -> Iterator[None]:
    """Turn whatever a model call raised into a VoiceFault that says why."""
    try:
        yield
    except VoiceFault:
        raise
    except Exception as error:
        raise VoiceFault(describe(error)) from error


def _text(message: BaseMessage) -> str:
    return str(message.text)


async def _hang_up(chunks: AsyncIterator[Any]) -> None:
    """Close the model's stream, so that the HTTP request ends now rather than when the server finishes."""
    close = getattr(chunks, "aclose", None)
    if close is not None:
        await close()


async def _opened(
    model: BaseChatModel, prompt: list[Message], first_token: float
) -> tuple[str, AsyncIterator[Any]]:
    """Start a streamed call and wait, at most `first_token` seconds, for its first words (or its end): the
    part of a call that is worth retrying."""
    chunks: AsyncIterator[Any] = aiter(model.astream(prompt))
    try:
        async with asyncio.timeout(first_token):
            while (chunk := await anext(chunks, None)) is not None:
                if text := _text(chunk):
                    return text, chunks
    except BaseException:
        await _hang_up(chunks)
        raise
    return "", chunks


def _within(text: str, room: int) -> str:
    """At most `room` characters of `text`, cut after a whole word when there is one to cut after."""
    if len(text) <= room:
        return text
    cut = text[:room]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    return cut[:space] if space > 0 else cut


class LLMVoice:
    def __init__(
        self,
        model: BaseChatModel,
        name: str,
        retries: int = 0,
        *,
        first_token: float = FIRST_TOKEN,
        deadline: float = DEADLINE,
        max_chars: int = 200 * CHARS_PER_TOKEN,
    ) -> None:
        self.model = model
        self.name = name
        self.retries = retries
        self.first_token = first_token
        self.deadline = deadline
        self.max_chars = max_chars

    def speak(self, request: VoiceRequest) -> str:
        return blocking(self._whole(request))

    async def _whole(self, request: VoiceRequest) -> str:
        return "".join([piece async for piece in self.stream(request)])

    async def stream(self, request: VoiceRequest) -> AsyncIterator[str]:
        guarded = GuardedStream(Guard(request))
        deadline = asyncio.get_running_loop().time() + self.deadline
        room = self.max_chars
        with faults():
            # The deadline covers only the waits for the model, never a yield: the consumer's time is its own.
            async with asyncio.timeout_at(deadline):
                text, chunks = await acall(
                    self.retries, _opened, self.model, messages(request), self.first_token
                )
            try:
                while True:
                    kept = _within(text, room)
                    room -= len(kept)
                    if piece := guarded.feed(kept):
                        yield piece
                    if len(kept) < len(text):
                        log.warning(
                            "%s, turn %d: reply cut at %d characters", self.name, request.turn, self.max_chars
                        )
                        break
                    async with asyncio.timeout_at(deadline):
                        chunk = await anext(chunks, None)
                    if chunk is None:
                        break
                    text = _text(chunk)
            finally:
                await _hang_up(chunks)
        if rest := guarded.finish():
            yield rest


def model_voice(settings: Settings) -> LLMVoice:
    """The voice of the configured model provider, bounded as the settings say."""
    return LLMVoice(
        chat_model(settings),
        name=f"llm:{settings.model}",
        retries=settings.llm_retries,
        first_token=settings.llm_timeout,
        deadline=settings.llm_deadline,
        max_chars=settings.max_tokens * CHARS_PER_TOKEN,
    )
