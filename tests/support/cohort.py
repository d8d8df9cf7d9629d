"""Attempts for the cohort-view tests, made the way the practice app makes them: a real offline rehearsal of
one of the test scripts, every turn stored with its record (the trust engine's causes), graded with the
shipped rubric as "End session" grades it, and submitted. Times are given, so time on task is known."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from types import SimpleNamespace
from typing import Any

from sqlalchemy.orm import Session

from app.domain.turns import PreparedTurn, TurnRecord
from app.practice.grading import rubric_grader
from app.store import attempts, runs
from app.store.accounts import get_account
from app.store.assignments import AssignmentView
from app.store.db import Database
from app.store.runs import RunFields
from app.store.schema import Run, TurnRow, TurnStatus
from tests.support.grading import persona, rehearse_stored, rubric, script, tagger


@dataclass(frozen=True)
class Rehearsed:
    records: list[TurnRecord]
    prepared: list[PreparedTurn]  # each turn as stored before its reply
    opening: str
    data: dict[str, Any]  # the stored report, as the grader made it
    markdown: str
    result: str
    score: float
    passed: bool


@cache
def rehearsed(persona_id: str, script_name: str) -> Rehearsed:
    chosen = persona(persona_id)
    transcript, prepared, records = rehearse_stored(chosen, script(persona_id, script_name))
    report = rubric_grader(SimpleNamespace(tagger=tagger()), rubric())(chosen, records, transcript)  # type: ignore[arg-type]
    return Rehearsed(
        records=records,
        prepared=prepared,
        opening=transcript.turns[0].text,
        data=report.data,
        markdown=report.markdown,
        result=report.result,
        score=float(report.data["score"]),
        passed=bool(report.data["passed"]),
    )


def losses(made: Rehearsed) -> list[tuple[str, float]]:
    """(cause, delta) of every trust loss the engine recorded in the rehearsal."""
    return [(c.cause, c.delta) for r in made.records for c in r.changes if c.delta < 0]


def _add_turns(
    session: Session, run_id: str, made: Rehearsed, parent: int | None, times: list[datetime]
) -> int | None:
    turns = zip(made.prepared, made.records, times, strict=True)
    for position, (prepared, record, at) in enumerate(turns, start=1):
        row = TurnRow(
            run_id=run_id,
            parent_id=parent,
            position=position,
            status=TurnStatus.DONE,
            learner=record.learner,
            moves=[str(m) for m in record.moves],
            trust=record.trust,
            level=record.level,
            state=prepared.state,
            prepared=prepared,
            record=record,
            coachee=record.coachee,
            created_at=at,
        )
        session.add(row)
        session.flush()
        parent = row.id
    return parent


async def attempt(
    db: Database,
    made: AssignmentView,
    learner: str,
    script_name: str,
    *,
    started: datetime,
    gaps: list[timedelta] | None = None,
    rewound: str | None = None,
    submit: bool = True,
) -> tuple[int, str]:
    """One attempt at `made` by `learner`, rehearsing `script_name` with the assignment's persona; its turns
    sent `gaps` apart (one minute each unless given; the last gap is to the submission). `rewound` names a
    script whose turns were sent first on a branch the learner then rewound past (not graded).
    Returns (attempt id, run id)."""
    account = await get_account(db, learner)
    assert account is not None
    done = rehearsed(made.persona_id, script_name)
    fields = RunFields(
        account_id=account.id,
        thread_id=None,
        persona_id=made.persona_id,
        persona_name=made.persona_name,
        seed=7,
        opening=done.opening,
    )
    started_attempt = await attempts.start_attempt(db, made.id, made.terms, fields, started)
    steps = gaps or [timedelta(minutes=1)] * (len(done.records) + 1)
    assert len(steps) == len(done.records) + 1
    moments = [started + sum(steps[: i + 1], timedelta()) for i in range(len(steps))]
    earlier = rehearsed(made.persona_id, rewound) if rewound else None

    def write(session: Session) -> int | None:
        if earlier is not None:  # sent before the graded branch, in the first minutes
            first = [started + timedelta(seconds=i + 1) for i in range(len(earlier.records))]
            _add_turns(session, started_attempt.run_id, earlier, None, first)
        head = _add_turns(session, started_attempt.run_id, done, None, moments[:-1])
        run = session.get(Run, started_attempt.run_id)
        assert run is not None
        run.head_turn_id = head
        return head

    head = await db.write(write)
    if submit:
        await runs.add_grade(
            db,
            started_attempt.run_id,
            head_turn_id=head,
            result=done.result,
            report=done.data,
            markdown=done.markdown,
        )
        await attempts.submit_attempt(
            db,
            started_attempt,
            made.terms,
            score=done.score,
            passed=done.score >= made.terms.pass_mark,
            at=moments[-1],
        )
    return started_attempt.id, started_attempt.run_id
