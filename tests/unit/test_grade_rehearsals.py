"""The issue's 'done when' on the persona scripts, graded both ways: from the rehearsal's records (the
engine's own moves and causes) and from its transcript alone (what `rapport grade` sees)."""

from functools import cache

import pytest

from app.config import PROJECT_ROOT
from app.domain.turns import TurnRecord
from app.grade.grader import grade_rehearsal, grade_transcript
from app.grade.result import Grade
from tests.support.grading import SCRIPTS, assert_verbatim, persona, rehearse, rubric, script, tagger

PERSONA_IDS = sorted(path.stem for path in (PROJECT_ROOT / "personas").glob("*.yaml"))
pytestmark = pytest.mark.skipif(
    not SCRIPTS.is_dir(), reason="the persona rehearsal scripts are not there yet"
)


@cache
def run(persona_id: str, name: str) -> tuple[Grade, Grade, tuple[TurnRecord, ...]]:
    """(grade from the records, grade from the transcript alone, the records)."""
    chosen = persona(persona_id)
    transcript, records = rehearse(chosen, script(persona_id, name))
    from_records = grade_rehearsal(transcript, records, rubric(), chosen, tagger())
    assert_verbatim(from_records, transcript)
    from_transcript = grade_transcript(transcript, rubric(), tagger())
    assert_verbatim(from_transcript, transcript)
    return from_records, from_transcript, tuple(records)


def both(persona_id: str, name: str) -> tuple[Grade, Grade]:
    from_records, from_transcript, _ = run(persona_id, name)
    return from_records, from_transcript


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_a_skilled_coach_passes(persona_id: str) -> None:
    for result in both(persona_id, "skilled"):
        assert result.passed, result.verdict
        assert result.blocking == []


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_an_advice_giving_judging_coach_fails_in_consulting_mode(persona_id: str) -> None:
    for result in both(persona_id, "advice_giver"):
        assert not result.passed
        assert "consulting-mode" in {hit.id for hit in result.blocking}
        assert result.metrics["advice_before_permission"].band == "weak"
        levels = {c.id: c.level for c in result.criteria}
        assert levels["TS-7"] == "not_evident"  # stays in the coach role
        assert levels["TS-6"] in ("not_evident", "partial")  # non-judgment: the script also judges


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_a_confidentiality_breach_fails_with_the_breach_error(persona_id: str) -> None:
    if not (SCRIPTS / persona_id / "breach.json").exists():
        pytest.skip("no breach script for this persona")
    for result in both(persona_id, "breach"):
        assert not result.passed
        assert "confidentiality-breach" in {hit.id for hit in result.blocking}


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_scores_order_skilled_over_contracting_then_fixing_over_poor(persona_id: str) -> None:
    for mode in (0, 1):  # records, then transcript alone
        skilled, fixer, poor = (
            both(persona_id, name)[mode].score for name in ("skilled", "contract_then_fix", "advice_giver")
        )
        assert skilled > fixer > poor, (mode, skilled, fixer, poor)


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_the_grade_agrees_with_how_far_the_client_opened_up(persona_id: str) -> None:
    """Same codebook, same moves: the run where the coachee trusted most grades highest, and the ones where
    trust never got past polite surface fail."""
    names = ("skilled", "contract_then_fix", "advice_giver", "injector")
    peaks = {name: max(r.level for r in run(persona_id, name)[2]) for name in names}
    scores = {name: run(persona_id, name)[0].score for name in names}
    assert max(scores, key=scores.__getitem__) == max(peaks, key=peaks.__getitem__) == "skilled"
    for name in names:
        if peaks[name] <= 1:
            assert not run(persona_id, name)[0].passed, name


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
@pytest.mark.parametrize("name", ["skilled", "contract_then_fix", "advice_giver", "listener_no_permission"])
def test_the_transcript_alone_reaches_the_same_verdict_as_the_records(persona_id: str, name: str) -> None:
    """The tagger re-derives the moves the engine used, so only persona-dependent criteria can differ
    (a transcript does not say whether the client had sensitive topics, a dual role, or how they want to be
    coached)."""
    from_records, from_transcript = both(persona_id, name)
    assert from_records.passed == from_transcript.passed
    assert abs(from_records.score - from_transcript.score) <= 10
    # TS-3's steering away is judged by the engine on the persona's focus keywords, by a transcript on the
    # client's words: a turn near the edge of the topic can fall either side.
    persona_dependent = {"TS-1", "TS-3", "TS-4"}
    contract = persona(persona_id).contract
    if contract.working_rules or not contract.wants_advice:
        # Advice against the client's way of working: the engine knows the client's wishes from the persona;
        # a transcript shows them only if the client happened to say them in so many words.
        persona_dependent.add("TS-2")
    for a, b in zip(from_records.criteria, from_transcript.criteria, strict=True):
        if a.id not in persona_dependent:
            assert a.level == b.level, (a.id, a.reason, b.reason)


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_a_listener_who_never_asks_permission_loses_the_permission_criterion(persona_id: str) -> None:
    from_records, _ = both(persona_id, "listener_no_permission")
    permission = next(c for c in from_records.criteria if c.id == "TS-1")
    assert permission.level == "not_evident"  # the persona had sensitive ground; the coach never asked
    skilled, _ = both(persona_id, "skilled")
    assert skilled.score > from_records.score
