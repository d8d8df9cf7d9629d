"""The edge where models are reached: each provider builds a LangChain chat model from the settings, and the
voice and the tagger see only LangChain's chat-model interface. The OpenAI SDK, langchain-openai and the HTTP
client are imported here and nowhere else (a layer contract in pyproject.toml holds it).

A provider is a module here with one function `Settings -> BaseChatModel`, registered under its
RAPPORT_LLM_PROVIDER name in pyproject.toml's `rapport.providers` entry points (docs/contributing.md)."""

from collections.abc import Callable
from importlib.metadata import entry_points

from langchain_core.language_models import BaseChatModel

from app.config import PROVIDER_GROUP, Settings

ChatModelBuilder = Callable[[Settings], BaseChatModel]


def provider(name: str) -> ChatModelBuilder:
    """The registered provider's builder, imported only now that it is wanted."""
    points = entry_points(group=PROVIDER_GROUP, name=name)
    if not points:
        raise ValueError(f"no model provider is registered as {name!r}")
    builder: ChatModelBuilder = next(iter(points)).load()
    return builder


def chat_model(settings: Settings) -> BaseChatModel:
    """The configured provider's chat model; settings without a model are a programming error here."""
    if not settings.uses_model:
        raise ValueError("no model is configured: RAPPORT_LLM_PROVIDER is offline")
    return provider(settings.llm_provider)(settings)
