"""Every evidence quote is verbatim from its cited coach turn (0-based index into transcript.turns), on
every fixture; long turns are quoted by their telling sentence."""

import json
from pathlib import Path

import pytest

from app.grade.grader import grade_rehearsal, grade_transcript
from app.grade.quotes import MAX_QUOTE_WORDS, is_verbatim, quote
from app.grade.report import build_report
from tests.support.grading import (
    SCRIPT_NAMES,
    SCRIPTS,
    TRANSCRIPTS,
    all_quotes,
    assert_verbatim,
    load_transcript,
    persona,
    rehearse,
    rubric,
    tagger,
    transcript_of,
)

TRANSCRIPT_NAMES = sorted(path.stem for path in TRANSCRIPTS.glob("*.json"))
SCRIPT_FILES = sorted(SCRIPTS.glob("*/*.json")) if SCRIPTS.is_dir() else []


@pytest.mark.parametrize("name", TRANSCRIPT_NAMES)
def test_quotes_are_verbatim_on_every_transcript_fixture(name: str) -> None:
    transcript = load_transcript(name)
    result = grade_transcript(transcript, rubric(), tagger())
    assert all_quotes(result)
    assert_verbatim(result, transcript)
    report = build_report(result)
    for point in [*report.strengths, *report.growth]:
        if point.evidence:
            assert is_verbatim(transcript, point.evidence.turn, point.evidence.quote)


@pytest.mark.parametrize("path", SCRIPT_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_quotes_are_verbatim_on_every_rehearsal_script(path: Path) -> None:
    chosen = persona(path.parent.name)
    transcript, records = rehearse(chosen, json.loads(path.read_text()))
    assert_verbatim(grade_rehearsal(transcript, records, rubric(), chosen, tagger()), transcript)
    assert_verbatim(grade_transcript(transcript, rubric(), tagger()), transcript)


def test_every_script_set_is_complete() -> None:
    if not SCRIPT_FILES:
        pytest.skip("the persona rehearsal scripts are not there yet")
    for folder in {path.parent for path in SCRIPT_FILES}:
        assert set(SCRIPT_NAMES) <= {path.stem for path in folder.glob("*.json")}


def test_a_long_turn_is_quoted_by_the_sentence_that_shows_the_move() -> None:
    long_turn = (
        "Thanks for that, it's a lot to take in and I can hear how much of it has been building up over the "
        "last few months at work and at home. I want to make sure we use the time well for you. "
        "What would you like to get out of our hour today? No pressure to have it perfectly worded."
    )
    transcript = transcript_of(("client", "It's been a lot, honestly."), ("coach", long_turn))
    result = grade_transcript(transcript, rubric(), tagger())
    outcome = next(c for c in result.criteria if c.id == "ICF-3.1")
    assert [e.quote for e in outcome.evidence] == ["What would you like to get out of our hour today?"]
    assert_verbatim(result, transcript)


def test_quotes_are_trimmed_to_a_readable_length_and_stay_exact() -> None:
    run_on = "so " + " ".join(f"word{i}" for i in range(60)) + " and that is it"
    cited = quote(run_on)
    assert len(cited.split()) == MAX_QUOTE_WORDS and run_on.startswith(cited)
    assert quote("  Short turn.  ") == "Short turn."
    assert quote(
        "First sentence here is long enough to matter a little bit. " * 3 + "Is this the one?",
        lambda s: s.endswith("?"),
    ) == ("Is this the one?")


def test_is_verbatim_checks_the_turn_index_the_speaker_and_exactness() -> None:
    transcript = transcript_of(("client", "I'm stuck."), ("coach", "What does stuck feel like?"))
    assert is_verbatim(transcript, 1, "stuck feel")
    assert not is_verbatim(transcript, 0, "stuck")  # a client turn: the grader quotes the coach only
    assert not is_verbatim(transcript, 1, "what does stuck feel like?")  # case matters
    assert not is_verbatim(transcript, 2, "What")  # no such turn
    assert not is_verbatim(transcript, 1, "")


def test_evidence_cites_the_turn_by_its_index_in_the_whole_transcript() -> None:
    transcript = transcript_of(
        ("client", "Hello."),
        ("client", "Sorry, lots going on."),
        ("coach", "What would you like from today?"),
    )
    result = grade_transcript(transcript, rubric(), tagger())
    outcome = next(c for c in result.criteria if c.id == "ICF-3.1")
    assert [e.turn for e in outcome.evidence] == [2]
