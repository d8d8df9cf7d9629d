"""A real `rapport serve` in a subprocess, on a free port, with its own data folder (SQLite by default)."""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import signal
import socket
import subprocess
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import httpx

from app.store.accounts import Role, add_account
from app.store.db import Database
from app.store.migrate import upgrade
from tests.support.cli import RAPPORT

T = TypeVar("T")
START_TIMEOUT = 60.0
# How long a stop waits after SIGTERM before SIGKILL: as deploy/systemd/rapport@.service's TimeoutStopSec (the
# server drains its chats first, RAPPORT_DRAIN_SECONDS at most, then shuts down).
STOP_TIMEOUT = 30.0


def _ephemeral_start() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default


def _worker_ports() -> Iterator[int]:
    """This test process's own block of ports, below the kernel's ephemeral range, from a random place in it."""
    low, high = 10000, _ephemeral_start()
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    size = (high - low) // max(workers, 1)
    block = range(low + worker * size, low + (worker + 1) * size)
    start = random.randrange(len(block))
    return itertools.cycle([*block[start:], *block[:start]])


_PORTS = _worker_ports()


def free_port() -> int:
    """A port nothing listens on. Not one `bind(0)` gives: a test that stops a server goes on sending requests to
    its port through nginx, and a port from the ephemeral range goes back to the pool as the server exits, where
    any other test process's server (or outgoing connection) may take it. Each test process hands out its own
    block in turn, so a stopped server's port is not given again until the block has gone round."""
    for port in _PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue  # held by something else
            return port
    raise AssertionError("unreachable: the ports go round for ever")


@dataclass
class RapportServer:
    data_dir: Path
    database_url: str | None = None
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    settings: dict[str, str] = field(default_factory=dict)  # more environment, e.g. a model provider

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'rapport.db'}"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in {"CI", "DATABASE_URL", "CHAINLIT_AUTH_SECRET"}}
        env.update(RAPPORT_DATA_DIR=str(self.data_dir), RAPPORT_LLM_PROVIDER="offline")
        env.update(self.settings)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    @property
    def log(self) -> Path:
        """What the server writes (stdout and stderr), from every start in its data folder."""
        return self.data_dir / "server.log"

    def add_accounts(self, *accounts: Account) -> None:
        """(name, password, role, instructor) each; the schema is made first, as `rapport users add` does."""
        upgrade(self.db_url)

        async def create() -> None:
            db = Database(self.db_url)
            try:
                for name, password, role, instructor in accounts:
                    await add_account(db, name, password, role, instructor=instructor)
            finally:
                await db.dispose()

        asyncio.run(create())

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        self.launch()
        self.wait_until_ready()

    def launch(self) -> None:
        """Start the process without waiting for it (`wait_until_ready`): servers started together load at once."""
        self._check_port_is_free()
        log = self.log.open("ab")
        self.process = subprocess.Popen(
            [RAPPORT, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_ready(self) -> None:
        assert self.process is not None, "launch() first"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"rapport serve exited: {self.log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("rapport serve did not answer /health in time")

    def _check_port_is_free(self) -> None:
        """Else the health check below would be answered by whatever holds the port, and this server, unable to
        listen, would exit unseen."""
        with socket.socket() as s:
            # As uvicorn does: connections the last server left in TIME_WAIT do not count.
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", self.port))
            except OSError as error:
                raise RuntimeError(f"port {self.port} is held by another process: {error}") from error

    def stop(self) -> None:
        if not self.running:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            # As systemd after TimeoutStopSec: a server that did not finish its drain and shutdown in time.
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()


def login(server: RapportServer, name: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=server.url, timeout=10)
    response = client.post("/login", data={"username": name, "password": password})
    response.raise_for_status()
    return client


Account = tuple[str, str, Role, str | None]  # name, password, role, instructor


def classroom(password: str, *more: Account) -> tuple[Account, ...]:
    """Two instructors with a learner each (and `more`): who may see what is the question of the access tests."""
    return (
        ("teacher", password, Role.INSTRUCTOR, None),
        ("other-teacher", password, Role.INSTRUCTOR, None),
        ("alice", password, Role.LEARNER, "teacher"),
        ("bob", password, Role.LEARNER, "other-teacher"),
        *more,
    )


@contextmanager
def serving(
    data_dir: Path,
    database_url: str | None,
    accounts: tuple[Account, ...],
    seed: Callable[[str], Awaitable[T]],
) -> Iterator[tuple[RapportServer, T]]:
    """A running server with `accounts`, and what `seed(database url)` put in its database before it started."""
    server = RapportServer(data_dir=data_dir, database_url=database_url)
    server.add_accounts(*accounts)
    seeded = asyncio.run(seed(server.db_url))
    server.start()
    try:
        yield server, seeded
    finally:
        server.stop()
