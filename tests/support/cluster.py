"""Several real `rapport serve` processes on one PostgreSQL database, as a deployment runs them: each with a
data folder of its own and the same login secret (CHAINLIT_AUTH_SECRET), so a login cookie made by one is
honoured by the others. Plus what a test needs to kill one the way a crash does."""

from __future__ import annotations

import os
import secrets
import signal
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.support.server import Account, RapportServer


@contextmanager
def servers_on_postgres(
    root: Path,
    database_url: str,
    accounts: tuple[Account, ...],
    count: int = 2,
    settings: dict[str, str] | None = None,
) -> Iterator[list[RapportServer]]:
    """`count` running servers on `database_url` (made with `accounts` first), each in `root/server-N`;
    stopped on the way out (those still running)."""
    secret = secrets.token_urlsafe(48)
    servers = [
        RapportServer(
            data_dir=root / f"server-{n}",
            database_url=database_url,
            settings={"CHAINLIT_AUTH_SECRET": secret, **(settings or {})},
        )
        for n in range(1, count + 1)
    ]
    for server in servers:
        server.data_dir.mkdir(parents=True, exist_ok=True)
    servers[0].add_accounts(*accounts)
    with ExitStack() as stack:
        for server in servers:  # all loading at once, then each waited for
            server.launch()
            stack.callback(server.stop)
        for server in servers:
            server.wait_until_ready()
        yield servers


def kill(server: RapportServer) -> None:
    """SIGKILL the server and its voice process (its process group), as a crash would: no shutdown code runs,
    nothing is flushed, its sockets and database connections just drop."""
    assert server.process is not None
    os.killpg(server.process.pid, signal.SIGKILL)
    server.process.wait(timeout=30)
