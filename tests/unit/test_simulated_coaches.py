"""The simulated coaches of `rapport persona check`: natural, varied wording, the behaviour each one stands for,
and the acceptance expectations on every shipped persona across seeds 0-4."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest

from app.check.checks import check_persona, run_coach
from app.check.gaming_coaches import PARROT_ASK, PARROT_CONTRACT, PRESSES, STEERS, SUGGESTIONS
from app.check.reading import CoachView, public_view
from app.check.report import CoachResult, PersonaCheckReport
from app.check.simulated_coaches import COACHES, SKILLED_COACHES, SimulatedCoach, coach
from app.check.style import feelings
from app.check.styles import SKILLED_STYLES
from app.check.threads import answer
from app.check.wording import casual, pick
from app.config import PROJECT_ROOT
from app.domain.acts import ActKind
from app.domain.persona import Persona
from app.domain.transcript import Utterance
from app.files.loader import load_file
from app.grade.rubric import Rubric
from app.tag.reader import LearnedTagger
from app.voice.scripted import ScriptedVoice

PERSONAS = {
    path.stem: load_file(path, Persona) for path in sorted((PROJECT_ROOT / "personas").glob("*.yaml"))
}
SHIPPED = sorted(PERSONAS)
SEEDS = range(5)
STYLE_IDS = [style.id for style in SKILLED_STYLES]
GAMING_IDS = ["parrot", "friendly-advisor", "gossip", "steerer", "pusher"]
LEGACY_IDS = ["skilled", "advice-giver", "interrogator", "injector"]


@cache
def rubric() -> Rubric:
    return load_file(PROJECT_ROOT / "rubrics" / "icf-trust-agreements.yaml", Rubric)


@cache
def coach_turns(persona_id: str, coach_id: str, seed: int) -> tuple[str, ...]:
    """What the coach said in a real offline rehearsal."""
    run = run_coach(coach(coach_id), PERSONAS[persona_id], LearnedTagger(), ScriptedVoice(), seed)
    return tuple(record.learner for record in run.records)


@cache
def report(persona_id: str, seed: int) -> PersonaCheckReport:
    return check_persona(
        PERSONAS[persona_id], LearnedTagger(), ScriptedVoice(), seed=seed, rubric=rubric(), rate_seeds=0
    )


def result(persona_id: str, seed: int, coach_id: str) -> CoachResult:
    return next(c for c in report(persona_id, seed).coaches if c.coach == coach_id)


# --- a conversation by hand --------------------------------------------------------------------------------

HINT = "Yes. My dad's not been great. He's eighty-one. Back to delegation."


def talk(
    next_turn: SimulatedCoach, replies: list[str], seed: int = 0, persona: Persona | None = None
) -> list[str]:
    """The coach's turns when the client gives `replies` in order (one reply per coach turn)."""
    chosen = persona or PERSONAS[SHIPPED[0]]
    said: list[Utterance] = []
    turns: list[str] = []
    for reply in replies:
        turn = next_turn.next_turn(public_view(chosen, said), seed) or ""
        turns.append(turn)
        said += [Utterance(speaker="coach", text=turn), Utterance(speaker="client", text=reply)]
    return turns


def contracted(*then: str) -> list[str]:
    """Plain answers to the five contracting turns and to the first listening turn, then `then`."""
    return ["OK.", "Delegation, I suppose.", "A plan.", "It matters.", "Ask me things.", "Yes.", *then]


# --- wording -----------------------------------------------------------------------------------------------


def test_a_wording_is_used_again_only_after_all_the_others() -> None:
    options = ("a", "b", "c", "d")
    for seed in SEEDS:
        run = [pick(options, seed, "slot", uses) for uses in range(8)]
        assert sorted(run[:4]) == list(options) and run[4:] == run[:4]


def test_seeds_order_the_wordings_differently() -> None:
    options = tuple("abcdef")
    orders = {tuple(pick(options, seed, "slot", uses) for uses in range(6)) for seed in range(10)}
    assert len(orders) >= 5


def test_a_novice_types_in_lower_case_and_shorthand() -> None:
    assert casual("You said you're tired. That's really hard.") == "u said ur tired. thats rly hard"


@pytest.mark.parametrize(
    ("said", "feeling"),
    [
        ("I had a panic attack in the car park", "frightening"),
        ("I haven't told anyone", "lonely"),
        ("I've been fixing the forecasts myself, late", "exhausting"),
    ],
)
def test_a_reflection_offers_the_feeling_the_words_carry(said: str, feeling: str) -> None:
    assert feeling in feelings(said)


# --- natural and varied, in real rehearsals ----------------------------------------------------------------


