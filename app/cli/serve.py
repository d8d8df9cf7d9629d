"""`rapport serve [--host --port]`: the practice app in the browser. Nothing to configure: the database
(SQLite in the data folder unless DATABASE_URL is set) is migrated; a login secret is made once and kept; on
the very first start an instructor account is made and its generated password shown once."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Annotated

import typer

from app.cli.common import fail
from app.config import Settings
from app.files.catalog import load_catalog
from app.files.loader import FileError

UI_FILES = Path(__file__).resolve().parent.parent / "ui"
README = """# Practising with Rapport

Pick a client at the top left, read the brief, then talk to them as their coach.

- Trust is hidden, as in a real session. Contract first, ask permission before sensitive areas, and listen.
- **Rewind here** under a reply takes you back to just before that turn, exactly as things were.
- **End session** grades the session: result, rubric, the trust timeline and what you could say instead.
- Assignments your instructor set are in the same list ("Assignment: ..."); ending one submits the attempt.
- Instructors: the gradebook is at /gradebook.
"""


def _replace(path: Path, content: bytes) -> None:
    """`path` with `content`, swapped in whole: a server starting meanwhile never reads half a file."""
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    draft.write_bytes(content)
    os.replace(draft, path)


def chainlit_root(data_dir: Path) -> Path:
    """Chainlit reads its settings from `<root>/.chainlit/config.toml` and keeps files in `<root>/.files`."""
    root = data_dir / "chainlit"
    (root / ".chainlit").mkdir(parents=True, exist_ok=True)
    _replace(root / ".chainlit" / "config.toml", (UI_FILES / "chainlit.toml").read_bytes())
    # The notices' look; each file swapped in whole (servers may share a data folder).
    for source in (UI_FILES / "public").rglob("*"):
        if source.is_file():
            target = root / "public" / source.relative_to(UI_FILES / "public")
            target.parent.mkdir(parents=True, exist_ok=True)
            _replace(target, source.read_bytes())
    _replace(root / "chainlit.md", README.encode())
    return root


def prepare(settings: Settings) -> None:
    """Everything before Chainlit is imported: data folder, schema, secret, Chainlit's folder."""
    from app.practice.server_setup import auth_secret, prepare_data_folder_and_database

    data_dir = prepare_data_folder_and_database(settings)
    os.environ["CHAINLIT_APP_ROOT"] = str(chainlit_root(data_dir))
    os.environ.setdefault("CHAINLIT_AUTH_SECRET", auth_secret(data_dir))


def check_personas(settings: Settings) -> None:
    """Before anything starts: name every persona file that did not load, and refuse to start with none that
    did (every chat would fail). Rubric files are `rapport validate`'s business; the server starts without."""
    catalog = load_catalog(settings.personas_dir)
    by_file: dict[str, list[FileError]] = {}
    for error in catalog.errors:
        by_file.setdefault(error.file, []).append(error)
    for errors in by_file.values():  # one line per file: a server log, not a validation report
        more = f" (and {len(errors) - 1} more: see rapport validate)" if len(errors) > 1 else ""
        typer.echo(f"warning: persona file not loaded: {errors[0]}{more}", err=True)
    if not catalog.personas:
        raise fail(
            f"no usable persona in {settings.personas_dir}, so no chat could start: fix the files named above "
            "(rapport validate lists every error) or point RAPPORT_PERSONAS_DIR at a folder of personas"
        )


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Run the practice app (log in, practise, get graded) at http://HOST:PORT."""
    from app.practice.server_setup import (
        FIRST_INSTRUCTOR,
        AnotherServer,
        database_url,
        first_instructor,
        hold_for_this_server,
    )

    settings = Settings()
    check_personas(settings)
    try:
        hold_for_this_server(database_url(settings))
    except AnotherServer as refused:
        raise fail(str(refused), code=1) from None
    prepare(settings)
    password = asyncio.run(first_instructor(database_url(settings)))
    if password is not None:
        typer.echo(
            f"First start: made the instructor account. Log in as  {FIRST_INSTRUCTOR}  with password  {password}\n"
            "(shown this once; change it with  rapport users set-password "
            f"{FIRST_INSTRUCTOR}; add learners with  rapport users add NAME --role learner --instructor "
            f"{FIRST_INSTRUCTOR})"
        )
    typer.echo(f"Rapport is running at http://{host}:{port}  (Ctrl+C to stop)")
    from app.ui.server import run  # imports Chainlit, which reads CHAINLIT_APP_ROOT when imported

    run(host, port, settings.drain_seconds)
