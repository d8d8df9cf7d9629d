"""The edge where models are reached: each provider builds a LangChain chat model from the settings, and the
voice and the tagger see only LangChain's chat-model interface. The OpenAI SDK, langchain-openai and the HTTP
client are imported here and nowhere else (a layer contract in pyproject.toml holds it)."""

from collections.abc import Callable

from langchain_core.language_models import BaseChatModel

from app.config import ModelProvider, Settings
from app.llm.openai_compatible import openai_chat_model

# One entry per provider RAPPORT_LLM_PROVIDER can name (besides "offline", which uses no model).
PROVIDERS: dict[ModelProvider, Callable[[Settings], BaseChatModel]] = {"openai": openai_chat_model}


def chat_model(settings: Settings) -> BaseChatModel:
    """The configured provider's chat model; settings without a model are a programming error here."""
    if settings.llm_provider == "offline":
        raise ValueError("no model is configured: RAPPORT_LLM_PROVIDER is offline")
    return PROVIDERS[settings.llm_provider](settings)
