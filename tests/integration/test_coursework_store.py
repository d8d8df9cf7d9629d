"""Coursework in the store, on SQLite and PostgreSQL: cohorts, assignments with pinned content, attempts
(numbered, limited, late), submission once, overrides that keep the original grade, the gradebook."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from app.domain.coursework import Terms
from app.files.catalog import Catalog
from app.practice.gradebook import to_csv
from app.practice.pinning import pinned_persona, pinned_rubric, sha256_of
from app.store import assignments, attempts, cohorts, runs
from app.store.accounts import AccountError, AccountView, Role, add_account
from app.store.attempts import AttemptRefused
from app.store.db import Database
from app.store.gradebook import standings
from app.store.runs import RunFields, get_run
from app.store.schema import metadata, utcnow
from app.store.urls import sync_url
from tests.support.coursework import assign, shipped
from tests.support.names import unique


async def people(db: Database, learners: int = 2) -> tuple[AccountView, list[AccountView]]:
    teacher = await add_account(db, unique("teach"), "long enough", Role.INSTRUCTOR)
    made = [await add_account(db, unique("learn"), "long enough", Role.LEARNER) for _ in range(learners)]
    return teacher, made


def run_of(learner: AccountView) -> RunFields:
    return RunFields(
        account_id=learner.id,
        thread_id=None,
        persona_id="priya-team-lead",
        persona_name="Priya Raman",
        seed=7,
        opening="Hello.",
    )


def test_migrations_match_the_models_exactly(database_url: str) -> None:
    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


async def test_cohorts_hold_learners_only_and_names_once(db: Database) -> None:
    teacher, [ana, ben] = await people(db)
    name = unique("cohort-")
    await cohorts.create_cohort(db, name)
    with pytest.raises(AccountError, match="already exists"):
        await cohorts.create_cohort(db, name)
    await cohorts.add_members(db, name, [ana.name, ben.name])
    await cohorts.add_members(db, name, [ana.name])  # again: no duplicate, no error
    with pytest.raises(AccountError, match="no learner called"):
        await cohorts.add_members(db, name, [teacher.name])
    with pytest.raises(AccountError, match="no cohort called"):
        await cohorts.add_members(db, unique("nope"), [ana.name])
    [found] = [c for c in await cohorts.list_cohorts(db) if c.name == name]
    assert found.members == sorted([ana.name, ben.name])


async def test_an_assignment_is_for_its_learners_and_cohorts_only(db: Database) -> None:
    teacher, [ana, ben, cy] = await people(db, 3)
    group = unique("cohort-")
    await cohorts.create_cohort(db, group)
    await cohorts.add_members(db, group, [ben.name, ana.name])  # ana also by name: still once
    made = await assign(db, teacher.name, learners=[ana.name], cohorts=[group], attempts=2)
    assert made.terms == Terms(attempts_allowed=2, due_at=None, late_allowed=True, pass_mark=65.0)
    for learner in (ana, ben):
        assert [a.id for a in await assignments.assignments_for(db, learner.id)] == [made.id]
    assert await assignments.assignments_for(db, cy.id) == []
    assert await assignments.assigned_learners(db, made.id) == sorted([ana.name, ben.name])
    assert made in await assignments.list_assignments(db, created_by=teacher.id)
    assert await assignments.get_assignment(db, made.id) == made


@pytest.mark.parametrize(
    ("by", "targets", "message"),
    [
        ("learner", {"learners": ["self"]}, "no instructor called"),
        ("teacher", {}, "say who the assignment is for"),
        ("teacher", {"learners": ["teacher"]}, "no learner called"),
        ("teacher", {"cohorts": ["no-such-cohort"]}, "no cohort called"),
        ("teacher", {"learners": ["self"], "persona": "nobody"}, "unknown persona"),
        ("teacher", {"learners": ["self"], "rubric": "nothing"}, "unknown rubric"),
    ],
)
async def test_assignments_refuse_what_cannot_work(
    db: Database, by: str, targets: dict[str, list[str] | str], message: str
) -> None:
    teacher, [learner] = await people(db, 1)
    names = {"teacher": teacher.name, "learner": learner.name, "self": learner.name}

    def named(value: list[str] | str) -> list[str] | str:
        return [names.get(v, v) for v in value] if isinstance(value, list) else value

    with pytest.raises(AccountError, match=message):
        await assign(db, names[by], **{key: named(value) for key, value in targets.items()})


async def test_persona_and_rubric_are_pinned_as_they_were(db: Database) -> None:
    teacher, [ana] = await people(db, 1)
    made = await assign(db, teacher.name, learners=[ana.name], pass_mark=80)
    persona, rubric = await assignments.pinned_content(db, made.id)
    assert pinned_persona(persona) == shipped().persona("priya-team-lead")
    assert sha256_of(persona) == made.persona_sha256 and sha256_of(rubric) == made.rubric_sha256
    original = shipped().rubric("icf-trust-agreements")
    assert pinned_rubric(rubric, 80.0) == original.model_copy(update={"pass_mark": 80.0})
    assert (made.rubric_version, made.terms.pass_mark) == (original.version, 80.0)
    # An edit to the persona afterwards (a new catalog) leaves the pinned copy and its hash alone.
    edited = shipped().persona("priya-team-lead").model_copy(update={"brief": "Rewritten."})
    catalog = Catalog(personas={edited.id: edited}, rubrics=shipped().rubrics)
    later = await assign(db, teacher.name, learners=[ana.name], catalog=catalog)
    assert later.persona_sha256 != made.persona_sha256
    assert (await assignments.pinned_content(db, made.id))[0] == persona


async def test_attempts_are_numbered_limited_and_marked_late(db: Database) -> None:
    teacher, [ana, ben] = await people(db)
    now = utcnow()
    made = await assign(db, teacher.name, learners=[ana.name, ben.name], attempts=2, due=now)
    first = await attempts.start_attempt(db, made.id, made.terms, run_of(ana), now - timedelta(hours=1))
    second = await attempts.start_attempt(db, made.id, made.terms, run_of(ana), now + timedelta(hours=1))
    assert (first.number, first.late, second.number, second.late) == (1, False, 2, True)
    run = await get_run(db, second.run_id)
    assert run is not None and run.account_id == ana.id
    with pytest.raises(AttemptRefused, match="used all 2 attempts"):
        await attempts.start_attempt(db, made.id, made.terms, run_of(ana), now)
    assert (await attempts.start_attempt(db, made.id, made.terms, run_of(ben), now)).number == 1
    assert [a.number for a in await attempts.attempts_at(db, made.id, ana.id)] == [1, 2]


async def test_attempts_started_at_once_never_pass_the_limit(db: Database) -> None:
    teacher, [ana] = await people(db, 1)
    made = await assign(db, teacher.name, learners=[ana.name], attempts=2)

    async def try_one() -> int | None:
        try:
            return (await attempts.start_attempt(db, made.id, made.terms, run_of(ana), utcnow())).number
        except AttemptRefused:
            return None

    numbers = await asyncio.gather(*(try_one() for _ in range(5)))
    assert sorted(n for n in numbers if n is not None) == [1, 2]


async def test_no_late_attempt_starts_when_late_ones_are_not_taken(db: Database) -> None:
    teacher, [ana] = await people(db, 1)
    made = await assign(db, teacher.name, learners=[ana.name], due=utcnow(), late_allowed=False)
    with pytest.raises(AttemptRefused, match="does not accept late attempts"):
        await attempts.start_attempt(db, made.id, made.terms, run_of(ana), utcnow() + timedelta(seconds=1))
    assert await attempts.attempts_at(db, made.id) == []


async def test_submission_happens_once_and_a_late_submission_is_late(db: Database) -> None:
    teacher, [ana] = await people(db, 1)
    due = utcnow()
    made = await assign(db, teacher.name, learners=[ana.name], due=due)
    started = await attempts.start_attempt(db, made.id, made.terms, run_of(ana), due - timedelta(hours=1))
    assert not started.late
    after = due + timedelta(minutes=5)
    assert await attempts.submit_attempt(db, started, made.terms, score=72.5, passed=True, at=after)
    assert not await attempts.submit_attempt(db, started, made.terms, score=99.0, passed=True, at=after)
    stored = await attempts.get_attempt(db, started.id)
    assert stored is not None
    assert (stored.score, stored.passed, stored.late, stored.submitted_at) == (72.5, True, True, after)


async def test_an_override_records_who_when_why_and_keeps_the_grade(db: Database) -> None:
    teacher, [ana] = await people(db, 1)
    made = await assign(db, teacher.name, learners=[ana.name])
    started = await attempts.start_attempt(db, made.id, made.terms, run_of(ana), utcnow())
    await attempts.submit_attempt(db, started, made.terms, score=50.0, passed=False, at=utcnow())
    before = utcnow()
    first = await attempts.add_override(
        db, started.id, score=70.0, passed=True, comment="Strong contracting", by_id=teacher.id
    )
    await attempts.add_override(
        db, started.id, score=68.0, passed=True, comment="Rechecked", by_id=teacher.id
    )
    assert first.by == teacher.name and first.at >= before and first.comment == "Strong contracting"
    assert [o.score for o in await attempts.overrides_of(db, started.id)] == [70.0, 68.0]
    stored = await attempts.get_attempt(db, started.id)
    assert stored is not None and stored.override is not None
    assert (stored.score, stored.passed) == (50.0, False)  # the grader's result, as it was
    assert (stored.final_score, stored.final_passed, stored.override.comment) == (68.0, True, "Rechecked")


async def test_the_gradebook_has_every_assigned_learner(db: Database) -> None:
    teacher, [ana, ben] = await people(db)
    made = await assign(db, teacher.name, learners=[ana.name, ben.name], attempts=3)
    for score in (40.0, 75.0):
        started = await attempts.start_attempt(db, made.id, made.terms, run_of(ana), utcnow())
        await attempts.submit_attempt(db, started, made.terms, score=score, passed=score >= 65, at=utcnow())
    rows = {row.learner: row for row in await standings(db, made.id)}
    assert set(rows) == {ana.name, ben.name}
    assert (rows[ana.name].best_score, rows[ana.name].latest_score, rows[ana.name].passed) == (
        75.0,
        75.0,
        True,
    )
    assert rows[ben.name].attempts == () and rows[ben.name].passed is None


def client_report(pushed: str) -> dict[str, object]:
    answers = [{"question": "pushed", "answer": pushed}, {"question": "heard", "answer": "yes"}]
    return {"score": 50.0, "client": {"answers": answers}}


async def test_the_gradebook_carries_the_clients_answers_from_each_attempts_latest_grade(
    db: Database,
) -> None:
    teacher, [ana, ben] = await people(db)
    made = await assign(db, teacher.name, learners=[ana.name, ben.name], attempts=3)
    first = await attempts.start_attempt(db, made.id, made.terms, run_of(ana), utcnow())
    for pushed in ("no", "yes"):  # graded twice: the later grade is the one that counts
        await runs.add_grade(
            db, first.run_id, head_turn_id=None, result="r", report=client_report(pushed), markdown="m"
        )
    await attempts.submit_attempt(db, first, made.terms, score=50.0, passed=False, at=utcnow())
    old = await attempts.start_attempt(db, made.id, made.terms, run_of(ben), utcnow())
    await runs.add_grade(db, old.run_id, head_turn_id=None, result="r", report={"score": 80.0}, markdown="m")
    await attempts.submit_attempt(db, old, made.terms, score=80.0, passed=True, at=utcnow())
    rows = {row.learner: row for row in await standings(db, made.id)}
    assert rows[ana.name].latest_client == {"pushed": "yes", "heard": "yes"}
    assert rows[ben.name].latest_client is None  # a grade stored without the client's answers
    [exported] = [
        line for line in to_csv(list(rows.values()), made).splitlines() if line.startswith(ana.name)
    ]
    assert exported.endswith(",yes,,,yes,")
