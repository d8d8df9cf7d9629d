"""Rubrics as data: the shipped rubric is complete, and a bad rubric file is reported precisely without
stopping the others from loading."""

import shutil
from pathlib import Path

import pytest

from app.config import PROJECT_ROOT
from app.files.catalog import load_catalog
from app.files.loader import FileLoadError, load_file
from app.grade.rubric import DEFAULT_RUBRIC, Rubric
from tests.support.grading import RUBRIC_PATH, rubric

PERSONAS = PROJECT_ROOT / "personas"


def test_the_default_rubric_ships_and_covers_the_issue() -> None:
    shipped = rubric()
    assert shipped.id == DEFAULT_RUBRIC
    assert RUBRIC_PATH.read_text().startswith("# yaml-language-server: $schema=../schemas/rubric.schema.json")
    ids = {c.id for c in shipped.criteria}
    # PCC markers 3.1-3.4 and 4.1-4.4, the listening markers text can show, question quality...
    assert {"ICF-3.1", "ICF-3.2", "ICF-3.3", "ICF-3.4", "ICF-4.1", "ICF-4.2", "ICF-4.3", "ICF-4.4"} <= ids
    assert {"ICF-6.2", "ICF-6.3", "ICF-6.7", "ICF-7.6"} <= ids
    # ...and the trust items: permission, way of working, agreement, confidentiality, non-judgment, role.
    assert {"TS-1", "TS-2", "TS-3", "TS-4", "TS-6", "TS-7", "TS-8"} <= ids
    assert {rule.kind for rule in shipped.blocking} == {
        "breach",
        "pushed_past_refusal",
        "consulting_mode",
        "off_agenda",
    }
    assert 0 < shipped.pass_mark < 100
    assert {"client_talk_share", "reflection_question_ratio", "open_question_share"} <= set(shipped.metrics)
    for criterion in shipped.criteria:
        assert criterion.description and criterion.levels.consistent and criterion.feedback.better


def broken(tmp_path: Path, replace: str, by: str) -> Path:
    text = RUBRIC_PATH.read_text()
    assert replace in text
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(replace, by, 1))
    return path


@pytest.mark.parametrize(
    ("replace", "by", "field", "reason"),
    [
        ("pass_mark: 65", "pass_mark: lots", "pass_mark", "valid number"),
        ("pass_mark: 65", "pass_mark: 120", "pass_mark", "less than or equal to 100"),
        ("      moves: [goal]\n", "      moves: [goals]\n", "criteria.0.measure.moves.0", "Input should be"),
        (
            "      client_cue: emotion",
            "      client_cue: emotions",
            "criteria.6.applies_when.client_cue",
            "Input",
        ),
        (
            "    weight: 3\n    required: true",
            "    weight: 0\n    required: true",
            "criteria.0.weight",
            "greater",
        ),
        ("  - id: ICF-3.2\n", "  - id: ICF-3.1\n", "criteria", "duplicate criterion id(s): ICF-3.1"),
        ("    kind: breach\n", "    kind: gossip\n", "blocking.0", "does not match any of the expected tags"),
        ("  open_question_share: {good: 0.7, fair: 0.5}\n", "", "criteria", "metric(s) without thresholds"),
        (
            '        - "What makes this the thing',
            '        - "What makes {this} the thing',
            "criteria.2.feedback",
            "placeholder",
        ),
        ("    min_advice_share: 0.4\n", "", "blocking.2.consulting_mode.min_advice_share", "Field required"),
    ],
)
def test_a_bad_rubric_names_file_line_field_and_reason(
    tmp_path: Path, replace: str, by: str, field: str, reason: str
) -> None:
    path = broken(tmp_path, replace, by)
    with pytest.raises(FileLoadError) as raised:
        load_file(path, Rubric)
    errors = raised.value.errors
    assert any(e.file == str(path) and e.field.startswith(field) and reason in e.reason for e in errors), (
        errors
    )
    assert all(e.line for e in errors), errors


def test_a_bad_rubric_does_not_stop_the_others(tmp_path: Path) -> None:
    shutil.copy(RUBRIC_PATH, tmp_path / RUBRIC_PATH.name)
    (tmp_path / "zz-broken.yaml").write_text("id: broken\ntitle: Broken\n")
    catalog = load_catalog(PERSONAS, tmp_path)
    assert list(catalog.rubrics) == [DEFAULT_RUBRIC]
    assert [Path(e.file).name for e in catalog.errors] == [
        "zz-broken.yaml",
        "zz-broken.yaml",
        "zz-broken.yaml",
    ]
    assert {e.field for e in catalog.errors} == {"description", "pass_mark", "criteria"}
    assert catalog.personas  # personas load alongside


def test_an_unknown_rubric_lists_the_known_ones() -> None:
    catalog = load_catalog(PERSONAS, PROJECT_ROOT / "rubrics")
    with pytest.raises(KeyError, match=r"unknown rubric 'nope'.*icf-trust-agreements"):
        catalog.rubric("nope")


def test_personas_only_catalog_still_works() -> None:
    catalog = load_catalog(PERSONAS)
    assert catalog.rubrics == {} and catalog.personas
