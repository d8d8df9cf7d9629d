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
from html import unescape

import httpx
import pytest

from app.store.accounts import Role
from tests.support.cli import invoke_rapport
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
        """In-process: the `lti` commands' subprocess test is tests/integration/test_lti_cli.py."""
        done = invoke_rapport(*args, env=self.rapport.env())
        assert done.returncode == 0, done.stderr
        return done.stdout


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    database = request.getfixturevalue("module_postgres_url") if request.param == "postgresql" else None
    rapport = RapportServer(data_dir=tmp_path_factory.mktemp("lti"), database_url=database)
    rapport.add_accounts(("local-admin", "not-an-lms-user", Role.INSTRUCTOR, None))
    lms = Lms(tool_url=rapport.url)
    world = World(rapport, lms)
    world.rapport_cli("lti", "keys", "rotate")
    assert "registered platform 1" in world.rapport_cli("lti", "platform", "add", *lms.registration_args)
    # Assignments are set for an empty cohort: LMS learners are added to one when they launch it.
    world.rapport_cli("users", "cohort", "create", "lms-course")
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
    [link] = [each for each in lms.links.values() if each.title == "Contracting with Priya"]
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


@pytest.fixture
def tampering(world: World) -> Iterator[Lms]:
    yield world.lms
    world.lms.tamper = None


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        ("wrong-key", "signature does not match the platform's keys (JWKS)"),
        ("wrong-audience", "not addressed to Rapport"),
        ("expired", "The launch has expired"),
    ],
)
def test_a_bad_id_token_is_refused_with_a_clear_message(
    world: World, tampering: Lms, tamper: str, message: str
) -> None:
    tampering.tamper = tamper
    client = browser(world)
    refused = launched(world, client, f"eve-{tamper}", LEARNER, deep=True)
    assert refused.status_code == 403
    assert message in unescape(refused.text) and "Start it again from your course" in refused.text
    # Nothing was made or logged in: no account, no login cookie.
    assert f"eve-{tamper}" not in world.rapport_cli("users", "list")
    assert "access_token" not in client.cookies
    assert client.get("/api/runs").status_code == 401


def test_a_replayed_id_token_is_refused(world: World) -> None:
    client = browser(world)
    form = world.lms.launch(client, "mona", INSTRUCTOR, deep=True)
    state_cookie = f"lti1p3-{form.fields['state']}"
    state = client.cookies[state_cookie]
    assert post_launch(client, form.fields, form.action).status_code == 200
    # The launch ended its login: the state cookie is gone, so the same post again is refused ...
    assert state_cookie not in client.cookies
    again = post_launch(client, form.fields, form.action)
    assert again.status_code == 403 and "state mismatch" in again.text
    # ... and with the state cookie copied back too, the nonce has been used: refused all the same.
    client.cookies.set(state_cookie, state)
    replayed = post_launch(client, form.fields, form.action)
    assert replayed.status_code == 403 and "already been used" in replayed.text
    # From another browser (no state cookie) it is refused as well.
    elsewhere = post_launch(browser(world), form.fields, form.action)
    assert elsewhere.status_code == 403


def test_a_launch_from_an_unregistered_platform_is_refused(world: World) -> None:
    started = browser(world).get(
        "/lti/login", params={"iss": "https://lms.elsewhere.example", "login_hint": "x", "client_id": "y"}
    )
    assert started.status_code == 403 and "not registered with Rapport" in started.text


def test_held_for_review_then_confirmed_and_a_retry_after_the_lms_was_down(world: World) -> None:
    lms, teacher = world.lms, browser(world)
    launched(world, teacher, "mona", INSTRUCTOR, deep=True)  # logs the instructor in
    assignment = set_assignment(world, "mona", "Held for review")
    held = teacher.put(f"/api/assignments/{assignment}/lti-review", json={"hold": True})
    assert held.status_code == 200 and held.json() == {"assignment": assignment, "hold": True}
    deep_link(world, teacher, "Held for review")
    [link] = [each for each in lms.links.values() if each.title == "Held for review"]

    learner = browser(world)
    assert launched(world, learner, "lars", LEARNER, link=link.id).status_code == 303
    before = len(lms.scores)
    asyncio.run(attempt(world, learner, assignment))
    pending = lms.wait_for_scores(before + 1)[-1]
    assert pending[0] == link.lineitem_id
    assert pending[1]["gradingProgress"] == "PendingManual" and "scoreGiven" not in pending[1]

    [first] = _attempts(teacher, assignment)
    page = teacher.get(f"/gradebook/{assignment}/lms")
    assert "pending review: sent" in page.text and "Confirm for the LMS" in page.text
    confirmed = teacher.post(f"/api/attempts/{first['id']}/confirm")
    assert confirmed.status_code == 200 and confirmed.json()["sent_to_lms"] is True
    released = lms.wait_for_scores(before + 2)[-1][1]
    assert released["gradingProgress"] == "FullyGraded"
    assert released["scoreGiven"] == pytest.approx(first["score"])

    # The LMS goes down: the learner's next attempt is submitted all the same, its score waits.
    lms.grades_up = False
    refused_before = lms.refused_scores
    asyncio.run(attempt(world, learner, assignment))
    lms.wait_for_refusals(refused_before + 1)
    [_, second] = _attempts(teacher, assignment)
    assert len(lms.scores) == before + 2
    # Back up: the waiting score goes (`--send-now`, or the server's own retry after its back-off).
    lms.grades_up = True
    world.rapport_cli("lti", "outbox", "--send-now")
    arrived = lms.wait_for_scores(before + 3)[-1][1]
    assert arrived["gradingProgress"] == "PendingManual"  # the second attempt is held for review too
    sent = teacher.get(f"/api/attempts/{second['id']}/lti").json()
    assert sent[-1]["sent_at"] is not None


