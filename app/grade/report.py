"""The after-run report: the grade explained (strengths first, then two or three growth points), and for a
rehearsal the trust timeline with its causes and the disclosures reached or left locked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.domain.acts import ActKind
from app.domain.persona import LEVEL_NAMES, Disclosure, Persona
from app.domain.revise import revised
from app.domain.transcript import Transcript
from app.domain.turns import TurnRecord, told_before
from app.grade.client_side import ClientSide, client_side
from app.grade.metrics import MetricValue
from app.grade.result import BlockingHit, CriterionResult, Evidence, Grade
from app.grade.rubric import Level
from app.trust.engine import initial_state

MAX_STRENGTHS = 3
MAX_GROWTH = 3
LEVEL_RANK = {Level.NOT_EVIDENT: 0, Level.PARTIAL: 1}


class Point(BaseModel):
    """A strength or a growth point: the criterion (or blocking rule), what was seen, what to try."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    feedback: str
    evidence: Evidence | None = None
    better: str | None = None


class Cause(BaseModel):
    model_config = ConfigDict(frozen=True)

    delta: float
    reason: str

    def __str__(self) -> str:
        return f"{self.delta:+.1f} {self.reason}"


class TimelinePoint(BaseModel):
    model_config = ConfigDict(frozen=True)

    turn: int = Field(description="Learner turn number, 1-based; 0 is the start of the session.")
    transcript_turn: int | None = Field(description="Index of the coach's turn in the transcript (0-based).")
    trust: float
    level: int
    level_name: str
    causes: list[Cause]
    disclosed: list[str]


