"""Following a run up over HTTP against a real `rapport serve`, on SQLite and PostgreSQL: the learner's own ended
run sends them to the chat page with the follow-up asked for; another learner's run, their instructor, a run
still going, a run that does not exist and no login are refused with the reason, nothing set. The run page of
a follow-up says which run it follows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass

import pytest

from app.bootstrap import bootstrap
from app.practice.report import trace_report
from app.practice.service import Practice
from app.store.accounts import get_account
from app.store.db import Database
from app.ui.follow_up import COOKIE
from app.ui.practise_next import COOKIE as PERSONA_COOKIE
from app.voice.reply import unshown
from tests.support.server import RapportServer, classroom, login, serving

PASSWORD = "long enough"


@dataclass(frozen=True)
class Seeded:
    ended: str
    active: str
    follow_up: str


async def _seed(url: str) -> Seeded:
    db = Database(url)
    practice = Practice(bootstrap(), db, trace_report)
    try:
        alice = await get_account(db, "alice")
        assert alice is not None
        ids = []
        for end in (True, False):
            live = await practice.start("priya-team-lead")
            await practice.save(live, alice, None)
            await practice.turn(live, "What would you like to get out of our time today?", unshown)
            if end:
                await practice.end(live)
            assert live.run_id is not None
            ids.append(live.run_id)
        follow = await practice.follow_up(ids[0], alice)
        await practice.save(follow, alice, None)
        assert follow.run_id is not None
        return Seeded(ended=ids[0], active=ids[1], follow_up=follow.run_id)
    finally:
        await practice.claims.close()
        await db.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[RapportServer, Seeded]]:
    database = request.getfixturevalue("module_postgres_url") if request.param == "postgresql" else None
    with serving(tmp_path_factory.mktemp("follow-up"), database, classroom(PASSWORD), _seed) as running:
        yield running


def test_the_learners_own_ended_run_opens_the_next_session(world: tuple[RapportServer, Seeded]) -> None:
    server, seeded = world
    with closing(login(server, "alice", PASSWORD)) as alice:
        response = alice.get(f"/follow-up/{seeded.ended}")
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert alice.cookies.get(COOKIE) == seeded.ended
    assert alice.cookies.get(PERSONA_COOKIE) == "priya-team-lead"


@pytest.mark.parametrize(
    ("who", "run", "reason"),
    [
        ("bob", "ended", "there is no run &#x27;{id}&#x27; of yours to follow up"),
        ("teacher", "ended", "there is no run &#x27;{id}&#x27; of yours to follow up"),
        ("alice", "active", "with Priya Raman has not ended: end it before the next session"),
        ("alice", "missing", "there is no run &#x27;{id}&#x27; of yours to follow up"),
    ],
)
def test_any_other_run_is_refused_with_the_reason(
    world: tuple[RapportServer, Seeded], who: str, run: str, reason: str
) -> None:
    server, seeded = world
    run_id = getattr(seeded, run, "no-such-run")
    with closing(login(server, who, PASSWORD)) as client:
        response = client.get(f"/follow-up/{run_id}")
        assert response.status_code == 404
        assert reason.format(id=run_id) in response.text
        assert client.cookies.get(COOKIE) is None


def test_no_login_no_follow_up(world: tuple[RapportServer, Seeded]) -> None:
    server, seeded = world
    with closing(login(server, "alice", PASSWORD)) as alice:
        alice.cookies.clear()
        response = alice.get(f"/follow-up/{seeded.ended}")
    assert response.status_code == 401 and COOKIE not in response.headers.get("set-cookie", "")


def test_the_follow_ups_pages_say_which_run_it_follows(world: tuple[RapportServer, Seeded]) -> None:
    server, seeded = world
    with closing(login(server, "teacher", PASSWORD)) as teacher:
        page = teacher.get(f"/gradebook/runs/{seeded.follow_up}")
    assert page.status_code == 200
    assert (
        f'Session 2 with Priya Raman, following <a href="/gradebook/runs/{seeded.ended}">run {seeded.ended[:8]}</a>'
        in page.text
    )
