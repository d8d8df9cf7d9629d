"""The line under the message box says what is true for the mode: Chainlit's "LLMs can make mistakes" is not,
offline, where no language model speaks (it is set in every language Chainlit serves the page in)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

OFFLINE = "Offline practice: the client speaks scripted lines; no language model is used."
MODEL = (
    "A language model words the client's replies and can get things wrong; what the client reveals, and when, "
    "is decided by Rapport's rules."
)


def footer(provider: str) -> str:
    return OFFLINE if provider == "offline" else MODEL


def install(provider: Callable[[], str]) -> None:
    """`provider()` is the configured model provider ("offline" or "openai"), asked on each page load."""
    from chainlit.config import ChainlitConfig  # here: the texts above are read without importing Chainlit

    original = ChainlitConfig.load_translation

    def load_translation(self: ChainlitConfig, language: str) -> Any:
        translation = original(self, language)
        if isinstance(translation.get("chat"), dict):
            translation["chat"]["watermark"] = footer(provider())
        return translation

    ChainlitConfig.load_translation = load_translation  # type: ignore[method-assign]
