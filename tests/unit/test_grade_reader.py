"""The grader reads with the learned reader, as the trust engine does, and its evidence is apt: a question into
an area the client had not opened is not "exploring the client's words", small talk is not "staying in the
coach role", parroting is not reflecting, and a blocking error cites the first push past a refusal."""

from functools import cache

from app.grade.grader import grade_transcript
from app.grade.result import Grade
from app.tag.reader import LearnedTagger
from tests.support.grading import rubric, transcript_of


@cache
def reader() -> LearnedTagger:
    return LearnedTagger()


def graded(*turns: tuple[str, str]) -> Grade:
    return grade_transcript(transcript_of(*turns), rubric(), reader())


def cited(result: Grade, criterion_id: str) -> set[int]:
    return {e.turn for c in result.criteria if c.id == criterion_id for e in c.evidence}


CONTRACT = [
    ("coach", "Before we start: what you say here stays between us. What would you like from today?"),
    ("client", "I want to sort out how I hand over the rota. My family thing is... anyway. The rota."),
]


def test_a_question_into_an_area_the_client_pulled_back_from_is_not_exploring_their_words() -> None:
    result = graded(
        *CONTRACT,
        ("coach", "Tell me about your family."),
        ("client", "I'd rather not, honestly."),
        ("coach", "That's fine. The rota, then: what makes the handover hard for you?"),
        ("client", "Letting go of it. If it goes wrong it's on me."),
    )
    assert 2 not in cited(result, "ICF-6.2")


def test_small_talk_is_not_evidence_of_staying_in_the_coach_role() -> None:
    result = graded(
        ("coach", "Hi Sam! How was your weekend?"),
        ("client", "Fine, thanks. Busy."),
        ("coach", "What would you like to get out of today?"),
        ("client", "A plan for handing over the rota."),
        ("coach", "What makes handing it over hard for you?"),
        ("client", "If it goes wrong it's on me."),
    )
    assert 0 not in cited(result, "TS-7")


def test_a_formula_coach_who_parrots_fails_the_grade() -> None:
    said = [
        "I'm tired, honestly, and the rota eats my evenings.",
        "If I hand it over and it goes wrong, it's on me.",
        "My daughter's been ill. Anyway.",
        "I just don't sleep much these days.",
        "Nobody else knows how the rota works.",
        "I keep checking it at night.",
    ]
    turns: list[tuple[str, str]] = []
    for question, answer in [
        ("What do you want from today?", "The rota handed over."),
        ("How will you know it worked?", "A plan."),
        ("Why does it matter?", "I work every evening."),
        ("How do you want to work?", said[0]),
    ]:
        turns += [("coach", question), ("client", answer)]
    for before, after in zip(said, [*said[1:], "Yes."], strict=True):
        turns += [("coach", f"So {before[0].lower()}{before[1:]}"), ("client", after)]
    result = graded(*turns)
    assert not result.passed, result.score
    assert next(c for c in result.criteria if c.id == "TS-8").level.value != "consistent"


def test_the_clients_feeling_word_said_straight_back_is_not_exploring_emotions() -> None:
    lonely = ("client", "Lonely. I keep telling people I'm fine.")
    parroted = graded(*CONTRACT, ("coach", "What's that been like?"), lonely, ("coach", "So lonely."))
    explored = graded(
        *CONTRACT, ("coach", "What's that been like?"), lonely, ("coach", "Lonely. What's that like for you?")
    )
    assert 4 not in cited(parroted, "ICF-6.3")
    assert 4 in cited(explored, "ICF-6.3")


def test_the_blocking_error_cites_the_first_push_past_a_refusal() -> None:
    result = graded(
        *CONTRACT,
        ("coach", "You mentioned your family. Would it be all right if we talked about that?"),
        ("client", "No. I'd rather not go there today."),
        ("coach", "Come on, it'll help to get it out."),
        ("client", "I said no."),
        ("coach", "Honestly, you need to talk about your family."),
        ("client", "I'd like to stop."),
    )
    pushes = [hit for hit in result.blocking if hit.id == "pushed-past-refusal"]
    assert pushes and pushes[0].turn == 4, result.blocking
