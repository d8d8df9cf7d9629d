"""Asking before going in, right after the client's hint, through the real offline stack (app/check/asking.py).

tests/data/asks_dev.jsonl (coaches in the UK and Ireland, the US Midwest and Nigeria, trainees and seasoned,
some typing on phones) and tests/data/asks_dev2.jsonl (another author: the US South, the Caribbean, Scotland,
New Zealand, second-language coaches; offers that leave the choice, not only questions) and
tests/data/asks_dev3.jsonl (a fourth author: workplace mentors from Wales to Manila; choices stated, not asked) hold, for every hint of
every shipped persona, five ways of asking leave to go into it and two ways of going straight in. The
development sets (the reader's `permission` is fitted on their rows too): what is still wrong is listed here by
id, so a new miss fails. tests/data/asks_blind.jsonl, by
a third author, is never read while tuning: bench/asking.py reports it, and a floor here keeps what it shows
from slipping back.
"""

import json
from functools import cache
from pathlib import Path

import pytest

from app.check.asking import AfterHint, AfterHintOutcome, try_after_hints, try_rows
from app.config import PROJECT_ROOT
from app.domain.codebook import Move
from app.domain.persona import Persona
from app.domain.transcript import Utterance
from app.files.loader import load_file
from app.session import Rehearsal
from app.tag.leave import asks_how_things_are, invites_into_the_hint, offers_the_choice
from app.tag.reader import LearnedTagger
from app.voice.scripted import ScriptedVoice

DATA = Path(__file__).parents[1] / "data"

# Asks of the dev set not heard as one (neither is charged as probing: a yes/no question that takes up the
# hint is not charged, in case it asks leave in words the reader did not hear).
KNOWN_ASK_MISSES = {
    "asks_dev.jsonl": {
        "pd-053",  # "…curious about the family side of it, if you're up for that. Are you? If not, no problem."
    },
    # The reader's `permission` is fitted on the three dev sets' rows too (corpus/moves/splits.yaml, `one_move`):
    # what they still miss shows here, but that they are heard says little; the blind set's floor is the measure.
    "asks_dev2.jsonl": set(),
    "asks_dev3.jsonl": set(),
}
DEV_SETS = tuple(KNOWN_ASK_MISSES)


@cache
def personas() -> dict[str, Persona]:
    loaded = (load_file(path, Persona) for path in sorted((PROJECT_ROOT / "personas").glob("*.yaml")))
    return {p.id: p for p in loaded}


def persona(persona_id: str) -> Persona:
    return personas()[persona_id]


@cache
def scripts() -> dict[str, list[str]]:
    """Each shipped persona's skilled coach, whose run reaches the hints."""
    return {p: json.loads((DATA / "scripts" / p / "skilled.json").read_text()) for p in personas()}


def try_one(row: AfterHint) -> tuple[AfterHintOutcome, Rehearsal]:
    run = Rehearsal(persona(row.persona), LearnedTagger(), ScriptedVoice(), seed=7)
    return try_after_hints(run, scripts()[row.persona], [row])[0], run


@cache
def tried(name: str) -> tuple[tuple[AfterHint, AfterHintOutcome], ...]:
    rows = [AfterHint(**json.loads(line)) for line in (DATA / name).read_text().splitlines() if line.strip()]
    return tuple(try_rows(rows, personas(), scripts(), LearnedTagger(), ScriptedVoice()))


def test_the_sets_cover_every_hint_of_every_persona() -> None:
    for name in (*DEV_SETS, "asks_blind.jsonl"):
        rows = [row for row, _ in tried(name)]
        hints = {(r.persona, r.topic, r.hint) for r in rows}
        for persona_id in {r.persona for r in rows}:
            for topic in persona(persona_id).sensitive_topics:
                for hint in topic.hint_items():
                    assert (persona_id, topic.id, hint.text) in hints, (name, persona_id, hint.text)
        assert sum(r.label == "ask" for r in rows) >= 150 and sum(r.label == "probe" for r in rows) >= 60


@pytest.mark.parametrize("name", DEV_SETS)
def test_no_ask_of_a_dev_set_is_charged_as_probing_and_all_but_the_known_are_heard(name: str) -> None:
    asks = [(row, outcome) for row, outcome in tried(name) if row.label == "ask"]
    assert [row.text for row, outcome in asks if outcome.charged] == []
    missed = {row.id for row, outcome in asks if not outcome.asked}
    assert missed == KNOWN_ASK_MISSES[name]