class DisclosureStatus(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    summary: str
    level: int
    level_name: str
    reached_at: int | None = Field(
        description="Learner turn at which it was disclosed; None if it stayed locked."
    )
    opens_with: str = Field(
        description="What it takes: trust level, and permission for its topic where needed."
    )
    what_happened: str | None = Field(default=None, description="For a locked one: how close the run came.")


class Report(BaseModel):
    model_config = ConfigDict(frozen=True)

    audience: Literal["instructor", "learner"] = Field(
        default="instructor",
        description="learner: what stayed closed only in general terms, no hidden topic named before it opened",
    )
    rubric: str
    rubric_title: str
    score: float
    passed: bool
    pass_mark: float
    verdict: list[str]
    persona: str | None = None
    strengths: list[Point]
    growth: list[Point]
    criteria: list[CriterionResult]
    blocking: list[BlockingHit]
    metrics: dict[str, MetricValue]
    timeline: list[TimelinePoint] | None = None
    peak_level: int | None = None
    disclosures_reached: list[DisclosureStatus] | None = None
    disclosures_locked: list[DisclosureStatus] | None = None
    client: ClientSide | None = Field(
        default=None,
        description="A rehearsal only: the client's own answers about the session (heard, agreed, got there, "
        "pushed, would book again), derived from the run, in the persona's voice.",
    )


def strengths(grade: Grade) -> list[Point]:
    """The weightiest criteria shown consistently, each with a quote."""
    shown = [c for c in grade.criteria if c.level is Level.CONSISTENT]
    shown.sort(key=lambda c: -c.weight)
    return [
        Point(id=c.id, title=c.title, feedback=c.feedback, evidence=c.evidence[0] if c.evidence else None)
        for c in shown[:MAX_STRENGTHS]
    ]


def growth_points(grade: Grade) -> list[Point]:
    """Blocking errors first, then required criteria, then the weightiest gaps; two or three in all."""
    points: list[Point] = []
    for hit in grade.blocking:
        if all(point.id != hit.id for point in points):
            evidence = Evidence(turn=hit.turn, quote=hit.quote, learner_turn=hit.learner_turn)
            points.append(
                Point(id=hit.id, title=hit.title, feedback=hit.feedback, evidence=evidence, better=hit.better)
            )
    # Among equally weighty gaps, prefer a moment not cited yet: notes on three turns teach more than one.
    cited = {point.evidence.turn for point in points if point.evidence}

    def priority(c: CriterionResult) -> tuple[bool, float, bool, int]:
        repeated = c.weakest is not None and c.weakest.turn in cited
        return (not c.required, -c.weight, repeated, LEVEL_RANK[c.level])

    gaps = sorted((c for c in grade.criteria if c.level in LEVEL_RANK), key=priority)
    points += [
        Point(id=c.id, title=c.title, feedback=c.feedback, evidence=c.weakest, better=c.better) for c in gaps
    ]
    return points[:MAX_GROWTH]


def timeline(
    persona: Persona, records: Sequence[TurnRecord], coach_turns: Sequence[int | None]
) -> list[TimelinePoint]:
    """Trust after every learner turn with the engine's causes; the start carries any starting penalty."""
    # A follow-up session starts where the last one left the client; its first record says where and why.
    start = next((record.start for record in records[:1] if record.start), None) or initial_state(persona)
    points = [
        TimelinePoint(
            turn=0,
            transcript_turn=None,
            trust=start.trust,
            level=start.level,
            level_name=LEVEL_NAMES[start.level],
            causes=[Cause(delta=c.delta, reason=c.reason) for c in start.changes],
            disclosed=[],
        )
    ]
    for record, transcript_turn in zip(records, coach_turns, strict=True):
        points.append(
            TimelinePoint(
                turn=record.index,
                transcript_turn=transcript_turn,
                trust=record.trust,
                level=record.level,
                level_name=LEVEL_NAMES[record.level],
                causes=[Cause(delta=c.delta, reason=c.reason) for c in record.changes],
                disclosed=list(record.disclosed),
            )
        )
    return points


def opens_with(disclosure: Disclosure, persona: Persona) -> str:
    needs = f"trust level {disclosure.level} ({LEVEL_NAMES[disclosure.level]})"
    if disclosure.requires_permission and disclosure.topic:
        needs += f" and permission to talk about {persona.topic(disclosure.topic).label}"
    return needs


def _first_act(records: Sequence[TurnRecord], kind: ActKind, topic: str) -> int | None:
    return next(
        (
            r.index
            for r in records
            if (r.act.kind is kind and r.act.topic == topic)
            or (kind is ActKind.HINT and r.act.hint_topic == topic)
        ),
        None,
    )


def what_happened(disclosure: Disclosure, persona: Persona, records: Sequence[TurnRecord], peak: int) -> str:
    """How close a locked disclosure came, read from the director's acts: the step that was missing."""
    reached = f"the run peaked at level {peak} ({LEVEL_NAMES[peak]})"
    if not (disclosure.requires_permission and disclosure.topic):
        return (
            reached if peak < disclosure.level else "trust was there, but the conversation never came to it"
        )
    topic = persona.topic(disclosure.topic)
    steps = (
        (ActKind.GRANT_PERMISSION, "permission was given at turn {}, but trust needed to be higher"),
        (
            ActKind.DECLINE_PERMISSION,
            "you asked at turn {}, before the client was ready; asking again later could open it",
        ),
        (ActKind.DEFLECT, "you went into it without asking at turn {}, and the client deflected"),
        (
            ActKind.WITHHOLD_FACT,
            "you asked into it without permission at turn {}, and the client kept it back",
        ),
        (
            ActKind.HINT,
            "the client hinted at it at turn {}; asking permission then would have opened the door",
        ),
    )
    for kind, message in steps:
        turn = _first_act(records, kind, topic.id)
        if turn is not None:
            return f"{message.format(turn)}; {reached}"
    return f"the client never hinted at it (hints start at level {topic.hint_level}); {reached}"


def disclosures(
    persona: Persona, records: Sequence[TurnRecord]
) -> tuple[list[DisclosureStatus], list[DisclosureStatus], int]:
    reached_at = {d: r.index for r in records for d in r.disclosed}
    peak = max((r.level for r in records), default=initial_state(persona).level)
    reached: list[DisclosureStatus] = []
    locked: list[DisclosureStatus] = []
    for d in sorted(persona.disclosures, key=lambda d: d.level):
        status = DisclosureStatus(
            id=d.id,
            summary=d.summary,
            level=d.level,
            level_name=LEVEL_NAMES[d.level],
            reached_at=reached_at.get(d.id),
            opens_with=opens_with(d, persona),
            what_happened=None if d.id in reached_at else what_happened(d, persona, records, peak),
        )
        if d.id in reached_at:
            reached.append(status)
        elif d.id not in told_before(records):  # told in an earlier session: not locked
            locked.append(status)
    return reached, locked, peak


def build_report(
    grade: Grade,
    persona: Persona | None = None,
    records: Sequence[TurnRecord] | None = None,
    transcript: Transcript | None = None,
) -> Report:
    """The report for a run. With a persona and records (a rehearsal), it adds the trust timeline and the
    disclosures; with the rehearsal's transcript too, each timeline point names its transcript turn."""
    report = Report(
        rubric=grade.rubric,
        rubric_title=grade.rubric_title,
        score=grade.score,
        passed=grade.passed,
        pass_mark=grade.pass_mark,
        verdict=grade.verdict,
        strengths=strengths(grade),
        growth=growth_points(grade),
        criteria=grade.criteria,
        blocking=grade.blocking,
        metrics=grade.metrics,
    )
    if persona is None or records is None:
        return report
    reached, locked, peak = disclosures(persona, records)
    turns: list[int | None] = (
        [i for i, u in enumerate(transcript.turns) if u.speaker == "coach"] if transcript else []
    )
    turns = [*turns, *[None] * len(records)][: len(records)]
    return report.model_copy(
        update={
            "persona": persona.name,
            "timeline": timeline(persona, records, turns),
            "peak_level": peak,
            "disclosures_reached": reached,
            "disclosures_locked": locked,
            "client": client_side(records, persona),
        }
    )


HIDDEN_TOPIC = "a sensitive topic"


def hidden_labels(persona: Persona, records: Sequence[TurnRecord]) -> list[list[str]]:
    """Per learner turn, the labels of the sensitive topics nothing had been disclosed about by then."""
    opened: set[str] = set()
    hidden: list[list[str]] = []
    for record in records:
        opened |= {topic for d in record.disclosed if (topic := persona.disclosure(d).topic)}
        labels = [t.label for t in persona.sensitive_topics if t.id not in opened]
        hidden.append(sorted(labels, key=len, reverse=True))  # "his family business" before "his family"
    return hidden


def redact(text: str, labels: Sequence[str]) -> str:
    for label in labels:
        text = text.replace(label, HIDDEN_TOPIC)
    return text


def in_general(status: DisclosureStatus) -> DisclosureStatus:
    """A locked disclosure as a learner may read it: how deep it was and whether it needed permission."""
    permission = " and permission to go into it" if "permission" in status.opens_with else ""
    return status.model_copy(
        update={
            "id": "",
            "summary": f"Something the client would share at level {status.level} ({status.level_name})",
            "opens_with": f"trust level {status.level} ({status.level_name}){permission}",
        }
    )


def for_learner(report: Report, persona: Persona, records: Sequence[TurnRecord]) -> Report:
    """The report a learner reads: locked disclosures in general terms, and the trust timeline's causes with
    every sensitive topic unnamed until something about it was disclosed (instructors read `report`)."""
    if report.timeline is None or report.disclosures_locked is None:
        return revised(report, audience="learner")
    return report.model_copy(
        update={
            "audience": "learner",
            "timeline": learner_timeline(report.timeline, persona, records),
            "disclosures_locked": [in_general(status) for status in report.disclosures_locked],
        }
    )


def learner_timeline(
    timeline: Sequence[TimelinePoint], persona: Persona, records: Sequence[TurnRecord]
) -> list[TimelinePoint]:
    """The timeline's causes with every sensitive topic unnamed until something about it was disclosed."""
    start, *points = timeline
    hidden = hidden_labels(persona, records)
    everything = sorted((t.label for t in persona.sensitive_topics), key=len, reverse=True)
    return [revised(start, causes=_redacted(start.causes, everything))] + [
        revised(point, causes=_redacted(point.causes, labels))
        for point, labels in zip(points, hidden, strict=True)
    ]


def _redacted(causes: list[Cause], labels: Sequence[str]) -> list[Cause]:
    return [revised(cause, reason=redact(cause.reason, labels)) for cause in causes]
