"""A learner's progress from their graded runs (app/grade/progress.py): the trends, trust per persona, what
held them back and what to practise next, on hand-made reports (each rule on its own) and on five real
graded rehearsals (the suggestion is the one their data calls for)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.persona import Persona
from app.grade.progress import (
    GradedRun,
    criterion_series,
    held_back,
    persona_trust,
    practise_next,
    progress,
)
from app.grade.report import DisclosureStatus, Point, Report, TimelinePoint
from app.grade.result import BlockingHit, CriterionResult, Evidence
from app.grade.rubric import Level
from tests.support.grading import persona, rubric
from tests.support.progress import graded

START = datetime(2026, 3, 1, 9, tzinfo=UTC)
PERSONAS = ("dewi-teacher", "marcus-engineer", "priya-team-lead")
SCORES = {Level.NOT_EVIDENT: 0.0, Level.PARTIAL: 50.0, Level.CONSISTENT: 100.0, Level.NOT_APPLICABLE: None}


def personas() -> list[Persona]:
    return [persona(p) for p in PERSONAS]


def criterion(cid: str, level: Level, weight: float = 2.0, weakest: str | None = None) -> CriterionResult:
    moment = Evidence(turn=1, quote=weakest, learner_turn=1) if weakest else None
    return CriterionResult(
        id=cid,
        title=f"criterion {cid}",
        competency="test",
        weight=weight,
        required=False,
        level=level,
        score=SCORES[level],
        evidence=[],
        feedback=f"feedback on {cid}",
        reason="test",
        weakest=moment,
        better=f"better for {cid}" if moment else None,
    )


def run(
    number: int,
    persona_id: str,
    *criteria: CriterionResult,
    growth: list[Point] | None = None,
    blocking: list[BlockingHit] | None = None,
    trust: list[float] | None = None,
    reached: int = 0,
    locked: int = 0,
) -> GradedRun:
    timeline = [
        TimelinePoint(
            turn=i, transcript_turn=None, trust=t, level=0, level_name="guarded", causes=[], disclosed=[]
        )
        for i, t in enumerate(trust or [])
    ]
    status = DisclosureStatus(id="d", summary="s", level=1, level_name="x", reached_at=1, opens_with="o")
    report = Report(
        rubric="icf-trust-agreements",
        rubric_title="ICF",
        score=50.0,
        passed=False,
        pass_mark=65,
        verdict=[],
        strengths=[],
        growth=growth or [],
        criteria=list(criteria),
        blocking=blocking or [],
        metrics={},
        timeline=timeline or None,
        peak_level=2 if timeline else None,
        disclosures_reached=[status] * reached if timeline else None,
        disclosures_locked=[status] * locked if timeline else None,
    )
    return GradedRun(
        run_id=f"run-{number}",
        persona_id=persona_id,
        persona_name=persona(persona_id).name,
        graded_at=START + timedelta(days=number),
        report=report,
    )


def growth(cid: str, quote: str | None = None) -> Point:
    evidence = Evidence(turn=1, quote=quote, learner_turn=2) if quote else None
    return Point(
        id=cid, title=f"point {cid}", feedback=f"about {cid}", evidence=evidence, better=f"try {cid}"
    )


N, P, C, NA = Level.NOT_EVIDENT, Level.PARTIAL, Level.CONSISTENT, Level.NOT_APPLICABLE


def test_each_criterion_is_a_series_of_the_runs_where_it_applied_weakest_of_late_first() -> None:
    levels = {"A": [N, N, C, C, C], "B": [C, C, P, P, P], "C": [NA, NA, N, NA, C]}
    runs = [
        run(i, "dewi-teacher", *(criterion(cid, found[i]) for cid, found in levels.items())) for i in range(5)
    ]
    series = criterion_series(runs)
    # Latest three: B 50, C 50 (its two points), A 100; B and C tie, and C's whole record is the weaker.
    assert [s.id for s in series] == ["C", "B", "A"]
    by_id = {s.id: s for s in series}
    assert [p.score for p in by_id["C"].points] == [0.0, 100.0]
    assert [p.run_id for p in by_id["C"].points] == ["run-2", "run-4"]
    assert by_id["A"].recent == 100.0 and by_id["A"].mean == 60.0
    assert by_id["B"].recent == 50.0


def test_equally_weak_criteria_put_the_weightier_first() -> None:
    runs = [run(0, "dewi-teacher", criterion("light", N, weight=1), criterion("heavy", N, weight=3))]
    assert [s.id for s in criterion_series(runs)] == ["heavy", "light"]


def test_practise_next_is_the_weakest_criterion_with_the_persona_it_went_worst_with() -> None:
    runs = [
        run(0, "dewi-teacher", criterion("ICF-3.1", C), criterion("ICF-6.2", P)),
        run(1, "marcus-engineer", criterion("ICF-3.1", N), criterion("ICF-6.2", C)),
        run(2, "priya-team-lead", criterion("ICF-3.1", P), criterion("ICF-6.2", C)),
        run(3, "dewi-teacher", criterion("ICF-3.1", P), criterion("ICF-6.2", C)),
    ]
    suggestion = practise_next(runs, criterion_series(runs), personas(), rubric())
    assert suggestion is not None
    assert (suggestion.criterion_id, suggestion.persona_id) == ("ICF-3.1", "marcus-engineer")
    assert "0/100" in suggestion.why and "Marcus Hale" in suggestion.why
    # The focus: the criterion and the rubric's own phrasing for it.
    goal = rubric().criterion("ICF-3.1")
    assert suggestion.focus == f"{goal.levels.consistent} Try: “{goal.feedback.phrasings()[-1].text}”"
    # Without the rubric (a rubric file since removed): the title and the grader's latest suggestion.
    runs[1] = run(1, "marcus-engineer", criterion("ICF-3.1", N, weakest="So, Dan."), criterion("ICF-6.2", C))
    bare = practise_next(runs, criterion_series(runs), personas(), None)
    assert bare is not None and bare.focus == "criterion ICF-3.1. Try: “better for ICF-3.1”"


def test_a_criterion_only_some_personas_call_for_goes_to_one_of_them() -> None:
    # Confidentiality came up with Dewi (she raised it) and went badly; only Priya's dual role calls for it.
    runs = [
        run(0, "dewi-teacher", criterion("TS-4", N, weight=5), criterion("ICF-3.1", C)),
        run(1, "priya-team-lead", criterion("TS-4", C, weight=5), criterion("ICF-3.1", C)),
        run(2, "dewi-teacher", criterion("TS-4", N, weight=5), criterion("ICF-3.1", C)),
    ]
    suggestion = practise_next(runs, criterion_series(runs), personas(), rubric())
    assert suggestion is not None and suggestion.criterion_id == "TS-4"
    assert suggestion.persona_id == "priya-team-lead"
    assert rubric().criterion("TS-4").feedback.phrasings()[-1].text in suggestion.focus


def test_among_equals_the_persona_practised_least_then_the_hardest_to_open() -> None:
    # ICF-6.3 went equally badly with Dewi (twice) and Marcus (once): Marcus, practised less.
    runs = [
        run(0, "dewi-teacher", criterion("ICF-6.3", N)),
        run(1, "marcus-engineer", criterion("ICF-6.3", N)),
        run(2, "dewi-teacher", criterion("ICF-6.3", N)),
    ]
    suggestion = practise_next(runs, criterion_series(runs), personas(), rubric())
    assert suggestion is not None and suggestion.persona_id == "marcus-engineer"
    # Never met anyone with it: the persona with the lowest starting trust.
    runs = [run(0, "dewi-teacher", criterion("ICF-6.3", N))]
    others = [p for p in personas() if p.id != "dewi-teacher"]
    chosen = practise_next(runs, criterion_series(runs), others, rubric())
    hardest = min(others, key=lambda p: p.difficulty.initial_trust)
    assert chosen is not None and chosen.persona_id == hardest.id
    assert "not practised it with them yet" in chosen.why


def test_nothing_to_suggest_when_everything_is_consistent_of_late_or_nothing_is_graded() -> None:
    runs = [run(i, "dewi-teacher", criterion("ICF-3.1", level)) for i, level in enumerate([N, C, C, C])]
    assert practise_next(runs, criterion_series(runs), personas(), rubric()) is None
    empty = progress([], personas(), {"icf-trust-agreements": rubric()})
    assert empty.graded_runs == 0 and empty.practise_next is None
    assert empty.criteria == [] and empty.personas == [] and empty.held_back == [] and empty.scores == []


def test_trust_and_disclosures_per_persona_in_the_order_first_met() -> None:
    runs = [
        run(0, "priya-team-lead", trust=[6, 20, 14], reached=1, locked=5),
        run(1, "dewi-teacher", trust=[12, 60], reached=3, locked=2),
        run(2, "priya-team-lead", trust=[6, 30, 41], reached=2, locked=4),
        run(3, "marcus-engineer"),  # a pasted transcript: no trust kept, left out
    ]
    found = persona_trust(runs)
    assert [p.persona_id for p in found] == ["priya-team-lead", "dewi-teacher"]
    priya = found[0]
    assert [(p.peak_trust, p.final_trust) for p in priya.points] == [(20, 14), (41, 41)]
    assert [(p.disclosures_reached, p.disclosures_total) for p in priya.points] == [(1, 6), (2, 6)]
    assert (priya.best_peak_trust, priya.most_disclosures, priya.disclosures_total) == (41, 2, 6)


def test_what_held_them_back_most_often_with_their_own_moments_latest_first() -> None:
    hit = BlockingHit(
        id="pushed-past-refusal",
        title="Pushed",
        turn=3,
        quote="Come on, tell me.",
        feedback="f",
        better="OK.",
    )
    runs = [
        run(0, "dewi-teacher", growth=[growth("TS-1", "So what about your family?"), growth("ICF-3.1")]),
        run(1, "dewi-teacher", growth=[growth("TS-1", "And your father?"), growth("ICF-6.2", "Right.")]),
        run(2, "marcus-engineer", growth=[growth("ICF-3.1"), growth("pushed-past-refusal", "Come on.")]),
        run(3, "priya-team-lead", growth=[growth("pushed-past-refusal", "Tell me."), growth("TS-1")]),
        run(4, "priya-team-lead", blocking=[hit], growth=[growth("ICF-6.2", "Yes.")]),
    ]
    found = held_back(runs)
    # TS-1 three times; then twice each: the blocking error, then the one with a quote (ICF-6.2), then ICF-3.1.
    assert [(b.id, b.runs) for b in found] == [("TS-1", 3), ("pushed-past-refusal", 2), ("ICF-6.2", 2)]
    ts1 = found[0]
    assert [m.quote for m in ts1.moments] == [
        "And your father?",
        "So what about your family?",
    ]  # latest first
    assert [m.run_id for m in ts1.moments] == ["run-1", "run-0"]
    assert all(m.better == "try TS-1" and m.learner_turn == 2 for m in ts1.moments)
    assert found[1].blocking and not ts1.blocking
    assert ts1.better == "try TS-1" and ts1.feedback == "about TS-1"
    assert len(held_back(runs, top=5)) == 4 and held_back(runs, top=5)[3].moments == []


def test_no_more_than_three_moments_a_behaviour() -> None:
    runs = [run(i, "dewi-teacher", growth=[growth("TS-1", f"quote {i}")]) for i in range(5)]
    [behaviour] = held_back(runs)
    assert [m.quote for m in behaviour.moments] == ["quote 4", "quote 3", "quote 2"]


def _real(plan: list[tuple[str, str]]) -> list[GradedRun]:
    """Real rehearsals of the test scripts, graded as "End session" grades them (the learner's view)."""
    return [
        GradedRun(
            run_id=f"run-{index}",
            persona_id=persona_id,
            persona_name=graded(persona_id, name).persona_name,
            graded_at=START + timedelta(days=index),
            report=Report.model_validate(graded(persona_id, name).data["learner"]["report"]),
        )
        for index, (persona_id, name) in enumerate(plan)
    ]


def test_five_sessions_that_never_ask_permission_are_told_to_practise_asking() -> None:
    # A learner who listens well but never asks before going into sensitive ground, five times over.
    runs = _real(
        [
            ("priya-team-lead", "listener_no_permission"),
            ("dewi-teacher", "listener_no_permission"),
            ("marcus-engineer", "listener_no_permission"),
            ("priya-team-lead", "listener_no_permission"),
            ("dewi-teacher", "listener_no_permission"),
        ]
    )
    figures = progress(runs, personas(), {"icf-trust-agreements": rubric()})
    assert figures.graded_runs == 5
    assert figures.criteria[0].id == "TS-1" and figures.criteria[0].recent == 0
    assert figures.held_back[0].id == "TS-1" and figures.held_back[0].runs == 5
    suggestion = figures.practise_next
    assert suggestion is not None and suggestion.criterion_id == "TS-1"
    assert suggestion.persona_id == "marcus-engineer"  # as bad with everyone: the one met least
    assert "Would it be OK if we looked at that?" in suggestion.focus
    assert {p.persona_name: len(p.points) for p in figures.personas} == {
        "Priya Raman": 2,
        "Dewi Anggraini": 2,
        "Marcus Hale": 1,
    }


def test_a_learner_who_learnt_to_contract_is_not_sent_back_to_it() -> None:
    # Three sessions of advice-giving (no agreement), then two that agree the goal early.
    runs = _real(
        [
            ("dewi-teacher", "advice_giver"),
            ("marcus-engineer", "advice_giver"),
            ("priya-team-lead", "advice_giver"),
            ("dewi-teacher", "skilled"),
            ("marcus-engineer", "contract_then_fix"),
        ]
    )
    figures = progress(runs, personas(), {"icf-trust-agreements": rubric()})
    goal = next(s for s in figures.criteria if s.id == "ICF-3.1")
    assert [p.score for p in goal.points][:3] == [0, 0, 0] and goal.points[-1].score == 100
    suggestion = figures.practise_next
    assert suggestion is not None and suggestion.criterion_id != "ICF-3.1"
    assert suggestion.criterion_id == figures.criteria[0].id and figures.criteria[0].recent == 0
    # The quoted moments are the learner's own words.
    said = {
        turn
        for name in ("advice_giver", "skilled", "contract_then_fix")
        for p in PERSONAS
        for turn in _said(p, name)
    }
    quotes = [m.quote for b in figures.held_back for m in b.moments]
    assert quotes and all(any(q in turn for turn in said) for q in quotes)


def _said(persona_id: str, name: str) -> list[str]:
    from tests.support.grading import script

    return script(persona_id, name)
