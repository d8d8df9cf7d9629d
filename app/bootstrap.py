"""Wires settings to the concrete tagger, voice and catalog. Entry points call this and nothing deeper."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.config import Settings
from app.files.catalog import Catalog, load_catalog

# What a command does not use it does not load: the reader, the voice and the turn loop are imported where they
# are built (LangChain only when a model is configured: a second that offline use never pays), so `rapport
# validate` or `rapport users` start in a fraction of the time.
if TYPE_CHECKING:
    from app.domain.persona import Persona
    from app.domain.trust_state import TrustState
    from app.session import Rehearsal
    from app.tag.tagger import Tagger
    from app.voice.base import Voice

TAGGING_MAX_TOKENS = 120  # a list of move ids


@dataclass
class Services:
    settings: Settings
    catalog: Catalog
    tagger: Tagger
    voice: Voice
    assist: Tagger | None = None  # the LLM tagger, run alongside the voice when RAPPORT_LLM_TAGGING is on

    def rehearsal(
        self, persona: Persona, seed: int | None = None, start: TrustState | None = None
    ) -> Rehearsal:
        from app.session import Rehearsal

        seed = self.settings.seed if seed is None else seed
        return Rehearsal(persona, self.tagger, self.voice, seed=seed, assist=self.assist, start=start)


def build_voice(settings: Settings) -> Voice:
    if settings.uses_model:
        from app.voice.fallback import FallbackVoice
        from app.voice.llm import model_voice

        return FallbackVoice(model_voice(settings))
    from app.voice.scripted import ScriptedVoice

    return ScriptedVoice()


def build_server_voice(settings: Settings) -> Voice:
    """The voice for the practice server: a model voice runs in a process of its own (app/voice/process.py)."""
    voice = build_voice(settings)
    if settings.uses_model and settings.voice_process:
        from app.voice.process import VoiceProcess

        return VoiceProcess(settings, local=voice)
    return voice


def _model_tagger(settings: Settings) -> Tagger:
    from app.llm import chat_model
    from app.tag.llm import LLMTagger

    # Labelling wants the most likely answer, and a list of ids is short.
    labelling = settings.model_copy(update={"temperature": 0.0, "max_tokens": TAGGING_MAX_TOKENS})
    return LLMTagger(
        chat_model(labelling),
        method=settings.structured_method,
        retries=settings.llm_retries,
        deadline=settings.llm_deadline,
    )


def build_offline_tagger(settings: Settings) -> Tagger:
    """The offline reader: the learned one, or the rules alone when RAPPORT_TAGGER=rules."""
    from app.tag.offline import OfflineTagger
    from app.tag.reader import LearnedTagger

    return OfflineTagger() if settings.tagger == "rules" else LearnedTagger()


def build_tagger(settings: Settings) -> Tagger:
    """The reader of learner moves that the engine acts on (RAPPORT_TAGGER)."""
    if settings.tagger == "llm":
        from app.tag.fallback import FallbackTagger
        from app.tag.reader import LearnedTagger

        return FallbackTagger(_model_tagger(settings), LearnedTagger())
    return build_offline_tagger(settings)


def build_assist(settings: Settings) -> Tagger | None:
    """The model tagger run alongside the voice (RAPPORT_LLM_TAGGING); pointless when it already reads first."""
    if settings.uses_model and settings.llm_tagging and settings.tagger != "llm":
        return _model_tagger(settings)
    return None


def load_content(settings: Settings) -> Catalog:
    """The configured personas and rubrics; a bad file is an error in the catalog, the rest still load."""
    return load_catalog(settings.personas_dir, settings.rubrics_dir)


def bootstrap(settings: Settings | None = None, *, serving: bool = False) -> Services:
    """`serving`: for the practice server, which voices many learners' turns at once."""
    settings = settings or Settings()
    return Services(
        settings=settings,
        catalog=load_content(settings),
        tagger=build_tagger(settings),
        voice=build_server_voice(settings) if serving else build_voice(settings),
        assist=build_assist(settings),
    )
