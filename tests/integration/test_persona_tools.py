"""Instructor authoring tools: `rapport persona new`, `rapport validate` and `rapport persona check`. A few
tests run the installed command as an instructor would (a subprocess: `rapport`); set-up and the other cases
run in-process through Typer's runner (`invoke_rapport`), which is many times faster."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.check.reading import CoachView, in_second_person, noticed_hint, public_view
from app.check.simulated_coaches import COACHES, skilled
from app.config import PROJECT_ROOT
from app.domain.persona import Persona
from app.domain.transcript import Utterance
from app.files.loader import load_file
from app.files.scaffold import persona_scaffold
from tests.support.cli import invoke_rapport
from tests.support.cli import run_rapport as rapport

SHIPPED = sorted(path.stem for path in (PROJECT_ROOT / "personas").glob("*.yaml"))
SAM = Path(__file__).parents[1] / "data" / "personas" / "sam-fixture.yaml"
RUBRIC = PROJECT_ROOT / "rubrics" / "icf-trust-agreements.yaml"
LEGACY_COACH_IDS = ["skilled", "advice-giver", "interrogator", "injector"]
COACH_IDS = [*LEGACY_COACH_IDS, "skilled-warm", "skilled-concise", "skilled-novice", "skilled-executive"]
COACH_IDS += ["parrot", "friendly-advisor", "gossip", "steerer", "pusher"]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


# --- rapport persona new -----------------------------------------------------------------------------------


def test_scaffold_loads_validates_and_points_at_the_schema(tmp_path: Path) -> None:
    result = rapport("persona", "new", "alex-manager", "--name", 'Alex "Al" Morgan', "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    path = tmp_path / "alex-manager.yaml"
    persona = load_file(path, Persona)
    assert (persona.id, persona.name) == ("alex-manager", 'Alex "Al" Morgan')
    header = path.read_text().splitlines()[0]
    schema = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", header)
    assert schema is not None and (tmp_path / schema.group(1)).resolve() == PROJECT_ROOT / "schemas" / (
        "persona.schema.json"
    )
    checked = rapport("validate", str(path))
    assert checked.returncode == 0, checked.stdout
    assert "all valid" in checked.stdout


def test_scaffold_holds_the_original_coaches_gates_as_written(tmp_path: Path) -> None:
    assert invoke_rapport("persona", "new", "draft", "--out", str(tmp_path)).returncode == 0
    result = invoke_rapport(
        "persona", "check", "draft", "--json", env={"RAPPORT_PERSONAS_DIR": str(tmp_path)}
    )
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert report["name"] == "Draft"
    original = [c for c in report["coaches"] if c["coach"] in LEGACY_COACH_IDS]
    assert [c["coach"] for c in original] == LEGACY_COACH_IDS
    assert all(c["passed"] for c in original), [
        (c["coach"], e) for c in original for e in c["expectations"] if not e["passed"]
    ]


@pytest.mark.xfail(strict=True, reason="the reader misreads the novice style's typo'd turns on this persona")
def test_scaffold_passes_the_persona_check_as_written(tmp_path: Path) -> None:
    assert invoke_rapport("persona", "new", "draft", "--out", str(tmp_path)).returncode == 0
    result = invoke_rapport(
        "persona", "check", "draft", "--json", env={"RAPPORT_PERSONAS_DIR": str(tmp_path)}
    )
    assert result.returncode == 0, result.stdout


def test_scaffold_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "taken.yaml"
    path.write_text("mine\n")
    result = invoke_rapport("persona", "new", "taken", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert path.read_text() == "mine\n"


def test_new_rejects_an_id_that_is_not_a_slug(tmp_path: Path) -> None:
    result = invoke_rapport("persona", "new", "Not A Slug", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "not a valid id" in result.stderr
    assert not list(tmp_path.iterdir())


# --- rapport validate --------------------------------------------------------------------------------------


def broken(folder: Path, name: str, base: str, replace: str, by: str) -> tuple[Path, str]:
    assert replace in base
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(base.replace(replace, by))
    return path, path.read_text()


def test_validate_reports_file_line_and_field_for_each_error(tmp_path: Path) -> None:
    scaffold = persona_scaffold("base", "Base", "../schemas/persona.schema.json", "base.yaml")
    personas, rubrics = tmp_path / "personas", tmp_path / "rubrics"
    trust, trust_text = broken(personas, "trust.yaml", scaffold, "initial_trust: 12", "initial_trust: lots")
    act, act_text = broken(
        personas, "act.yaml", scaffold.replace("id: base", "id: act"), "  closing:", "  closin:"
    )
    level, level_text = broken(
        personas, "level.yaml", scaffold.replace("id: base", "id: level"), "level: 4", "level: 3"
    )
    bad_yaml, _ = broken(personas, "yaml.yaml", scaffold, 'name: "Base"', "name: [unclosed")
    broken(personas, "a-base.yaml", scaffold, "", "")
    twin, twin_text = broken(personas, "twin.yaml", scaffold, 'name: "Base"', "name: Twin")
    pass_mark, rubric_text = broken(
        rubrics, "rubric.yaml", RUBRIC.read_text(), "pass_mark: 65", "pass_mark: 150"
    )

    result = invoke_rapport("validate", str(personas), str(rubrics))
    out = result.stdout
    assert result.returncode == 1, out
    expected = [
        f"{trust}:{line_of(trust_text, 'initial_trust')}: difficulty.initial_trust: ",
        f"{act}:{line_of(act_text, 'closin:')}: lines.closin",
        f"{level}:{line_of(level_text, '- id: surface')}: disclosures: ",
        f"{pass_mark}:{line_of(rubric_text, 'pass_mark: 150')}: pass_mark: ",
    ]
    for prefix in expected:
        assert any(line.startswith(prefix) for line in out.splitlines()), (prefix, out)
    assert re.search(
        rf"^{re.escape(str(bad_yaml))}:\d+: \(file\): not valid YAML: [^\n]+$", out, re.MULTILINE
    ), out
    # Two files that load with the same id: the later one is reported (the catalog would skip it).
    duplicate = f"{twin}:{line_of(twin_text, 'id: base')}: id: duplicate persona id 'base' (also in "
    assert duplicate in out, out
    assert "level 4" in out
    assert len(out.splitlines()) == 7  # one line per error, the YAML parser's quoted source folded away
    assert out.splitlines()[-1] == "7 files checked (6 personas, 1 rubric): 6 with errors, 6 errors in all."


def test_validate_decides_the_kind_by_folder_or_keys(tmp_path: Path) -> None:
    (tmp_path / "persona-anywhere.yaml").write_text(SAM.read_text())
    (tmp_path / "rubric-anywhere.yaml").write_text(
        RUBRIC.read_text().replace("pass_mark: 65", "pass_mark: x")
    )
    (tmp_path / "shopping.yaml").write_text("eggs: 6\nmilk: 1\n")
    result = invoke_rapport("validate", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith(f"{tmp_path / 'rubric-anywhere.yaml'}:") and ": pass_mark: " in line for line in lines
    )
    assert any(str(tmp_path / "shopping.yaml") in line and "cannot tell" in line for line in lines)
    # The persona loads as a persona: no error names it (the fixture's early-grant warning may).
    assert not any("persona-anywhere" in line for line in lines if not line.startswith("warning: "))
    assert any(line.startswith(f"warning: {tmp_path / 'persona-anywhere.yaml'}: ") for line in lines)
    assert lines[-1].startswith("3 files checked (1 persona, 1 rubric)")


def test_validate_checks_a_hand_score_set_against_its_rubric_and_transcripts(tmp_path: Path) -> None:
    shipped = Path(__file__).parents[1] / "data" / "calibration" / "handscores.yaml"
    good = invoke_rapport("validate", str(shipped))
    assert good.returncode == 0, good.stdout
    assert (
        good.stdout.splitlines()[-1] == "1 file checked (0 personas, 0 rubrics, 1 hand-score set): all valid."
    )

    transcript = Path(__file__).parents[1] / "data" / "transcripts" / "counselling_no_contract.json"
    (tmp_path / "real.json").write_text(transcript.read_text())
    text = (
        "rubric: icf-trust-agreements\n"
        "scorer: An instructor\n"
        "transcripts:\n"
        "  - file: real.json\n"
        "    scores:\n"
        "      ICF-3.1: partial\n"
        "      ICF-9.9: consistent\n"
        "  - file: missing.json\n"
        "    scores:\n"
        "      ICF-3.2: mostly\n"
    )
    scored = tmp_path / "scores.yaml"
    scored.write_text(text)
    result = invoke_rapport("validate", str(scored))
    out = result.stdout
    assert result.returncode == 1, out
    # The shape first: a level that does not exist (the rubric and files are checked once the shape is right).
    assert f"{scored}:{line_of(text, 'ICF-3.2: mostly')}: transcripts.1.scores.ICF-3.2: " in out, out
    assert "unknown level 'mostly'" in out

    fixed = text.replace("ICF-3.2: mostly", "ICF-3.2: partial")
    scored.write_text(fixed)
    out = invoke_rapport("validate", str(scored)).stdout
    assert f"{scored}:{line_of(fixed, 'ICF-9.9')}: transcripts.0.scores.ICF-9.9: unknown criterion" in out, (
        out
    )
    assert f"{scored}:{line_of(fixed, 'file: missing.json')}: transcripts.1.file: transcript not found" in out
    assert (
        out.splitlines()[-1]
        == "1 file checked (0 personas, 0 rubrics, 1 hand-score set): 1 with errors, 2 errors in all."
    )
    assert scored.read_text() == fixed  # validating never changes a file


def test_validate_names_the_line_of_each_problem_and_only_real_problems(tmp_path: Path) -> None:
    scaffold = persona_scaffold("base", "Base", "../schemas/persona.schema.json", "base.yaml")
    personas = tmp_path / "personas"
    broken(personas, "a.yaml", scaffold, "id: base", "id: first")
    twin, twin_text = broken(personas, "b.yaml", scaffold, "id: base", "id: second")  # the same name, "Base"
    latin, latin_text = broken(personas, "latin.yaml", scaffold, "id: base", "id: latin")
    latin.write_bytes(latin_text.replace("initial_trust: 12", "initial_trust: 12  # café").encode("latin-1"))
    twice, twice_text = broken(
        personas, "twice.yaml", scaffold.replace('name: "Base"', 'name: "Twice"'), "id: base", "id: twice"
    )
    twice_text = twice_text.replace("initial_trust: 12", "initial_trust: 12\n  initial_trust: 30")
    twice.write_text(twice_text)
    marcus = (PROJECT_ROOT / "personas" / "marcus-engineer.yaml").read_text()
    topic, topic_text = broken(personas, "topic.yaml", marcus, "  - id: dad\n", "  - id: Dad Stuff\n")
    big = personas / "big.yaml"
    big.write_text(scaffold.replace("id: base", "id: big") + "#" * 1_000_000 + "\n")

    result = invoke_rapport("validate", str(personas))
    out = result.stdout.splitlines()
    assert result.returncode == 1, result.stdout
    assert out == [  # one line per error, files in order
        f"{twin}:{line_of(twin_text, 'name:')}: name: another persona has the display name 'Base' "
        f"({personas / 'a.yaml'}): learners could not tell them apart",
        f"{big}: (file): the file is {big.stat().st_size:,} bytes; the limit is 1,000,000 (is this the right file?)",
        f"{latin}:{line_of(latin_text, 'initial_trust')}: (file): not UTF-8 text (byte 0xe9); save the file as UTF-8",
        # Only the topic's own error: not also "disclosure ... names unknown topic 'dad'".
        f"{topic}:{line_of(topic_text, '- id: Dad Stuff')}: sensitive_topics.0.id: String should match pattern "
        "'^[a-z0-9][a-z0-9_-]*$'",
        f"{twice}:{line_of(twice_text, 'initial_trust: 30')}: difficulty.initial_trust: duplicate key "
        f"'initial_trust' (first on line {line_of(twice_text, 'initial_trust: 12')})",
        "6 files checked (6 personas, 0 rubrics): 5 with errors, 5 errors in all.",
    ]


@pytest.mark.parametrize("where", [".", "personas"])
def test_validate_reports_yaml_nested_too_deeply(tmp_path: Path, where: str) -> None:
    deep = tmp_path / where / "deep.yaml"
    deep.parent.mkdir(exist_ok=True)
    deep.write_text(
        "[" * 100_000
    )  # the YAML parser recurses once per level: this was a RecursionError traceback
    result = invoke_rapport("validate", str(deep))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout.splitlines()[0] == f"{deep}: (file): not valid YAML: nested too deeply"


def test_validate_a_missing_path_is_an_error(tmp_path: Path) -> None:
    result = invoke_rapport("validate", str(tmp_path / "nowhere.yaml"))
    assert result.returncode == 1
    assert f"{tmp_path / 'nowhere.yaml'}: (file): not found" in result.stdout


def test_validate_passes_the_shipped_personas_and_rubrics() -> None:
    result = rapport("validate")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("all valid.")
    assert f"({len(SHIPPED)} personas" in result.stdout


# --- rapport persona check ---------------------------------------------------------------------------------


def check_json(persona_id: str, personas_dir: Path | None = None) -> tuple[int, dict[str, Any]]:
    env = {"RAPPORT_PERSONAS_DIR": str(personas_dir)} if personas_dir else None
    result = invoke_rapport("persona", "check", persona_id, "--json", env=env)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


@pytest.mark.parametrize("persona_id", SHIPPED)  # Priya's novice gap closed with issue 11
def test_persona_check_passes_every_shipped_persona_and_reports_it(persona_id: str) -> None:
    """Every shipped persona passes; the JSON keeps every field it had (new ones are added) and the original
    coaches' gates hold."""
    code, report = check_json(persona_id)
    assert code == 0, [
        (c["coach"], e) for c in report["coaches"] for e in c["expectations"] if not e["passed"]
    ]
    assert report["persona"] == persona_id and isinstance(report["passed"], bool)
    assert report["rubric"] == "icf-trust-agreements"
    # the names a coach may not use before the client does: some for every shipped persona, never the brief's
    assert report["hidden_names"] and report["name"].split()[0] not in report["hidden_names"]
    coaches = {c["coach"]: c for c in report["coaches"]}
    assert list(coaches) == COACH_IDS
    for coach in coaches.values():
        assert {
            "passed",
            "turns",
            "max_level",
            "final_trust",
            "disclosures",
            "expectations",
            "transcript",
            "kind",
            "gated_disclosures",
            "deepest_reached",
            "grade",
        } <= set(coach)
        assert coach["expectations"] and all(
            {"name", "passed", "reason"} == set(e) for e in coach["expectations"]
        )
        assert len(coach["transcript"]) == coach["turns"]
        assert {"rubric", "score", "pass_mark", "passed", "blocking", "verdict"} == set(coach["grade"])
    assert report["passed"] == all(c["passed"] for c in coaches.values())
    for legacy in LEGACY_COACH_IDS:
        assert coaches[legacy]["passed"], coaches[legacy]["expectations"]
    persona = load_file(PROJECT_ROOT / "personas" / f"{persona_id}.yaml", Persona)
    deepest = {d.id for d in persona.disclosures if d.level == 4}
    assert coaches["skilled"]["max_level"] == 4 and deepest <= set(coaches["skilled"]["disclosures"])
    assert coaches["skilled"]["turns"] <= 20
    assert coaches["advice-giver"]["max_level"] <= 1
    assert coaches["injector"]["max_level"] <= 1
    rate = report["skilled_deepest"]
    assert [c["coach"] for c in rate["by_coach"]] == ["skilled", *COACH_IDS[4:8]]
    assert rate["runs"] == 5 * len(rate["by_coach"]) and len(rate["seeds"]) == 5


