"""Which grader "End session" uses: the rubric grader (app/grade) if a rubric loads, else the trust trace."""

from __future__ import annotations

from collections.abc import Sequence

from app.bootstrap import Services
from app.domain.persona import Persona
from app.domain.transcript import Transcript
from app.domain.turns import TurnRecord
from app.grade.grader import grade_rehearsal
from app.grade.markdown import render
from app.grade.report import build_report, for_learner
from app.grade.rubric import DEFAULT_RUBRIC, Rubric
from app.practice.charts import trust_timeline
from app.practice.markup import escape
from app.practice.report import Grader, Report, View, stored_views, trace_report


def rubric_grader(services: Services, rubric: Rubric) -> Grader:
    def grade(persona: Persona, records: Sequence[TurnRecord], transcript: Transcript) -> Report:
        graded = grade_rehearsal(transcript, list(records), rubric, persona, services.tagger)
        report = build_report(graded, persona, list(records), transcript)
        learner = for_learner(report, persona, list(records))
        outcome = "Passed" if graded.passed else "Not passed"
        result = f"{outcome}: score {graded.score:g} (pass mark {graded.pass_mark:g})"
        title = f"Trust timeline with {persona.name}"
        shown = View(markdown=render(learner, escape), figure=trust_timeline(learner.timeline or [], title))
        figure = trust_timeline(report.timeline or [], title)
        return Report(
            result=result,
            markdown=render(report, escape),
            data=report.model_dump(mode="json")
            | stored_views(figure, shown, learner.model_dump(mode="json")),
            figure=figure,
            learner=shown,
        )

    return grade


def default_grader(services: Services) -> Grader:
    """The default rubric (or, if it is missing, the first that loaded); the trust trace when none did."""
    rubrics = services.catalog.rubrics
    chosen = rubrics.get(DEFAULT_RUBRIC) or next((rubrics[key] for key in sorted(rubrics)), None)
    return rubric_grader(services, chosen) if chosen else trace_report
