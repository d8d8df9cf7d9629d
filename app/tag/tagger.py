"""What reads a learner turn's moves: the offline reader, the rules, a model, a fallback of them."""

from __future__ import annotations

from typing import Protocol

from app.domain.codebook import Move


class Tagger(Protocol):
    def tag(self, text: str, context: str | None = None) -> list[Move]: ...
