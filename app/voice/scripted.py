"""The offline voice: speaks the act with the persona's own authored lines, deterministic per run seed."""

import hashlib
import random
from collections.abc import AsyncIterator

from app.domain.voicing import VoiceRequest

RECENT_CLIENT_TURNS = 8


def _pick(options: list[str], request: VoiceRequest, salt: str) -> str:
    """A seeded choice that avoids repeating what the client said recently."""
    digest = hashlib.sha256(f"{request.seed}:{request.turn}:{request.act.kind}:{salt}".encode()).digest()
    order = list(options)
    random.Random(digest).shuffle(order)
    recent = {u.text for u in request.history[-2 * RECENT_CLIENT_TURNS :] if u.speaker == "client"}
    return next((line for line in order if not any(line in said for said in recent)), order[0])


class ScriptedVoice:
    name = "scripted"

    def speak(self, request: VoiceRequest) -> str:
        parts: list[str] = []
        if request.scripted_lines:
            parts.append(_pick(request.scripted_lines, request, "line"))
        if request.disclosure_text:
            parts.append(request.disclosure_text.strip())
        if request.hint_lines:
            parts.append(_pick(request.hint_lines, request, "hint"))
        return " ".join(part.strip() for part in parts)

    async def stream(self, request: VoiceRequest) -> AsyncIterator[str]:
        text = self.speak(request)
        for index, word in enumerate(text.split(" ")):
            yield word if index == 0 else " " + word