def _attempts(instructor: httpx.Client, assignment: int) -> list[dict[str, object]]:
    book = instructor.get(f"/api/assignments/{assignment}/gradebook", params={"format": "json"}).json()
    return [each for learner in book["learners"] for each in learner["attempt_list"]]


def test_only_the_setter_confirms_or_holds_grades(world: World) -> None:
    teacher, other, learner = browser(world), browser(world), browser(world)
    launched(world, teacher, "mona", INSTRUCTOR, deep=True)
    launched(world, other, "otto", INSTRUCTOR, deep=True)
    assignment = set_assignment(world, "mona", "Only mine")
    deep_link(world, teacher, "Only mine")
    [link] = [each for each in world.lms.links.values() if each.title == "Only mine"]
    launched(world, learner, "lina", LEARNER, link=link.id)
    asyncio.run(attempt(world, learner, assignment))
    [made] = _attempts(teacher, assignment)

    assert learner.post(f"/api/attempts/{made['id']}/confirm").status_code == 403
    assert other.post(f"/api/attempts/{made['id']}/confirm").status_code == 404
    assert other.get(f"/api/attempts/{made['id']}/lti").status_code == 404
    assert learner.put(f"/api/assignments/{assignment}/lti-review", json={"hold": True}).status_code == 403
    assert other.put(f"/api/assignments/{assignment}/lti-review", json={"hold": True}).status_code == 404
    assert learner.get(f"/gradebook/{assignment}/lms").status_code == 403
    assert other.get(f"/gradebook/{assignment}/lms").status_code == 404
    assert other.post(f"/gradebook/{assignment}/lms/review", data={"hold": "true"}).status_code == 404
    bad = teacher.put(f"/api/assignments/{assignment}/lti-review", json={"hold": "maybe"})
    assert bad.status_code == 422 and "hold" in bad.json()["detail"]
    assert teacher.post(f"/gradebook/{assignment}/lms/review", data={"hold": "maybe"}).status_code == 422
    # Nothing changed: the grade went out as graded, and nothing else is waiting.
    [sent] = teacher.get(f"/api/attempts/{made['id']}/lti").json()
    assert sent["score"]["gradingProgress"] == "FullyGraded"
    assert browser(world).get(f"/api/attempts/{made['id']}/lti").status_code == 401


def test_the_lms_grades_page_holds_and_confirms_with_forms(world: World) -> None:
    teacher, learner = browser(world), browser(world)
    launched(world, teacher, "mona", INSTRUCTOR, deep=True)
    assignment = set_assignment(world, "mona", "Reviewed on the page")
    held = teacher.post(f"/gradebook/{assignment}/lms/review", data={"hold": "true"})
    assert held.status_code == 303 and held.headers["location"] == f"/gradebook/{assignment}/lms"
    assert "as pending review until you confirm them" in teacher.get(held.headers["location"]).text
    deep_link(world, teacher, "Reviewed on the page")
    [link] = [each for each in world.lms.links.values() if each.title == "Reviewed on the page"]
    launched(world, learner, "lotte", LEARNER, link=link.id)
    before = len(world.lms.scores)
    asyncio.run(attempt(world, learner, assignment))
    assert world.lms.wait_for_scores(before + 1)[-1][1]["gradingProgress"] == "PendingManual"
    [made] = _attempts(teacher, assignment)
    page = teacher.get(f"/gradebook/{assignment}/lms")
    assert f"confirm attempt {made['id']}" in page.text
    confirmed = teacher.post(f"/api/attempts/{made['id']}/confirm", data={"from": "page"})
    assert confirmed.status_code == 303 and confirmed.headers["location"] == f"/gradebook/{assignment}/lms"
    assert world.lms.wait_for_scores(before + 2)[-1][1]["gradingProgress"] == "FullyGraded"
    assert f"confirm attempt {made['id']}" not in teacher.get(f"/gradebook/{assignment}/lms").text
    assert f'href="/gradebook/{assignment}/lms"' in teacher.get(f"/gradebook/{assignment}").text
