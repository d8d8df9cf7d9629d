"""A learner's progress across their graded runs, from the stored reports alone (pure: no I/O).

- `criterion_series`: per rubric criterion, its score in every graded run where it applied (the trend).
- `persona_trust`: per persona, the trust reached and the disclosures opened in each run with them.
- `held_back`: the behaviours the reports most often gave as growth points, with the learner's own quoted
  moments and the grader's better phrasing.
- `practise_next`: the weakest criterion of late, a persona that exercises it and a one-line focus.

Every figure is built from `Report`s as the grader stored them, so a cohort view can reuse these functions
over many learners' runs."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from statistics import fmean

from pydantic import BaseModel, ConfigDict

from app.domain.persona import Persona
from app.grade.derive import persona_facts
from app.grade.report import Point, Report
from app.grade.rubric import Criterion, Level, Rubric

RECENT = 3  # how many of a criterion's latest applicable runs say how it stands now
MOMENTS = 3  # quoted moments shown per behaviour, the latest first
HELD_BACK = 3  # behaviours shown


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class GradedRun(_Frozen):
    """One graded run as progress reads it: which run, with whom, when, and its stored report."""

    run_id: str
    persona_id: str
    persona_name: str
    graded_at: datetime
    report: Report


class CriterionPoint(_Frozen):
    run_id: str
    graded_at: datetime
    persona_name: str
    level: Level
    score: float


class CriterionSeries(_Frozen):
    id: str
    title: str
    weight: float
    required: bool
    points: list[CriterionPoint]  # the runs where it applied, oldest first
    recent: float  # mean of the latest RECENT points: how it stands now
    mean: float


class ScorePoint(_Frozen):
    run_id: str
    graded_at: datetime
    persona_name: str
    score: float
    passed: bool


class TrustPoint(_Frozen):
    run_id: str
    graded_at: datetime
    peak_trust: float
    final_trust: float
    peak_level: int
    disclosures_reached: int
    disclosures_total: int


class PersonaTrust(_Frozen):
    persona_id: str
    persona_name: str
    points: list[TrustPoint]  # oldest first
    best_peak_trust: float
    most_disclosures: int
    disclosures_total: int


class Moment(_Frozen):
    run_id: str
    graded_at: datetime
    persona_name: str
    learner_turn: int | None
    quote: str
    better: str | None


class Behaviour(_Frozen):
    id: str
    title: str
    blocking: bool  # a blocking error (it failed the run) rather than a criterion gap
    runs: int  # graded runs whose report gave it as a growth point
    feedback: str  # the latest run's feedback on it
    better: str | None  # the latest better phrasing the grader gave for it
    moments: list[Moment]  # quoted moments, the latest first (none when it was missing rather than said)


class Suggestion(_Frozen):
    criterion_id: str
    criterion_title: str
    recent: float
    persona_id: str
    persona_name: str
    focus: str  # one line to practise it with that persona
    why: str  # how the persona was chosen, in the learner's terms


class Progress(_Frozen):
    graded_runs: int
    scores: list[ScorePoint]  # the overall score per run
    criteria: list[CriterionSeries]  # weakest of late first
    personas: list[PersonaTrust]
    held_back: list[Behaviour]
    practise_next: Suggestion | None


def criterion_series(runs: Sequence[GradedRun]) -> list[CriterionSeries]:
    """Each criterion's score per run where it applied, weakest of late first (then the weightiest). Titles and
    weights are the latest run's, should a rubric have changed."""
    points: dict[str, list[CriterionPoint]] = defaultdict(list)
    latest: dict[str, tuple[str, float, bool]] = {}
    for run in runs:
        for result in run.report.criteria:
            latest[result.id] = (result.title, result.weight, result.required)
            if result.score is None or result.level is Level.NOT_APPLICABLE:
                continue
            points[result.id].append(
                CriterionPoint(
                    run_id=run.run_id,
                    graded_at=run.graded_at,
                    persona_name=run.persona_name,
                    level=result.level,
                    score=result.score,
                )
            )
    series = [
        CriterionSeries(
            id=cid,
            title=latest[cid][0],
            weight=latest[cid][1],
            required=latest[cid][2],
            points=found,
            recent=fmean(p.score for p in found[-RECENT:]),
            mean=fmean(p.score for p in found),
        )
        for cid, found in points.items()
    ]
    order = {cid: index for index, cid in enumerate(latest)}
    return sorted(series, key=lambda s: (s.recent, -s.weight, not s.required, s.mean, order[s.id]))


def score_series(runs: Sequence[GradedRun]) -> list[ScorePoint]:
    return [
        ScorePoint(
            run_id=run.run_id,
            graded_at=run.graded_at,
            persona_name=run.persona_name,
            score=run.report.score,
            passed=run.report.passed,
        )
        for run in runs
    ]


def _trust_point(run: GradedRun) -> TrustPoint | None:
    report = run.report
    if not report.timeline:  # a pasted transcript, not a rehearsal: no trust was kept
        return None
    reached = len(report.disclosures_reached or [])
    return TrustPoint(
        run_id=run.run_id,
        graded_at=run.graded_at,
        peak_trust=max(p.trust for p in report.timeline),
        final_trust=report.timeline[-1].trust,
        peak_level=report.peak_level
        if report.peak_level is not None
        else max(p.level for p in report.timeline),
        disclosures_reached=reached,
        disclosures_total=reached + len(report.disclosures_locked or []),
    )