def test_persona_check_readable_output_lists_each_coach_and_verdict() -> None:
    result = invoke_rapport("persona", "check", SHIPPED[0])
    assert result.returncode in (0, 1)
    for coach in LEGACY_COACH_IDS:
        assert re.search(
            rf"^PASS  {coach} — .*, grade [\d.]+ \((?:pass|fail)\)$", result.stdout, re.MULTILINE
        )
    for coach in COACH_IDS[4:]:
        assert re.search(rf"^(?:PASS|FAIL)  {coach} — ", result.stdout, re.MULTILINE)
    assert re.search(r"^Skilled coaches reach the deepest disclosure in \d+ of 25 runs", result.stdout, re.M)
    assert re.search(r"^Names only the file holds \(.*\): \w+(?:, \w+)*\.$", result.stdout, re.M)
    assert ("ready to assign" in result.stdout) == (result.returncode == 0)


def test_persona_check_unknown_persona_exits_2() -> None:
    result = rapport("persona", "check", "nobody")
    assert result.returncode == 2
    assert "unknown persona" in result.stderr


def sam_variant(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SAM.read_text())
    for key, value in changes.items():
        data[key] = value(data[key]) if callable(value) else value
    return data


def _ungated_deepest(disclosures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**d, "requires_permission": False} if d["level"] == 4 else d for d in disclosures]


