"""Settings of the model path: every key documented, the provider chosen explicitly, the reply's length limit
sent where each kind of server reads it."""

import re

import pytest

from app.bootstrap import build_voice
from app.config import PROJECT_ROOT, Settings
from app.llm import chat_model, provider
from app.llm.openai_compatible import openai_chat_model
from app.voice.fallback import FallbackVoice
from app.voice.scripted import ScriptedVoice


def test_every_setting_is_documented_in_env_example() -> None:
    documented = set(
        re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", (PROJECT_ROOT / ".env.example").read_text(), re.M)
    )
    keys = {field.alias for field in Settings.model_fields.values()}
    assert keys - documented == set()


def test_a_key_alone_never_selects_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-FAKE-OPENAI-API-KEY")  # what chainlit sets when CI=true
    monkeypatch.delenv("RAPPORT_LLM_PROVIDER", raising=False)
    assert isinstance(build_voice(Settings(_env_file=None)), ScriptedVoice)  # type: ignore[call-arg]


def test_the_openai_provider_gets_the_model_voice_with_its_stand_in() -> None:
    settings = Settings(_env_file=None, RAPPORT_LLM_PROVIDER="openai", RAPPORT_MODEL="llama3.1")  # type: ignore[call-arg]
    voice = build_voice(settings)
    assert isinstance(voice, FallbackVoice) and isinstance(voice.backup, ScriptedVoice)
    assert voice.name == "llm:llama3.1"


def test_offline_settings_build_no_model() -> None:
    settings = Settings(_env_file=None, RAPPORT_LLM_PROVIDER="offline")  # type: ignore[call-arg]
    assert not settings.uses_model
    with pytest.raises(ValueError, match="no model is configured"):
        chat_model(settings)


def test_the_length_limit_goes_where_the_server_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    official = openai_chat_model(Settings(_env_file=None, RAPPORT_MAX_TOKENS=120))  # type: ignore[call-arg]
    assert official.max_tokens == 120 and not official.extra_body  # sent as max_completion_tokens
    local = openai_chat_model(
        Settings(_env_file=None, OPENAI_BASE_URL="http://localhost:11434/v1", RAPPORT_MAX_TOKENS=120)
    )  # type: ignore[call-arg]
    assert local.max_tokens is None and local.extra_body == {"max_tokens": 120}
    assert local.openai_api_base == "http://localhost:11434/v1"


def test_providers_are_found_by_their_registered_name() -> None:
    """pyproject.toml registers each provider under its RAPPORT_LLM_PROVIDER name; nothing else lists them."""
    assert provider("openai") is openai_chat_model
    with pytest.raises(ValueError, match="no model provider is registered as 'nope'"):
        provider("nope")


def test_an_unknown_provider_is_refused_naming_the_ones_there_are() -> None:
    with pytest.raises(
        ValueError, match=r"unknown provider 'anthropic': RAPPORT_LLM_PROVIDER is one of offline, openai"
    ):
        Settings(_env_file=None, RAPPORT_LLM_PROVIDER="anthropic")  # type: ignore[call-arg]
