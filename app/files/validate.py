"""Check authored files (personas, rubrics and hand-score sets) the way `rapport validate` reports them: every
error with file, line, field and reason, and ids unique across the files of a kind."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from app.domain.persona import Persona, authoring_warnings
from app.files.catalog import Catalog
from app.files.handscores import load_set
from app.files.loader import (
    FileError,
    FileLoadError,
    NestedTooDeeply,
    error_at,
    load_file,
    parse,
    read_text,
)
from app.grade.handscores import HandScores
from app.grade.rubric import Rubric

Kind = Literal["persona", "rubric", "handscores"]
MODELS: dict[Kind, type[BaseModel]] = {"persona": Persona, "rubric": Rubric, "handscores": HandScores}
# A file's kind: from its folder's name, else from the top-level keys only that kind has.
FOLDERS: dict[str, Kind] = {"personas": "persona", "rubrics": "rubric"}
KEYS: dict[Kind, frozenset[str]] = {
    "persona": frozenset({"brief", "contract", "disclosures", "lines", "sensitive_topics", "speaking_style"}),
    "rubric": frozenset({"criteria", "pass_mark", "blocking", "metrics"}),
    "handscores": frozenset({"rubric", "scorer", "transcripts"}),
}
_ID_LINE = re.compile(r"^id\s*:", re.MULTILINE)


class Checked(BaseModel):
    file: str
    kind: Kind | None
    id: str | None = None
    name: str | None = None  # a persona's display name, which learners pick it by
    errors: list[FileError]
    warnings: list[FileError] = []


def yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
    return [path]


def kind_of(path: Path) -> Kind | None:
    by_folder = FOLDERS.get(path.parent.name)
    if by_folder is not None:
        return by_folder
    try:
        _, data = parse(read_text(path))  # read_text: a file too big is refused before it is parsed
    except (FileLoadError, yaml.YAMLError, NestedTooDeeply):
        return None  # check_file reports why
    keys = set(data) if isinstance(data, dict) else set()
    scores = {kind: len(keys & wanted) for kind, wanted in KEYS.items()}
    best = max(scores.values())
    winners = [kind for kind, score in scores.items() if score == best]
    return winners[0] if best and len(winners) == 1 else None


class _AnyMapping(BaseModel):
    """Accepts any mapping: loading a file as this reports only that it cannot be read or parsed."""

    model_config = ConfigDict(extra="allow")


# The rubrics a hand-score set is checked against, loaded only if a hand-score set is among the files.
Rubrics = Callable[[], Catalog]


def check_file(path: Path, kind: Kind | None, rubrics: Rubrics | None = None) -> Checked:
    """One file's errors. A hand-score set is also checked against `rubrics()` (the rubric it names, its
    criteria, the transcripts it scores) when that is given."""
    kind = kind or kind_of(path)
    try:
        item = load_file(path, MODELS[kind] if kind else _AnyMapping)
        if kind == "handscores" and rubrics is not None:
            load_set(path, rubrics())
    except FileLoadError as error:
        return Checked(file=str(path), kind=kind, errors=error.errors)
    if kind is None:
        reason = (
            "cannot tell whether this is a persona, a rubric or a hand-score set: put it in a personas/ or "
            "rubrics/ folder"
        )
        return Checked(file=str(path), kind=None, errors=[FileError(file=str(path), reason=reason)])
    warnings = (
        [FileError(file=str(path), field=field, reason=reason) for field, reason in authoring_warnings(item)]
        if isinstance(item, Persona)
        else []
    )
    name = item.name if isinstance(item, Persona) else None
    item_id = str(getattr(item, "id", ""))
    return Checked(file=str(path), kind=kind, id=item_id, name=name, errors=[], warnings=warnings)


def _id_line(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = _ID_LINE.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _flag_duplicates(checked: list[Checked]) -> None:
    """Two files of one kind with the same id, or two personas with the same display name: the later one is
    the error (the catalog would skip a repeated id)."""
    seen: dict[tuple[Kind | None, str], str] = {}
    for item in checked:
        if item.id is None:
            continue
        first = seen.setdefault((item.kind, item.id), item.file)
        if first != item.file:
            reason = f"duplicate {item.kind} id {item.id!r} (also in {first})"
            item.errors.append(
                FileError(file=item.file, line=_id_line(Path(item.file)), field="id", reason=reason)
            )
    # Learners choose a client by name: two with one name cannot be told apart in the list.
    names: dict[str, str] = {}
    for item in checked:
        if item.kind != "persona" or item.name is None:
            continue
        first = names.setdefault(item.name.casefold(), item.file)
        if first != item.file:
            reason = (
                f"another persona has the display name {item.name!r} ({first}): "
                "learners could not tell them apart"
            )
            item.errors.append(error_at(Path(item.file), ("name",), reason))


def validate_paths(targets: list[tuple[Path, Kind | None]], rubrics: Rubrics | None = None) -> list[Checked]:
    """Every YAML file under the targets (files or folders), each with its errors; a target's kind None
    means: decide per file. `rubrics`: what hand-score sets are checked against."""
    checked: list[Checked] = []
    for path, kind in targets:
        if not path.exists():
            checked.append(
                Checked(file=str(path), kind=kind, errors=[FileError(file=str(path), reason="not found")])
            )
            continue
        folder_kind = kind or (FOLDERS.get(path.name) if path.is_dir() else None)
        checked.extend(check_file(file, folder_kind, rubrics) for file in yaml_files(path))
    _flag_duplicates(checked)
    return checked
