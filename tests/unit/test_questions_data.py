"""The labelled answer-relevance sets (tests/data/questions*.jsonl, one author each) are well formed and cover
every kind.

Each set is written independently of the director's rules (see docs/labelling.md, "Answer kinds"), so these
tests check only its shape: a malformed or lopsided line would quietly bend the relevance figure.
"""

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parents[2]
SETS = sorted((ROOT / "tests" / "data").glob("questions*.jsonl"))

KINDS = {
    "contracting_goal",
    "contracting_success",
    "contracting_importance",
    "contracting_working_style",
    "contracting_confidentiality",
    "fact_who",
    "fact_when",
    "fact_how_long",
    "fact_what_happened",
    "feeling",
    "meaning_values",
    "options_next_steps",
    "reflection_to_confirm",
    "summary",
    "small_talk",
    "silence",
    "closing",
}
VOICES = {"british", "american", "indian", "non_native", "typos", "blunt", "hesitant"}
FIELDS = {"persona", "context", "text", "expected", "mixed", "voice"}


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


ROWS = {path.name: _rows(path) for path in SETS}
each_set = pytest.mark.parametrize("name", list(ROWS))


def test_each_authors_set_is_there() -> None:
    assert list(ROWS) == ["questions.jsonl", "questions2.jsonl", "questions3.jsonl"]


@each_set
def test_the_set_is_large_enough(name: str) -> None:
    assert len(ROWS[name]) >= 220


def _problems(number: int, row: dict[str, Any], name: str = "questions.jsonl") -> list[str]:
    where = f"{name}:{number}"
    if set(row) != FIELDS:
        return [f"{where}: fields {sorted(row)}"]
    checks = {
        "persona": (ROOT / "personas" / f"{row['persona']}.yaml").is_file(),
        "context": row["context"] is None
        or (isinstance(row["context"], str) and bool(row["context"].strip())),
        "text": isinstance(row["text"], str),
        "expected": row["expected"] in KINDS,
        "mixed": isinstance(row["mixed"], bool),
        "voice": row["voice"] in VOICES,
    }
    return [f"{where}: {field} {row[field]!r}" for field, ok in checks.items() if not ok]


@each_set
def test_each_line_has_the_documented_fields(name: str) -> None:
    rows = enumerate(ROWS[name], 1)
    assert [problem for number, row in rows for problem in _problems(number, row, name)] == []


def test_a_bad_line_is_named_with_its_field() -> None:
    row = dict(ROWS["questions.jsonl"][0], expected="advice", persona="nobody")
    assert _problems(7, row) == [
        "questions.jsonl:7: persona 'nobody'",
        "questions.jsonl:7: expected 'advice'",
    ]


@each_set
def test_every_kind_is_well_represented_and_roughly_balanced(name: str) -> None:
    counts = Counter(row["expected"] for row in ROWS[name])
    assert set(counts) == KINDS
    assert min(counts.values()) >= 12
    assert max(counts.values()) <= 2 * min(counts.values())


@each_set
def test_every_persona_and_voice_appears(name: str) -> None:
    personas = Counter(row["persona"] for row in ROWS[name])
    assert all(count >= 40 for count in personas.values()) and len(personas) >= 3
    assert {row["voice"] for row in ROWS[name]} == VOICES


@each_set
def test_no_turn_is_labelled_twice(name: str) -> None:
    texts = Counter(row["text"] for row in ROWS[name] if row["text"])  # an empty send may recur
    assert [text for text, count in texts.items() if count > 1] == []


@each_set
def test_mixed_turns_and_empty_sends_are_present(name: str) -> None:
    assert sum(row["mixed"] for row in ROWS[name]) >= 15
    # An empty send in the UI is a silence; the set must keep one so the measure covers it.
    assert any(row["text"] == "" and row["expected"] == "silence" for row in ROWS[name])
