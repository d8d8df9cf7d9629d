"""The labelled answer-relevance set (tests/data/questions.jsonl) is well formed and covers every kind.

The set is written independently of the director's rules (see docs/labelling.md, "Answer kinds"), so these
tests check only its shape: a malformed or lopsided line would quietly bend the relevance figure.
"""

import json
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[2]
QUESTIONS = ROOT / "tests" / "data" / "questions.jsonl"

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


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]


ROWS = _rows()


def test_the_set_is_large_enough() -> None:
    assert len(ROWS) >= 220


def _problems(number: int, row: dict[str, Any]) -> list[str]:
    where = f"questions.jsonl:{number}"
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


def test_each_line_has_the_documented_fields() -> None:
    problems = [problem for number, row in enumerate(ROWS, 1) for problem in _problems(number, row)]
    assert problems == []


def test_a_bad_line_is_named_with_its_field() -> None:
    row = dict(ROWS[0], expected="advice", persona="nobody")
    assert _problems(7, row) == [
        "questions.jsonl:7: persona 'nobody'",
        "questions.jsonl:7: expected 'advice'",
    ]


def test_every_kind_is_well_represented_and_roughly_balanced() -> None:
    counts = Counter(row["expected"] for row in ROWS)
    assert set(counts) == KINDS
    assert min(counts.values()) >= 12
    assert max(counts.values()) <= 2 * min(counts.values())


def test_every_persona_and_voice_appears() -> None:
    personas = Counter(row["persona"] for row in ROWS)
    assert all(count >= 50 for count in personas.values()) and len(personas) >= 3
    assert {row["voice"] for row in ROWS} == VOICES


def test_no_turn_is_labelled_twice() -> None:
    texts = Counter(row["text"] for row in ROWS)
    assert [text for text, count in texts.items() if count > 1] == []


def test_mixed_turns_and_empty_sends_are_present() -> None:
    assert sum(row["mixed"] for row in ROWS) >= 15
    # An empty send in the UI is a silence; the set must keep one so the measure covers it.
    assert any(row["text"] == "" and row["expected"] == "silence" for row in ROWS)
