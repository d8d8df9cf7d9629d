"""A reader with a stand-in: the model reads the turn first, and the learned reader reads it when the model
fails (timeout, error, malformed output). Used for RAPPORT_TAGGER=llm."""

import logging

from app.domain.codebook import Move
from app.tag.tagger import Tagger

log = logging.getLogger(__name__)


class FallbackTagger:
    def __init__(self, primary: Tagger, fallback: Tagger) -> None:
        self.primary = primary
        self.fallback = fallback

    def tag(self, text: str, context: str | None = None) -> list[Move]:
        try:
            return self.primary.tag(text, context)
        except Exception as error:  # any failure of the model costs only this turn's model reading
            log.warning("model tagger failed, the learned reader stands in: %s", error)
            return self.fallback.tag(text, context)
