"""Load YAML files into pydantic models. A bad file yields errors naming file, line, field and reason;
it never stops the other files from loading."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)
# Personas and rubrics are a few kilobytes; a file this big is a mistake (a log, a data dump) and parsing it
# would only hold everything up.
MAX_FILE_BYTES = 1_000_000
ENCODING = "utf-8-sig"  # a byte-order mark, as some editors save UTF-8, is not part of the text
# libyaml's parser where PyYAML was built with it (the wheels are): ten times faster than PyYAML's own, which
# every start of the server and every command pays for each persona and rubric.
LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Far deeper than any persona or rubric nests. libyaml builds the tree recursively in C, one level per level
# of nesting, and a file nested deeply enough would crash the process; deeper files are refused first.
MAX_DEPTH = 100
_OPENS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSES = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


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


def _duplicate_keys(node: yaml.Node | None, name: str, where: tuple[str, ...] = ()) -> Iterator[FileError]:
    """Keys given twice in one mapping: YAML loaders keep the last silently, so an author's first value would
    vanish without a word."""
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(item, name, (*where, str(index)))
    if not isinstance(node, yaml.MappingNode):
        return
    lines: dict[str, int] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
            line = key.start_mark.line + 1
            if key.value in lines:
                field = ".".join((*where, key.value))
                reason = f"duplicate key {key.value!r} (first on line {lines[key.value]})"
                yield FileError(file=name, line=line, field=field, reason=reason)
            lines.setdefault(key.value, line)
        yield from _duplicate_keys(value, name, (*where, str(key.value)))


def read_text(path: Path) -> str:
    """The file's text; FileLoadError if it is too big or not UTF-8 (with the line of the first bad byte)."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            reason = f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (is this the right file?)"
            raise FileLoadError([FileError(file=name, reason=reason)])
        raw = path.read_bytes()
    except OSError as error:
        raise FileLoadError([FileError(file=name, reason=f"cannot read: {error}")]) from error
    try:
        return raw.decode(ENCODING)
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        reason = f"not UTF-8 text (byte {raw[error.start]:#04x}); save the file as UTF-8"
        raise FileLoadError([FileError(file=name, line=line, reason=reason)]) from error


class NestedTooDeeply(Exception):
    pass


def parse(text: str) -> tuple[yaml.Node | None, object]:
    """The document's node tree (where each value is, for error lines) and its data, parsed once."""
    depth = 0
    for event in yaml.parse(text, Loader=LOADER):  # the parser's events come from a loop, not recursion
        depth += isinstance(event, _OPENS) - isinstance(event, _CLOSES)
        if depth > MAX_DEPTH:
            raise NestedTooDeeply
    loader = LOADER(text)
    try:
        tree = loader.get_single_node()
        return tree, None if tree is None else loader.construct_document(tree)
    finally:
        loader.dispose()


def load_file(path: Path, model: type[M]) -> M:
    """Parse and validate one file, or raise FileLoadError with every problem found."""
    name = str(path)
    text = read_text(path)
    try:
        tree, data = parse(text)
        duplicates = list(_duplicate_keys(tree, name))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise FileLoadError([FileError(file=name, line=line, reason=f"not valid YAML: {error}")]) from error
    except NestedTooDeeply as error:
        raise FileLoadError([FileError(file=name, reason="not valid YAML: nested too deeply")]) from error
    if duplicates:
        raise FileLoadError(duplicates)
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
        tree, _ = parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, NestedTooDeeply):
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
