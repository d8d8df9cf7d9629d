"""Database URLs: one setting, two drivers (sync for migrations, async for the app)."""

from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from app.config import Settings

SYNC_DRIVERS = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg"}
ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+psycopg"}


def database_url(settings: Settings) -> str:
    """The configured URL, or SQLite in the data folder so that nothing needs configuring."""
    if settings.database_url:
        return settings.database_url
    return f"sqlite:///{Path(settings.data_dir).resolve() / 'rapport.db'}"


def _parsed(url: str) -> tuple[URL, str]:
    """The URL and its database kind (sqlite or postgresql), whatever driver it names."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise ValueError(f"not a database URL: {url!r}") from error
    backend = parsed.get_backend_name()
    kind = "postgresql" if backend == "postgres" else backend
    if kind not in SYNC_DRIVERS:
        raise ValueError(f"unsupported database {backend!r}: use sqlite or postgresql")
    return parsed, kind


def _with_driver(url: str, drivers: dict[str, str]) -> str:
    parsed, kind = _parsed(url)
    return parsed.set(drivername=drivers[kind]).render_as_string(hide_password=False)


def sync_url(url: str) -> str:
    return _with_driver(url, SYNC_DRIVERS)


def async_url(url: str) -> str:
    return _with_driver(url, ASYNC_DRIVERS)


def is_sqlite(url: str) -> bool:
    return _parsed(url)[1] == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL (None for PostgreSQL or an in-memory SQLite database)."""
    parsed, kind = _parsed(url)
    if kind != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)
