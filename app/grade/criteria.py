"""Judge one criterion on a conversation: is it applicable, which turns are evidence and contra-evidence,
and which level that adds up to. Pure: the rubric's `measure` says what to look for."""

from __future__ import annotations

from dataclasses import dataclass

from app.grade.cues import mentions
from app.grade.facts import CoachTurn, Conversation
from app.grade.metrics import Band, MetricValue, is_stacked
from app.grade.rubric import AppliesWhen, Criterion, Level, Measure

LOWER: dict[Level, Level] = {Level.CONSISTENT: Level.PARTIAL, Level.PARTIAL: Level.NOT_EVIDENT}
BAND_LEVELS: dict[Band, Level] = {
    Band.GOOD: Level.CONSISTENT,
    Band.FAIR: Level.PARTIAL,
    Band.WEAK: Level.NOT_EVIDENT,
}


@dataclass(frozen=True)
class Assessment:
    level: Level
    reason: str
    evidence: list[CoachTurn]
    contra: list[CoachTurn]
    weakest: CoachTurn | None


def applies(condition: AppliesWhen | None, conversation: Conversation) -> bool:
    if condition is None:
        return True
    coach = conversation.coach
    return (
        (
            condition.client_cue is not None
            and any(mentions(t, condition.client_cue) for t in conversation.client_texts())
        )
        or any(turn.has(*condition.coach_moves) for turn in coach)
        or any(turn.did(*condition.events) for turn in coach)
        or not conversation.persona_facts.isdisjoint(condition.persona)
    )


def evidence_turns(measure: Measure, conversation: Conversation) -> list[CoachTurn]:
    anchor = conversation.first_with(*measure.after_moves) if measure.after_moves else None
    if measure.after_moves and anchor is None:
        return []
    return [
        turn
        for turn in conversation.coach
        if turn.has(*measure.moves)
        and not turn.has(*measure.exclude_moves)
        and not turn.did(*measure.exclude_events)
        and (anchor is None or turn.ordinal > anchor.ordinal)
        and (measure.context_cue is None or mentions(turn.context, measure.context_cue))
        and (measure.coach_cue is None or mentions(turn.text, measure.coach_cue))
        and (measure.min_recall is None or turn.recall >= measure.min_recall)
        and (measure.max_words is None or turn.words <= measure.max_words)
        and (measure.max_questions is None or turn.questions <= measure.max_questions)
    ]


def is_contra(measure: Measure, turn: CoachTurn) -> bool:
    return (
        turn.has(*measure.contra_moves)
        or turn.did(*measure.contra_events)
        or any(mentions(turn.text, cue) for cue in measure.contra_cues)
        or (measure.contra_stacked and is_stacked(turn))
    )


def _missed_opportunity(
    measure: Measure, conversation: Conversation, evidence: list[CoachTurn]
) -> CoachTurn | None:
    """Where the behaviour was called for and absent: a reply to the client's cue that did not take it up."""
    if measure.context_cue is None:
        return None
    shown = {turn.ordinal for turn in evidence}
    return next(
        (
            t
            for t in conversation.coach
            if t.ordinal not in shown and mentions(t.context, measure.context_cue)
        ),
        None,
    )


def _by_amount(measure: Measure, evidence: list[CoachTurn], contra: list[CoachTurn]) -> tuple[Level, str]:
    if not evidence:
        level, reason = Level.NOT_EVIDENT, "no turn showed it"
    elif len(evidence) < measure.consistent_count:
        level, reason = Level.PARTIAL, f"shown {_times(len(evidence))}, not yet consistently"
    elif measure.early_within is not None and evidence[0].ordinal >= measure.early_within:
        level, reason = Level.PARTIAL, f"only from your turn {evidence[0].ordinal + 1}, not at the start"
    else:
        level, reason = Level.CONSISTENT, f"shown {_times(len(evidence))}"
    if len(contra) > measure.lapses_allowed and level in LOWER:
        level, reason = LOWER[level], f"{reason}, but {_times(len(contra))} the other way"
    return level, reason


def _throughout(measure: Measure, evidence: list[CoachTurn], contra: list[CoachTurn]) -> tuple[Level, str]:
    lapses = len(contra)
    if lapses > measure.lapses_allowed + measure.partial_lapses:
        return Level.NOT_EVIDENT, f"{_times(lapses)} the other way"
    if lapses > measure.lapses_allowed:
        return Level.PARTIAL, f"held except {_times(lapses)}"
    if not evidence:
        return Level.PARTIAL, "no lapse, but no turn showed it positively either"
    return Level.CONSISTENT, "held throughout the session"


def _from_metrics(measure: Measure, metrics: dict[str, MetricValue]) -> tuple[Level, str] | None:
    bands = {m: metrics[m.value].band for m in measure.metrics}
    judged = {m: band for m, band in bands.items() if band in BAND_LEVELS}
    if not judged:
        return None
    worst = max(judged.values(), key=list(BAND_LEVELS).index)
    described = ", ".join(
        f"{m.value.replace('_', ' ')} {metrics[m.value].value} ({band})" for m, band in judged.items()
    )
    return BAND_LEVELS[worst], described


def assess(criterion: Criterion, conversation: Conversation, metrics: dict[str, MetricValue]) -> Assessment:
    measure = criterion.measure
    if not conversation.coach or not applies(criterion.applies_when, conversation):
        reason = criterion.applies_when.reason if criterion.applies_when else "the coach said nothing"
        return Assessment(Level.NOT_APPLICABLE, reason, [], [], None)
    evidence = evidence_turns(measure, conversation)
    contra = [turn for turn in conversation.coach if is_contra(measure, turn)]
    if measure.metrics:
        judged = _from_metrics(measure, metrics)
        if judged is None:
            return Assessment(Level.NOT_APPLICABLE, "nothing to measure", [], [], None)
        level, reason = judged
    elif measure.throughout:
        level, reason = _throughout(measure, evidence, contra)
    else:
        level, reason = _by_amount(measure, evidence, contra)
    weakest = contra[0] if contra else _missed_opportunity(measure, conversation, evidence)
    if level is Level.CONSISTENT:
        return Assessment(level, reason, evidence, contra, None)
    # Below consistent, a whole-session criterion is shown by what pulled it down, not by the good turns.
    shown = contra if (measure.throughout or measure.metrics) and contra else evidence
    return Assessment(level, reason, shown, contra, weakest)


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")
