"""Load YAML files into pydantic models. A bad file yields errors naming file, line, field and reason;
it never stops the other files from loading."""

from __future__ import annotations

from pathlib import Path
from typing import Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


class FileError(BaseModel):
    file: str
    line: int | None = None
    field: str = ""
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field or '(file)'}: {self.reason}"


class FileLoadError(Exception):
    def __init__(self, errors: list[FileError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


class Loaded(BaseModel, Generic[M]):
    items: dict[str, M]
    errors: list[FileError]


def _line_of(node: yaml.Node | None, location: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the deepest YAML node on the error's path."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in location:
        if isinstance(node, yaml.MappingNode):
            node = next((value for name, value in node.value if name.value == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def load_file(path: Path, model: type[M]) -> M:
    """Parse and validate one file, or raise FileLoadError with every problem found."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        tree = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as error:
        raise FileLoadError([FileError(file=name, reason=f"cannot read: {error}")]) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise FileLoadError([FileError(file=name, line=line, reason=f"not valid YAML: {error}")]) from error
    if not isinstance(data, dict):
        raise FileLoadError(
            [FileError(file=name, line=1, reason="expected a mapping of fields at the top level")]
        )
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise FileLoadError(
            [
                FileError(
                    file=name,
                    line=_line_of(tree, tuple(detail["loc"])),
                    field=".".join(str(part) for part in detail["loc"]),
                    reason=detail["msg"],
                )
                for detail in error.errors()
            ]
        ) from error


def error_at(path: Path, location: tuple[int | str, ...], reason: str) -> FileError:
    """An error found after validation (a check against the rubric or another file), placed like a
    validation error: the line of the field the location names."""
    try:
        tree = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        tree = None
    field = ".".join(str(part) for part in location)
    return FileError(file=str(path), line=_line_of(tree, location), field=field, reason=reason)


def load_directory(directory: Path, model: type[M], id_field: str = "id") -> Loaded[M]:
    """Every *.yaml / *.yml file in the directory; good ones load even when others are broken."""
    items: dict[str, M] = {}
    errors: list[FileError] = []
    paths = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]) if directory.is_dir() else []
    if not directory.is_dir():
        errors.append(FileError(file=str(directory), reason="directory not found"))
    for path in paths:
        try:
            item = load_file(path, model)
        except FileLoadError as error:
            errors.extend(error.errors)
            continue
        key = str(getattr(item, id_field))
        if key in items:
            errors.append(FileError(file=str(path), field=id_field, reason=f"duplicate id {key!r}"))
            continue
        items[key] = item
    return Loaded[M](items=items, errors=errors)
