"""The client's side of the story: after End, the client answers five questions about the session (did I feel
heard, did we agree what I wanted, did we get there, was I pushed, would I book again), in their own voice.

A pure function of the run's records: each answer is read from what the engine decided turn by turn (the
client's acts, the coach's moves, the trust changes and their causes), never from the grade, so it is a second
view of the session beside the rubric's. The words are the persona's `after_session` lines where they exist,
else plain ones. Nothing here names hidden material: the reasons are the coach's actions, by turn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from app.domain.codebook import reacting
from app.domain.persona import Persona
from app.domain.questionnaire import ASKED, PLAIN_LINES, Answer, Question
from app.domain.turns import TurnRecord

# The client's acts that show they felt understood, and those that show they felt judged or rushed.
HEARD_ACTS = frozenset({"feel_heard", "confirm", "confirm_summary"})
HURT_ACTS = frozenset({"hurt"})
RUPTURE_ACTS = frozenset({"rupture", "end_session"})
# Trust-change causes that mean the coach went somewhere the client had not agreed to go.
PUSHED_PAST_NO = frozenset({"pushed_after_refusal"})
LEANED_ON = frozenset({"probe", "asked_again", "pressure"})
LEANED_ON_ACTS = frozenset({"deflect", "withdraw"})
STEERED = frozenset({"steering"})
BROKE_TRUST = frozenset({"breach"})
# Levels (0-4) that count as the session having gone somewhere: open for "we got there", engaged for part way.
GOT_THERE_LEVEL = 3
PART_WAY_LEVEL = 2


class ClientAnswer(BaseModel):
    model_config = ConfigDict(frozen=True)

    question: Question
    asked: str = Field(description="The question as put to the client, in the first person.")
    answer: Answer
    said: str = Field(description="The client's answer in their own words.")
    why: str = Field(description="What in the run the answer rests on, in general terms.")
    turns: list[int] = Field(default_factory=list, description="The learner turns (1-based) it rests on.")


class ClientSide(BaseModel):
    """The five answers, in the order the questions are asked."""

    model_config = ConfigDict(frozen=True)

    answers: list[ClientAnswer]

    def answer(self, question: Question) -> Answer:
        return next(a.answer for a in self.answers if a.question is question)


@dataclass(frozen=True)
class _Verdict:
    answer: Answer
    why: str
    turns: list[int]


def _turns_with_cause(
    records: Sequence[TurnRecord], causes: frozenset[str], losses: bool = True
) -> list[int]:
    return [
        r.index
        for r in records
        if any(c.cause in causes and (c.delta < 0 if losses else c.delta > 0) for c in r.changes)
    ]


def _turns_with_act(records: Sequence[TurnRecord], acts: frozenset[str]) -> list[int]:
    return [r.index for r in records if r.act.kind.value in acts]


def _unrepaired_rupture(records: Sequence[TurnRecord]) -> int | None:
    """The turn of a rupture the coach never repaired afterwards, if the run ends on one."""
    ruptures = _turns_with_act(records, RUPTURE_ACTS)
    if not ruptures:
        return None
    repairs = _turns_with_cause(records, frozenset({"repair"}), losses=False)
    return None if any(turn > ruptures[-1] for turn in repairs) else ruptures[-1]


def heard(records: Sequence[TurnRecord]) -> _Verdict:
    landed = _turns_with_act(records, HEARD_ACTS)
    hurt = sorted(
        set(_turns_with_act(records, HURT_ACTS))
        | {r.index for r in records if reacting("hurt") & set(r.moves)}
    )
    if not landed:
        return _Verdict(Answer.NO, "nothing the coach said back seemed to land with the client", hurt)
    if hurt or len(landed) < 2:
        why = "some of what the coach said back landed" + (", but the client felt judged" if hurt else "")
        return _Verdict(Answer.PARTLY, why, landed[:3] + hurt[:2])
    return _Verdict(Answer.YES, f"the client felt understood {len(landed)} times", landed[:3])


def agreed(records: Sequence[TurnRecord]) -> _Verdict:
    # Agreed when the engine credited the coach for contracting it, or the client said it in answer.
    goal = sorted(
        set(_turns_with_cause(records, frozenset({"goal"}), losses=False))
        | set(_turns_with_act(records, frozenset({"answer_goal"})))
    )
    success = sorted(
        set(_turns_with_cause(records, frozenset({"success_measure"}), losses=False))
        | set(_turns_with_act(records, frozenset({"answer_success"})))
    )
    steered = sorted(
        set(_turns_with_cause(records, STEERED)) | set(_turns_with_act(records, frozenset({"off_contract"})))
    )
    if not goal:
        return _Verdict(Answer.NO, "the client was never asked what they wanted from the session", [])
    if not success or steered:
        why = (
            "the goal was agreed, but the coach steered away from it"
            if steered
            else "the goal was agreed, but not how the client would know it had worked"
        )
        return _Verdict(Answer.PARTLY, why, goal[:1] + steered[:2])
    return _Verdict(
        Answer.YES, "the goal and what success would look like were both agreed", goal[:1] + success[:1]
    )


def pushed(records: Sequence[TurnRecord]) -> _Verdict:
    past_no = _turns_with_cause(records, PUSHED_PAST_NO)
    if past_no:
        return _Verdict(Answer.YES, "the coach pressed on after the client said no", past_no)
    leaned = sorted(
        set(_turns_with_cause(records, LEANED_ON)) | set(_turns_with_act(records, LEANED_ON_ACTS))
    )
    if leaned:
        return _Verdict(
            Answer.PARTLY, "the coach went into something without asking, or hurried the client", leaned[:3]
        )
    return _Verdict(Answer.NO, "the client chose where the session went", [])


def got_there(records: Sequence[TurnRecord], agreement: _Verdict) -> _Verdict:
    peak = max((r.level for r in records), default=0)
    broken = _unrepaired_rupture(records)
    if broken is not None:
        return _Verdict(Answer.NO, "the session ended with trust broken and not repaired", [broken])
    deepest = [r.index for r in records if r.level == peak][:1]
    if agreement.answer is not Answer.NO and peak >= GOT_THERE_LEVEL:
        return _Verdict(Answer.YES, "with an agreed goal, the client opened up and got somewhere", deepest)
    if peak >= PART_WAY_LEVEL:
        why = "the client engaged, but " + (
            "without an agreed goal there was nowhere to get to"
            if agreement.answer is Answer.NO
            else "the conversation never went deep enough to get there"
        )
        return _Verdict(Answer.PARTLY, why, deepest)
    return _Verdict(Answer.NO, "the client stayed on the surface", [])


def book_again(records: Sequence[TurnRecord], verdicts: dict[Question, _Verdict]) -> _Verdict:
    final = records[-1].level if records else 0
    breach = _turns_with_cause(records, BROKE_TRUST)
    broken = _unrepaired_rupture(records)
    if breach or broken is not None or verdicts[Question.PUSHED].answer is Answer.YES:
        turns = sorted({*breach, *([broken] if broken else []), *verdicts[Question.PUSHED].turns})
        return _Verdict(Answer.NO, "trust was broken in this session", turns[:3])
    good = all(verdicts[q].answer is Answer.YES for q in (Question.HEARD, Question.AGREED))
    if good and verdicts[Question.PUSHED].answer is Answer.NO and final >= PART_WAY_LEVEL:
        return _Verdict(Answer.YES, "the client felt heard, agreed the aim and ended the session engaged", [])
    return _Verdict(Answer.PARTLY, "the session went some way, with reservations", [])


def _said(persona: Persona | None, question: Question, answer: Answer, run_length: int) -> str:
    lines = (persona.after_session.get(question, {}).get(answer) if persona else None) or []
    # The same run always gets the same line; different runs move through the author's lines.
    return lines[run_length % len(lines)] if lines else PLAIN_LINES[question][answer]


def client_side(records: Sequence[TurnRecord], persona: Persona | None = None) -> ClientSide:
    """The client's answers to the five questions, from the run's records."""
    verdicts: dict[Question, _Verdict] = {Question.HEARD: heard(records), Question.AGREED: agreed(records)}
    verdicts[Question.PUSHED] = pushed(records)
    verdicts[Question.GOT_THERE] = got_there(records, verdicts[Question.AGREED])
    verdicts[Question.BOOK_AGAIN] = book_again(records, verdicts)
    return ClientSide(
        answers=[
            ClientAnswer(
                question=question,
                asked=ASKED[question],
                answer=verdicts[question].answer,
                said=_said(persona, question, verdicts[question].answer, len(records)),
                why=verdicts[question].why,
                turns=verdicts[question].turns,
            )
            for question in Question
        ]
    )
