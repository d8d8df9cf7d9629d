"""A learner's progress over HTTP against a real `rapport serve`, on SQLite and PostgreSQL: a learner sees their
own progress only, an instructor their own learners' only (anyone else: 404), and "practise next" makes the
chat page start with the suggested persona."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from app.grade.progress import GradedRun, progress
from app.grade.report import Report
from app.store import runs
from app.store.accounts import Role, get_account
from app.store.db import Database
from app.store.schema import utcnow
from app.ui.practise_next import COOKIE, asked_in
from tests.support.grading import persona, rubric
from tests.support.progress import graded, seed_runs
from tests.support.server import RapportServer, classroom, login, serving

PASSWORD = "long enough"
PERSONAS = ("dewi-teacher", "marcus-engineer", "priya-team-lead")
# alice's five sessions: she contracts well by the last ones, and her listening lags (see the expected
# suggestion, worked out from the same reports by the pure functions in `expected`).
ALICE = [
    ("priya-team-lead", "advice_giver"),
    ("dewi-teacher", "listener_no_permission"),
    ("priya-team-lead", "contract_then_fix"),
    ("marcus-engineer", "breach"),
    ("dewi-teacher", "skilled"),
]
BOB = [("marcus-engineer", "skilled")]


@dataclass
class World:
    server: RapportServer
    alice_runs: list[str]

    def client(self, name: str) -> closing[httpx.Client]:
        return closing(login(self.server, name, PASSWORD))


async def _seed(url: str) -> list[str]:
    db = Database(url)
    try:
        alice = await seed_runs(db, "alice", ALICE)
        await seed_runs(db, "bob", BOB)
        # carol's one session was graded by the trust trace alone (no rubric): not a criterion to chart.
        carol = await get_account(db, "carol")
        assert carol is not None
        run = await runs.create_run(
            db,
            account_id=carol.id,
            thread_id=None,
            persona_id="dewi-teacher",
            persona_name="Dewi Anggraini",
            seed=7,
            opening="Hello.",
        )
        trace = {"result": "Reached level 1", "persona": "dewi-teacher", "trust": []}
        await runs.add_grade(
            db, run.id, head_turn_id=None, result="Reached level 1", report=trace, markdown="x"
        )
    finally:
        await db.dispose()
    return alice


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    database = request.getfixturevalue("module_postgres_url") if request.param == "postgresql" else None
    people = classroom(PASSWORD, ("carol", PASSWORD, Role.LEARNER, "teacher"))
    with serving(tmp_path_factory.mktemp("progress"), database, people, _seed) as (server, seeded):
        yield World(server, seeded)


def expected() -> dict[str, Any]:
    """alice's figures worked out here from the same graded reports, without the server."""
    found = [
        GradedRun(
            run_id=str(index),
            persona_id=pid,
            persona_name=graded(pid, name).persona_name,
            graded_at=utcnow(),
            report=Report.model_validate(graded(pid, name).data["learner"]["report"]),
        )
        for index, (pid, name) in enumerate(ALICE)
    ]
    figures = progress(found, [persona(p) for p in PERSONAS], {rubric().id: rubric()})
    return figures.model_dump(mode="json")


def test_nothing_without_logging_in(world: World) -> None:
    with httpx.Client(base_url=world.server.url) as anonymous:
        assert anonymous.get("/progress").status_code == 401
        assert anonymous.get("/api/progress").status_code == 401
        assert anonymous.post("/progress/practise").status_code == 401


def test_a_learner_sees_their_own_progress(world: World) -> None:
    with world.client("alice") as alice:
        response = alice.get("/api/progress")
    assert response.status_code == 200
    mine = response.json()
    want = expected()
    assert mine["learner"] == "alice" and mine["graded_runs"] == 5
    assert [s["run_id"] for s in mine["scores"]] == world.alice_runs  # oldest first
    assert [s["score"] for s in mine["scores"]] == [s["score"] for s in want["scores"]]
    assert [(c["id"], [p["score"] for p in c["points"]]) for c in mine["criteria"]] == [
        (c["id"], [p["score"] for p in c["points"]]) for c in want["criteria"]
    ]
    assert {p["persona_name"]: len(p["points"]) for p in mine["personas"]} == {
        "Priya Raman": 2,
        "Dewi Anggraini": 2,
        "Marcus Hale": 1,
    }
    assert [b["id"] for b in mine["held_back"]] == [b["id"] for b in want["held_back"]]
    assert len(mine["held_back"]) == 3
    said = {turn for pid, name in ALICE for turn in _script(pid, name)}
    for behaviour in mine["held_back"]:
        for moment in behaviour["moments"]:  # her own words, quoted
            assert any(moment["quote"] in turn for turn in said), moment
    suggestion = mine["practise_next"]
    assert (suggestion["criterion_id"], suggestion["persona_id"]) == (
        want["practise_next"]["criterion_id"],
        want["practise_next"]["persona_id"],
    )
    assert suggestion["criterion_id"] == mine["criteria"][0]["id"]  # the weakest of late


