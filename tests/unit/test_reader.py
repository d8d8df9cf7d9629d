"""The learned move reader: shipped weights, reproducible training, context-aware reading, clear errors."""

from pathlib import Path

import numpy as np
import pytest

from app.domain.codebook import Move
from app.tag.embedding import shared_embedder
from app.tag.evaluate import LabelledTurn
from app.tag.frame_model import frame_logit, shipped_frame_weights
from app.tag.offline import OfflineTagger
from app.tag.reader import WEIGHTS_PATH, LearnedTagger, ReaderWeights, shipped_weights
from app.tag.training import decisions, design, load_splits, threshold_folds, train_in_own_process


@pytest.fixture(scope="module")
def reader() -> LearnedTagger:
    return LearnedTagger()


def test_the_shipped_weights_are_what_a_fresh_training_gives(tmp_path: Path) -> None:
    """`make train` is reproducible: retraining from the corpus reads the held-out authors exactly as the
    shipped file does (same corpus fingerprint, same decisions on every held-out turn, so the same moves), on
    any machine (the training runs as `make train` runs it, on the pinned BLAS kernel)."""
    splits = load_splits()
    fresh_path = tmp_path / "moves.npz"
    train_in_own_process("app.tag.training", fresh_path)
    fresh, shipped = ReaderWeights.load(fresh_path), shipped_weights()
    assert fresh.corpus == shipped.corpus, "corpus changed: run `make train`"
    held_out: list[LabelledTurn] = [turn for author in splits.test for turn in author.turns]
    assert len(held_out) > 1000
    matrix = design(held_out, OfflineTagger(), shared_embedder())  # read once, scored by both
    differ = np.flatnonzero((decisions(fresh, matrix) != decisions(shipped, matrix)).any(axis=1))
    assert not len(differ), f"{len(differ)} held-out turns read differently: run `make train`"


def test_the_shipped_out_of_frame_model_is_what_a_fresh_training_gives(tmp_path: Path) -> None:
    splits = load_splits()
    fresh_path = tmp_path / "frame.npz"
    train_in_own_process("app.tag.frame_training", fresh_path)
    fresh, shipped = ReaderWeights.load(fresh_path), shipped_frame_weights()
    assert fresh.corpus == shipped.corpus, "corpus or attacks changed: run `make train`"
    matrix = design([turn for author in splits.test for turn in author.turns], None, shared_embedder())
    assert (decisions(fresh, matrix) == decisions(shipped, matrix)).all()
    # the decisions are the shipped reading's: `frame_logit` on a few turns agrees with them
    for turn, decided in zip(splits.test[0].turns[:50], decisions(shipped, matrix)[:50, 0], strict=True):
        assert (frame_logit(shipped, turn.text) >= 0) == decided


def test_the_splits_are_author_disjoint(tmp_path: Path) -> None:
    splits = load_splits()
    assert {a.author for a in splits.train}.isdisjoint({a.author for a in splits.test})
    (tmp_path / "a.jsonl").write_text('{"text": "Hi.", "context": null, "moves": []}\n')
    (tmp_path / "splits.yaml").write_text("train: {a: a.jsonl}\ntest: {a: a.jsonl}\n")
    with pytest.raises(ValueError, match="both train and test"):
        load_splits(tmp_path / "splits.yaml")


def test_one_move_sets_join_only_their_move_and_folds_hold_whole_authors(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "Hi.", "context": null, "moves": []}\n')
    (tmp_path / "asks.jsonl").write_text(
        '{"id": "1", "hint": "My dad. Anyway.", "text": "Want to go there?", "label": "ask"}\n'
        '{"id": "2", "hint": "My dad. Anyway.", "text": "What did your dad do?", "label": "probe"}\n'
    )
    (tmp_path / "splits.yaml").write_text(
        "train: {a: a.jsonl}\ntest: {}\none_move: {permission: [asks.jsonl]}\n"
    )
    splits = load_splits(tmp_path / "splits.yaml")
    [asks] = splits.one_move
    assert asks.move is Move.PERMISSION
    assert [(t.text, t.context, t.moves) for t in asks.turns] == [
        ("Want to go there?", "My dad. Anyway.", frozenset({Move.PERMISSION})),
        ("What did your dad do?", "My dad. Anyway.", frozenset()),
    ]
    before = splits.fingerprint
    (tmp_path / "asks.jsonl").write_text("")
    assert (
        load_splits(tmp_path / "splits.yaml").fingerprint != before
    )  # the asks are part of what it trained on
    assert threshold_folds(12) == [[0, 3, 6, 9], [1, 4, 7, 10], [2, 5, 8, 11]]
    assert threshold_folds(2) == [[0], [1]]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Is that something you'd want to look at?", "It's my dad. Anyway."),
        ("Would you like to talk about that?", "Things at home are hard. Never mind."),
        ("would u be ok talking about ur dad?", "my dad... whatever, it's fine"),
        ("Shall we look at that?", "There's stuff with my health. Anyway, the rota."),
        ("May I ask a bit more about that?", "My sister and I don't speak. Long story."),
    ],
)
def test_permission_in_natural_words_after_a_pull_back(
    reader: LearnedTagger, text: str, context: str
) -> None:
    assert Move.PERMISSION in reader.tag(text, context)


