"""Coursework over HTTP against a real `rapport serve`, on SQLite and PostgreSQL: only the instructor who set
an assignment sees its gradebook, exports it and overrides grades; learners get 403 on every instructor
route and see nobody's grades but their own, whatever ids they send."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest

from app.store import attempts
from app.store.accounts import Role
from app.store.assignments import AssignmentView, list_assignments
from app.store.db import Database
from app.store.schema import utcnow
from tests.support.coursework import assign, graded_attempt
from tests.support.server import RapportServer, classroom, login, serving

PASSWORD = "long enough"
DUE = utcnow().replace(microsecond=0) + timedelta(days=3)


@dataclass
class World:
    server: RapportServer
    homework: int  # teacher's: alice by name, carol through a cohort; graded, never overridden
    review: int  # teacher's: for overrides
    elsewhere: int  # other-teacher's, for bob
    attempts: dict[str, int]  # "<learner>@<assignment name>" -> attempt id
    runs: dict[str, str]  # the same keys -> run id

    def client(self, name: str) -> closing[httpx.Client]:
        return closing(login(self.server, name, PASSWORD))


async def _graded_attempt(db: Database, made: AssignmentView, learner: str, score: float) -> tuple[int, str]:
    attempt = await graded_attempt(
        db,
        made,
        learner,
        opening="Hello.",
        result=f"score {score:g}",
        report={"score": score, "passed": score >= made.terms.pass_mark, "secret": learner},
        markdown=f"# {learner}",
        score=score,
        passed=score >= 65,
    )
    return attempt.id, attempt.run_id


async def _seed(url: str) -> tuple[int, int, int, dict[str, int], dict[str, str]]:
    from app.store.cohorts import add_members, create_cohort

    db = Database(url)
    try:
        await create_cohort(db, "evening")
        await add_members(db, "evening", ["carol"])
        homework = await assign(
            db, "teacher", title="Homework", learners=["alice"], cohorts=["evening"], attempts=2, due=DUE
        )
        review = await assign(db, "teacher", title="Review", learners=["alice", "carol"])
        elsewhere = await assign(db, "other-teacher", title="Elsewhere", learners=["bob"])
        made: dict[str, tuple[int, str]] = {
            "alice@homework": await _graded_attempt(db, homework, "alice", 40.0),
            "carol@homework": await _graded_attempt(db, homework, "carol", 80.0),
            "carol@review": await _graded_attempt(db, review, "carol", 50.0),
            "bob@elsewhere": await _graded_attempt(db, elsewhere, "bob", 90.0),
        }
    finally:
        await db.dispose()
    ids = (homework.id, review.id, elsewhere.id)
    return (*ids, {k: v[0] for k, v in made.items()}, {k: v[1] for k, v in made.items()})


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    database = request.getfixturevalue("module_postgres_url") if request.param == "postgresql" else None
    people = classroom(PASSWORD, ("carol", PASSWORD, Role.LEARNER, "teacher"))
    with serving(tmp_path_factory.mktemp("coursework"), database, people, _seed) as (server, seeded):
        yield World(server, *seeded)


INSTRUCTOR_ONLY = ("/gradebook", "/gradebook/{homework}", "/api/assignments/{homework}/gradebook?format=csv")


def _paths(world: World) -> list[str]:
    return [path.format(homework=world.homework) for path in INSTRUCTOR_ONLY]


def test_nothing_without_logging_in(world: World) -> None:
    with httpx.Client(base_url=world.server.url) as anonymous:
        for path in [*_paths(world), "/api/assignments"]:
            assert anonymous.get(path).status_code == 401, path
        override = f"/api/attempts/{world.attempts['carol@review']}/override"
        assert anonymous.post(override, json={"score": 1, "passed": True, "comment": "x"}).status_code == 401


def test_a_learner_is_refused_every_instructor_route(world: World) -> None:
    with world.client("alice") as alice:
        for path in _paths(world):
            response = alice.get(path)
            assert response.status_code == 403 and "carol" not in response.text, path
        new = {
            "title": "Mine",
            "persona": "priya-team-lead",
            "rubric": "icf-trust-agreements",
            "learners": ["alice"],
        }
        assert alice.post("/api/assignments", json=new).status_code == 403
        assert alice.post("/api/assignments", data={**new, "learners": "alice"}).status_code == 403
        for key in ("alice@homework", "carol@homework"):
            wanted = {"score": 100, "passed": True, "comment": "mine now"}
            assert alice.post(f"/api/attempts/{world.attempts[key]}/override", json=wanted).status_code == 403
    assert "Mine" not in [a.title for a in asyncio.run(_assignments(world.server.db_url))]
    assert asyncio.run(_override_count(world.server.db_url, world.attempts["alice@homework"])) == 0


def test_a_learner_sees_their_own_assignments_and_grades_only(world: World) -> None:
    with world.client("alice") as alice:
        mine = alice.get("/api/assignments")
        assert mine.status_code == 200 and "carol" not in mine.text
        listed = {a["title"]: a for a in mine.json()}
        assert set(listed) == {"Homework", "Review"}
        homework = listed["Homework"]
        assert (homework["attempts"], homework["attempts_left"], homework["best_score"]) == (1, 1, 40.0)
        assert homework["due_at"] == DUE.isoformat()
        assert [a["run"] for a in homework["attempt_list"]] == [world.runs["alice@homework"]]
        assert alice.get(f"/api/runs/{world.runs['alice@homework']}/report").status_code == 200
        for other in ("carol@homework", "bob@elsewhere"):
            for path in (f"/api/runs/{world.runs[other]}", f"/api/runs/{world.runs[other]}/report"):
                assert alice.get(path).status_code == 404, path


def test_the_instructor_sees_the_gradebook_of_what_they_set(world: World) -> None:
    with world.client("teacher") as teacher:
        index = teacher.get("/gradebook")
        assert index.status_code == 200 and "Homework" in index.text and "Elsewhere" not in index.text
        page = teacher.get(f"/gradebook/{world.homework}")
        assert page.status_code == 200
        for shown in ("alice", "carol", "40", "80", f"/gradebook/runs/{world.runs['carol@homework']}/report"):
            assert shown in page.text
        # carol is no learner of theirs, but her attempt at their assignment is theirs to read.
        report = teacher.get(f"/api/runs/{world.runs['carol@homework']}/report")
        assert report.status_code == 200 and report.json()["markdown"] == "# carol"
        assert teacher.get(f"/api/runs/{world.runs['bob@elsewhere']}").status_code == 404


def test_another_instructor_gets_nothing(world: World) -> None:
    with world.client("other-teacher") as other:
        for path in _paths(world)[1:]:
            assert other.get(path).status_code == 404, path
        assert "Homework" not in other.get("/gradebook").text
        wanted = {"score": 100, "passed": True, "comment": "x"}
        override = other.post(f"/api/attempts/{world.attempts['carol@review']}/override", json=wanted)
        assert override.status_code == 404
        assert other.get(f"/api/runs/{world.runs['carol@homework']}").status_code == 404


def test_the_csv_export_is_exact(world: World) -> None:
    started = asyncio.run(
        _started(world.server.db_url, [world.attempts["alice@homework"], world.attempts["carol@homework"]])
    )
    with world.client("teacher") as teacher:
        response = teacher.get(f"/api/assignments/{world.homework}/gradebook", params={"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.text == (
        "learner,attempts,attempts_allowed,graded,best_score,latest_score,passed,late_attempts,overridden,"
        "last_attempt_at,client_heard,client_agreed,client_got_there,client_pushed,client_book_again\n"
        f"alice,1,2,1,40,40,false,0,false,{started[0]},,,,,\n"
        f"carol,1,2,1,80,80,true,0,false,{started[1]},,,,,\n"
    )


def test_an_override_keeps_the_original_and_says_who_and_when(world: World) -> None:
    attempt = world.attempts["carol@review"]
    with world.client("teacher") as teacher:
        wanted = {"score": 70, "passed": True, "comment": "Contracting was there, tagged late"}
        made = teacher.post(f"/api/attempts/{attempt}/override", json=wanted)
        assert made.status_code == 200
        body = made.json()
        assert (body["by"], body["score"], body["graded_score"], body["graded_passed"]) == (
            "teacher",
            70.0,
            50.0,
            False,
        )
        exported = teacher.get(f"/api/assignments/{world.review}/gradebook").json()
        carol = next(row for row in exported["learners"] if row["learner"] == "carol")
        assert (carol["best_score"], carol["passed"], carol["overridden"]) == (70.0, True, True)
        [only] = carol["attempt_list"]
        assert (only["graded_score"], only["graded_passed"]) == (50.0, False)
        assert only["override"]["by"] == "teacher" and only["override"]["comment"] == wanted["comment"]
        assert only["override"]["at"] == body["at"]
        bad = teacher.post(
            f"/api/attempts/{attempt}/override", json={"score": 101, "passed": True, "comment": "x"}
        )
        assert bad.status_code == 422


def test_the_override_form_works_from_the_page_only(world: World) -> None:
    attempt = world.attempts["carol@review"]
    form = {"score": "55", "passed": "false", "comment": "Second look"}
    with world.client("teacher") as teacher:
        foreign = teacher.post(
            f"/api/attempts/{attempt}/override", data=form, headers={"origin": "http://evil.example"}
        )
        assert foreign.status_code == 403
        done = teacher.post(
            f"/api/attempts/{attempt}/override", data=form, headers={"origin": world.server.url}
        )
        assert done.status_code == 303 and done.headers["location"] == f"/gradebook/{world.review}"
        assert "Second look" in teacher.get(f"/gradebook/{world.review}").text


def test_an_instructor_sets_an_assignment_over_http(world: World) -> None:
    with world.client("teacher") as teacher:
        new = {
            "title": "Set by JSON",
            "persona": "dewi-teacher",
            "rubric": "icf-trust-agreements",
            "learners": ["alice"],
            "attempts": 3,
        }
        made = teacher.post("/api/assignments", json=new)
        assert made.status_code == 201 and made.json()["persona"] == "dewi-teacher"
        assert len(made.json()["persona_sha256"]) == 64 and made.json()["attempts_allowed"] == 3
        form = {"title": "Set by form", "persona": "marcus-engineer", "rubric": "icf-trust-agreements"}
        posted = teacher.post(
            "/api/assignments", data={**form, "cohorts": "evening", "due": "2030-01-02T09:30"}
        )
        assert posted.status_code == 303
        page = teacher.get(posted.headers["location"])
        assert "Set by form" in page.text and "2030-01-02 09:30 UTC" in page.text and "carol" in page.text
        unknown = teacher.post("/api/assignments", json={**new, "persona": "nobody"})
        assert unknown.status_code == 400 and "unknown persona" in unknown.json()["detail"]
    with world.client("alice") as alice:
        assert "Set by JSON" in [a["title"] for a in alice.get("/api/assignments").json()]


def test_an_instructor_sets_work_only_for_their_own_learners_and_cohorts(world: World) -> None:
    from app.store.cohorts import add_members, create_cohort

    async def mixed_cohort() -> None:
        db = Database(world.server.db_url)
        try:
            await create_cohort(db, "mixed")
            await add_members(db, "mixed", ["carol", "bob"])
        finally:
            await db.dispose()

    asyncio.run(mixed_cohort())
    new = {"title": "Not yours", "persona": "dewi-teacher", "rubric": "icf-trust-agreements"}
    with world.client("teacher") as teacher:
        refusals = {}
        for name in ("bob", "nobody-at-all", "other-teacher"):
            refused = teacher.post("/api/assignments", json={**new, "learners": [name]})
            refusals[name] = (refused.status_code, refused.json()["detail"].replace(name, "NAME"))
        # Another instructor's learner, an instructor and a name nobody has: one answer, naming no one.
        assert set(refusals.values()) == {(400, "no learner of yours called 'NAME'")}
        for cohort in ("mixed", "no-such-cohort"):
            refused = teacher.post("/api/assignments", json={**new, "cohorts": [cohort]})
            assert refused.status_code == 400
            assert refused.json()["detail"] == f"no cohort of yours called {cohort!r}"
        form = teacher.post("/api/assignments", data={**new, "learners": "bob"}, follow_redirects=False)
        assert form.status_code >= 400 and "Not yours" not in teacher.get("/gradebook").text
        assert "bob" not in teacher.get(f"/gradebook/{world.homework}").text
    assert "Not yours" not in [a.title for a in asyncio.run(_assignments(world.server.db_url))]


async def _assignments(url: str) -> list[AssignmentView]:
    db = Database(url)
    try:
        return await list_assignments(db)
    finally:
        await db.dispose()


async def _override_count(url: str, attempt: int) -> int:
    db = Database(url)
    try:
        return len(await attempts.overrides_of(db, attempt))
    finally:
        await db.dispose()


async def _started(url: str, ids: list[int]) -> list[str]:
    db = Database(url)
    try:
        found = [await attempts.get_attempt(db, attempt) for attempt in ids]
        return [a.started_at.isoformat(timespec="seconds") for a in found if a is not None]
    finally:
        await db.dispose()


def test_the_gradebook_reads_as_pages(world: World) -> None:
    run = world.runs["carol@homework"]
    with world.client("teacher") as teacher:
        page = teacher.get(f"/gradebook/{world.homework}").text
        # Transcript and report open as pages, not the JSON API.
        assert f'href="/gradebook/runs/{run}"' in page and f'href="/gradebook/runs/{run}/report"' in page
        assert "/api/runs/" not in page
        assert "2 attempts" in page
        assert "1 attempt ·" in teacher.get(f"/gradebook/{world.review}").text  # not "1 attempts"
        # The override's result has no default: an instructor chooses passed or not.
        assert '<option value="" selected disabled>' in page and 'name="passed" required' in page
        # Personas by name in the new-assignment form (the id is what the form sends).
        assert '<option value="priya-team-lead">Priya Raman</option>' in teacher.get("/gradebook").text
        transcript = teacher.get(f"/gradebook/runs/{run}")
        assert transcript.status_code == 200 and transcript.headers["content-type"].startswith("text/html")
        assert "Hello." in transcript.text and "carol" in transcript.text
        report = teacher.get(f"/gradebook/runs/{run}/report")
        assert report.status_code == 200 and "<h1>carol</h1>" in report.text
    with world.client("other-teacher") as other:
        assert other.get(f"/gradebook/runs/{run}").status_code == 404
        assert other.get(f"/gradebook/runs/{run}/report").status_code == 404
    with world.client("alice") as alice:
        assert alice.get(f"/gradebook/runs/{run}").status_code == 404


def test_a_due_date_in_the_past_is_warned_about(world: World) -> None:
    past = {"title": "Already due", "persona": "dewi-teacher", "rubric": "icf-trust-agreements"}
    with world.client("teacher") as teacher:
        posted = teacher.post(
            "/api/assignments", data={**past, "learners": "alice", "due": "2020-01-02T09:30"}
        )
        assert posted.status_code == 303
        page = teacher.get(posted.headers["location"]).text
        assert "The due date, 2020-01-02 09:30 UTC, has passed" in page
        assert "has passed" not in teacher.get(f"/gradebook/{world.homework}").text  # due in three days