def _script(persona_id: str, name: str) -> list[str]:
    from tests.support.grading import script

    return script(persona_id, name)


def test_the_page_draws_its_charts_from_rapport_itself(world: World) -> None:
    with world.client("alice") as alice:
        page = alice.get("/progress")
        plotly = alice.get("/progress/plotly.min.js")
    assert page.status_code == 200
    text = page.text
    assert 'id="criteria-chart"' in text and 'id="trust-chart"' in text
    assert '<script src="/progress/plotly.min.js">' in text and "cdn" not in text.lower()
    assert "What to practise next" in text and 'id="practise-next"' in text
    assert plotly.status_code == 200 and "plotly" in plotly.text[:2000].lower()
    for block in text.split('<script type="application/json" data-chart="')[1:]:
        figure = json.loads(block.split('">', 1)[1].split("</script>", 1)[0])
        assert figure["data"]


def test_a_learner_cannot_see_anyone_elses_progress(world: World) -> None:
    with world.client("alice") as alice:
        for other in ("bob", "carol", "teacher", "nobody-at-all"):
            for path in (f"/api/progress?learner={other}", f"/progress?learner={other}"):
                response = alice.get(path)
                assert response.status_code == 404, path
                assert other not in response.text or "No such learner" in response.text


def test_an_instructor_sees_their_own_learners_only(world: World) -> None:
    with world.client("teacher") as teacher:
        theirs = teacher.get("/api/progress?learner=alice")
        page = teacher.get("/progress?learner=alice")
        assert teacher.get("/api/progress?learner=bob").status_code == 404
        assert teacher.get("/api/progress?learner=other-teacher").status_code == 404
    with world.client("alice") as alice:
        own = alice.get("/api/progress").json()
    assert theirs.status_code == 200 and theirs.json() == own
    assert page.status_code == 200 and "alice&#x27;s progress" in page.text
    assert 'id="practise-next"' not in page.text  # the button starts a chat: only for the learner themselves
    assert "What most often held them back" in page.text and "of their 5 graded sessions" in page.text
    with world.client("other-teacher") as other:
        assert other.get("/api/progress?learner=alice").status_code == 404
        assert other.get("/api/progress?learner=bob").json()["graded_runs"] == 1


def test_no_graded_session_yet_is_an_empty_page(world: World) -> None:
    with world.client("carol") as carol:  # one session, graded without a rubric
        figures = carol.get("/api/progress").json()
        page = carol.get("/progress")
        refused = carol.post("/progress/practise", follow_redirects=False)
    assert figures["graded_runs"] == 0 and figures["practise_next"] is None
    assert figures["criteria"] == [] and figures["held_back"] == [] and figures["personas"] == []
    assert 'id="empty"' in page.text and "No graded sessions yet" in page.text
    assert "criteria-chart" not in page.text
    assert refused.status_code == 409 and COOKIE not in refused.headers.get("set-cookie", "")


def test_practise_next_opens_the_chat_with_the_suggested_persona(world: World) -> None:
    with world.client("alice") as alice:
        suggestion = alice.get("/api/progress").json()["practise_next"]
        before = _default_profile(alice)
        started = alice.post("/progress/practise", follow_redirects=False)
        assert started.status_code == 303 and started.headers["location"] == "/"
        assert alice.cookies.get(COOKIE) == suggestion["persona_id"]
        after = _default_profile(alice)
    assert after == persona(suggestion["persona_id"]).name
    assert before == "Dewi Anggraini"  # without the click: the first persona, as ever


def test_practise_next_refuses_a_form_from_another_site(world: World) -> None:
    with world.client("alice") as alice:
        refused = alice.post("/progress/practise", headers={"origin": "https://evil.example"})
        assert refused.status_code == 403 and alice.cookies.get(COOKIE) is None


def _default_profile(client: httpx.Client) -> str:
    settings = client.get("/project/settings", params={"language": "en-US"})
    assert settings.status_code == 200
    defaults = [p["name"] for p in settings.json()["chatProfiles"] if p.get("default")]
    assert len(defaults) == 1, defaults
    return str(defaults[0])


def test_a_cookie_naming_no_persona_leaves_the_usual_first_profile(world: World) -> None:
    with world.client("alice") as alice:
        alice.cookies.set(COOKIE, "no-such-persona")
        assert _default_profile(alice) == "Dewi Anggraini"


def test_the_cookie_is_read_from_a_cookie_header_or_not_at_all() -> None:
    assert asked_in(f"a=1; {COOKIE}=marcus-engineer; b=2") == "marcus-engineer"
    assert asked_in(None) is None and asked_in("") is None and asked_in("a=1") is None
    assert asked_in(f'{COOKIE}="unterminated') is None  # unreadable: as if there were none
