"""Reading a JSON file a user pointed at, with one readable reason for any failure."""

import json
from pathlib import Path


class UnreadableJson(Exception):
    """A JSON file the user pointed at that cannot be used; the message says why."""


def read_json(path: Path) -> object:
    """Parse a user-supplied JSON file, turning every failure into one readable reason."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise UnreadableJson(f"cannot read: {error}") from error
    except json.JSONDecodeError as error:
        raise UnreadableJson(f"not valid JSON: {error}") from error
