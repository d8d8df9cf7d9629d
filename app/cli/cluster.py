"""`rapport cluster up|down`: try the production layout on one machine. N `rapport serve` processes on
PostgreSQL and nginx in front of them, run by supervisord (Debian's `supervisor`; systemd does this job in
production, see deploy/ and docs/deploy.md). `make cluster` and `make cluster-down` call these."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Annotated

import typer

from app.cli.common import fail
from app.cli.serve import check_personas
from app.config import Settings

cli = typer.Typer(no_args_is_help=True, help="Several practice servers behind nginx, on this machine.")
LOCAL_DATABASE = "postgresql://127.0.0.1:5432/rapport"
SHUTDOWN_WAIT = 120.0  # seconds `down` waits for supervisord to stop the servers and nginx


def run_dir(settings: Settings) -> Path:
    return Path(settings.data_dir).resolve() / "cluster"


def _supervisor_conf(folder: Path) -> Path:
    return folder / "supervisord.conf"


def _program(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/bin:/usr/sbin:/usr/local/bin:/usr/local/sbin")
    if found is None:
        raise fail(f"{name} is not installed: `make cluster` installs it (apt-get install nginx supervisor)")
    return found


def _running(folder: Path) -> bool:
    pid_file = folder / "supervisord.pid"
    try:
        os.kill(int(pid_file.read_text().strip()), 0)
    except (OSError, ValueError):
        return False
    return True


@cli.command("up")
def up(
    servers: Annotated[int, typer.Option(min=1, max=16, help="How many `rapport serve` processes.")] = 2,
    port: Annotated[int, typer.Option(help="The port nginx listens on (127.0.0.1).")] = 8080,
    first_port: Annotated[int, typer.Option(help="The first server's port; the others follow it.")] = 8001,
    database_url: Annotated[
        str | None, typer.Option(help=f"PostgreSQL (default: DATABASE_URL, else {LOCAL_DATABASE}).")
    ] = None,
) -> None:
    """Start SERVERS practice servers on PostgreSQL and nginx in front of them; print the address."""
    from sqlalchemy.engine import make_url

    from app.cluster import supervisor_config, wait_healthy, write_nginx_config
    from app.practice.server_setup import (
        FIRST_INSTRUCTOR,
        DatabaseUnreachable,
        auth_secret,
        ensure_database,
        first_instructor,
        is_sqlite,
        private_folder,
        upgrade,
    )

    settings = Settings()
    url = database_url or settings.database_url or LOCAL_DATABASE
    if is_sqlite(url):
        raise fail("a cluster needs PostgreSQL (SQLite is for one server): set DATABASE_URL=postgresql://...")
    folder = run_dir(settings)
    if _running(folder):
        raise fail(f"a cluster is already running from {folder}: `rapport cluster down` first")
    supervisord, supervisorctl = _program("supervisord"), _program("supervisorctl")
    check_personas(settings)
    try:
        if ensure_database(url):
            typer.echo(f"Made the database {make_url(url).database}")
        # Once, before any server starts: the schema, and on the very first start the instructor account.
        upgrade(url)
        password = asyncio.run(first_instructor(url))
    except (DatabaseUnreachable, OSError) as error:
        raise fail(f"cannot reach PostgreSQL at {make_url(url).render_as_string()}: {error}") from None
    if password is not None:
        typer.echo(
            f"First start: made the instructor account. Log in as  {FIRST_INSTRUCTOR}  with password  {password}"
        )
    private_folder(folder)
    (folder / "logs").mkdir(exist_ok=True)
    ports = [first_port + number for number in range(servers)]
    write_nginx_config(ports, port, folder)
    conf = _supervisor_conf(folder)
    conf.touch(mode=0o600)  # it holds the login secret
    conf.write_text(
        supervisor_config(
            run_dir=folder,
            servers=servers,
            first_port=first_port,
            database_url=url,
            secret=auth_secret(folder),  # one secret for every server: a login holds on all of them
            provider=settings.llm_provider,
        )
    )
    subprocess.run([supervisord, "-c", str(conf)], check=True)
    try:
        for server_port in ports:
            wait_healthy(f"http://127.0.0.1:{server_port}")
        wait_healthy(f"http://127.0.0.1:{port}")
    except TimeoutError as error:
        subprocess.run([supervisorctl, "-c", str(conf), "shutdown"], check=False, capture_output=True)
        raise fail(f"{error}; the servers' logs are in {folder / 'logs'}") from None
    typer.echo(
        f"Rapport cluster: {servers} servers (ports {ports[0]}-{ports[-1]}) behind nginx at "
        f"http://127.0.0.1:{port}\n"
        f"  status / restart one: supervisorctl -c {conf} status | restart rapport:rapport-{ports[0]}\n"
        f"  logs: {folder / 'logs'}\n  stop: make cluster-down  (or rapport cluster down)"
    )


@cli.command("down")
def down() -> None:
    """Stop the servers and nginx started by `rapport cluster up`."""
    folder = run_dir(Settings())
    if not _running(folder):
        typer.echo("No cluster is running.")
        return
    pid = int((folder / "supervisord.pid").read_text().strip())
    subprocess.run([_program("supervisorctl"), "-c", str(_supervisor_conf(folder)), "shutdown"], check=True)
    # supervisord stops the programs in turn; a server drains its chats first (stopwaitsecs, 30 s, at most).
    deadline = time.monotonic() + SHUTDOWN_WAIT
    while time.monotonic() < deadline and _running(folder):
        time.sleep(0.2)  # supervisord has no call that waits for its own end
    if _running(folder):
        raise fail(f"supervisord (pid {pid}) is still running after {SHUTDOWN_WAIT:.0f} s")
    typer.echo("Rapport cluster stopped.")
