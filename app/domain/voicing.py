"""What a voice is told for one turn. Built by the director; holds nothing that is still locked."""

from pydantic import BaseModel, ConfigDict, Field

from app.domain.acts import Act
from app.domain.transcript import Utterance


class PublicProfile(BaseModel):
    """The part of a persona any voice may see: who they are and what they would say when asked."""

    model_config = ConfigDict(frozen=True)

    name: str
    role: str
    background: str
    speaking_style: str
    setting: str
    relationship: str
    goal: str
    success: str
    importance: str
    working_style: str


class VoiceRequest(BaseModel):
    model_config = ConfigDict(frozen=True)

    profile: PublicProfile
    act: Act
    guidance: str  # the act in words, for a model
    scripted_lines: list[str] = Field(default_factory=list)  # authored variants for this act and level
    spare_lines: list[str] = Field(
        default_factory=list
    )  # the act's other authored lines, once those are spent
    confirm_lines: list[str] = Field(default_factory=list)  # a short yes to a reflection, before the answer
    disclosure_text: str | None = None  # the one disclosure unlocked this turn, if any
    fact_text: str | None = None  # the fact that answers this turn's question, if any
    known_facts: list[str] = Field(default_factory=list)  # facts the client is ready to say at this level
    shared: list[str] = Field(default_factory=list)  # what the client has already disclosed, one line each
    hint_lines: list[str] = Field(default_factory=list)  # the hint said this turn
    last_session: list[str] = Field(default_factory=list)  # a second session: what was agreed last time
    history: list[Utterance] = Field(default_factory=list)  # recent conversation, oldest first
    client_said: list[str] = Field(default_factory=list)  # everything the client has said in the run
    seed: int = 0
    turn: int = 0
