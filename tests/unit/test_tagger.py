"""Offline move tagger: focused behaviour per tricky category, determinism, the F1 regression guard, and the
text helpers it is built on."""

from pathlib import Path

import pytest

from app.config import PROJECT_ROOT
from app.domain.codebook import Move, sort_moves
from app.domain.persona import Persona
from app.files.loader import load_file
from app.tag.evaluate import LabelledTurn, load_blind_sets, load_labelled_sets, score
from app.tag.offline import OfflineTagger, tag_moves
from app.tag.reader import LearnedTagger
from app.tag.signals import analyse, is_parrot
from app.tag.text import (
    clean,
    content_words,
    count_questions,
    is_question,
    normalise,
    split_sentences,
    stem,
    words,
)

DATA_DIR = Path(__file__).parents[1] / "data"
M = Move


def tags(text: str, context: str | None = None) -> set[Move]:
    return set(tag_moves(text, context))


# Each case: (learner turn, client's previous message, expected moves exactly).
CASES: dict[str, list[tuple[str, str | None, set[Move]]]] = {
    "advice dressed as a question": [
        ("Have you tried setting an out-of-office on Fridays?", None, {M.ADVICE}),
        ("Why don't you just tell them you're at capacity?", None, {M.ADVICE}),
        ("Wouldn't it be easier to let someone else chair it?", None, {M.ADVICE}),
        ("What if you just skipped the Monday call?", None, {M.ADVICE}),
        ("Maybe you could ask for a mentor.", None, {M.ADVICE}),
        ("I'd suggest sleeping on it.", None, {M.ADVICE}),
        ("Why don't you put a fixed agenda on the stand-up?", None, {M.ADVICE}),
        ("You need to tell her before Friday.", None, {M.ADVICE}),
        ("The best thing is to say it in person.", None, {M.ADVICE}),
    ],
    "permission versus closed question": [
        ("Would it be OK if we looked at your relationship with your sister?", None, {M.PERMISSION}),
        ("Can I share an observation?", None, {M.PERMISSION}),
        ("Is it alright to ask about your family?", None, {M.PERMISSION}),
        ("Do you mind if I push back a little?", None, {M.PERMISSION}),
        ("Did you tell her?", None, {M.CLOSED_QUESTION}),
        ("Have you spoken to your manager since?", None, {M.CLOSED_QUESTION}),
    ],
    "reflection with and without a frame": [
        ("You're exhausted and nobody's noticed.", "I'm shattered and no one even asks.", {M.REFLECTION}),
        (
            "So part of you wants to stay and part of you is already gone.",
            "I love it here but I keep looking at other jobs.",
            {M.REFLECTION},
        ),
        ("It sounds like the meetings are draining you.", None, {M.REFLECTION}),
        ("It sounds like Dan's comment left you exposed.", None, {M.REFLECTION}),
        ("So Dan, the deadlines and the doubt are all tangled up.", None, {M.REFLECTION}),
        ("so you feel stuck.", "I just feel stuck.", {M.REFLECTION}),
        ("So I feel stuck too, honestly.", "I just feel stuck.", set()),
        (
            "Three rejections in a month, and each one stung more.",
            "That's the third rejection this month and each one stung more than the last.",
            {M.REFLECTION},
        ),
    ],
    "multi-sentence turns": [
        (
            "You sound worn out. What would help most today?",
            "Sorry, I'm a bit all over the place.",
            {M.REFLECTION, M.OPEN_QUESTION, M.GOAL},
        ),
        (
            "Thanks for telling me. Take your time. Where would you like to start?",
            None,
            {M.EMPATHY, M.SPACE, M.GOAL, M.OPEN_QUESTION},
        ),
        (
            "When I ran a team I just fired people like that. Did you even warn him?",
            None,
            {M.SELF_FOCUS, M.JUDGMENT, M.CLOSED_QUESTION},
        ),
    ],
    "fillers, typos and missing punctuation": [
        ("mm-hmm", "And then it just kept happening.", set()),
        ("um so like wat do u want from today", None, {M.GOAL, M.OPEN_QUESTION}),
        ("thats really hard im sorry", None, {M.EMPATHY}),
        ("dont worry its not that bad", None, {M.DISMISS}),
        ("ya know, what happened after that", None, {M.OPEN_QUESTION}),
        ("i think u should just quit tbh", None, {M.ADVICE}),
    ],
    "negation": [
        ("I'm not going to tell you what to do.", None, {M.AUTONOMY}),
        ("I won't share this with anyone.", None, {M.CONFIDENTIALITY}),
        ("I'm not judging you.", None, {M.EMPATHY}),
        ("I don't think you're overreacting at all.", None, set()),
        ("That wasn't a mistake.", None, set()),
    ],
    "eroding moves": [
        ("I'll have to mention this to HR.", None, {M.BREACH}),
        ("Your boss told me she's thinking of moving you.", None, {M.BREACH}),
        ("Between you and me, the whole team is being cut.", None, {M.BREACH}),
        ("The other leads have been saying the same about you.", None, {M.BREACH}),
        ("Come on, just say it.", None, {M.PRESSURE}),
        ("We don't have all day.", None, {M.PRESSURE}),
        ("You have to answer this.", None, {M.PRESSURE}),
        ("When I was a manager we never had this problem.", None, {M.SELF_FOCUS}),
        ("In my experience it always settles down.", None, {M.SELF_FOCUS}),
        ("I'm a certified coach with twelve years behind me.", None, {M.SELF_FOCUS}),
        ("It's not that bad.", None, {M.DISMISS}),
        ("Everyone feels that at some point.", None, {M.DISMISS}),
        ("You'll get over it.", None, {M.DISMISS}),
        ("Honestly that was a mistake.", None, {M.JUDGMENT}),
        ("That's lazy.", None, {M.JUDGMENT}),
        ("You're overreacting.", None, {M.JUDGMENT}),
        ("Honestly that's not very professional.", None, {M.JUDGMENT}),
    ],
    "open versus closed questions": [
        ("What's going on for you right now?", None, {M.OPEN_QUESTION}),
        ("Tell me more about that.", None, {M.OPEN_QUESTION}),
        ("Describe the moment it went wrong.", None, {M.OPEN_QUESTION}),
        ("In what way did it change things?", None, {M.OPEN_QUESTION}),
        ("Why do you think that is?", None, {M.OPEN_QUESTION}),
        ("Is she still your manager?", None, {M.CLOSED_QUESTION}),
        ("How long have you been there?", None, {M.CLOSED_QUESTION}),
    ],
    "contracting": [
        ("So today we're focusing on the handover, right?", None, {M.GOAL, M.INVITE}),
        ("What would make this session worth your time?", None, {M.GOAL, M.OPEN_QUESTION}),
        ("How will you know we've got somewhere?", None, {M.SUCCESS_MEASURE, M.OPEN_QUESTION}),
        ("Why does this matter to you now?", None, {M.IMPORTANCE, M.OPEN_QUESTION}),
        ("How would you like to work today?", None, {M.WORKING_STYLE, M.OPEN_QUESTION}),
        ("What do you need from me?", None, {M.WORKING_STYLE, M.OPEN_QUESTION}),
        ("Should I push back or mostly listen?", None, {M.WORKING_STYLE, M.CLOSED_QUESTION}),
        ("What you say here stays between us.", None, {M.CONFIDENTIALITY}),
        ("I'm your manager, but in this session I'm wearing my coach hat.", None, {M.CONFIDENTIALITY}),
    ],
    "listening moves": [
        ("You've clearly put a lot of work into this.", None, {M.ACKNOWLEDGE}),
        ("That sounds scary, and you still showed up and led the review.", None, {M.ACKNOWLEDGE, M.EMPATHY}),
        ("That sounds really painful.", None, {M.EMPATHY}),
        ("How does that land for you?", None, {M.INVITE, M.OPEN_QUESTION}),
        ("Tell me if I've got that wrong.", None, {M.INVITE}),
        ("Take your time, there's no rush.", None, {M.SPACE}),
        ("It's entirely your call.", None, {M.AUTONOMY}),
    ],
    # Misses colleagues saw in scripted sessions (fresh phrasing the labelled sets did not cover).
    "observed in sessions": [
        (
            "So with thirty-six children straight after sports, the group projects fall apart and the back row "
            "drifts off.",
            None,
            {M.REFLECTION},
        ),
        (
            "So every evening you tutor until nine or ten, and then the marking and the modules come after that.",
            None,
            {M.REFLECTION},
        ),
        ("Every time she goes quiet you end up filling the gap.", None, {M.REFLECTION}),
        ("That sounds humiliating, having your class on the screen in front of everyone.", None, {M.EMPATHY}),
        ("how will u keep urself to that", None, {M.OPEN_QUESTION}),
        ("Honestly, you sound a bit entitled.", None, {M.JUDGMENT}),
        ("Come on, it's obviously connected.", None, {M.PRESSURE}),
        ("does that capture it?", None, {M.INVITE}),
        ("have I put my own spin on it?", None, {M.INVITE}),
        ("Is that how you'd describe it?", None, {M.INVITE}),
        ("I get that, but have u tried talking to her first?", None, {M.ADVICE}),
        ("ok so u want 2 leave", "I want to leave.", {M.REFLECTION}),
        ("Did you have a good break?", None, set()),
        ("Can I ask what you've tried so far?", None, {M.OPEN_QUESTION}),
    ],
    "small talk and logistics": [
        ("Hi! How was your weekend?", None, set()),
        ("Can you hear me okay?", None, set()),
        ("We've got about fifteen minutes left.", None, set()),
        ("See you next week!", None, set()),
    ],
}


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [pytest.param(*case, id=f"{group}: {case[0][:40]}") for group, cases in CASES.items() for case in cases],
)
def test_tags_tricky_turns(text: str, context: str | None, expected: set[Move]) -> None:
    assert tags(text, context) == expected


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("That's a real tension to hold.", M.DISMISS),
        ("how will u keep urself to that", M.SUCCESS_MEASURE),
        ("I keep a few notes for myself.", M.SELF_FOCUS),
        ("Honestly, you sound a bit entitled.", M.REFLECTION),
        ("Say you did set that boundary, what would change?", M.REFLECTION),
    ],
)
def test_observed_false_positives_are_gone(text: str, wrong: Move) -> None:
    assert wrong not in tags(text)


