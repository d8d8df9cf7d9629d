"""The shipped personas and the learned move reader, each loaded once per test process."""

from functools import cache

from app.config import PROJECT_ROOT
from app.domain.persona import Persona
from app.files.loader import load_file
from app.tag.reader import LearnedTagger


@cache
def shipped_persona(persona_id: str) -> Persona:
    return load_file(PROJECT_ROOT / "personas" / f"{persona_id}.yaml", Persona)


@cache
def learned_tagger() -> LearnedTagger:
    return LearnedTagger()
