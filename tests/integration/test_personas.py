"""Persona files: the shipped ones load; a bad one is reported precisely and never stops the others."""

import json
import shutil
from pathlib import Path

import pytest

from app.config import PROJECT_ROOT
from app.domain.acts import LINES_FALLBACK, SCRIPTED_ACTS
from app.domain.persona import Persona, authoring_warnings
from app.files import schemas
from app.files.catalog import load_catalog
from app.files.loader import MAX_DEPTH, FileLoadError, NestedTooDeeply, load_file, parse
from tests.support.cli import invoke_rapport

SHIPPED = sorted((PROJECT_ROOT / "personas").glob("*.yaml"))
SAM = Path(__file__).parents[1] / "data" / "personas" / "sam-fixture.yaml"


def test_at_least_three_personas_ship_and_load() -> None:
    catalog = load_catalog(PROJECT_ROOT / "personas")
    assert catalog.errors == []
    assert len(catalog.personas) >= 3


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_persona_is_complete(path: Path) -> None:
    persona = load_file(path, Persona)
    assert path.read_text().startswith("# yaml-language-server: $schema=../schemas/persona.schema.json")
    assert any(d.level == 4 for d in persona.disclosures)
    assert any(d.requires_permission for d in persona.disclosures)
    assert set(persona.lines) >= SCRIPTED_ACTS - LINES_FALLBACK.keys()  # the newer acts may borrow lines
    # Lines that are not disclosures never carry a disclosure's words.
    all_lines = " ".join(
        line for by_level in persona.lines.values() for lines in by_level.values() for line in lines
    )
    for disclosure in persona.disclosures:
        assert disclosure.text[:60] not in all_lines


def broken_copy(tmp_path: Path, replace: str, by: str) -> Path:
    text = SAM.read_text()
    assert replace in text
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(replace, by))
    return path


@pytest.mark.parametrize(
    ("replace", "by", "field", "reason", "line"),
    [
        ("name: Sam\n", "", "name", "Field required", 2),
        ("  initial_trust: 12", "  initial_trust: lots", "difficulty.initial_trust", "valid number", 19),
        (
            "level: 4, topic: family",
            "level: 3, topic: family",
            "disclosures",
            "at least one disclosure at level 4",
            28,
        ),
        (
            "id: daughter, level: 3, topic: family",
            "id: daughter, level: 3, topic: famly",
            "disclosures",
            "unknown",
            28,
        ),
        ('  deflect: ["That\'s private."]\n', "", "lines", "lines missing for act(s): deflect", 34),
        ('  opening: ["Hi."]', '  openin: ["Hi."]', "lines.openin", "Input should be", 34),
    ],
)
def test_bad_persona_names_file_line_field_and_reason(
    tmp_path: Path, replace: str, by: str, field: str, reason: str, line: int
) -> None:
    path = broken_copy(tmp_path, replace, by)
    with pytest.raises(FileLoadError) as raised:
        load_file(path, Persona)
    errors = raised.value.errors
    assert any(
        e.file == str(path) and field in e.field and reason in e.reason and e.line == line for e in errors
    ), errors


def test_invalid_yaml_reports_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nname: [unclosed\nrole: y\n")
    with pytest.raises(FileLoadError) as raised:
        load_file(path, Persona)
    assert "not valid YAML" in raised.value.errors[0].reason
    assert raised.value.errors[0].line is not None


@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ("{a: ", "}"), ("a:\n  ", "")])
def test_nesting_is_refused_past_the_limit_and_read_up_to_it(opening: str, closing: str) -> None:
    """libyaml would crash the process on a deep enough file (it builds the tree recursively in C): the depth
    is measured first, from the parser's events."""
    if closing:
        at_limit, past_it = (opening * depth + "1" + closing * depth for depth in (MAX_DEPTH, MAX_DEPTH + 1))
    else:  # block mappings, each level indented one step further
        at_limit, past_it = (
            "".join(f"{'  ' * level}a:\n" for level in range(depth - 1)) + "  " * (depth - 1) + "a: 1\n"
            for depth in (MAX_DEPTH, MAX_DEPTH + 1)
        )
    tree, data = parse(at_limit)
    assert tree is not None and data is not None
    with pytest.raises(NestedTooDeeply):
        parse(past_it)


def test_a_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    for path in SHIPPED:
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "zz-broken.yaml").write_text("id: broken\nname: 12\n")
    (tmp_path / "empty.yaml").write_text("")
    catalog = load_catalog(tmp_path)
    assert len(catalog.personas) == len(SHIPPED)
    broken_files = {Path(error.file).name for error in catalog.errors}
    assert broken_files == {"zz-broken.yaml", "empty.yaml"}
    assert all(str(error) for error in catalog.errors)


def test_duplicate_persona_id_is_reported(tmp_path: Path) -> None:
    shutil.copy(SAM, tmp_path / "a.yaml")
    shutil.copy(SAM, tmp_path / "b.yaml")
    catalog = load_catalog(tmp_path)
    assert list(catalog.personas) == ["sam-fixture"]
    assert [e.reason for e in catalog.errors] == ["duplicate id 'sam-fixture'"]


def test_committed_json_schemas_are_current() -> None:
    for name, model in schemas.SCHEMAS.items():
        committed = (schemas.SCHEMA_DIR / name).read_text()
        assert committed == schemas.render(model), f"run `python -m app.files.schemas` to refresh {name}"
        assert json.loads(committed)["title"] == model.__name__


def test_authoring_warnings_catch_keyword_clashes_and_empty_grants(sam: Persona) -> None:
    family = sam.sensitive_topics[0]
    assert family.open_level == 2  # the fixture opens its topic before it has anything to say
    assert authoring_warnings(sam) == [
        (
            "sensitive_topics.0.open_level",
            "permission is granted from level 2 but the topic's first disclosure is at level 3: "
            "the client says yes and then has nothing to say yet",
        )
    ]
    ready = family.model_copy(update={"open_level": 3})
    assert authoring_warnings(sam.model_copy(update={"sensitive_topics": [ready]})) == []
    clashing = ready.model_copy(update={"keywords": [*family.keywords, "rota"]})
    [(field, reason)] = authoring_warnings(sam.model_copy(update={"sensitive_topics": [clashing]}))
    assert field == "sensitive_topics.0.keywords" and "'rota'" in reason


def test_validate_prints_warnings_without_failing(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "keywords: [family, home,", "keywords: [rota, family, home,")
    result = invoke_rapport("validate", str(path))
    assert result.returncode == 0
    assert "warning: " in result.stdout and "sensitive_topics.0.keywords" in result.stdout