def test_context_decides_an_echo_is_a_reflection() -> None:
    statement = "Nobody's backing you up in those meetings."
    assert M.REFLECTION in tags(statement, "I sit there and not one person backs me up.")
    assert tags("Two years of covering for her.", "I covered for her for two years.") == {M.REFLECTION}
    assert tags("Two years of covering for her.", None) == set()


def test_output_is_sorted_in_codebook_order_and_deterministic() -> None:
    text = "I'm sorry. You've carried this alone. What do you need from me? Take your time."
    first = tag_moves(text)
    assert first == sort_moves(first)
    assert all(isinstance(move, Move) for move in first)
    assert all(tag_moves(text) == first for _ in range(5))
    assert OfflineTagger().tag(text) == first


def test_empty_and_whitespace_turns_carry_nothing() -> None:
    assert tag_moves("") == []
    assert tag_moves("   \n ") == []


def test_macro_f1_on_the_labelled_sets_stays_above_the_bar() -> None:
    sets = load_labelled_sets(DATA_DIR)
    assert len(sets["all"]) >= 180
    assert score(sets["all"]).macro_f1 >= 0.90


def test_macro_f1_on_the_blind_sets_stays_above_the_bar() -> None:
    """``blind`` was written before the last rule changes and then used to find general gaps (0.87 before,
    0.988 after); ``blind2`` was written after them and never tuned on (0.902 when first scored)."""
    blind = load_blind_sets(DATA_DIR)
    assert len(blind["blind"]) >= 120 and len(blind["blind2"]) >= 80
    assert score(blind["blind"]).macro_f1 >= 0.95
    assert score(blind["blind2"]).macro_f1 >= 0.90
    for turns in blind.values():
        for move in Move:
            assert sum(move in turn.moves for turn in turns) >= 5, move


