"""The codebook table (app/domain/codebook.py) is the one home of a move: every move has a complete row, the
document and the model tagger's prompt say what the row says, and the engine and the grader act on it."""

import json
import re
from pathlib import Path
from typing import get_args

import pytest
from pydantic import ValidationError

from app.domain.causes import Cause
from app.domain.codebook import (
    CODEBOOK,
    CONTRACTING_MOVES,
    BlockingRole,
    Group,
    Move,
    MoveSpec,
    Reaction,
    Scoring,
    quoted_for,
)
from app.domain.persona import Persona
from app.domain.signals import TurnSignals
from app.domain.trust_state import ContractState, TurnEvents
from app.grade.blocking import OFFENDING_MOVES
from app.grade.rubric import BlockingRule
from app.tag.llm import INSTRUCTIONS
from app.tag.reader import LearnedTagger
from app.trust.engine import initial_state, update

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "codebook.md"
SECTIONS = {Group.BUILDS: "## Moves that build trust or structure", Group.ERODES: "## Moves that erode trust"}


def test_every_move_has_one_row_in_codebook_order() -> None:
    assert list(CODEBOOK) == list(Move)
    assert all(move is spec.id for move, spec in CODEBOOK.items())


@pytest.mark.parametrize("move", list(Move))
def test_every_row_is_complete(move: Move) -> None:
    spec = CODEBOOK[move]
    assert spec.description.strip() and spec.prompt.strip() and spec.examples
    assert all(example.strip() for example in spec.examples)
    if spec.scoring in (Scoring.CONTRACTING, Scoring.LISTENING, Scoring.ERODING):
        assert spec.weight > 0 and spec.reason.strip()
    if spec.scoring is Scoring.ERODING:
        assert isinstance(spec.misstep, Cause)


def test_an_incomplete_row_is_refused() -> None:
    described = {"description": "d", "examples": ("e",), "prompt": "p"}
    with pytest.raises(ValidationError, match="a weight and a reason"):
        MoveSpec(id=Move.EMPATHY, scoring=Scoring.LISTENING, weight=3.0, **described)  # no reason
    with pytest.raises(ValidationError, match="a weight and a reason"):
        MoveSpec(id=Move.SPACE, scoring=Scoring.NONE, weight=1.0, reason="r", **described)
    with pytest.raises(ValidationError, match="misstep"):
        MoveSpec(id=Move.JUDGMENT, scoring=Scoring.ERODING, weight=1.0, reason="r", **described)
    with pytest.raises(ValidationError, match="only an eroding move"):
        MoveSpec(
            id=Move.GOAL, scoring=Scoring.CONTRACTING, weight=1.0, reason="r", reaction="hurt", **described
        )


