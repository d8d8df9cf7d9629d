"""JSON Schema files for the authored YAML, so editors can autocomplete and check personas and rubrics.

Regenerate with `python -m app.files.schemas`; a test fails when the committed files are stale."""

import json
from pathlib import Path

from pydantic import BaseModel

from app.config import PROJECT_ROOT
from app.domain.persona import Persona
from app.grade.handscores import HandScores
from app.grade.result import GradeContract
from app.grade.rubric import Rubric

SCHEMA_DIR = PROJECT_ROOT / "schemas"
SCHEMAS: dict[str, type[BaseModel]] = {
    "persona.schema.json": Persona,
    "rubric.schema.json": Rubric,
    "grade.schema.json": GradeContract,  # the output of `rapport grade --json`
    "handscores.schema.json": HandScores,  # an instructor's hand scores for `rapport calibrate`
}


def render(model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_all(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = directory / name
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all():
        print(path)