@pytest.mark.parametrize("persona_id", SHIPPED)
@pytest.mark.parametrize("simulated", [c.id for c in COACHES if c.id != "parrot"])
def test_no_coach_says_the_same_thing_more_than_twice_in_a_run(persona_id: str, simulated: str) -> None:
    """Neither a whole turn nor a question (a permission request above all) comes back a third time. The parrot
    is left out: its one formula for every permission request is what it stands for (tested below)."""
    for seed in SEEDS:
        turns = coach_turns(persona_id, simulated, seed)
        repeated = [t for t, n in Counter(turns).items() if n > 2]
        assert not repeated, (seed, repeated)
        questions = Counter(q for t in turns for q in re.findall(r"[^.?!]*\?", t))
        assert not [q for q, n in questions.items() if n > 2], (seed, questions.most_common(3))


@pytest.mark.parametrize("persona_id", SHIPPED)
def test_the_skilled_styles_word_things_differently_from_each_other(persona_id: str) -> None:
    for seed in SEEDS:
        runs = {style: set(coach_turns(persona_id, style, seed)) for style in STYLE_IDS}
        for first in STYLE_IDS:
            for second in STYLE_IDS:
                if first < second:
                    shared = runs[first] & runs[second]
                    assert not shared, (seed, first, second, shared)


@pytest.mark.parametrize("style", STYLE_IDS)
def test_a_style_words_its_session_differently_for_each_seed(style: str) -> None:
    openings = {coach_turns(SHIPPED[0], style, seed)[:5] for seed in SEEDS}
    assert len(openings) >= 3
    assert coach_turns(SHIPPED[0], style, 3) == coach_turns(
        SHIPPED[0], style, 3
    )  # and the same seed, the same


@pytest.mark.parametrize("persona_id", SHIPPED)
def test_the_novice_types_like_a_novice(persona_id: str) -> None:
    turns = coach_turns(persona_id, "skilled-novice", 0)
    assert all(turn == turn.lower() for turn in turns)
    assert any(re.search(r"\bu\b|\bur\b", turn) for turn in turns)


