"""The authored content a run can use: personas and rubrics, loaded from their folders (a bad file becomes an
error naming file, field and reason; the rest still load)."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from app.domain.persona import Persona
from app.files.loader import FileError, load_directory
from app.grade.rubric import Rubric

T = TypeVar("T")


@dataclass
class Catalog:
    personas: dict[str, Persona]
    errors: list[FileError] = field(default_factory=list)
    rubrics: dict[str, Rubric] = field(default_factory=dict)

    def persona(self, persona_id: str) -> Persona:
        return _lookup("persona", self.personas, persona_id)

    def rubric(self, rubric_id: str) -> Rubric:
        return _lookup("rubric", self.rubrics, rubric_id)


def _lookup(kind: str, items: dict[str, T], key: str) -> T:
    try:
        return items[key]
    except KeyError:
        known = ", ".join(sorted(items)) or "none"
        raise KeyError(f"unknown {kind} {key!r} (known: {known})") from None


def load_catalog(personas_dir: Path, rubrics_dir: Path | None = None) -> Catalog:
    """Personas, and rubrics when given their folder; a bad file becomes an error, the rest still load."""
    loaded = load_directory(personas_dir, Persona)
    rubrics = load_directory(rubrics_dir, Rubric) if rubrics_dir is not None else None
    return Catalog(
        personas=loaded.items,
        errors=[*loaded.errors, *(rubrics.errors if rubrics else [])],
        rubrics=rubrics.items if rubrics else {},
    )
