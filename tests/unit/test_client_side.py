"""The client's side of the story (issue 11, part 10): five answers derived from a run's records, in the
persona's voice where it has lines, plain otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.acts import Act, ActKind
from app.domain.codebook import Move
from app.domain.persona import Persona
from app.domain.questionnaire import PLAIN_LINES, Answer, Question
from app.domain.trust_state import TrustChange
from app.domain.turns import TurnRecord
from app.files.loader import FileLoadError, load_file
from app.grade.client_side import client_side
from app.grade.grader import grade_rehearsal
from app.grade.markdown import render
from app.grade.report import Report, build_report, for_learner
from app.practice.report import trace_report
from tests.support.grading import persona, rehearse, rubric, script, tagger
from tests.support.signals import signals

SAM = Path(__file__).parents[1] / "data" / "personas" / "sam-fixture.yaml"


def record(
    index: int,
    act: ActKind,
    level: int = 1,
    moves: tuple[Move, ...] = (),
    changes: tuple[tuple[str, float], ...] = (),
) -> TurnRecord:
    """One recorded learner turn: the client's act, the level after it, the coach's moves, the engine's causes."""
    return TurnRecord(
        index=index,
        learner="...",
        moves=list(moves),
        signals=signals(*moves),
        trust=10.0 * level,
        level=level,
        act=Act(kind=act, level=level),
        coachee="...",
        disclosed=[],
        changes=[TrustChange(turn=index, cause=cause, delta=delta, reason=cause) for cause, delta in changes],
        voice="scripted",
    )


CONTRACTED = [
    record(1, ActKind.ANSWER_GOAL, 1, (Move.GOAL,), (("goal", 3.0),)),
    record(2, ActKind.ANSWER_SUCCESS, 1, (Move.SUCCESS_MEASURE,), (("success_measure", 2.0),)),
    record(3, ActKind.FEEL_HEARD, 2, (Move.REFLECTION,), (("reflection", 2.0),)),
    record(4, ActKind.FEEL_HEARD, 3, (Move.REFLECTION, Move.EMPATHY), (("reflection", 2.0),)),
]
DECLINED = record(5, ActKind.DECLINE_PERMISSION, 3, (Move.PERMISSION,))
PUSHED = record(6, ActKind.RUPTURE, 2, (Move.PRESSURE,), (("pushed_after_refusal", -8.0),))


def answers(records: list[TurnRecord], who: Persona | None = None) -> dict[Question, Answer]:
    return {a.question: a.answer for a in client_side(records, who).answers}


def test_a_run_that_contracted_and_listened_well_says_we_agreed_and_would_book_again() -> None:
    said = answers(CONTRACTED)
    assert said == {
        Question.HEARD: Answer.YES,
        Question.AGREED: Answer.YES,
        Question.GOT_THERE: Answer.YES,
        Question.PUSHED: Answer.NO,
        Question.BOOK_AGAIN: Answer.YES,
    }


def test_a_run_that_pushed_past_a_no_says_so_and_cites_the_turn() -> None:
    side = client_side([*CONTRACTED, DECLINED, PUSHED])
    pushed = next(a for a in side.answers if a.question is Question.PUSHED)
    assert pushed.answer is Answer.YES and pushed.turns == [6]
    assert "after the client said no" in pushed.why
    assert side.answer(Question.BOOK_AGAIN) is Answer.NO
    assert side.answer(Question.GOT_THERE) is Answer.NO  # it ended on a rupture nobody repaired


def test_owning_the_push_afterwards_mends_the_ending_but_not_the_push() -> None:
    repaired = record(7, ActKind.REPAIR_ACCEPTED, 2, (Move.INVITE,), (("repair", 3.0),))
    side = client_side([*CONTRACTED, DECLINED, PUSHED, repaired])
    assert side.answer(Question.GOT_THERE) is not Answer.NO  # no longer ends on a broken trust
    assert side.answer(Question.PUSHED) is Answer.YES


def test_going_in_without_asking_is_a_little_pushed() -> None:
    probe = record(5, ActKind.DEFLECT, 2, (Move.OPEN_QUESTION,), (("probe", -4.0),))
    assert answers([*CONTRACTED, probe])[Question.PUSHED] is Answer.PARTLY


def test_a_goal_agreed_then_steered_away_from_is_only_partly_agreed() -> None:
    steered = record(5, ActKind.OFF_CONTRACT, 2, (Move.ADVICE,), (("steering", -3.0),))
    side = client_side([*CONTRACTED, steered])
    agreed = next(a for a in side.answers if a.question is Question.AGREED)
    assert agreed.answer is Answer.PARTLY and 5 in agreed.turns and "steered" in agreed.why


def test_no_contract_no_listening_is_no_across_the_board() -> None:
    advice = [record(i, ActKind.RESIST_ADVICE, 0, (Move.ADVICE,), (("advice", -3.0),)) for i in (1, 2, 3)]
    said = answers(advice)
    assert said[Question.HEARD] is Answer.NO and said[Question.AGREED] is Answer.NO
    assert said[Question.GOT_THERE] is Answer.NO and said[Question.BOOK_AGAIN] is Answer.PARTLY