def persona_trust(runs: Sequence[GradedRun]) -> list[PersonaTrust]:
    """Per persona (in the order first met), trust and disclosures in each run with them."""
    by_persona: dict[str, list[TrustPoint]] = defaultdict(list)
    names: dict[str, str] = {}
    for run in runs:
        point = _trust_point(run)
        if point is not None:
            by_persona[run.persona_id].append(point)
            names[run.persona_id] = run.persona_name
    return [
        PersonaTrust(
            persona_id=pid,
            persona_name=names[pid],
            points=points,
            best_peak_trust=max(p.peak_trust for p in points),
            most_disclosures=max(p.disclosures_reached for p in points),
            disclosures_total=points[-1].disclosures_total,
        )
        for pid, points in by_persona.items()
    ]


def held_back(runs: Sequence[GradedRun], top: int = HELD_BACK) -> list[Behaviour]:
    """The growth points the reports gave most often (a blocking error, or a criterion short of consistent),
    each with the learner's own quoted moments where the report quoted one (a behaviour that was missing
    altogether has none) and the grader's better phrasing. Ties go to blocking errors, then to behaviours
    with a quoted moment, then to the more recent."""
    found: dict[str, list[tuple[GradedRun, Point]]] = defaultdict(list)
    blocking: set[str] = set()
    last_seen: dict[str, int] = {}
    for index, run in enumerate(runs):
        blocking |= {hit.id for hit in run.report.blocking}
        for point in run.report.growth:
            found[point.id].append((run, point))
            last_seen[point.id] = index

    def rank(bid: str) -> tuple[int, bool, bool, int]:
        quoted = any(point.evidence for _, point in found[bid])
        return (-len(found[bid]), bid not in blocking, not quoted, -last_seen[bid])

    behaviours = []
    for bid in sorted(found, key=rank)[:top]:
        latest = found[bid][-1][1]
        moments = [
            Moment(
                run_id=run.run_id,
                graded_at=run.graded_at,
                persona_name=run.persona_name,
                learner_turn=point.evidence.learner_turn,
                quote=point.evidence.quote,
                better=point.better,
            )
            for run, point in reversed(found[bid])
            if point.evidence is not None
        ]
        behaviours.append(
            Behaviour(
                id=bid,
                title=latest.title,
                blocking=bid in blocking,
                runs=len(found[bid]),
                feedback=latest.feedback,
                better=next((p.better for _, p in reversed(found[bid]) if p.better), None),
                moments=moments[:MOMENTS],
            )
        )
    return behaviours


def exercises(criterion: Criterion | None, persona: Persona) -> bool:
    """Whether a session with this persona can show the criterion: a criterion that applies only to personas
    with certain facts (a dual role, sensitive topics) needs a persona that has one of them."""
    needs = criterion.applies_when.persona if criterion and criterion.applies_when else []
    return not needs or not persona_facts(persona).isdisjoint(needs)


def focus_line(criterion: Criterion | None, series: CriterionSeries, runs: Sequence[GradedRun]) -> str:
    """One line: what the criterion looks like done well (the rubric's "consistent" level) and a phrasing that
    exercises it (the rubric's own, placeholder-free one). Without the rubric: the criterion's title and the
    grader's latest suggestion to this learner."""
    if criterion is not None:
        return f"{criterion.levels.consistent} Try: “{criterion.feedback.phrasings()[-1].text}”"
    phrasing = next(
        (c.better for run in reversed(runs) for c in run.report.criteria if c.id == series.id and c.better),
        None,
    )
    return f"{series.title}. Try: “{phrasing}”" if phrasing else f"{series.title}."


def practise_next(
    runs: Sequence[GradedRun],
    series: Sequence[CriterionSeries],
    personas: Sequence[Persona],
    rubric: Rubric | None,
) -> Suggestion | None:
    """The weakest criterion of late (`series` comes weakest first) with a persona that exercises it: the one
    with whom it went worst for this learner, then the one they practised least, then the hardest to open
    (lowest starting trust). None without a criterion below consistent, or without a persona to offer."""
    if not series or series[0].recent >= 100 or not personas:
        return None
    weakest = series[0]
    criterion = next((c for c in rubric.criteria if c.id == weakest.id), None) if rubric else None
    candidates = [p for p in personas if exercises(criterion, p)] or list(personas)
    scores: dict[str, list[float]] = defaultdict(list)
    persona_of = {run.run_id: run.persona_id for run in runs}
    for point in weakest.points:
        scores[persona_of[point.run_id]].append(point.score)
    practised = Counter(run.persona_id for run in runs)

    def rank(persona: Persona) -> tuple[bool, float, int, float]:
        seen = scores.get(persona.id)
        return (
            seen is None,
            fmean(seen) if seen else 0.0,
            practised[persona.id],
            persona.difficulty.initial_trust,
        )

    chosen = min(candidates, key=rank)
    seen = scores.get(chosen.id)
    if seen:
        why = f"it scored {fmean(seen):.0f}/100 on average in your sessions with {chosen.name}"
    else:
        why = f"{chosen.name} gives room for it, and you have not practised it with them yet"
    return Suggestion(
        criterion_id=weakest.id,
        criterion_title=weakest.title,
        recent=weakest.recent,
        persona_id=chosen.id,
        persona_name=chosen.name,
        focus=focus_line(criterion, weakest, runs),
        why=why,
    )


def progress(
    runs: Sequence[GradedRun], personas: Sequence[Persona], rubrics: Mapping[str, Rubric]
) -> Progress:
    """Everything the progress page shows, for runs oldest first. `personas` are the ones a learner can start
    a chat with; `rubrics` by id (the latest run's rubric names the weakest criterion's persona needs)."""
    series = criterion_series(runs)
    rubric = rubrics.get(runs[-1].report.rubric) if runs else None
    return Progress(
        graded_runs=len(runs),
        scores=score_series(runs),
        criteria=series,
        personas=persona_trust(runs),
        held_back=held_back(runs),
        practise_next=practise_next(runs, series, personas, rubric),
    )
