"""Graded runs made the way the practice app makes them (real engine, real grader, the stored report data),
for the progress tests to seed a database with."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace
from typing import Any

from app.practice.grading import rubric_grader
from app.store import runs
from app.store.accounts import get_account
from app.store.db import Database
from tests.support.grading import persona, rehearse, rubric, script, tagger


@dataclass(frozen=True)
class Graded:
    persona_id: str
    persona_name: str
    opening: str
    result: str
    data: dict[str, Any]
    markdown: str


@cache
def graded(persona_id: str, script_name: str) -> Graded:
    """A rehearsal of one of the test scripts, graded with the shipped rubric as "End session" grades it."""
    chosen = persona(persona_id)
    transcript, records = rehearse(chosen, script(persona_id, script_name))
    report = rubric_grader(SimpleNamespace(tagger=tagger()), rubric())(chosen, records, transcript)  # type: ignore[arg-type]
    return Graded(
        persona_id=chosen.id,
        persona_name=chosen.name,
        opening=transcript.turns[0].text,
        result=report.result,
        data=report.data,
        markdown=report.markdown,
    )


async def seed_runs(db: Database, learner: str, plan: list[tuple[str, str]]) -> list[str]:
    """Graded runs for `learner`, one per (persona id, script name), in order; their run ids."""
    account = await get_account(db, learner)
    assert account is not None
    made: list[str] = []
    for persona_id, script_name in plan:
        done = graded(persona_id, script_name)
        run = await runs.create_run(
            db,
            account_id=account.id,
            thread_id=None,
            persona_id=done.persona_id,
            persona_name=done.persona_name,
            seed=7,
            opening=done.opening,
        )
        await runs.add_grade(
            db, run.id, head_turn_id=None, result=done.result, report=done.data, markdown=done.markdown
        )
        made.append(run.id)
    return made
