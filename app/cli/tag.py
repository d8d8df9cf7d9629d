"""`rapport tag [FILE|-]`: JSONL in ({"text", "context"?}), JSONL out ({"text", "moves"}), same order."""

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from app.bootstrap import build_tagger
from app.cli.common import fail
from app.config import Settings
from app.files.json_file import ENCODING, TOO_DEEP, not_utf8


def tag(
    file: Annotated[str, typer.Argument(help="JSONL file of learner turns, or - for standard input.")] = "-",
) -> None:
    """Label learner turns with codebook move ids."""
    tagger = build_tagger(Settings())
    try:
        with sys.stdin.buffer if file == "-" else Path(file).open("rb") as lines:
            for number, line in _decoded(lines, file):
                if line.strip():
                    text, context = _parse(line, number)
                    moves = tagger.tag(text, context)
                    typer.echo(
                        json.dumps({"text": text, "moves": [str(m) for m in moves]}, ensure_ascii=False)
                    )
    except OSError as error:
        raise fail(f"cannot read {file}: {error}") from error


def _decoded(lines: BinaryIO, file: str) -> Iterator[tuple[int, str]]:
    """Each line as text, decoded on its own so that a bad byte is reported on its own line."""
    for number, raw in enumerate(lines, start=1):
        try:
            yield number, raw.decode(ENCODING if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise fail(f"{file}: line {number}: {not_utf8(error)}") from error


def _parse(line: str, number: int) -> tuple[str, str | None]:
    try:
        item = json.loads(line)
        text, context = item["text"], item.get("context")
        if not isinstance(text, str) or not (context is None or isinstance(context, str)):
            raise TypeError("'text' and 'context' must be strings")
    except RecursionError as error:  # the parser recurses once per level of nesting
        raise fail(f"line {number}: not valid JSON: {TOO_DEEP}") from error
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
        raise fail(f'line {number}: expected {{"text": ..., "context"?: ...}}: {error}') from error
    return text, context