@pytest.mark.parametrize(
    ("name", "charged"), [("asks_dev.jsonl", 44), ("asks_dev2.jsonl", 41), ("asks_dev3.jsonl", 40)]
)
def test_no_probe_of_a_dev_set_is_heard_as_an_ask_and_most_are_charged(name: str, charged: int) -> None:
    probes = [outcome for row, outcome in tried(name) if row.label == "probe"]
    assert [o.id for o in probes if o.asked] == []
    # of 66 each; 26 of the first set before the hint's own words counted (bench/asking.py)
    assert sum(o.charged for o in probes) >= charged


# The blind set on 2026-12-07 (bench/asking.py): with the twelve-author reader of stop 36, 158 of 165 asks heard and
# not charged, 1 charged as probing, 42 of 66 probes charged and not heard as asks (before it: 149, 5 and 41; before
# any of this: 138, 6 and 22); tried at each topic's open level, 150 of the asks open the topic (156 before
# app/tag/free_ask.py: six go on to ask the question itself before the answer).
BLIND_ASKS_HEARD, BLIND_ASKS_CHARGED, BLIND_PROBES_CHARGED, BLIND_ASKS_GRANTED = 158, 1, 42, 150


def test_the_blind_set_holds_what_it_showed() -> None:
    """Floors at its figures (docs/security.md): a fall fails here; the text is not printed."""
    pairs = tried("asks_blind.jsonl")
    asks = [o for row, o in pairs if row.label == "ask"]
    probes = [o for row, o in pairs if row.label == "probe"]
    assert sum(o.right for o in asks) >= BLIND_ASKS_HEARD
    assert sum(o.charged for o in asks) <= BLIND_ASKS_CHARGED
    assert sum(o.right for o in probes) >= BLIND_PROBES_CHARGED
    rows = [
        AfterHint(**json.loads(line)) for line in (DATA / "asks_blind.jsonl").read_text().splitlines() if line
    ]
    at_open = try_rows(rows, personas(), scripts(), LearnedTagger(), ScriptedVoice(), at_open_level=True)
    assert sum(o.opened for row, o in at_open if row.label == "ask") >= BLIND_ASKS_GRANTED


# Attacks dressed as asking leave (tests/data/attack_asks_dev.jsonl, a development set: app/tag/free_ask.py was
# written from it) and honest asks at their edge (attack_asks_edges.jsonl), tried where a real ask is granted. On
# arrival (2026-12-07) 99 of 180 attacks held and 79 opened the topic or released a disclosure; now 132 and 25.
ATTACK_ASKS_HELD, ATTACK_ASKS_OPENING = 132, 25
# The honest asks the out-of-frame model takes for an attack ("…I'll ask it once and you can tell me where to go: is
# your da's view something you want to talk about here?"), so they open nothing.
EDGE_ASKS_OUT_OF_FRAME = {"ae-088"}


def test_attacks_dressed_as_asks_hold_and_honest_asks_at_their_edge_open_the_topic() -> None:
    def at_open_level(name: str) -> list[tuple[AfterHint, AfterHintOutcome]]:
        rows = [AfterHint(**json.loads(line)) for line in (DATA / name).read_text().splitlines() if line]
        return try_rows(rows, personas(), scripts(), LearnedTagger(), ScriptedVoice(), at_open_level=True)

    attacks = [outcome for _, outcome in at_open_level("attack_asks_dev.jsonl")]
    assert len(attacks) == 180
    assert sum(o.right for o in attacks) >= ATTACK_ASKS_HELD
    assert sum(o.opened for o in attacks) <= ATTACK_ASKS_OPENING
    honest = [outcome for _, outcome in at_open_level("attack_asks_edges.jsonl")]
    assert len(honest) == 90 and {o.id for o in honest if o.charged} == EDGE_ASKS_OUT_OF_FRAME
    assert {o.id for o in honest if not o.opened} == EDGE_ASKS_OUT_OF_FRAME


def _after_hint(persona_id: str, topic_id: str, coach: str, hint: int = 0) -> AfterHintOutcome:
    topic = persona(persona_id).topic(topic_id)
    row = AfterHint(
        id="t",
        persona=persona_id,
        topic=topic_id,
        hint=topic.hint_items()[hint].text,
        text=coach,
        label="ask",
    )
    return try_one(row)[0]


@pytest.mark.parametrize(
    "coach",
    [
        "What happened before the quarterly?",  # the hint's own words, not the topic's name
        "Tell me about the last quarterly.",
    ],
)
def test_an_open_question_that_takes_up_the_hint_goes_in(coach: str) -> None:
    # Priya's third health hint: "Before the last quarterly I nearly didn't make it into the building. Bad
    # morning. Let's not get into it."
    outcome = _after_hint("priya-team-lead", "health", coach, hint=2)
    assert outcome.probed and not outcome.asked


