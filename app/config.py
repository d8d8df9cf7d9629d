"""Settings from the environment (and a .env file). Every key is documented in .env.example."""

from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

StructuredMethod = Literal["json_schema", "function_calling", "json_mode"]
# Providers that reach a model are registered as entry points in this group (pyproject.toml), each naming the
# function that builds its chat model (app/llm); "offline" reaches none.
PROVIDER_GROUP = "rapport.providers"
OFFLINE = "offline"
TaggerKind = Literal["learned", "rules", "llm"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # The provider is chosen explicitly, never from whether a key is set: some tools (chainlit with CI=true)
    # overwrite OPENAI_API_KEY with a fake one.
    llm_provider: str = Field(default=OFFLINE, alias="RAPPORT_LLM_PROVIDER")
    personas_dir: Path = Field(default=PROJECT_ROOT / "personas", alias="RAPPORT_PERSONAS_DIR")
    rubrics_dir: Path = Field(default=PROJECT_ROOT / "rubrics", alias="RAPPORT_RUBRICS_DIR")
    seed: int = Field(default=7, alias="RAPPORT_SEED")

    # The "openai" provider: any server that speaks the OpenAI chat-completions API.
    openai_api_key: SecretStr | None = Field(default=None, alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(default=None, alias="OPENAI_BASE_URL")
    model: str = Field(default="gpt-4o-mini", alias="RAPPORT_MODEL")
    temperature: float = Field(default=0.7, ge=0, le=2, alias="RAPPORT_TEMPERATURE")
    max_tokens: int = Field(default=200, ge=16, alias="RAPPORT_MAX_TOKENS")
    llm_timeout: float = Field(default=20.0, gt=0, alias="RAPPORT_LLM_TIMEOUT")
    # The most one model call may take, every try and wait included: a server that sends a byte now and then
    # never trips the per-read timeout above.
    llm_deadline: float = Field(default=45.0, gt=0, alias="RAPPORT_LLM_DEADLINE")
    llm_retries: int = Field(default=2, ge=0, le=10, alias="RAPPORT_LLM_RETRIES")
    llm_tagging: bool = Field(default=False, alias="RAPPORT_LLM_TAGGING")
    # Who reads the learner's moves: the learned reader (offline, the default), the old rules alone (for
    # comparison), or the model before the voice (one more model call per turn; the learned reader stands in
    # when it fails). "llm" needs RAPPORT_LLM_PROVIDER=openai.
    tagger: TaggerKind = Field(default="learned", alias="RAPPORT_TAGGER")
    structured_method: StructuredMethod = Field(default="json_schema", alias="RAPPORT_STRUCTURED_METHOD")
    # The server streams model replies from a child process: the model client's per-chunk work then runs on
    # the second core instead of the event loop every learner shares.
    voice_process: bool = Field(default=True, alias="RAPPORT_VOICE_PROCESS")
    # Offline, the scripted voice has a whole reply at once; the page shows it at this many words a second, as
    # a person (or a model) would type it. 0 shows each reply at once.
    reading_pace: float = Field(default=25.0, ge=0, alias="RAPPORT_READING_PACE")

    # The practice app (`rapport serve`): where its database, generated secret and Chainlit files live.
    data_dir: Path = Field(default=PROJECT_ROOT / "data", alias="RAPPORT_DATA_DIR")
    database_url: str | None = Field(default=None, alias="DATABASE_URL")  # unset: SQLite in data_dir
    # On SIGTERM the server finishes the chats' work under way before it exits, for this long at most
    # (app/ui/drain.py); deploy/'s stop waits (systemd's TimeoutStopSec) must be longer.
    drain_seconds: float = Field(default=15.0, ge=0, alias="RAPPORT_DRAIN_SECONDS")

    @property
    def uses_model(self) -> bool:
        """Whether a model provider is configured (the voice and the optional taggers then use it)."""
        return self.llm_provider != OFFLINE

    @field_validator("llm_provider")
    @classmethod
    def _a_registered_provider(cls, name: str) -> str:
        known = (OFFLINE, *provider_names())
        if name not in known:
            raise ValueError(f"unknown provider {name!r}: RAPPORT_LLM_PROVIDER is one of {', '.join(known)}")
        return name

    @model_validator(mode="after")
    def _llm_tagger_needs_a_model(self) -> "Settings":
        if self.tagger == "llm" and not self.uses_model:
            raise ValueError(
                "RAPPORT_TAGGER=llm needs a model: set RAPPORT_LLM_PROVIDER=openai (see docs/llm.md)"
            )
        return self


@cache
def provider_names() -> tuple[str, ...]:
    """The registered providers' names, read from the installed package's metadata: checking a setting
    imports no provider."""
    return tuple(sorted(point.name for point in entry_points(group=PROVIDER_GROUP)))
