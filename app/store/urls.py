"""Database URLs: one setting, two drivers (sync for migrations, async for the app)."""

from pathlib import Path

from app.config import Settings


def database_url(settings: Settings) -> str:
    """The configured URL, or SQLite in the data folder so that nothing needs configuring."""
    if settings.database_url:
        return settings.database_url
    return f"sqlite:///{Path(settings.data_dir).resolve() / 'rapport.db'}"


def _split(url: str) -> tuple[str, str]:
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError(f"not a database URL: {url!r}")
    return scheme.lower(), rest


def sync_url(url: str) -> str:
    scheme, rest = _split(url)
    if scheme.startswith("sqlite"):
        return f"sqlite://{rest}"
    if scheme in {"postgres", "postgresql"} or scheme.startswith("postgresql+"):
        return f"postgresql+psycopg://{rest}"
    raise ValueError(f"unsupported database {scheme!r}: use sqlite or postgresql")


def async_url(url: str) -> str:
    scheme, rest = _split(sync_url(url))
    return f"sqlite+aiosqlite://{rest}" if scheme == "sqlite" else f"{scheme}://{rest}"


def is_sqlite(url: str) -> bool:
    return _split(url)[0].startswith("sqlite")
