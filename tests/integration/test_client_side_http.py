"""The client's side in the instructor's pages, against a real `rapport serve`: a graded attempt's run page shows
the client's answers as the learner's report does (the same stored answers, through the report's own section),
and the assignment's attempts table gives them in brief, leading there. Who may open the run page is unchanged."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass

import pytest

from app.bootstrap import bootstrap
from app.domain.questionnaire import Question
from app.domain.transcript import Transcript, Utterance
from app.practice.grading import default_grader
from app.practice.report import stored_client_side
from app.store.db import Database
from tests.support.coursework import assign, graded_attempt
from tests.support.server import RapportServer, classroom, login, serving

PASSWORD = "long enough"
TURNS = (
    "Before we start: what you say here stays between us.",
    "What would you like to get out of our time today?",
    "So Dan keeps taking the room from you, and that matters to you.",
    "...",
)


@dataclass(frozen=True)
class Seeded:
    assignment: int
    run: str
    learner_markdown: str  # the report the learner read
    report: dict[str, object]


async def _seed(url: str) -> Seeded:
    """An attempt of alice's, graded by the app's grader from a session played with the shipped Priya."""
    services = bootstrap()
    persona = services.catalog.personas["priya-team-lead"]
    rehearsal = services.rehearsal(persona)
    transcript = [Utterance(speaker="client", text=rehearsal.opening())]
    for said in TURNS:
        record = rehearsal.take_turn(said)
        transcript += [
            Utterance(speaker="coach", text=said),
            Utterance(speaker="client", text=record.coachee),
        ]
    graded = default_grader(services)(persona, rehearsal.records, Transcript(turns=transcript))
    db = Database(url)
    try:
        made = await assign(db, "teacher", title="Questionnaire", learners=["alice"])
        attempt = await graded_attempt(
            db,
            made,
            "alice",
            opening=transcript[0].text,
            result=graded.result,
            report=graded.data,
            markdown=graded.markdown,
            score=50.0,
            passed=False,
        )
        assert graded.learner is not None
        return Seeded(made.id, attempt.run_id, graded.learner.markdown, graded.data)
    finally:
        await db.dispose()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RapportServer, Seeded]]:
    with serving(tmp_path_factory.mktemp("client-side"), None, classroom(PASSWORD), _seed) as running:
        yield running


def _text(page: str) -> str:
    """The page as read: tags dropped, entities and the Markdown escapes undone, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _section(page: str) -> str:
    found = re.search(r'<section id="client-side"[^>]*>(.*?)</section>', page, re.S)
    assert found, "no client's side on the page"
    return found.group(1)


def test_the_run_page_shows_the_clients_answers_as_the_report_does(
    world: tuple[RapportServer, Seeded],
) -> None:
    server, seeded = world
    side = stored_client_side(seeded.report)
    assert side is not None and [a.question for a in side.answers] == list(Question)
    with closing(login(server, "teacher", PASSWORD)) as teacher:
        page = teacher.get(f"/gradebook/runs/{seeded.run}")
    assert page.status_code == 200
    shown = _text(_section(page.text))
    assert (
        "The client's side" in shown and "After the session, Priya Raman answers in their own words." in shown
    )
    for answer in side.answers:
        # Priya's own words (her persona's after_session lines), as the learner read them in their report.
        assert answer.said in seeded.learner_markdown.replace("\\", "")
        assert f"{answer.asked} {answer.answer.value} “{answer.said}”" in shown, answer
    assert page.text.index('id="client-side"') < page.text.index('class="turn"')  # above the transcript


def test_the_attempts_table_gives_the_answers_in_brief(world: tuple[RapportServer, Seeded]) -> None:
    server, seeded = world
    side = stored_client_side(seeded.report)
    assert side is not None
    with closing(login(server, "teacher", PASSWORD)) as teacher:
        page = teacher.get(f"/gradebook/{seeded.assignment}").text
    assert "<th>The client&#x27;s side</th>" in page or "<th>The client's side</th>" in page
    brief = " · ".join(f"{a.question.value.replace('_', ' ')} {a.answer.value}" for a in side.answers)
    assert f'<a href="/gradebook/runs/{seeded.run}#client-side">{brief}</a>' in page


def test_the_learner_sees_the_same_answers_and_nobody_else_does(world: tuple[RapportServer, Seeded]) -> None:
    server, seeded = world
    with closing(login(server, "teacher", PASSWORD)) as teacher:
        theirs = _section(teacher.get(f"/gradebook/runs/{seeded.run}").text)
    with closing(login(server, "alice", PASSWORD)) as alice:
        own = alice.get(f"/gradebook/runs/{seeded.run}")
    assert own.status_code == 200 and _section(own.text) == theirs
    with closing(login(server, "other-teacher", PASSWORD)) as other:
        assert other.get(f"/gradebook/runs/{seeded.run}").status_code == 404
    with closing(login(server, "bob", PASSWORD)) as bob:
        assert bob.get(f"/gradebook/runs/{seeded.run}").status_code == 404
