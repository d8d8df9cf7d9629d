"""Pinning: an assignment keeps the persona and rubric as they were when it was set. The validated content is
stored as JSON with the sha256 of its canonical form, and attempts rebuild the models from that copy, so a
later edit to the files changes neither how an attempt runs nor how it is graded."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from app.domain.persona import Persona
from app.domain.revise import revised
from app.grade.rubric import Rubric
from app.store.assignments import Pinned


def sha256_of(content: dict[str, Any]) -> str:
    """The hash of the content itself (sorted keys, no spacing): comments and key order in a file do not
    count, a changed value does."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _pin(model: Persona | Rubric, name: str, version: int) -> Pinned:
    content = model.model_dump(mode="json")
    return Pinned(id=model.id, name=name, version=version, sha256=sha256_of(content), content=content)


def pin_persona(persona: Persona) -> Pinned:
    return _pin(persona, persona.name, 1)


def pin_rubric(rubric: Rubric) -> Pinned:
    return _pin(rubric, rubric.title, rubric.version)


def pinned_persona(content: dict[str, Any]) -> Persona:
    return Persona.model_validate(content)


def pinned_rubric(content: dict[str, Any], pass_mark: float) -> Rubric:
    """The pinned rubric, with the assignment's pass mark in place of the rubric's own."""
    return revised(Rubric.model_validate(content), pass_mark=pass_mark)
