"""Settings from the environment (and a .env file). Every key is documented in .env.example."""

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    llm_provider: Literal["offline", "openai"] = Field(default="offline", alias="RAPPORT_LLM_PROVIDER")
    personas_dir: Path = Field(default=PROJECT_ROOT / "personas", alias="RAPPORT_PERSONAS_DIR")
    rubrics_dir: Path = Field(default=PROJECT_ROOT / "rubrics", alias="RAPPORT_RUBRICS_DIR")
    seed: int = Field(default=7, alias="RAPPORT_SEED")
