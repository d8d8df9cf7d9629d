"""A conversation as plain data: the transcript format `rapport grade` reads and `rapport rehearse` writes."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Speaker = Literal["coach", "client"]

# What a coach's silence is stored as: an empty line in `rapport practice` and the web app's "Stay silent" button
# both send it, and the client hears a pause to fill.
PAUSE = "..."
# How transcripts and reports show a silence, so that it reads as one rather than as a bare "..." or nothing.
SILENCE_SHOWN = "… (silence)"


def as_said(learner: str) -> str:
    """A coach's turn as transcripts and reports show it: a silence (what an empty send stores) as a silence."""
    return SILENCE_SHOWN if learner.strip() in (PAUSE, "…") else learner


class Utterance(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    speaker: Speaker
    text: str


class Transcript(BaseModel):
    model_config = ConfigDict(extra="ignore")

    turns: list[Utterance] = Field(default_factory=list)

    def last_client_text(self) -> str | None:
        return next((u.text for u in reversed(self.turns) if u.speaker == "client"), None)
