"""The deterministic grader: a conversation's facts and a rubric in, a `Grade` out. Offline and pure.

Score = weighted mean of the applicable criteria (consistent 100, partial 50, not evident 0). A run passes
when the score reaches the rubric's pass mark, no required criterion is missing and no blocking rule fired."""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.codebook import QUESTION_MOVES, Move
from app.domain.persona import Persona
from app.domain.transcript import Transcript
from app.domain.turns import TurnRecord
from app.grade import blocking, criteria, metrics
from app.grade.cues import Cue, mentions
from app.grade.derive import conversation_from_records, conversation_from_transcript
from app.grade.facts import CoachTurn, Conversation
from app.grade.feedback import better_phrasing, blocking_feedback, criterion_feedback, turn_of
from app.grade.quotes import quote
from app.grade.result import BlockingHit, CriterionResult, Evidence, Grade
from app.grade.rubric import LEVEL_SCORES, BlockingRule, Criterion, Level, Rubric
from app.tag.tagger import Tagger

MAX_EVIDENCE = 3  # quotes per criterion: enough to show a pattern, few enough to read


class Quoter:
    """Picks the sentence of a long turn that shows what is cited; the tagger, when given, tells which."""

    def __init__(self, tagger: Tagger | None) -> None:
        self.tagger = tagger
        self._tags: dict[tuple[str, str | None], set[Move]] = {}  # a sentence is cited by many criteria

    def _moves(self, sentence: str, context: str | None) -> set[Move]:
        if self.tagger is None:
            return set()
        key = (sentence, context)
        if key not in self._tags:
            self._tags[key] = set(self.tagger.tag(sentence, context))
        return self._tags[key]

    def cite(self, turn: CoachTurn, moves: frozenset[Move] | set[Move], cue: Cue | None = None) -> Evidence:
        def shows(sentence: str) -> bool:
            if cue is not None and mentions(sentence, cue):
                return True
            if moves & QUESTION_MOVES and sentence.endswith("?"):
                return True
            return bool(moves & self._moves(sentence, turn.context))

        return Evidence(turn=turn.turn, quote=quote(turn.text, shows), learner_turn=turn.ordinal + 1)


def _contra_moves(criterion: Criterion) -> set[Move]:
    measure = criterion.measure
    return set(measure.contra_moves) | (
        {Move.OPEN_QUESTION, Move.CLOSED_QUESTION} if measure.contra_stacked else set()
    )


def judge_criterion(
    criterion: Criterion, conversation: Conversation, values: dict[str, metrics.MetricValue], quoter: Quoter
) -> CriterionResult:
    found = criteria.assess(criterion, conversation, values)
    measure = criterion.measure
    evidence = [
        quoter.cite(turn, set(measure.moves), measure.coach_cue) for turn in found.evidence[:MAX_EVIDENCE]
    ]
    weakest = found.weakest
    weakest_quote = None
    if weakest is not None:
        contra_cue = next((cue for cue in measure.contra_cues if mentions(weakest.text, cue)), None)
        weakest_quote = quoter.cite(weakest, _contra_moves(criterion) & weakest.moves, contra_cue)
    better = None
    if found.level in (Level.PARTIAL, Level.NOT_EVIDENT):
        better = better_phrasing(criterion.feedback, weakest)
    score = LEVEL_SCORES.get(found.level)
    return CriterionResult(
        id=criterion.id,
        title=criterion.title,
        competency=criterion.competency,
        weight=criterion.weight,
        required=criterion.required,
        level=found.level,
        score=None if score is None else score * 100,
        evidence=evidence,
        feedback=criterion_feedback(
            criterion.feedback, found.level, found.reason, evidence, weakest_quote, better
        ),
        reason=found.reason,
        weakest=weakest_quote,
        better=better,
    )


def check_blocking(rule: BlockingRule, conversation: Conversation, quoter: Quoter) -> list[BlockingHit]:
    hits = []
    for turn in blocking.offending_turns(rule, conversation):
        cited = quoter.cite(turn, blocking.OFFENDING_MOVES[rule.kind] & turn.moves)
        hits.append(
            BlockingHit(
                id=rule.id,
                title=rule.title,
                turn=cited.turn,
                quote=cited.quote,
                feedback=blocking_feedback(rule.feedback, cited, rule.better),
                better=rule.better,
                learner_turn=cited.learner_turn,
            )
        )
    return hits


def overall_score(results: Sequence[CriterionResult]) -> float:
    judged = [(r.weight, r.score) for r in results if r.score is not None]
    total = sum(weight for weight, _ in judged)
    return round(sum(weight * score for weight, score in judged) / total, 1) if total else 0.0


def verdict(
    rubric: Rubric, score: float, results: Sequence[CriterionResult], hits: Sequence[BlockingHit]
) -> list[str]:
    """Why the run did not pass, one reason a line; empty when it passed."""
    reasons = [f"blocking error: {hit.title} ({turn_of(hit)})" for hit in hits]
    reasons += [
        f"required criterion not evident: {r.id} {r.title}"
        for r in results
        if r.required and r.level is Level.NOT_EVIDENT
    ]
    if score < rubric.pass_mark:
        reasons.append(f"score {score:g} is below the pass mark {rubric.pass_mark:g}")
    return reasons


def grade(conversation: Conversation, rubric: Rubric, tagger: Tagger | None = None) -> Grade:
    quoter = Quoter(tagger)
    values = metrics.assess(metrics.compute(conversation), rubric.metrics)
    results = [judge_criterion(criterion, conversation, values, quoter) for criterion in rubric.criteria]
    hits = [hit for rule in rubric.blocking for hit in check_blocking(rule, conversation, quoter)]
    score = overall_score(results)
    reasons = verdict(rubric, score, results, hits)
    return Grade(
        rubric=rubric.id,
        rubric_title=rubric.title,
        pass_mark=rubric.pass_mark,
        score=score,
        passed=not reasons,
        criteria=results,
        blocking=hits,
        metrics=values,
        verdict=reasons
        or [f"score {score:g} reaches the pass mark {rubric.pass_mark:g}, with no blocking error"],
        from_records=conversation.from_records,
    )


def grade_transcript(transcript: Transcript, rubric: Rubric, tagger: Tagger) -> Grade:
    """Grade a transcript alone (a pasted session): moves re-derived with the tagger."""
    return grade(conversation_from_transcript(transcript, tagger), rubric, tagger)


def grade_rehearsal(
    transcript: Transcript,
    records: Sequence[TurnRecord],
    rubric: Rubric,
    persona: Persona | None = None,
    tagger: Tagger | None = None,
) -> Grade:
    """Grade a rehearsal with the moves and causes its trust engine used, so grade and trust agree."""
    return grade(conversation_from_records(transcript, records, persona), rubric, tagger)