def test_asking_for_the_clients_own_ideas_is_not_advice(reader: LearnedTagger) -> None:
    moves = reader.tag("What's one thing you could try?", "I don't know what to do about her.")
    assert Move.OPEN_QUESTION in moves and Move.ADVICE not in moves


def test_a_permission_request_is_never_also_a_closed_question(reader: LearnedTagger) -> None:
    moves = reader.tag("Would it be OK if we went there?", "It's my marriage. Anyway.")
    assert moves == [Move.PERMISSION]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Good afternoon Marcus. How are you doing today? Everything fine at your end?", None),
        (
            "So it's, um, not really about the money? More about, um, being that Brenner?",
            "If I close it, I'm the Brenner who closed a store.",
        ),
        (
            "Those are three doors. Which one are you going to open first?",
            "I could call the landlord. Or Dad. Or the bank.",
        ),
        ("Um, I'm just wondering... how are you, with all of this? Really?", "It's fine. It's a work thing."),
        # no hesitation before them, no hurrying words: the model's reading is not sure enough alone
        (
            "Which one — Sam or Ola?",
            "I gave the car park deck to one of the juniors and then redid it over two evenings.",
        ),
        ("When did you get the role? Which month?", "Dan heard the same morning as everyone else."),
        ("What's the one thing, and when are you gonna do it?", "Okay. One thing. I can do one thing."),
        # a novice's tentative questions, softened in so many words
        (
            "uh, right… so what might you try, even something tiny? what comes up?",
            "I really don't know what to do about Sam.",
        ),
        ("ok, um… what could you perhaps do? anything at all?", "I really don't know what to do about Sam."),
    ],
)
def test_ordinary_questions_are_not_read_as_pushing(
    reader: LearnedTagger, text: str, context: str | None
) -> None:
    """Pressure taints a turn and sends the client back, so its threshold is chosen for precision (as breach's
    is): natural turns from the answer dev sets that the reader used to read as pushing."""
    assert Move.PRESSURE not in reader.tag(text, context)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Come on, just tell me what it is.", "I'd rather not say."),
        ("We haven't got all day. What's the decision?", "I'm still torn."),
        ("Just tell me what you did, it's fine.", "It was... something at the last school."),
        ("We're not moving on until you tell me what happened.", "I'd rather skip it."),
        ("Maybe just say it? Come on.", "It's... no. Forget it."),
    ],
)
def test_a_push_is_read_after_a_no_or_in_hurrying_words(
    reader: LearnedTagger, text: str, context: str
) -> None:
    assert Move.PRESSURE in reader.tag(text, context)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        (
            "You've been bracing to be found out.",
            "I've spent eight months waiting for someone to notice I'm making it up as I go.",
        ),
        (
            "Every day. Sounds like it hasn't quite let go of you.",
            "I've thought about that call every single day since.",
        ),
        ("So 'one day' has become a habit.", "I keep saying 'one day'. For twenty years."),
        (
            "Sounds like 'fine' is doing a lot of work there.",
            "Alhamdulillah, it's fine. Just busy, ya. Very busy.",
        ),
    ],
)
def test_a_plain_reflection_is_not_read_as_judging_or_dismissing(
    reader: LearnedTagger, text: str, context: str
) -> None:
    """Judging and dismissing hurt the client, so their thresholds are chosen for precision: reflections from the
    answer dev sets that the reader used to read as one or the other."""
    assert not {Move.JUDGMENT, Move.DISMISS} & set(reader.tag(text, context))


def test_weights_of_another_format_are_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "old.npz"
    with WEIGHTS_PATH.open("rb") as shipped, np.load(shipped) as data:
        np.savez(path, **{**dict(data), "version": np.array(0)})
    with pytest.raises(ValueError, match="format 0"):
        ReaderWeights.load(path)


LEAD_INS = [
    "Can I stop you there for a second? There's a lot on that form, seven things.",
    "You've mentioned your manager three times now, and the restructure, and the promotion you didn't get.",
    "ok so loads going on lol. work, ur sister, the flat.",
    "Honestly that sounds like a brutal week, and I'm not surprised you're wiped out.",
]
ASKED_LAST = [
    ("Out of all of it, what would you most like to get out of our hour this morning?", Move.GOAL),
    ("How will you know this session was worth it?", Move.SUCCESS_MEASURE),
    ("Why does this matter so much to you right now?", Move.IMPORTANCE),
    ("How should we work together on this?", Move.WORKING_STYLE),
]


@pytest.mark.parametrize(("question", "move"), ASKED_LAST)
def test_a_contracting_question_keeps_its_move_after_a_long_lead_in(
    reader: LearnedTagger, question: str, move: Move
) -> None:
    """What a turn ends on is what the client answers: its contracting move is read in the last question alone
    too, so a retraining that lets a long lead-in drown it does not hold the coach below level 3 all session
    (the twelve-author reader read Joel's skilled coach's first line without `goal`; corpus/moves/README.md)."""
    assert move in reader.tag(question)
    for lead_in in LEAD_INS:
        turn = f"{lead_in} {question}"
        assert reader._contracting_asked_last(turn, None) >= {move}
        assert move in reader.tag(turn), turn
