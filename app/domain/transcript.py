"""A conversation as plain data: the transcript format `rapport grade` reads and `rapport rehearse` writes."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Speaker = Literal["coach", "client"]


class Utterance(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    speaker: Speaker
    text: str


class Transcript(BaseModel):
    model_config = ConfigDict(extra="ignore")

    turns: list[Utterance] = Field(default_factory=list)

    def last_client_text(self) -> str | None:
        return next((u.text for u in reversed(self.turns) if u.speaker == "client"), None)
