"""The voice interface: every voice turns a VoiceRequest into the coachee's words."""

from collections.abc import AsyncIterator
from typing import Protocol

from app.domain.voicing import VoiceRequest


class Voice(Protocol):
    name: str

    def speak(self, request: VoiceRequest) -> str:
        """The whole reply."""
        ...

    def stream(self, request: VoiceRequest) -> AsyncIterator[str]:
        """The reply in pieces, as they become available."""
        ...
