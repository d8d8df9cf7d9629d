"""Logins against a real `rapport serve`: a login ends at logout, and every login of an account ends with a
new password, on HTTP and on the Socket.IO connection alike; password guesses are throttled per account and
per address."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import pytest
import socketio
from sqlalchemy import update

from app.store import logins
from app.store.accounts import Role, add_account
from app.store.db import Database
from app.store.schema import Login, utcnow
from app.ui.throttle import PER_ACCOUNT, PER_ADDRESS
from tests.support.cli import run_rapport
from tests.support.names import unique
from tests.support.server import RapportServer, classroom, login, serving
from tests.support.sockets import ChatSocket

PASSWORD = "long enough"


async def _nothing(url: str) -> None:
    return None


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RapportServer]:
    database = request.getfixturevalue("module_postgres_url") if request.param == "postgresql" else None
    people = classroom(
        PASSWORD, ("carol", PASSWORD, Role.LEARNER, "teacher"), ("dave", PASSWORD, Role.LEARNER, None)
    )
    with serving(tmp_path_factory.mktemp("logins"), database, people, _nothing) as (running, _):
        yield running


def _token(client: httpx.Client) -> str:
    token = client.cookies.get("access_token")
    assert token
    return token


def _with_token(server: RapportServer, token: str) -> httpx.Client:
    return httpx.Client(base_url=server.url, cookies={"access_token": token}, timeout=10)


def _socket_opens(server: RapportServer, token: str) -> bool:
    async def attempt() -> bool:
        chat = ChatSocket(server, token)
        try:
            await chat.connect()
        except socketio.exceptions.ConnectionError:
            return False
        await chat.close()
        return True

    return asyncio.run(attempt())


def test_logout_ends_that_login_on_http_and_socket(server: RapportServer) -> None:
    first, second = login(server, "alice", PASSWORD), login(server, "alice", PASSWORD)
    try:
        old, other = _token(first), _token(second)
        assert first.get("/api/runs").status_code == 200 and _socket_opens(server, old)
        assert first.post("/logout").status_code == 200
        with _with_token(server, old) as replayed:
            assert replayed.get("/api/runs").status_code == 401
            assert replayed.get("/user").status_code == 401
        assert not _socket_opens(server, old)
        # The other login (another browser) is a login of its own and goes on.
        assert second.get("/api/runs").status_code == 200 and _socket_opens(server, other)
    finally:
        first.close()
        second.close()


def test_a_new_password_ends_every_login_of_the_account(server: RapportServer) -> None:
    with closing(login(server, "dave", PASSWORD)) as dave:
        old = _token(dave)
        assert dave.get("/api/runs").status_code == 200
    env = {
        "RAPPORT_DATA_DIR": str(server.data_dir),
        **({"DATABASE_URL": server.database_url} if server.database_url else {}),
    }
    changed = run_rapport("users", "set-password", "dave", "--password", "a new long one", env=env)
    assert changed.returncode == 0, changed.stderr
    with _with_token(server, old) as replayed:
        assert replayed.get("/api/runs").status_code == 401
    assert not _socket_opens(server, old)
    with closing(login(server, "dave", "a new long one")) as again:
        assert again.get("/api/runs").status_code == 200


def test_password_guesses_for_one_account_are_throttled(server: RapportServer) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as guesser:
        for _ in range(PER_ACCOUNT):
            assert guesser.post("/login", data={"username": "carol", "password": "guess"}).status_code == 401
        refused = guesser.post("/login", data={"username": "carol", "password": PASSWORD})
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
        assert "access_token" not in refused.cookies
        # Another account from the same address is not held up by carol's.
        assert guesser.post("/login", data={"username": "teacher", "password": PASSWORD}).status_code == 200


def test_password_guesses_from_one_address_are_throttled(tmp_path: Path) -> None:
    with (
        serving(tmp_path, None, classroom(PASSWORD), _nothing) as (fresh, _),
        httpx.Client(base_url=fresh.url, timeout=10) as guesser,
    ):
        for n in range(PER_ADDRESS):
            wrong = {"username": f"guess-{n}", "password": "guess"}
            assert guesser.post("/login", data=wrong).status_code == 401
        refused = guesser.post("/login", data={"username": "alice", "password": PASSWORD})
        assert refused.status_code == 429


async def test_logins_older_than_any_cookie_are_forgotten(db: Database) -> None:
    name = unique("old-")
    await add_account(db, name, PASSWORD, Role.LEARNER)
    old = await logins.start_login(db, name)
    assert old is not None
    backdated = update(Login).where(Login.id == old).values(created_at=utcnow() - logins.FORGET_AFTER * 2)
    await db.write(lambda session: session.execute(backdated))
    new = await logins.start_login(db, name)
    assert new is not None and await logins.is_live(db, new, name)
    async with db.reads() as session:
        assert await session.get(Login, old) is None
