"""The data folder and the SQLite database are the server user's alone (0700 / 0600), like the login secret:
made so, and put right when an older install left them readable by everyone."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from app.cli.serve import prepare
from app.config import Settings
from app.store.migrate import upgrade


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_and_its_folder_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "fresh" / "data"
    upgrade(f"sqlite:///{folder / 'rapport.db'}")
    assert mode(folder) == 0o700
    assert mode(folder / "rapport.db") == 0o600


def test_serve_makes_the_data_folder_private_and_mends_an_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    (data / "rapport.db").touch()
    (data / "rapport.db").chmod(0o644)
    # prepare() sets these for Chainlit; monkeypatch puts them back afterwards.
    monkeypatch.setenv("CHAINLIT_APP_ROOT", str(tmp_path))
    monkeypatch.setenv("CHAINLIT_AUTH_SECRET", "x" * 48)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(data))
    prepare(Settings())
    assert mode(data) == 0o700
    assert mode(data / "rapport.db") == 0o600
    assert mode(data / "auth_secret") == 0o600
