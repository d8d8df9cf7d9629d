"""Realistic transcripts graded from the text alone (no trust trace): long, messy, typed, good-but-imperfect
and plainly poor sessions. Each test says why the transcript should grade as it does."""

from functools import cache

from app.grade.grader import grade_transcript
from app.grade.result import Grade
from tests.support.grading import TRANSCRIPTS, assert_verbatim, load_transcript, rubric, tagger


@cache
def graded(name: str) -> Grade:
    transcript = load_transcript(name)
    result = grade_transcript(transcript, rubric(), tagger())
    assert_verbatim(result, transcript)
    return result


def levels(result: Grade) -> dict[str, str]:
    return {c.id: c.level.value for c in result.criteria}


def test_the_fixture_set_is_there() -> None:
    names = {path.stem for path in TRANSCRIPTS.glob("*.json")}
    assert len(names) >= 5
    assert len(load_transcript("long_two_sessions").turns) >= 100


def test_a_long_good_but_imperfect_session_passes_and_names_its_slip() -> None:
    """Two sessions back to back (115 turns, long client turns, typos). The coach contracts carefully,
    states confidentiality, reflects the client's words, asks permission before the home topic and accepts
    the no. Once, though, they fire a list of their own ideas ('Have you thought about asking her to
    co-present...') before owning it. A pass, with the slip named as the weak moment of the coach role."""
    result = graded("long_two_sessions")
    assert result.passed and result.blocking == []
    assert 70 <= result.score < 95  # good, not flawless
    found = levels(result)
    for marker in ("ICF-3.1", "ICF-3.2", "ICF-3.3", "TS-4", "ICF-6.2", "ICF-6.7", "ICF-7.6"):
        assert found[marker] == "consistent", marker
    role = next(c for c in result.criteria if c.id == "TS-7")
    assert role.level == "partial"  # a slip or two in 58 coach turns, not a pattern
    assert any(e.quote.startswith("Have you thought about asking her to co-present") for e in role.evidence)
    assert result.metrics["advice_before_permission"].value == 1
    assert result.metrics["client_talk_share"].value > 0.5  # the client does most of the talking


def test_a_typed_chat_with_shorthand_passes_but_flags_stacked_questions_and_no_success_measure() -> None:
    """Lower-case chat with 'u', 'wat', 'rn'. Strong listening and permission before sharing an
    observation, but the coach never asks up front how the client will know the session worked, and three
    turns pile several questions together. It passes; the report names the stacking."""
    result = graded("typed_chat_good_imperfect")
    assert result.passed
    found = levels(result)
    measure = next(c for c in result.criteria if c.id == "ICF-3.2")
    assert all(e.turn > 10 for e in measure.evidence)  # nothing in the contracting at the start
    assert found["ICF-7.6"] in ("partial", "not_evident")
    assert result.metrics["stacked_questions"].value >= 2
    stacked = next(c for c in result.criteria if c.id == "ICF-7.6")
    assert stacked.better and stacked.better.startswith("Ask one question and wait")
    assert found["TS-1"] == "consistent"  # "can i share something i noticed?"


def test_a_warm_coach_who_mostly_advises_fails_in_consulting_mode() -> None:
    """Friendly and well-meant, but seven of ten coach turns tell the client what to do, one is a war story,
    and nothing the client says is reflected back. That is consulting, not coaching."""
    result = graded("friendly_consultant")
    assert not result.passed
    assert [hit.id for hit in result.blocking] == ["consulting-mode"]
    assert result.score < 30
    assert result.metrics["advice_before_permission"].value >= 5
    assert levels(result)["TS-7"] == "not_evident"


def test_pushing_past_a_no_fails_even_after_good_contracting() -> None:
    """The coach contracts well and even asks permission before the client's marriage, but when the client
    declines, presses on ('I really think your marriage is at the heart of this')."""
    result = graded("pushed_after_no")
    assert not result.passed
    assert "pushed-past-refusal" in {hit.id for hit in result.blocking}
    hit = next(hit for hit in result.blocking if hit.id == "pushed-past-refusal")
    assert "marriage" in hit.quote
    assert levels(result)["ICF-3.1"] == "consistent"  # the contracting itself was fine


def test_gossip_breaks_confidentiality_and_fails_a_decent_session() -> None:
    """Confidentiality stated at the start, good questions and reflections, then the coach passes on what the
    director and a colleague said. Two breaches, two blocking errors; the confidentiality criterion itself
    drops to partial because the promise was then broken."""
    result = graded("manager_gossip_breach")
    assert not result.passed
    assert [hit.id for hit in result.blocking] == ["confidentiality-breach", "confidentiality-breach"]
    assert levels(result)["TS-4"] == "partial"
    assert levels(result)["ICF-6.2"] == "consistent"  # the listening before it was good


def test_warm_listening_without_an_agreement_fails_on_the_session_outcome() -> None:
    """Counselling-style: accurate reflections and empathy, but no agreed outcome, measure or focus. The
    listening criteria are consistent, yet the run fails: an agreed outcome (ICF 3.1) is required."""
    result = graded("counselling_no_contract")
    assert not result.passed and result.blocking == []
    found = levels(result)
    assert found["ICF-3.1"] == "not_evident"
    assert any("required criterion not evident: ICF-3.1" in reason for reason in result.verdict)
    assert found["ICF-6.3"] == found["ICF-6.7"] == found["ICF-4.3"] == "consistent"
    assert result.metrics["reflection_question_ratio"].band == "good"


def test_digging_into_childhood_is_therapy_mode() -> None:
    """A clear contract, then the coach goes back to the client's childhood and parents, uninvited, with
    stacked questions, although the client asked to stay on the presentation."""
    result = graded("therapy_digging")
    assert not result.passed
    found = levels(result)
    assert found["TS-7"] in ("partial", "not_evident")
    role = next(c for c in result.criteria if c.id == "TS-7")
    assert role.weakest is not None and "childhood" in role.weakest.quote
    assert found["TS-1"] == "not_evident"  # went into the client's parents without asking
    assert found["ICF-7.6"] == "not_evident"  # two of five question turns stack questions


def test_good_sessions_outscore_poor_ones() -> None:
    good = ("long_two_sessions", "typed_chat_good_imperfect")
    poor = ("friendly_consultant", "therapy_digging", "counselling_no_contract")
    assert min(graded(n).score for n in good) > max(graded(n).score for n in poor)
