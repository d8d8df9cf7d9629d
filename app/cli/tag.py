"""`rapport tag [FILE|-]`: JSONL in ({"text", "context"?}), JSONL out ({"text", "moves"}), same order."""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from app.bootstrap import build_tagger
from app.cli.common import fail
from app.config import Settings


def tag(
    file: Annotated[str, typer.Argument(help="JSONL file of learner turns, or - for standard input.")] = "-",
) -> None:
    """Label learner turns with codebook move ids."""
    tagger = build_tagger(Settings())
    try:
        with sys.stdin if file == "-" else Path(file).open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    text, context = _parse(line, number)
                    moves = tagger.tag(text, context)
                    typer.echo(
                        json.dumps({"text": text, "moves": [str(m) for m in moves]}, ensure_ascii=False)
                    )
    except OSError as error:
        raise fail(f"cannot read {file}: {error}") from error


def _parse(line: str, number: int) -> tuple[str, str | None]:
    try:
        item = json.loads(line)
        text, context = item["text"], item.get("context")
        if not isinstance(text, str) or not (context is None or isinstance(context, str)):
            raise TypeError("'text' and 'context' must be strings")
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
        raise fail(f'line {number}: expected {{"text": ..., "context"?: ...}}: {error}') from error
    return text, context
