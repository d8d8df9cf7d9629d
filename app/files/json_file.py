"""Reading a JSON file a user pointed at, with one readable reason for any failure."""

import json
from pathlib import Path

# Editors on Windows start UTF-8 files with a byte-order mark; it says nothing about the content.
ENCODING = "utf-8-sig"
TOO_DEEP = "nested too deeply to read"


class UnreadableJson(Exception):
    """A JSON file the user pointed at that cannot be used; the message says why."""


def not_utf8(error: UnicodeDecodeError) -> str:
    return f"not UTF-8 text (byte {error.object[error.start]:#04x} at offset {error.start})"


def read_json(path: Path) -> object:
    """Parse a user-supplied JSON file, turning every failure into one readable reason."""
    try:
        return json.loads(path.read_text(encoding=ENCODING))
    except OSError as error:
        raise UnreadableJson(f"cannot read: {error}") from error
    except UnicodeDecodeError as error:
        raise UnreadableJson(not_utf8(error)) from error
    except json.JSONDecodeError as error:
        raise UnreadableJson(f"not valid JSON: {error}") from error
    except RecursionError as error:  # the parser recurses once per level of nesting
        raise UnreadableJson(f"not valid JSON: {TOO_DEEP}") from error
