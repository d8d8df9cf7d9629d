"""The LLM voice: a chat model says the director's act in the persona's words, guarded before it is shown.

One model call per turn. It raises VoiceFault when the model cannot give a usable reply; `FallbackVoice` turns
that into the scripted reply and a note.
"""

from collections.abc import AsyncIterator

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, BaseMessageChunk

from app.domain.voicing import VoiceRequest
from app.voice.guard import Guard, GuardedStream
from app.voice.model import acall, call, faults
from app.voice.prompt import Message, messages


def _text(message: BaseMessage) -> str:
    return str(message.text)


async def _opened(model: BaseChatModel, prompt: list[Message]) -> tuple[str, AsyncIterator[BaseMessageChunk]]:
    """Start a streamed call and wait for its first chunk: the part of a call that is worth retrying."""
    chunks = aiter(model.astream(prompt))
    first = await anext(chunks, None)
    return ("" if first is None else _text(first)), chunks


class LLMVoice:
    def __init__(self, model: BaseChatModel, name: str, retries: int = 0) -> None:
        self.model = model
        self.name = name
        self.retries = retries

    def speak(self, request: VoiceRequest) -> str:
        with faults():
            answer = call(self.retries, self.model.invoke, messages(request))
        return Guard(request).vet(_text(answer))

    async def stream(self, request: VoiceRequest) -> AsyncIterator[str]:
        guarded = GuardedStream(Guard(request))
        with faults():
            first, chunks = await acall(self.retries, _opened, self.model, messages(request))
            if piece := guarded.feed(first):
                yield piece
            async for chunk in chunks:
                if piece := guarded.feed(_text(chunk)):
                    yield piece
        if rest := guarded.finish():
            yield rest