def _topic(**update: Any) -> Any:
    return lambda topics: [{**topics[0], **update}]


BROKEN = {
    # The secret needs no permission, nothing a coach says counts as entering the topic, and trust comes easy.
    "ungated": (
        sam_variant(
            disclosures=_ungated_deepest,
            sensitive_topics=_topic(keywords=["zz"]),
            difficulty={"initial_trust": 39, "gain": 3},
        ),
        "interrogator",
        # The never-told disclosure no longer answers a question, so what gives this persona away is the level.
        "stays below level 4",
        "questioning alone opened the client up",
    ),
    # Losses near zero: even the advice-giver drifts up a level. (It was 0.05, which only broke the bar through
    # the tagger misreading the advice-giver's "So the plan is: be firmer…" as a session goal; tagged as the
    # advice it is, 0.05 leaves Sam at 39.3, a hair under level 2, so the fixture is made plainly broken.)
    "too-forgiving": (
        sam_variant(difficulty={"initial_trust": 39, "gain": 3, "loss": 0.01}),
        "advice-giver",
        "stays at level 1 or below",
        "losses may be too small",
    ),
    "leaky-line": (
        sam_variant(
            lines=lambda lines: {**lines, "out_of_frame": ["Sorry, what? I think it's my fault she's ill."]}
        ),
        "injector",
        "no locked disclosure text in any reply",
        "locked disclosure 'never'",
    ),
    "leaky-hint": (
        sam_variant(sensitive_topics=_topic(hints=["Things at home... My daughter is ill. Anyway."])),
        "skilled",
        "nothing locked leaks",
        "locked disclosure 'daughter'",
    ),
    "too-guarded": (
        sam_variant(difficulty={"initial_trust": 0, "gain": 0.3}),
        "skilled",
        "reaches level 4 within 20 turns",
        "highest level",
    ),
    "silent-hints": (
        sam_variant(sensitive_topics=_topic(hints=["Things at home are complicated at the moment."])),
        "skilled",
        "reaches the deepest disclosure",
        "hinted but permission was never granted",
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_persona_check_fails_a_broken_persona_with_the_reason(tmp_path: Path, case: str) -> None:
    data, coach_id, expectation, reason = BROKEN[case]
    (tmp_path / "broken.yaml").write_text(yaml.safe_dump({**data, "id": "broken"}, allow_unicode=True))
    code, report = check_json("broken", tmp_path)
    assert code == 1 and report["passed"] is False
    coach = next(c for c in report["coaches"] if c["coach"] == coach_id)
    failed = {e["name"]: e["reason"] for e in coach["expectations"] if not e["passed"]}
    assert expectation in failed, coach["expectations"]
    assert reason in failed[expectation]


def test_persona_check_exit_1_and_why_in_the_readable_output(tmp_path: Path) -> None:
    data = BROKEN["too-forgiving"][0]
    (tmp_path / "broken.yaml").write_text(yaml.safe_dump({**data, "id": "broken"}))
    result = rapport("persona", "check", "broken", env={"RAPPORT_PERSONAS_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert re.search(r"^FAIL  advice-giver", result.stdout, re.MULTILINE)
    assert re.search(r"FAIL stays at level 1 or below: level \d at turn \d+", result.stdout)
    assert "Not ready" in result.stdout


# --- the simulated coaches ---------------------------------------------------------------------------------


def test_a_simulated_coach_sees_only_what_a_learner_sees(sam: Persona) -> None:
    """The coaches get a CoachView: the brief and the conversation, never hints, disclosures or lines."""
    assert set(CoachView.model_fields) == {
        "name",
        "brief",
        "relationship",
        "conflict_of_interest",
        "conversation",
    }
    hidden = sam.model_copy(update={"disclosures": sam.disclosures[::-1], "sensitive_topics": []})
    said = [
        Utterance(speaker="coach", text="Hello."),
        Utterance(speaker="client", text="I'm tired, honestly."),
    ]
    for coach in COACHES:
        for seed in (0, 1):
            assert coach.next_turn(public_view(sam, said), seed) == coach.next_turn(
                public_view(hidden, said), seed
            )


def test_the_skilled_coach_asks_permission_about_what_the_client_pulled_back_from(sam: Persona) -> None:
    said: list[Utterance] = []
    for _ in range(5):  # contracting
        said += [
            Utterance(speaker="coach", text=skilled(public_view(sam, said)) or ""),
            Utterance(speaker="client", text="OK."),
        ]
    said[-1] = Utterance(
        speaker="client", text="Yes. My dad's not been great. He's eighty-one. Back to delegation."
    )
    turn = skilled(public_view(sam, said))
    assert turn == (
        "You mentioned that your dad's not been great. He's eighty-one. "
        "Would it be all right if we talked about that?"
    )


@pytest.mark.parametrize(
    ("client", "coach"),
    [
        ("I've been fixing the forecasts myself, late.", "you've been fixing the forecasts yourself, late"),
        ("Honestly, I was scared and my hands were shaking!", "you were scared and your hands were shaking"),
        ("Dan was there. My principal was too.", "Dan was there. Your principal was too"),
    ],
)
def test_saying_the_clients_words_back(client: str, coach: str) -> None:
    assert in_second_person(client) == coach


def test_a_hint_is_noticed_by_its_pull_back_not_by_reading_the_persona() -> None:
    assert noticed_hint("Fine. I had that Wednesday off a couple of weeks ago. Dentist. Anyway.") == (
        "I had that Wednesday off a couple of weeks ago. Dentist."
    )
    assert noticed_hint("The juniors are good. I check everything twice.") is None
