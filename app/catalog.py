"""The authored content a run can use: personas (and, later, rubrics), loaded from their folders."""

from dataclasses import dataclass, field
from pathlib import Path

from app.domain.persona import Persona
from app.files.loader import FileError, load_directory


@dataclass
class Catalog:
    personas: dict[str, Persona]
    errors: list[FileError] = field(default_factory=list)

    def persona(self, persona_id: str) -> Persona:
        try:
            return self.personas[persona_id]
        except KeyError:
            known = ", ".join(sorted(self.personas)) or "none"
            raise KeyError(f"unknown persona {persona_id!r} (known: {known})") from None


def load_catalog(personas_dir: Path) -> Catalog:
    loaded = load_directory(personas_dir, Persona)
    return Catalog(personas=loaded.items, errors=loaded.errors)
