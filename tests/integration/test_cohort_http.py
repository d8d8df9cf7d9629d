"""Cohort views against a real `rapport serve`, on SQLite and PostgreSQL, with attempts rehearsed and graded as
the app does: the figures an instructor sees and exports are right, they are of the instructor's own learners
only (a cohort shared with another instructor's learners shows each their own), and learners and other
instructors get nothing, whatever names and ids they send. The CLI export gives the same figures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from app.store.accounts import Role, get_account
from app.store.attempts import add_override
from app.store.cohorts import add_members, create_cohort
from app.store.db import Database
from tests.support.cli import invoke_rapport, run_rapport
from tests.support.cohort import attempt, losses, rehearsed
from tests.support.coursework import assign
from tests.support.server import RapportServer, classroom, login, serving

PASSWORD = "long enough"
PRIYA = "priya-team-lead"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PAUSED = [timedelta(minutes=1)] * 16
PAUSED[5] = timedelta(minutes=30)  # a long pause counts as five minutes: 15 + 5


@dataclass
class World:
    server: RapportServer
    homework: int  # teacher's, for alice and carol
    review: int  # teacher's, for carol (in progress)
    elsewhere: int  # other-teacher's, for bob and dave
    runs: dict[str, str]

    def client(self, name: str) -> closing[httpx.Client]:
        return closing(login(self.server, name, PASSWORD))


async def _seed(url: str) -> tuple[int, int, int, dict[str, str]]:
    db = Database(url)
    try:
        await create_cohort(db, "evening")
        await add_members(db, "evening", ["carol", "dave"])  # one learner of each instructor
        await create_cohort(db, "night")
        await add_members(db, "night", ["bob"])
        homework = await assign(db, "teacher", title="Homework", learners=["alice", "carol"], attempts=3)
        review = await assign(db, "teacher", title="Review", learners=["carol"])
        elsewhere = await assign(db, "other-teacher", title="Elsewhere", learners=["bob", "dave"])
        await assign(db, "teacher", title="Unstarted", learners=["alice"])
        made = {
            "alice1": await attempt(db, homework, "alice", "advice_giver", started=T0),
            # the breach was on a branch alice rewound past: not graded, so it cost nothing that counts
            "alice2": await attempt(
                db,
                homework,
                "alice",
                "skilled",
                started=T0 + timedelta(hours=1),
                gaps=PAUSED,
                rewound="breach",
            ),
            "carol1": await attempt(db, homework, "carol", "contract_then_fix", started=T0),
            "carol-review": await attempt(db, review, "carol", "skilled", started=T0, submit=False),
            "bob1": await attempt(db, elsewhere, "bob", "breach", started=T0),
            "dave1": await attempt(db, elsewhere, "dave", "advice_giver", started=T0),
        }
        teacher = await get_account(db, "teacher")
        assert teacher is not None
        await add_override(db, made["carol1"][0], score=75, passed=True, comment="fair", by_id=teacher.id)
    finally:
        await db.dispose()
    return homework.id, review.id, elsewhere.id, {key: run for key, (_, run) in made.items()}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    database = request.getfixturevalue("module_postgres_url") if request.param == "postgresql" else None
    people = classroom(
        PASSWORD,
        ("carol", PASSWORD, Role.LEARNER, "teacher"),
        ("dave", PASSWORD, Role.LEARNER, "other-teacher"),
    )
    with serving(tmp_path_factory.mktemp("cohorts"), database, people, _seed) as (server, seeded):
        yield World(server, *seeded)


def _routes(world: World) -> list[str]:
    homework = world.homework
    return [
        f"/gradebook/{homework}/cohort",
        f"/api/assignments/{homework}/cohort",
        f"/api/assignments/{homework}/cohort?format=csv&table=costs",
        "/gradebook/cohorts/evening",
        "/api/cohorts/evening",
        "/gradebook/learners/carol",
        "/api/learners/carol/cohort",
    ]


def _scores(script_name: str) -> dict[str, float | None]:
    return {c["id"]: c["score"] for c in rehearsed(PRIYA, script_name).data["criteria"]}


def test_nothing_without_logging_in(world: World) -> None:
    with httpx.Client(base_url=world.server.url) as anonymous:
        for path in _routes(world):
            assert anonymous.get(path).status_code == 401, path


def test_a_learner_is_refused_every_cohort_route(world: World) -> None:
    with world.client("alice") as alice:
        for path in [*_routes(world), "/gradebook/learners/alice", "/api/learners/alice/cohort"]:
            response = alice.get(path)
            assert response.status_code == 403 and "carol" not in response.text, path


def test_the_assignment_view_has_the_right_figures(world: World) -> None:
    with world.client("teacher") as teacher:
        response = teacher.get(f"/api/assignments/{world.homework}/cohort")
    assert response.status_code == 200
    figures = response.json()
    assert figures["scope"] == {"assignment": world.homework, "title": "Homework"}
    alice, carol = figures["learners"]
    # The heat map reads each learner's latest graded attempt: alice's second, skilled one.
    assert (alice["learner"], alice["scores"]) == ("alice", _scores("skilled"))
    assert alice["overall"] == rehearsed(PRIYA, "skilled").score
    assert (alice["attempts"], alice["graded"], alice["assignments"], alice["passed"]) == (2, 2, 1, 1)
    advice_giver = len(rehearsed(PRIYA, "advice_giver").records)
    assert alice["time_on_task_minutes"] == (advice_giver + 1) + (15 + 5)
    assert alice["trust_losses"] == len(losses(rehearsed(PRIYA, "advice_giver")))
    # carol failed and was overridden to a pass.
    assert (carol["scores"], carol["overall"], carol["passed"]) == (_scores("contract_then_fix"), 75.0, 1)
    [homework] = figures["assignments"]
    assert homework["assignment"] == world.homework
    assert (homework["learners"], homework["started"], homework["submitted"], homework["passed"]) == (
        2,
        2,
        2,
        2,
    )
    assert (homework["pass_rate"], homework["attempts"], homework["attempts_per_learner"]) == (1.0, 3, 1.5)
    costs = {row["cause"]: row for row in figures["trust_costs"]}
    counted = losses(rehearsed(PRIYA, "advice_giver")) + losses(rehearsed(PRIYA, "contract_then_fix"))
    assert figures["trust_costs"][0]["cause"] == "advice"
    assert costs["advice"]["turns"] == sum(cause == "advice" for cause, _ in counted)
    assert costs["advice"]["learners"] == 2 and costs["advice"]["kind"] == "move"
    assert "breach" not in costs  # only on a rewound branch
    assert [c["id"] for c in figures["criteria"]] == list(_scores("skilled"))


def test_the_csv_export_is_the_same_figures(world: World) -> None:
    with world.client("teacher") as teacher:
        base = f"/api/assignments/{world.homework}/cohort"
        figures = teacher.get(base).json()
        learners = teacher.get(base, params={"format": "csv", "table": "learners"})
        costs = teacher.get(base, params={"format": "csv", "table": "costs"})
    assert learners.status_code == 200 and learners.headers["content-type"].startswith("text/csv")
    assert "attachment" in learners.headers["content-disposition"]
    criteria = [c["id"] for c in figures["criteria"]]
    lines = learners.text.splitlines()
    totals = ["assignments", "passed", "attempts", "graded", "time_on_task_minutes", "trust_losses"]
    assert lines[0].split(",") == ["learner", "overall", *criteria, *totals]
    alice = dict(zip(lines[0].split(","), lines[1].split(","), strict=True))
    assert (
        alice["learner"] == "alice"
        and alice["time_on_task_minutes"] == f"{figures['learners'][0]['time_on_task_minutes']:g}"
    )
    for criterion in criteria:
        score = figures["learners"][0]["scores"][criterion]
        assert alice[criterion] == ("" if score is None else f"{score:g}"), criterion
    assert len(lines) == 3 and lines[2].startswith("carol,75,")
    rows = costs.text.splitlines()
    assert rows[0] == "cause,kind,turns,learners,trust_lost,reason"
    assert rows[1].startswith(f"advice,move,{figures['trust_costs'][0]['turns']},2,")


def test_a_cohort_shows_each_instructor_their_own_learners_only(world: World) -> None:
    with world.client("teacher") as teacher:
        mine = teacher.get("/api/cohorts/evening").json()
        page = teacher.get("/gradebook/cohorts/evening")
        csvs = [
            teacher.get("/api/cohorts/evening", params={"format": "csv", "table": t}).text
            for t in ("learners", "assignments", "costs")
        ]
    assert [row["learner"] for row in mine["learners"]] == ["carol"]
    assert [row["title"] for row in mine["assignments"]] == ["Homework", "Review"]
    [homework, review] = mine["assignments"]
    assert (homework["learners"], review["started"], review["submitted"], review["pass_rate"]) == (
        1,
        1,
        0,
        None,
    )
    assert mine["learners"][0]["attempts"] == 2 and mine["learners"][0]["graded"] == 1
    for text in (page.text, json.dumps(mine), *csvs):
        for foreign in ("dave", "alice", "bob", "Elsewhere"):
            assert foreign not in text, foreign
    with world.client("other-teacher") as other:
        theirs = other.get("/api/cohorts/evening").json()
    assert [row["learner"] for row in theirs["learners"]] == ["dave"]
    assert [row["title"] for row in theirs["assignments"]] == ["Elsewhere"]
    assert "carol" not in json.dumps(theirs) and "Homework" not in json.dumps(theirs)


def test_another_instructor_gets_nothing_of_the_teachers(world: World) -> None:
    with world.client("other-teacher") as other:
        for path in [p for p in _routes(world) if "evening" not in p]:
            response = other.get(path)
            assert response.status_code == 404 and "alice" not in response.text, path
        index = other.get("/gradebook").text  # evening has dave, their learner
        assert (
            "/gradebook/cohorts/evening" in index
            and "/gradebook/cohorts/night" in index
            and "Homework" not in index
        )
    with world.client("teacher") as teacher:
        # Not theirs and not there answer alike: nothing says which learners and cohorts exist.
        for missing, there in [
            ("/gradebook/learners/zed", "/gradebook/learners/bob"),
            ("/api/cohorts/nowhere", "/api/cohorts/night"),
        ]:
            first, second = teacher.get(missing), teacher.get(there)
            assert (first.status_code, second.status_code) == (404, 404)
            assert first.json() == second.json()


def test_bad_export_requests_are_refused_clearly(world: World) -> None:
    with world.client("teacher") as teacher:
        base = f"/api/assignments/{world.homework}/cohort"
        wrong_format = teacher.get(base, params={"format": "xml"})
        wrong_table = teacher.get(base, params={"format": "csv", "table": "grades"})
        assert (wrong_format.status_code, wrong_format.json()["detail"]) == (422, "format is json or csv")
        assert (wrong_table.status_code, wrong_table.json()["detail"]) == (
            422,
            "table is learners, assignments or costs",
        )
        assert teacher.get("/gradebook/99999/cohort").status_code == 404
        # Refused requests changed nothing: the figures are as before.
        assert teacher.get(base).json()["learners"][0]["attempts"] == 2


def test_the_learner_page_drills_down_to_their_runs(world: World) -> None:
    with world.client("teacher") as teacher:
        page = teacher.get("/gradebook/learners/alice")
        figures = teacher.get("/api/learners/alice/cohort").json()
    assert page.status_code == 200
    for run in ("alice1", "alice2"):
        assert f'/gradebook/runs/{world.runs[run]}"' in page.text
        assert f'/gradebook/runs/{world.runs[run]}/report"' in page.text
    assert "/progress?learner=alice" in page.text
    assert "carol" not in page.text and "carol" not in json.dumps(figures)
    assert [row["learner"] for row in figures["learners"]] == ["alice"]


def test_instructors_find_the_views_from_the_gradebook(world: World) -> None:
    with world.client("teacher") as teacher:
        index = teacher.get("/gradebook").text
        assignment = teacher.get(f"/gradebook/{world.homework}").text
        view = teacher.get(f"/gradebook/{world.homework}/cohort").text
        library = teacher.get("/progress/plotly.min.js")
    assert 'href="/gradebook/cohorts/evening"' in index and "/gradebook/cohorts/night" not in index
    assert f'href="/gradebook/{world.homework}/cohort"' in assignment
    assert (
        'href="/gradebook/learners/alice"' in assignment and 'href="/gradebook/learners/carol"' in assignment
    )
    assert (
        'src="/progress/plotly.min.js"' in view
        and 'id="heatmap"' in view
        and 'href="/gradebook/learners/alice"' in view
    )
    assert library.status_code == 200 and library.headers["content-type"].startswith("text/javascript")
    assert b"plotly.js" in library.content[:2000]


def test_the_cli_exports_the_same_figures(world: World) -> None:
    if world.server.database_url:
        pytest.skip("one database is enough for the command's shape")
    env = world.server.env()
    with world.client("teacher") as teacher:
        over_http = teacher.get(f"/api/assignments/{world.homework}/cohort", params={"format": "csv"}).text
        cohort_http = teacher.get("/api/cohorts/evening").json()
    made = run_rapport("cohort-view", "--assignment", str(world.homework), "--format", "csv", env=env)
    assert made.returncode == 0, made.stderr
    assert made.stdout == over_http
    cohort = run_rapport("cohort-view", "--cohort", "evening", "--by", "teacher", env=env)
    assert cohort.returncode == 0 and json.loads(cohort.stdout) == cohort_http
    for args, error in [
        (("--assignment", "999"), "error: no assignment 999\n"),
        (
            ("--cohort", "evening"),
            "error: --cohort needs --by INSTRUCTOR: a cohort view shows one instructor's learners\n",
        ),
        (
            ("--cohort", "night", "--by", "teacher"),
            "error: no cohort called 'night' with learners of teacher\n",
        ),
        (("--cohort", "evening", "--by", "alice"), "error: no instructor called 'alice'\n"),
        ((), "error: give --assignment ID or --cohort NAME (with --by INSTRUCTOR)\n"),
    ]:
        refused = invoke_rapport("cohort-view", *args, env=env)  # in-process: the refusals, quickly
        assert (refused.returncode, refused.stdout, refused.stderr) == (2, "", error), args


def test_an_assignment_nobody_started_has_empty_figures(world: World) -> None:
    with world.client("teacher") as teacher:
        unstarted = next(a for a in teacher.get("/api/assignments").json() if a["title"] == "Unstarted")
        page = teacher.get(f"/gradebook/{unstarted['id']}/cohort")
        figures = teacher.get(f"/api/assignments/{unstarted['id']}/cohort").json()
    assert (
        page.status_code == 200 and "No graded attempts yet" in page.text and 'id="heatmap"' not in page.text
    )
    assert figures["criteria"] == [] and figures["trust_costs"] == []
    [alice] = figures["learners"]
    assert (alice["learner"], alice["attempts"], alice["overall"], alice["time_on_task_minutes"]) == (
        "alice",
        0,
        None,
        0,
    )
    [row] = figures["assignments"]
    assert (row["learners"], row["started"], row["pass_rate"], row["attempts_per_learner"]) == (
        1,
        0,
        None,
        None,
    )
