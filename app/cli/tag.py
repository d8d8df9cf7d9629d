"""`rapport tag [FILE|-]`: JSONL in ({"text", "context"?}), JSONL out ({"text", "moves"}), same order."""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from app.cli.common import fail
from app.tag.offline import OfflineTagger


def tag(
    file: Annotated[str, typer.Argument(help="JSONL file of learner turns, or - for standard input.")] = "-",
) -> None:
    """Label learner turns with codebook move ids."""
    tagger = OfflineTagger()
    try:
        lines = sys.stdin if file == "-" else Path(file).open(encoding="utf-8")
    except OSError as error:
        raise fail(f"cannot read {file}: {error}") from error
    with lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                text = item["text"]
                context = item.get("context")
                if not isinstance(text, str) or not (context is None or isinstance(context, str)):
                    raise TypeError("'text' and 'context' must be strings")
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
                raise fail(f'line {number}: expected {{"text": ..., "context"?: ...}}: {error}') from error
            moves = tagger.tag(text, context)
            typer.echo(json.dumps({"text": text, "moves": [str(move) for move in moves]}, ensure_ascii=False))
