"""Files only the server's own user may read: the data folder (0700) and the SQLite database (0600), as the
login secret already is. Learners' words and password hashes live there."""

from __future__ import annotations

import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(path: Path) -> None:
    """Make the folder (and its parents) if missing, and leave it readable by its owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    os.chmod(path, FOLDER_MODE)  # mkdir's mode is cut by the umask and ignored for a folder that exists


def private_file(path: Path) -> None:
    """Make the file (empty) if missing, and leave it readable by its owner only. SQLite gives its -wal and
    -shm files the database file's mode, so they follow."""
    private_folder(path.parent)
    path.touch(mode=FILE_MODE, exist_ok=True)
    os.chmod(path, FILE_MODE)
