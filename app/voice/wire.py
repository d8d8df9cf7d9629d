"""What the server and its voice process say to each other: one JSON object per line, on the child's stdin
and stdout. The first line the child reads is its settings; after that, jobs and cancellations go in and
pieces of replies come out, each tagged with the job's number so that many replies can stream at once."""

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, TypeAdapter

from app.config import Settings
from app.domain.voicing import VoiceRequest
from app.voice.reply import Reply

# The longest line either side reads: a request carries recent history and authored lines, well below this.
LINE_LIMIT = 16 * 2**20


class Job(BaseModel):
    kind: Literal["job"] = "job"
    id: int
    request: VoiceRequest


class Cancel(BaseModel):
    """The learner left: stop this job's model call."""

    kind: Literal["cancel"] = "cancel"
    id: int


class Ready(BaseModel):
    """The child has built its voice and takes jobs."""

    kind: Literal["ready"] = "ready"


class Piece(BaseModel):
    """Words of job `id`'s reply that passed the guard and may be shown now."""

    kind: Literal["piece"] = "piece"
    id: int
    text: str


class Done(BaseModel):
    kind: Literal["done"] = "done"
    id: int
    reply: Reply


class Failed(BaseModel):
    """Job `id` raised in the child (a bug: the voice itself never raises); the server stands in."""

    kind: Literal["failed"] = "failed"
    id: int
    reason: str


ToWorker = TypeAdapter[Job | Cancel](Annotated[Job | Cancel, Field(discriminator="kind")])
FromWorker = TypeAdapter[Ready | Piece | Done | Failed](
    Annotated[Ready | Piece | Done | Failed, Field(discriminator="kind")]
)


def line(message: BaseModel) -> bytes:
    return message.model_dump_json().encode() + b"\n"


def settings_line(settings: Settings) -> bytes:
    """The settings, API key included: it goes down a pipe, never onto a command line or into the environment."""
    data: dict[str, Any] = settings.model_dump(mode="json", by_alias=True)
    if settings.openai_api_key is not None:
        data["OPENAI_API_KEY"] = settings.openai_api_key.get_secret_value()
    return json.dumps(data).encode() + b"\n"


def settings_from(raw: bytes) -> Settings:
    return Settings(**json.loads(raw))