def _doc_rows(group: Group) -> list[tuple[str, str, tuple[str, ...]]]:
    """(id, description, examples) of each row of the document's table for the group."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split(SECTIONS[group], 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        examples = tuple(re.findall(r'"(.*?)"(?: · |$)', cells[2]))
        rows.append((cells[0].strip("`"), cells[1], examples))
    return rows


def _table_rows(group: Group) -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (move.value, spec.description, spec.examples)
        for move, spec in CODEBOOK.items()
        if spec.group is group
    ]


def _markdown(rows: list[tuple[str, str, tuple[str, ...]]]) -> str:
    return "\n".join(
        f"| `{move}` | {description} | {' · '.join(f'{chr(34)}{e}{chr(34)}' for e in examples)} |"
        for move, description, examples in rows
    )


@pytest.mark.parametrize("group", list(Group))
def test_the_document_lists_exactly_the_table(group: Group) -> None:
    expected = _table_rows(group)
    assert _doc_rows(group) == expected, (
        f"docs/codebook.md, '{SECTIONS[group]}', should have these rows (from app/domain/codebook.py):\n"
        + _markdown(expected)
    )
    # ...and the rows, written out as the table writes them, are the document's own lines
    assert _markdown(expected) in DOC.read_text(encoding="utf-8")


def test_the_model_tagger_is_told_every_move_as_the_table_words_it() -> None:
    lines = INSTRUCTIONS.splitlines()
    listed = [line for line in lines if line.startswith("- ")]
    assert listed == [f"- {move.value}: the coach {spec.prompt}" for move, spec in CODEBOOK.items()]
    for move, spec in CODEBOOK.items():
        for excluded in spec.excludes:
            assert f"is {move.value}, not {excluded.value}" in INSTRUCTIONS


def test_a_contracting_move_names_the_agreement_it_puts_in_place() -> None:
    assert {move.value for move in CONTRACTING_MOVES} == set(ContractState.model_fields)


def test_every_reaction_is_an_event_the_director_reads() -> None:
    flags = {name for name, field in TurnEvents.model_fields.items() if field.annotation is bool}
    assert set(get_args(Reaction)) <= flags
    assert {spec.reaction for spec in CODEBOOK.values() if spec.reaction} == set(get_args(Reaction))


def test_blocking_roles_are_the_rubrics_blocking_rules() -> None:
    union = get_args(BlockingRule)[0]
    kinds = {get_args(rule.model_fields["kind"].annotation)[0] for rule in get_args(union)}
    assert set(get_args(BlockingRole)) == kinds
    assert all(quoted_for(role) for role in kinds)  # every rule has a sentence to quote
    assert {role: quoted_for(role) for role in kinds} == OFFENDING_MOVES


def _scored_alone(move: Move, persona: Persona) -> list[tuple[str, float, str]]:
    state = update(initial_state(persona), TurnSignals(text="...", moves=[move]), persona)
    return [(change.cause, change.delta, change.reason) for change in state.changes if change.turn == 1]


# Permission is scored by the engine's permission rules from context (tests/unit/test_trust_engine.py), not by a row.
@pytest.mark.parametrize(
    "move", [move for move, spec in CODEBOOK.items() if spec.scoring is not Scoring.PERMISSION]
)
def test_the_engine_scores_a_move_by_its_row(move: Move, sam: Persona) -> None:
    spec = CODEBOOK[move]
    changes = _scored_alone(move, sam)
    mine = [(delta, reason) for cause, delta, reason in changes if cause == move.value]
    if spec.scoring in (Scoring.CONTRACTING, Scoring.LISTENING):
        assert mine == [(pytest.approx(spec.weight * sam.difficulty.gain), spec.reason)]
    elif spec.scoring is Scoring.ERODING:
        assert mine == [(pytest.approx(-spec.weight * sam.difficulty.loss), spec.reason)]
    else:
        assert spec.scoring is Scoring.NONE and mine == []


@pytest.mark.parametrize("move", [move for move, spec in CODEBOOK.items() if spec.reaction])
def test_the_client_reacts_to_an_eroding_move_as_its_row_says(move: Move, sam: Persona) -> None:
    state = update(initial_state(sam), TurnSignals(text="...", moves=[move]), sam)
    assert getattr(state.events, str(CODEBOOK[move].reaction)) is True
    assert state.misstep == CODEBOOK[move].misstep


def _labelled() -> list[set[str]]:
    files = [
        *sorted((ROOT / "corpus" / "moves").glob("*.jsonl")),
        *sorted((ROOT / "tests" / "data").glob("tagger_*.jsonl")),
    ]
    return [
        set(json.loads(line)["moves"])
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


EXCLUSIONS = [(move, excluded) for move, spec in CODEBOOK.items() for excluded in sorted(spec.excludes)]


def test_no_labelled_turn_carries_a_move_and_one_it_excludes() -> None:
    labelled = _labelled()
    assert len(labelled) > 1000
    for move, excluded in EXCLUSIONS:
        assert not [moves for moves in labelled if {move.value, excluded.value} <= moves]


def test_the_reader_never_tags_a_move_with_one_it_excludes() -> None:
    reader = LearnedTagger()
    for line in (ROOT / "tests" / "data" / "tagger_dev.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        moves = set(reader.tag(row["text"], row.get("context")))
        for move, excluded in EXCLUSIONS:
            assert not {move, excluded} <= moves, row["text"]