@pytest.mark.parametrize(
    "coach",
    [
        "How should we run this? What helps you most?",  # everyday words the hint happened to use
        "What would you like to focus on next?",
    ],
)
def test_a_question_about_something_else_does_not_go_in(coach: str) -> None:
    outcome = _after_hint("priya-team-lead", "health", coach, hint=2)
    assert not outcome.probed


def test_a_yes_no_question_that_takes_up_the_hint_is_not_charged() -> None:
    """It may be an ask in words the reader does not know; going in by a yes/no guess is still not an ask."""
    # "Before the last quarterly I nearly didn't make it into the building. Bad morning. Let's not get into it."
    outcome = _after_hint("priya-team-lead", "health", "Was the quarterly a tough one?", hint=2)
    assert not outcome.probed and not outcome.asked


@pytest.mark.parametrize(
    "text",
    [
        "Is money tight at home then?",
        "Are you worried about money at the moment?",
        "Did something go wrong with a patient?",
        "Is it an offer for the stores?",
        # a guess with its short follow-ups is still a guess
        "Did something happen to your dad recently? Like a fall?",
        "Is it worse than the load case? Better? About the same?",
    ],
)
def test_a_yes_no_question_about_the_facts_is_not_a_permission_request(text: str) -> None:
    assert asks_how_things_are(text)
    assert Move.PERMISSION not in LearnedTagger().tag(text, "Things at home are a bit tight. Anyway.")


@pytest.mark.parametrize(
    "text",
    [
        "Is that something you'd want to look at?",
        "Do you want to say more about it, or better not?",
        "Is this story for today, or for another day? You decide.",
        "Okay to put it on the table?",
        # a guess followed by an ask is an ask
        "Is it your dad? Want to talk about it?",
        "Is that something for today? Or not?",
    ],
)
def test_a_yes_no_question_that_asks_leave_is_not_taken_for_a_fact(text: str) -> None:
    assert not asks_how_things_are(text)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("that sounds hard. want to get into it or park it", "Sunday nights are bad. Anyway."),  # no "?"
        ("up for talking about the second shift or would u rather not", "A second shift. Never mind."),
        # a pull-back the reader's own cues do not list
        ("Do you want to go into that?", "My dad's not been great. He's eighty-one. Back to delegation."),
    ],
)
def test_asks_typed_loosely_are_heard_after_a_hint(text: str, context: str) -> None:
    assert invites_into_the_hint(text, context)
    assert Move.PERMISSION in LearnedTagger().tag(text, context)


def test_the_hint_is_the_clients_last_line_where_each_turn_is_tried() -> None:
    row = AfterHint(id="t", persona="dewi-teacher", topic="home", hint="A hint.", text="Go on.", label="ask")
    _, run = try_one(row)
    assert run.transcript[-1] == Utterance(speaker="client", text="A hint.")
    assert run.state.pending_topic == "home" and run.state.hinted_at["home"] == run.state.turn


HINT = "Since the pandemic things at home are a bit tight. Like everyone, ya. Anyway."


@pytest.mark.parametrize(
    "text",
    [
        "We can look at it, or not at all. Your call.",
        "If you ever want to bring home into this, I'm up for it, now or later.",
        "Happy to hear it if you'd like to tell it, or we can stick with the lessons.",
        "How would it be to stay with that for a minute, or would you rather go back to 8C?",
        "Hmm. Go there?",
        "What would you think about us going there for a few minutes?",
        "How about we spend a few minutes on that, if you're open to it?",
        "sorry to ask but is home ok to talk about",  # no "?"
        # a choice stated, or asked as which the client would rather
        "I can leave home alone, or we can look at it a little. Both are okay with me.",
        "We go there, or we stay with 8C? You pick.",
        "What feels right, talking about home or getting back to the lessons?",
        "Before we go back to 8C, would you like to tell me a bit about home?",
    ],
)
def test_an_offer_that_leaves_the_choice_asks_leave_after_a_hint(text: str) -> None:
    assert Move.PERMISSION in LearnedTagger().tag(text, HINT)


def test_a_choice_between_going_in_and_leaving_it_is_not_advice() -> None:
    moves = LearnedTagger().tag("Leave it, or give it five minutes? Both fine.", HINT)
    assert Move.PERMISSION in moves and Move.ADVICE not in moves


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # after a no, the same words leave the door open: `autonomy`, not a request
        ("Of course. If you ever want to come back to it, the door's open.", "Not today, if that's okay."),
        # a question into the thing itself, however politely
        ("What happened at home, if you want to say?", HINT),
        # not after a hint: nothing was touched on to go into
        (
            "We can look at your goals for the term, or not. Your call.",
            "Good morning! Thank you for your time.",
        ),
    ],
)
def test_open_doors_and_questions_into_the_thing_are_not_offers(text: str, context: str) -> None:
    assert not offers_the_choice(text, context)
