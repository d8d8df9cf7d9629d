"""LTI 1.3 end to end, against a real platform implementation (the `lti1p3platform` package, run as a small
LMS in tests/support/lms.py) and a real `rapport serve`: Rapport is registered with `rapport lti` commands; an
instructor deep-links an assignment from inside the LMS; a learner launches it, lands in it logged in, does
an attempt over the chat's socket and the LMS receives the score through AGS; pending review, confirmation,
an override sent again, a retry after the LMS was down; and forged, mis-addressed, expired and replayed
id_tokens refused with a clear message."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from app.store.accounts import Role
from tests.support.cli import run_rapport
from tests.support.lms import INSTRUCTOR, LEARNER, Lms, form_in
from tests.support.server import RapportServer
from tests.support.sockets import ChatSocket

TURNS = [
    "What would you like to get from our time together today?",
    "It sounds like the team conversations have been weighing on you.",
]


@dataclass
class World:
    rapport: RapportServer
    lms: Lms

    def rapport_cli(self, *args: str) -> str:
        done = run_rapport(*args, env=self.rapport.env())
        assert done.returncode == 0, done.stderr
        return done.stdout


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    rapport = RapportServer(data_dir=tmp_path_factory.mktemp("lti"))
    rapport.add_accounts(("local-admin", "not-an-lms-user", Role.INSTRUCTOR, None))
    lms = Lms(tool_url=rapport.url)
    world = World(rapport, lms)
    world.rapport_cli("lti", "keys", "rotate")
    assert "registered platform 1" in world.rapport_cli("lti", "platform", "add", *lms.registration_args)
    with lms.running():
        rapport.start()
        try:
            yield world
        finally:
            rapport.stop()


def browser(world: World) -> httpx.Client:
    return httpx.Client(base_url=world.rapport.url, timeout=30)


def post_launch(client: httpx.Client, form: dict[str, str], action: str) -> httpx.Response:
    return client.post(action, data=form)


def launched(world: World, client: httpx.Client, user: str, role: str, **how: object) -> httpx.Response:
    form = world.lms.launch(client, user, role, **how)  # type: ignore[arg-type]
    return post_launch(client, form.fields, form.action)


def chosen_profile(client: httpx.Client) -> str:
    settings = client.get("/project/settings", params={"language": "en-US"})
    assert settings.status_code == 200, settings.text
    profiles = settings.json()["chatProfiles"]
    return str(next(p["name"] for p in profiles if p.get("default")))


async def attempt(world: World, client: httpx.Client, assignment: int) -> None:
    chat = ChatSocket(world.rapport, client.cookies["access_token"])
    await chat.connect(profile=f"assignment:{assignment}")
    for turn in TURNS:
        await chat.send(turn)
    mark = len(chat.events)
    await chat.send("/end")
    await chat.said("submitted", after=mark)
    await chat.close()


def deep_link(world: World, instructor: httpx.Client, title: str) -> None:
    picker = launched(world, instructor, "mona", INSTRUCTOR, deep=True)
    assert picker.status_code == 200, picker.text
    forms = [form_in(part) for part in picker.text.split("</form>")[:-1]]
    [chosen] = [f for f in forms if title in picker.text.split(f.fields["JWT"])[1].split("</form>")[0]]
    back = httpx.post(chosen.action, data=chosen.fields, timeout=30)  # the browser posts it to the LMS
    assert back.status_code == 200 and title in back.text, back.text


def set_assignment(world: World, by: str, title: str) -> int:
    # For an empty cohort: LMS learners are added to the assignment when they launch it.
    world.rapport_cli("users", "cohort", "create", "lms-course")
    made = world.rapport_cli(
        "assign", "create", "--title", title, "--persona", "priya-team-lead", "--rubric", "icf-trust-agreements",
        "--attempts", "5", "--cohort", "lms-course", "--by", by, "--json",
    )  # fmt: skip
    return int(json.loads(made)["id"])


def test_deep_link_launch_and_the_score_through_ags(world: World) -> None:
    lms = world.lms
    teacher = browser(world)

    # An instructor's first launch makes their account (role from the LTI roles claim); with nothing set
    # yet, the Deep Linking page says how to set one.
    first = launched(world, teacher, "mona", INSTRUCTOR, deep=True)
    assert first.status_code == 200 and "You have set no assignment yet" in first.text
    accounts = world.rapport_cli("users", "list")
    assert "mona\tinstructor" in accounts

    assignment = set_assignment(world, "mona", "Contracting with Priya")
    deep_link(world, teacher, "Contracting with Priya")
    [link] = lms.links.values()
    assert link.custom == {"rapport_assignment": str(assignment)}

    # The learner launches the course link: logged in, landing in the assignment's chat.
    learner = browser(world)
    landed = launched(world, learner, "lena", LEARNER, link=link.id)
    assert landed.status_code == 303 and landed.headers["location"] == "/"
    assert chosen_profile(learner) == f"assignment:{assignment}"
    mine = learner.get("/api/assignments").json()
    assert [a["id"] for a in mine] == [assignment]
    assert "lena\tlearner  instructor: mona" in world.rapport_cli("users", "list")

    asyncio.run(attempt(world, learner, assignment))
    [(item, score)] = lms.wait_for_scores(1)
    assert item == link.lineitem_id
    assert score["userId"] == "lena" and score["gradingProgress"] == "FullyGraded"
    assert score["activityProgress"] == "Completed" and score["scoreMaximum"] == 100
    assert score["scoreGiven"] == pytest.approx(_attempt_score(teacher, assignment, 1))

    # The instructor's launch of the same link opens its gradebook; an override goes to the LMS again.
    gradebook = launched(world, teacher, "mona", INSTRUCTOR, link=link.id)
    assert gradebook.status_code == 303 and gradebook.headers["location"] == f"/gradebook/{assignment}"
    overridden = teacher.post(
        "/api/attempts/1/override", json={"score": 71, "passed": True, "comment": "Goal agreed in turn 1"}
    )
    assert overridden.status_code == 200, overridden.text
    scores = lms.wait_for_scores(2)
    assert scores[-1][1]["scoreGiven"] == 71 and scores[-1][1]["comment"] == "Goal agreed in turn 1"


def _attempt_score(instructor: httpx.Client, assignment: int, attempt_id: int) -> float:
    book = instructor.get(f"/api/assignments/{assignment}/gradebook", params={"format": "json"}).json()
    for learner in book["learners"]:
        for each in learner["attempt_list"]:
            if each["id"] == attempt_id:
                return float(each["score"])
    raise AssertionError(f"no attempt {attempt_id} in {book}")