ADVICE = re.compile(
    r"\b(?:you should|you need to|have you (?:tried|thought about)|why don'?t you|maybe try|my advice|"
    r"what i'?d do|one thing that helps)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("persona_id", SHIPPED)
@pytest.mark.parametrize("style", ["skilled", *STYLE_IDS])
def test_skilled_coaches_never_advise(persona_id: str, style: str) -> None:
    for seed in SEEDS:
        assert not [t for t in coach_turns(persona_id, style, seed) if ADVICE.search(t)]


@pytest.mark.parametrize("persona_id", SHIPPED)
@pytest.mark.parametrize("style", STYLE_IDS)
def test_a_skilled_style_contracts_first(persona_id: str, style: str) -> None:
    """Confidentiality (and roles with a conflict of interest), goal, success, importance, way of working: five
    turns, four of them questions."""
    turns = coach_turns(persona_id, style, 0)[:5]
    assert re.search(r"confiden|between us|between the two of us|stays in this room", turns[0], re.IGNORECASE)
    if PERSONAS[persona_id].setting.conflict_of_interest:
        assert re.search(r"manager|boss|review|appraisal", turns[0], re.IGNORECASE)
    assert all("?" in turn or style == "skilled-novice" for turn in turns[1:])


# --- what each coach stands for, in a conversation by hand -------------------------------------------------


@pytest.mark.parametrize("style", STYLE_IDS)
@pytest.mark.parametrize("seed", SEEDS)
def test_a_style_asks_permission_about_what_the_client_touched_on(style: str, seed: int) -> None:
    turn = talk(coach(style), contracted(HINT, "OK."), seed)[7]
    assert "dad" in turn and "not been great" in turn and "?" in turn, turn
    assert "eighty-one" not in turn  # not the sentence that leans on the one before


@pytest.mark.parametrize("style", STYLE_IDS)
def test_a_style_varies_its_permission_requests(style: str) -> None:
    asks = {talk(coach(style), contracted(HINT, "OK."), seed)[7] for seed in range(8)}
    assert len(asks) >= 3


NO = "I'd rather not go there today, if that's alright."


@pytest.mark.parametrize("style", STYLE_IDS)
def test_a_style_respects_a_no_and_waits_before_asking_again(style: str) -> None:
    turns = talk(coach(style), contracted(HINT, NO, *["Fine."] * 6))
    assert "dad" in turns[7] and "?" in turns[7]
    accepted, *waiting = turns[8:12]
    assert "?" not in accepted and "dad" not in accepted
    assert not [t for t in waiting if "dad" in t]  # it listens for a while...
    assert any("dad" in t and "?" in t for t in turns[12:])  # ...and asks again only later


@pytest.mark.parametrize("style", STYLE_IDS)
def test_a_style_reflects_with_the_feeling_not_the_bare_sentence(style: str) -> None:
    said = "I've been fixing the team's forecasts myself, late at night."
    turn = talk(coach(style), ["OK.", "Delegation.", "A plan.", "It matters.", said, "Yes."])[5]
    assert "fixing the team" in turn
    assert any(feeling in turn for feeling in feelings(said)), turn
    assert turn.rstrip(".") != "So you've been fixing the team's forecasts yourself, late at night"


def test_the_pusher_asks_properly_then_presses_on_a_no() -> None:
    turns = talk(coach("pusher"), contracted(HINT, NO, "Not today.", "Fine."))
    assert "dad" in turns[7] and "?" in turns[7]
    assert all(any(t.startswith(p.split("{")[0]) for p in PRESSES) for t in turns[8:10]), turns[8:10]


def test_the_parrot_says_the_last_sentence_back_and_uses_one_formula() -> None:
    replies = [
        "OK.",
        "Delegation.",
        "A plan.",
        "Whatever works.",
        "I hand it over and then I take it back.",
        HINT,
    ]
    turns = talk(coach("parrot"), [*replies, "Fine."])
    assert turns[:4] == PARROT_CONTRACT
    assert turns[5] in (
        "So you hand it over and then you take it back.",
        "So I hand it over and then I take it back.",
    )
    assert turns[6] == PARROT_ASK


def test_the_friendly_advisor_keeps_suggesting() -> None:
    turns = talk(coach("friendly-advisor"), contracted(*["That's a lot."] * 6))
    suggestions = [t for t in turns[5:] if any(s in t for s in SUGGESTIONS)]
    assert len(suggestions) >= 5


def test_the_gossip_passes_on_what_others_said() -> None:
    turns = talk(coach("gossip"), contracted(*["Right."] * 6))
    assert (
        sum(bool(re.search(r"\b(?:told me|said|saying|mentioned|heard|apparently)\b", t)) for t in turns[5:])
        >= 3
    )


def test_the_steerer_contracts_on_the_clients_topic_then_steers() -> None:
    turns = talk(coach("steerer"), contracted(*["Right."] * 6))
    assert "?" in turns[1]  # the client's goal, asked for
    assert sum(t in STEERS for t in turns[5:]) >= 3


@pytest.mark.parametrize("seed", SEEDS)
def test_every_coach_sees_only_what_a_learner_sees(sam: Persona, seed: int) -> None:
    hidden = sam.model_copy(update={"disclosures": sam.disclosures[::-1], "sensitive_topics": []})
    said = [
        Utterance(speaker="coach", text="Hello."),
        Utterance(speaker="client", text="I'm tired, honestly."),
    ]
    for simulated in COACHES:
        view: CoachView = public_view(sam, said)
        assert simulated.next_turn(view, seed) == simulated.next_turn(public_view(hidden, said), seed)


# --- the report --------------------------------------------------------------------------------------------


def test_every_run_is_graded_and_the_deepest_rate_is_reported() -> None:
    persona = PERSONAS[SHIPPED[0]]
    checked = check_persona(persona, LearnedTagger(), ScriptedVoice(), seed=0, rubric=rubric(), rate_seeds=2)
    assert [c.coach for c in checked.coaches] == [c.id for c in COACHES]
    assert [c.coach for c in checked.coaches][:4] == LEGACY_IDS
    assert all(c.grade is not None and c.grade.rubric == "icf-trust-agreements" for c in checked.coaches)
    rate = checked.skilled_deepest
    assert rate is not None and rate.seeds == [0, 1]
    assert [c.coach for c in rate.by_coach] == [c.id for c in SKILLED_COACHES]
    assert rate.runs == 2 * len(SKILLED_COACHES) and rate.reached == sum(c.reached for c in rate.by_coach)
    assert rate.rate == round(rate.reached / rate.runs, 3)
    for c in checked.coaches:
        assert c.gated_disclosures == [d for d in c.disclosures if persona.disclosure(d).requires_permission]


def test_without_a_rubric_nothing_is_graded() -> None:
    checked = check_persona(PERSONAS[SHIPPED[0]], LearnedTagger(), ScriptedVoice(), seed=0, rate_seeds=0)
    assert checked.skilled_deepest is None and checked.rubric is None
    assert all(c.grade is None for c in checked.coaches)
    assert not [e for c in checked.coaches for e in c.expectations if "grade" in e.name]


# --- acceptance: every shipped persona, seeds 0-4 ----------------------------------------------------------

# Runs where an expectation does not hold yet, with why (the issue-10 note and bench/gates.py report them).
# Strict: a listed run that starts passing fails the test, so this list can only shrink honestly.
# Issue 11 closed three: Priya with the novice at seeds 0 and 3 opens a gated disclosure, and Dewi with the
# concise style at seed 0 passes (a return to a topic declined long before is a probe, not pushing past a no).
# The parrot with Dewi at seed 4 now fails the grade: the client's own words said back are a nudge to go on, not a
# reflection that makes them feel heard.
# (test, persona, seed, coach) -> why it is a known gap (strict xfail). Empty: Dewi's pusher at seed 3 was one until
# the simulated coaches heard "Sorry. That one is still too close." as the no it is.
KNOWN_GAPS: dict[tuple[str, str, int, str], str] = {}


def cases(test: str, coaches: list[str]) -> list[object]:
    params: list[object] = []
    for persona_id in SHIPPED:
        for seed in SEEDS:
            for coach_id in coaches:
                why = KNOWN_GAPS.get((test, persona_id, seed, coach_id))
                marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
                params.append(pytest.param(persona_id, seed, coach_id, marks=marks))
    return params


@pytest.mark.parametrize(("persona_id", "seed", "style"), cases("passes", STYLE_IDS))
def test_a_skilled_style_passes_the_grade(persona_id: str, seed: int, style: str) -> None:
    graded = result(persona_id, seed, style).grade
    assert graded is not None and graded.passed, graded


@pytest.mark.parametrize(("persona_id", "seed", "style"), cases("opens", STYLE_IDS))
def test_a_skilled_style_opens_a_permission_gated_disclosure(persona_id: str, seed: int, style: str) -> None:
    assert result(persona_id, seed, style).gated_disclosures


@pytest.mark.parametrize(("persona_id", "seed", "coach_id"), cases("parrot", ["parrot"]))
def test_the_parrot_never_reaches_level_4(persona_id: str, seed: int, coach_id: str) -> None:
    assert result(persona_id, seed, coach_id).max_level < 4


@pytest.mark.parametrize(("persona_id", "seed", "gamer"), cases("fails", GAMING_IDS))
def test_a_gaming_coach_fails_the_grade(persona_id: str, seed: int, gamer: str) -> None:
    checked = result(persona_id, seed, gamer)
    if gamer == "pusher" and not said_no(checked):
        pytest.skip("the client agreed every time: nothing to push past in this run")
    assert checked.grade is not None and not checked.grade.passed, checked.grade


def said_no(checked: CoachResult) -> bool:
    return any(t.act in ("decline_permission", "deflect") for t in checked.transcript)


# Personas whose hints come only once they are ready to open the topic, so every request is granted.
GRANTS_EVERY_REQUEST = {
    "marcus-engineer": "Marcus (gentle) grants every request the pusher makes",
    "nadia-picture-book": "Nadia hints only when she is ready to talk, so she grants every request",
    "joel-hardware-stores": "Joel hints only when he is ready to talk, so he grants every request",
    "siobhan-surgical-registrar": "Siobhan hints only when she is ready to talk, so she grants every request",
}


@pytest.mark.parametrize(
    "persona_id",
    [
        pytest.param(
            p,
            marks=[pytest.mark.xfail(strict=True, reason=GRANTS_EVERY_REQUEST[p])]
            if p in GRANTS_EVERY_REQUEST
            else [],
        )
        for p in SHIPPED
    ],
)
def test_the_pusher_meets_a_no_with_every_persona(persona_id: str) -> None:
    """So that the pusher's grade is a test of pushing somewhere on every persona."""
    assert any(said_no(result(persona_id, seed, "pusher")) for seed in SEEDS)


@pytest.mark.parametrize(("persona_id", "seed", "legacy"), cases("legacy", LEGACY_IDS))
def test_the_original_coaches_expectations_hold(persona_id: str, seed: int, legacy: str) -> None:
    checked = result(persona_id, seed, legacy)
    assert all(e.passed for e in checked.expectations), [e for e in checked.expectations if not e.passed]


@pytest.mark.parametrize("persona_id", SHIPPED)
def test_the_simulated_coaches_hear_every_authored_no_and_yes(persona_id: str) -> None:
    """A pusher that does not hear "Sorry. That one is still too close." as a no never pushes, and its run is
    no test of pushing; a respectful coach that hears a yes as a no never goes in."""
    lines = PERSONAS[persona_id].lines
    declines = [line for by_level in lines[ActKind.DECLINE_PERMISSION].values() for line in by_level]
    grants = [line for by_level in lines[ActKind.GRANT_PERMISSION].values() for line in by_level]
    assert [line for line in declines if answer(line) != "no"] == []
    assert [line for line in grants if answer(line) == "no"] == []
