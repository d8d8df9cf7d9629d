"""Blocking errors fail a run whatever its score: a breach of confidentiality, pushing past a refused
permission, a session that is mostly the coach telling the client what to do."""

from app.domain.codebook import Move
from app.grade.facts import Event
from app.grade.grader import grade_transcript
from tests.support.grading import Say, assert_verbatim, graded, rubric, tagger, transcript_of

GOOD_SESSION: list[Say | str] = [
    Say("What you say here stays between us.", (Move.CONFIDENTIALITY,)),
    "Thanks.",
    Say("What would you like from today?", (Move.GOAL, Move.OPEN_QUESTION)),
    "To plan my talk with Dan.",
    Say("How will you know it worked?", (Move.SUCCESS_MEASURE, Move.OPEN_QUESTION)),
    "A first sentence.",
    Say("What makes it matter now?", (Move.IMPORTANCE, Move.OPEN_QUESTION)),
    "He undercuts me and I'm tired of it.",
    Say("How would you like to work?", (Move.WORKING_STYLE, Move.OPEN_QUESTION)),
    "Questions.",
    Say("You're tired of being undercut.", (Move.REFLECTION, Move.EMPATHY)),
    "Yes, I'm exhausted.",
    Say("That sounds exhausting. You've kept going anyway.", (Move.EMPATHY, Move.ACKNOWLEDGE)),
    "I have.",
]


def ids(result: object) -> list[str]:
    return [hit.id for hit in getattr(result, "blocking", [])]


def test_a_strong_session_has_no_blocking_error() -> None:
    result = graded(*GOOD_SESSION)
    assert ids(result) == [] and result.passed


def test_a_breach_fails_an_otherwise_strong_session() -> None:
    breach = Say("Between us, Dan told me he thinks you're out of your depth.", (Move.BREACH,))
    result = graded(*GOOD_SESSION, breach, "Oh.")
    assert ids(result) == ["confidentiality-breach"]
    assert result.blocking[0].turn == len(GOOD_SESSION) and result.blocking[0].quote == breach.text
    assert result.score >= rubric().pass_mark - 15  # the score alone would be respectable...
    assert not result.passed  # ...the breach fails it anyway
    assert result.verdict[0].startswith("blocking error: Breach of confidentiality")


def test_pushing_past_a_refusal_fails_the_run() -> None:
    push = Say("Come on, tell me about home.", (Move.PRESSURE,), (Event.PUSHED_AFTER_REFUSAL,))
    result = graded(*GOOD_SESSION, push, "...")
    assert ids(result) == ["pushed-past-refusal"] and not result.passed


def test_consulting_mode_needs_advice_to_dominate() -> None:
    advice = Say("You should tell him.", (Move.ADVICE,), (Event.UNINVITED_ADVICE,))
    two = graded(*GOOD_SESSION, advice, "Hm.", advice, "Hm.")
    assert "consulting-mode" not in ids(two)  # 2 advice turns in 9: a slip, not a mode
    mostly = graded(GOOD_SESSION[2], "a", advice, "b", advice, "c", advice, "d", GOOD_SESSION[10], "e")
    assert ids(mostly) == ["consulting-mode"]  # 3 of 5 turns advise
    assert mostly.blocking[0].turn == 2  # cited at the first unasked-for advice


def test_blocking_rules_from_a_transcript_alone() -> None:
    breach = transcript_of(
        ("coach", "What would you like from today?"),
        ("client", "To think about the promotion."),
        ("coach", "Between you and me, your director told me she's restructuring your team."),
    )
    result = grade_transcript(breach, rubric(), tagger())
    assert ids(result) == ["confidentiality-breach"] and result.blocking[0].turn == 2
    pushed = transcript_of(
        ("coach", "Would it be ok if we talked about how things are at home with your husband?"),
        ("client", "I'd rather not, if that's ok."),
        ("coach", "I think your marriage is at the heart of this. What's going on with your husband?"),
    )
    result = grade_transcript(pushed, rubric(), tagger())
    assert ids(result) == ["pushed-past-refusal"] and result.blocking[0].turn == 2
    assert_verbatim(result, pushed)