def test_every_move_has_enough_labelled_examples() -> None:
    turns = load_labelled_sets(DATA_DIR)["all"]
    for move in Move:
        assert sum(move in turn.moves for turn in turns) >= 6, move


def test_score_counts_precision_and_recall_per_move() -> None:
    turns = [
        LabelledTurn("a", None, frozenset({M.ADVICE})),
        LabelledTurn("b", None, frozenset({M.ADVICE, M.JUDGMENT})),
        LabelledTurn("c", None, frozenset()),
    ]
    predictions = {"a": [M.ADVICE], "b": [M.JUDGMENT], "c": [M.ADVICE]}
    report = score(turns, lambda text, _context: predictions[text])
    by_move = {s.move: s for s in report.scores}
    assert by_move[M.ADVICE].precision == pytest.approx(0.5)
    assert by_move[M.ADVICE].recall == pytest.approx(0.5)
    assert by_move[M.JUDGMENT].f1 == pytest.approx(1.0)
    assert report.macro_f1 == pytest.approx(0.75)  # moves absent from labels and predictions are skipped
    assert [miss.turn.text for miss in report.misses] == ["b", "c"]
    assert report.misses[0].missing == [M.ADVICE]
    assert report.misses[1].extra == [M.ADVICE]


# Text helpers ---------------------------------------------------------------------------------------------


def test_normalise_lowercases_straightens_quotes_and_collapses_space() -> None:
    assert normalise("  It’s  “FINE”\n really ") == 'it\'s "fine" really'


def test_words_keep_inner_apostrophes() -> None:
    assert words("Don't  stop — it’s fine, OK?") == ["don't", "stop", "it's", "fine", "ok"]


def test_clean_expands_shorthand_and_drops_fillers() -> None:
    assert clean("um wat do u want, like, from today") == "what do you want from today"
    assert clean("im sorry ur going through that") == "i'm sorry you're going through that"
    assert clean("would you like to talk") == "would you like to talk"
    assert clean("mm-hmm") == ""
    assert clean("ok so u want 2 leave") == "ok so you want to leave"
    assert clean("i have 2 kids") == "i have 2 kids"
    assert clean("how will u keep urself 2 that") == "how will you keep yourself to that"


