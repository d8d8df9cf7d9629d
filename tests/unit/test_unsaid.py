"""Names a coach could only know from the persona's file: a turn that uses one nobody has said earns nothing."""

import pytest

from app.config import PROJECT_ROOT
from app.domain.persona import Persona
from app.domain.trust_state import TrustState
from app.files.loader import load_file
from app.session import Rehearsal
from app.tag.reader import LearnedTagger
from app.tag.unsaid import hidden_names, names_said, names_unsaid, told_so_far
from app.trust.carryover import carry_over, follow_up_state
from app.voice.scripted import ScriptedVoice


@pytest.fixture(scope="module")
def joel() -> Persona:
    return load_file(PROJECT_ROOT / "personas" / "joel-hardware-stores.yaml", Persona)


@pytest.fixture(scope="module")
def marcus() -> Persona:
    return load_file(PROJECT_ROOT / "personas" / "marcus-engineer.yaml", Persona)


def test_the_hidden_names_are_the_files_names_not_its_everyday_words(joel: Persona) -> None:
    names = hidden_names(joel)
    # the firm that made the offer, his wife, his father, his sons: in the hidden material only
    assert {"hollister", "karen", "walt", "tyler", "owen"} <= names
    # the brief's own names, days and months, everyday words capitalised at a sentence's start, "Dad"
    assert not names & {
        "kettering",
        "joel",
        "brenner",
        "june",
        "march",
        "saturdays",
        "honestly",
        "dad",
        "anyway",
    }


def test_a_name_nobody_has_said_is_inside_knowledge_and_one_the_client_said_is_not(joel: Persona) -> None:
    assert names_unsaid("Is it the Hollister offer?", joel, heard=[]) == ["hollister"]
    assert names_unsaid("how's karen doing?", joel, heard=[]) == ["karen"]  # typed in lower case
    said = "Owen scored, Tyler sulked, Karen worked a double. Normal weekend."
    assert names_unsaid("How's Karen doing after the double?", joel, heard=[said]) == []
    assert (
        names_unsaid("What do you want from today about the Kettering lease in June?", joel, heard=[]) == []
    )


def test_an_everyday_word_in_a_hidden_name_is_not_one(marcus: Persona) -> None:
    assert "harbour" in hidden_names(marcus) and "street" not in hidden_names(marcus)
    assert names_unsaid("Which street is the office on?", marcus, heard=[]) == []
    assert names_unsaid("How's Harbour Street going?", marcus, heard=[]) == ["harbour"]


def test_what_was_told_in_an_earlier_session_may_be_named(joel: Persona) -> None:
    """A second session: the client told the offer last time, so the coach may name it now."""
    state = TrustState(trust=40.0, disclosed=["the-offer"])
    told = told_so_far(joel, state)
    assert any("Hollister" in text for text in told)
    assert names_unsaid("Have you looked at the Hollister offer again?", joel, heard=told) == []


def test_a_coach_who_names_the_secret_from_the_file_earns_nothing_and_is_told_why(joel: Persona) -> None:
    run = Rehearsal(joel, LearnedTagger(), ScriptedVoice(), seed=7)
    run.take_turn("Hi Joel, what would you like to get from our time today?")
    before = run.state
    prepared = run.prepare("That sounds like a lot. What's going on with the Hollister offer?")
    changes = prepared.state.changes_in(prepared.state.turn)
    assert prepared.signals.knows_unsaid and not prepared.signals.injection
    assert prepared.act.kind == "out_of_frame" and prepared.act.disclosure is None
    assert [c.reason for c in changes] == ["named something the client has not told you"]
    assert prepared.state.trust < before.trust
    # the same words without the name are ordinary coaching
    plain = run.prepare("That sounds like a lot. What's going on with the lease?")
    assert not plain.signals.knows_unsaid and plain.act.kind != "out_of_frame"


def test_names_the_client_said_last_session_may_be_used_in_the_next(joel: Persona) -> None:
    """'Karen worked a double' in session 1's small talk: in session 2 the coach may ask after Karen, and a
    third session still remembers it; a name nobody said stays inside knowledge."""
    first = Rehearsal(joel, LearnedTagger(), ScriptedVoice(), seed=7)
    first.take_turn("Hi Joel, what would you like to get from our time today?")
    said = ["Owen scored, Tyler sulked, Karen worked a double. Normal weekend. You?"]
    start = follow_up_state(joel, carry_over(first.states, session=1, names_said=names_said(joel, said)))
    assert start.carried_names == ["karen", "owen", "tyler"]
    second = Rehearsal(joel, LearnedTagger(), ScriptedVoice(), seed=7, start=start)
    assert not second.prepare("Good to see you again. How did Karen's double go?").signals.knows_unsaid
    assert second.prepare("How's Walt these days?").signals.knows_unsaid
    second.take_turn("Good to see you again. What would you like from today?")
    third = follow_up_state(joel, carry_over(second.states, session=2))
    assert third.carried_names == ["karen", "owen", "tyler"]