def test_judgment_makes_feeling_heard_partial() -> None:
    judged = record(5, ActKind.HURT, 2, (Move.JUDGMENT,), (("judgment", -5.0),))
    assert answers([*CONTRACTED, judged])[Question.HEARD] is Answer.PARTLY


def test_an_empty_run_answers_every_question() -> None:
    side = client_side([])
    assert [a.question for a in side.answers] == list(Question)
    assert side.answer(Question.BOOK_AGAIN) is Answer.PARTLY


# --- the persona's voice --------------------------------------------------------------------------------------


def test_without_lines_of_its_own_the_client_says_the_plain_line(sam: Persona) -> None:
    heard = client_side(CONTRACTED, sam).answers[0]
    assert heard.asked == "Did I feel heard?" and heard.said == PLAIN_LINES[Question.HEARD][Answer.YES]


def with_lines(tmp_path: Path, block: str) -> Path:
    path = tmp_path / "sam.yaml"
    path.write_text(SAM.read_text() + block)
    return path


def test_the_personas_own_lines_say_the_answer_and_bare_yes_no_keys_work(tmp_path: Path) -> None:
    block = 'after_session:\n  heard:\n    yes: ["Yeah. You got it."]\n  pushed:\n    no: ["Nah, my call."]\n'
    sam = load_file(with_lines(tmp_path, block), Persona)
    side = client_side(CONTRACTED, sam)
    assert side.answers[0].said == "Yeah. You got it."
    assert next(a.said for a in side.answers if a.question is Question.PUSHED) == "Nah, my call."
    # A question the author left out falls back to the plain line.
    assert side.answers[1].said == PLAIN_LINES[Question.AGREED][Answer.YES]


@pytest.mark.parametrize(
    ("block", "field"),
    [
        ('after_session:\n  heard:\n    maybe: ["Hm."]\n', "after_session.heard.maybe"),
        ('after_session:\n  felt:\n    "yes": ["Hm."]\n', "after_session.felt"),
        ("after_session:\n  heard:\n    partly: []\n", "after_session.heard.partly"),
    ],
)
def test_a_bad_after_session_entry_names_the_file_line_and_field(
    tmp_path: Path, block: str, field: str
) -> None:
    path = with_lines(tmp_path, block)
    with pytest.raises(FileLoadError) as raised:
        load_file(path, Persona)
    [error] = raised.value.errors
    assert error.file == str(path) and field in error.field and error.line is not None


# --- recorded rehearsals with a shipped persona ---------------------------------------------------------------


def test_the_shipped_skilled_script_is_heard_agreed_and_not_pushed() -> None:
    priya = persona("priya-team-lead")
    _, records = rehearse(priya, script("priya-team-lead", "skilled"))
    said = answers(records, priya)
    assert said[Question.AGREED] is Answer.YES and said[Question.PUSHED] is Answer.NO
    assert said[Question.HEARD] is Answer.YES


def test_the_shipped_breach_script_would_not_be_booked_again() -> None:
    priya = persona("priya-team-lead")
    _, records = rehearse(priya, script("priya-team-lead", "breach"))
    assert answers(records, priya)[Question.BOOK_AGAIN] is Answer.NO


# --- beside the grade in the report ---------------------------------------------------------------------------


def priya_report() -> tuple[Persona, Report]:
    priya = persona("priya-team-lead")
    transcript, records = rehearse(priya, script("priya-team-lead", "skilled"))
    graded = grade_rehearsal(transcript, records, rubric(), priya, tagger())
    return priya, for_learner(build_report(graded, priya, records, transcript), priya, records)


def test_the_report_shows_the_clients_answers_beside_the_grade_and_keeps_them_as_data() -> None:
    _, learner = priya_report()
    assert learner.client is not None and [a.question for a in learner.client.answers] == list(Question)
    text = render(learner)
    assert text.index("## The client's side") < text.index("## Strengths")
    assert "| Did we agree what I wanted from the session? | yes |" in text
    stored = Report.model_validate(json.loads(learner.model_dump_json()))
    assert stored.client == learner.client


def test_the_clients_answers_name_nothing_locked() -> None:
    priya, learner = priya_report()
    assert learner.client is not None
    said = " ".join(f"{a.said} {a.why}" for a in learner.client.answers)
    for locked in learner.disclosures_locked or []:
        assert locked.summary not in said
    for topic in priya.sensitive_topics:
        assert topic.label not in said


def test_without_a_rubric_the_trust_report_shows_and_stores_the_clients_answers_too() -> None:
    priya = persona("priya-team-lead")
    transcript, records = rehearse(priya, script("priya-team-lead", "breach"))
    made = trace_report(priya, records, transcript)
    assert "### The client's side" in made.markdown and "### The client's side" in made.learner.markdown
    stored = made.data["client"]["answers"]
    assert {a["question"]: a["answer"] for a in stored}["book_again"] == "no"


@pytest.mark.parametrize(
    "persona_id", ["nadia-picture-book", "joel-hardware-stores", "siobhan-surgical-registrar"]
)
def test_the_new_personas_answer_in_their_own_voice(persona_id: str) -> None:
    who = persona(persona_id)
    for answer in client_side(CONTRACTED, who).answers:
        assert answer.said in who.after_session[answer.question][answer.answer]