def test_split_sentences() -> None:
    assert split_sentences("Hi. How are you?What happened\nok!") == [
        "Hi.",
        "How are you?",
        "What happened",
        "ok!",
    ]
    assert split_sentences("") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What do you want from today", 1),
        ("Why? What happened?", 2),
        ("What happened, and did you tell her?", 2),
        ("Did you talk to HR, or not yet?", 1),
        ("wat do u want from today", 1),
        ("Take your time.", 0),
        ("When you're ready.", 0),
        ("How awful.", 0),
        ("Um, so how did that feel", 1),
        ("", 0),
    ],
)
def test_count_questions(text: str, expected: int) -> None:
    assert count_questions(text) == expected


def test_is_question_spots_unpunctuated_questions() -> None:
    assert is_question("did you tell her")
    assert is_question("how directive do you want me to be")
    assert not is_question("what i'm hearing is that you're tired")
    assert not is_question("do what feels right")


def test_content_words_match_inflections_and_skip_stopwords() -> None:
    assert content_words("I'm worried about the deadlines") == content_words("worry, deadline")
    assert content_words("and the of you") == set()
    assert stem("stopped") == stem("stop")
    assert stem("making") == stem("make")


def test_the_reading_names_the_topics_the_client_named_first() -> None:
    """A sensitive topic the turn names is "said back" when the client's last few messages named it too: a
    summary of it is then not going into it (the engine's `_probing`)."""
    joel = load_file(PROJECT_ROOT / "personas" / "joel-hardware-stores.yaml", Persona)
    summary = "ok so: kettering bleeding, lease due june, dad still half owner. thats the gist?"
    heard = ["Kettering's been losing money for three years.", "And my dad still owns half of it."]
    read = analyse(summary, "Yeah. That's the whole circus.", joel, LearnedTagger(), heard=heard, turn=8)
    assert "dad" in read.topics and read.said_back_topics == ["dad"]
    unheard = analyse(
        summary, "Yeah. That's the whole circus.", joel, LearnedTagger(), heard=heard[:1], turn=8
    )
    assert "dad" in unheard.topics and unheard.said_back_topics == []


class _ReadsAdvice:
    """A reader that hears advice in every turn, as the model did in summaries listed after a colon."""

    def tag(self, text: str, context: str | None = None) -> list[Move]:
        return [Move.ADVICE]


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        (
            "Summing it up as I understood: resit in ten weeks, the vivas, the revision. I have it correct?",
            False,
        ),
        ("Let me play it back. The lease, the losses, and your dad. Anything wrong there?", False),
        ("So to sum up: the lease, the losses and your dad. You should really sell Kettering.", True),
        ("You should really sell Kettering.", True),
    ],
)
def test_a_summary_is_no_advice_unless_it_says_so_in_advices_words(text: str, advice: bool) -> None:
    joel = load_file(PROJECT_ROOT / "personas" / "joel-hardware-stores.yaml", Persona)
    read = analyse(text, "...and that's basically the whole picture.", joel, _ReadsAdvice(), turn=8)
    assert (Move.ADVICE in read.moves) is advice, read.asked


@pytest.mark.parametrize(
    ("said", "client", "parrot"),
    [
        (
            "So there are other things, but... ya.",
            "It's not only the lessons. There are other things, but... ya.",
            True,
        ),
        ("So lonely.", "Lonely. No joke there, sorry.", True),
        (
            "So when you fill in the form you feel you're lying.",
            "When I fill in the form I feel I'm lying.",
            True,
        ),
        ("What is it?", "It is what it is.", False),  # a question, not words said back
        ("So that is it, then.", "I have no idea what it is.", False),  # words of its own
        ("It sounds lonely.", "Lonely. No joke there, sorry.", False),
    ],
)
def test_a_turn_that_only_says_the_clients_last_words_back_is_a_parrot(
    said: str, client: str, parrot: bool
) -> None:
    """Even when it has no content word to compare ("So there are other things, but... ya.")."""
    assert is_parrot(said, client) is parrot


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("So what would you like to take home from today?", False),
        ("Let's home in on Tuesday's lesson, then.", False),
        ("That one seemed to hit close to home.", False),
        ("Maybe sleep on it and tell me next week what you picked?", False),
        ("How are things at home, with all this?", True),
        ("Do you get much sleep, these weeks?", True),
    ],
)
def test_an_everyday_idiom_names_no_sensitive_topic(text: str, named: bool) -> None:
    """Dewi's "home and money" lists "home" and "sleep": "take home from today" asks nothing about either."""
    dewi = load_file(PROJECT_ROOT / "personas" / "dewi-teacher.yaml", Persona)
    read = analyse(text, "I chose 8C. Is that okay?", dewi, LearnedTagger(), turn=5)
    assert ("home" in read.topics) is named
