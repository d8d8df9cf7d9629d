"""The CLI contract of the engine issue. One or two tests per command run the installed `rapport` as a user
would (a subprocess), and so do those about stdin, a terminal session and the server; the other cases run
in-process through Typer's runner, which is many times faster."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from app.cli.main import main
from tests.support.cli import OFFLINE, RAPPORT, invoke_rapport, run_rapport
from tests.support.server import free_port

SCRIPTS = Path(__file__).parents[1] / "data" / "scripts"
SHIPPED = Path(__file__).parents[2] / "personas"


def test_tag_reads_jsonl_and_keeps_order() -> None:
    lines = [
        {"text": "What would make this half hour worthwhile for you?"},
        {"text": "So you're worn out and nobody has noticed.", "context": "I'm worn out. Nobody notices."},
        {"text": "Nice weather today."},
        {"text": "Why don't you just tell him no?"},
    ]
    result = run_rapport("tag", "-", stdin="\n".join(json.dumps(line) for line in lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [item["text"] for item in out] == [line["text"] for line in lines]
    assert all(set(item) == {"text", "moves"} for item in out)
    assert "goal" in out[0]["moves"]
    assert "reflection" in out[1]["moves"]
    assert out[2]["moves"] == []
    assert "advice" in out[3]["moves"]


def test_tag_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "turns.jsonl"
    path.write_text(json.dumps({"text": "Can I share something I noticed?"}) + "\n")
    result = invoke_rapport("tag", str(path))
    assert result.returncode == 0
    assert json.loads(result.stdout)["moves"] == ["permission"]


@pytest.mark.parametrize("bad", ["not json", '{"context": "no text"}', '{"text": 5}', "[1, 2]"])
def test_tag_rejects_bad_lines_clearly(bad: str) -> None:
    result = invoke_rapport("tag", stdin=json.dumps({"text": "Hello"}) + "\n" + bad + "\n")
    assert result.returncode == 2
    assert "line 2" in result.stderr
    assert json.loads(result.stdout.splitlines()[0]) == {"text": "Hello", "moves": []}


def test_personas_json_contract() -> None:
    result = run_rapport("personas", "--json")
    assert result.returncode == 0, result.stderr
    personas = json.loads(result.stdout)
    assert len(personas) >= 3
    for persona in personas:
        assert set(persona) == {"id", "name", "disclosures"}
        for disclosure in persona["disclosures"]:
            assert set(disclosure) == {"id", "level", "requires_permission", "topic", "text"}
            assert 1 <= disclosure["level"] <= 4


def test_personas_plain_lists_every_persona() -> None:
    result = invoke_rapport("personas")
    assert result.returncode == 0
    assert "priya-team-lead" in result.stdout


def test_rehearse_json_contract() -> None:
    script = SCRIPTS / "priya-team-lead" / "skilled.json"
    result = run_rapport("rehearse", "--persona", "priya-team-lead", "--script", str(script), "--json")
    assert result.returncode == 0, result.stderr
    run = json.loads(result.stdout)
    assert set(run) == {"persona", "turns", "transcript"}
    assert run["persona"] == "priya-team-lead"
    learner_turns = json.loads(script.read_text())
    assert [turn["learner"] for turn in run["turns"]] == learner_turns
    for turn in run["turns"]:
        assert set(turn) == {"learner", "moves", "trust", "level", "coachee", "disclosed"}
        assert isinstance(turn["trust"], float) and turn["level"] in range(5) and turn["coachee"]
    speakers = [u["speaker"] for u in run["transcript"]["turns"]]
    assert speakers == ["coach", "client"] * len(learner_turns)
    assert [u["text"] for u in run["transcript"]["turns"][1::2]] == [t["coachee"] for t in run["turns"]]


def test_rehearse_plain_shows_the_trust_trace() -> None:
    script = SCRIPTS / "priya-team-lead" / "skilled.json"
    result = invoke_rapport("rehearse", "--persona", "priya-team-lead", "--script", str(script))
    assert result.returncode == 0
    assert "trust" in result.stdout and "agreed what the client wants from the session" in result.stdout


def test_rehearse_is_deterministic() -> None:
    # Two processes, so that anything hashed differently in each (set order) would show.
    script = str(SCRIPTS / "dewi-teacher" / "skilled.json")
    first = run_rapport("rehearse", "--persona", "dewi-teacher", "--script", script, "--json")
    second = run_rapport("rehearse", "--persona", "dewi-teacher", "--script", script, "--json")
    assert first.stdout == second.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('{"turns": []}', "JSON array"), ('["ok", ""]', "JSON array")],
)
def test_rehearse_rejects_bad_scripts(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "script.json"
    path.write_text(content)
    result = invoke_rapport("rehearse", "--persona", "priya-team-lead", "--script", str(path), "--json")
    assert result.returncode == 2
    assert message in result.stderr and result.stdout == ""


DEEP = "[" * 100_000  # the JSON parser recurses once per level: this was a RecursionError traceback


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[]", "the script has no turns"),
        (DEEP, "nested too deeply"),
        (json.dumps(["Hello.", "x" * 2001]), "turn 2: Your message has 2001 characters; the limit is 2000"),
        (b'["caf\xe9?"]', "not UTF-8"),
    ],
    ids=["empty", "deep", "too-long", "latin-1"],
)
def test_rehearse_rejects_unusable_scripts_clearly(
    tmp_path: Path, content: str | bytes, message: str
) -> None:
    path = tmp_path / "script.json"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    result = invoke_rapport("rehearse", "--persona", "priya-team-lead", "--script", str(path), "--json")
    assert result.returncode == 2
    assert f"error: {path}: " in result.stderr and message in result.stderr
    assert result.stdout == ""


def test_rehearse_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "script.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(["What would you like from today?"]).encode())
    result = invoke_rapport("rehearse", "--persona", "priya-team-lead", "--script", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert [turn["learner"] for turn in json.loads(result.stdout)["turns"]] == [
        "What would you like from today?"
    ]


def test_tag_reports_a_line_that_is_not_utf8_or_nested_too_deeply(tmp_path: Path) -> None:
    hello = json.dumps({"text": "Hello"}).encode() + b"\n"
    for bad, message in [
        (b'{"text": "caf\xe9"}\n', "line 2: not UTF-8"),
        (DEEP.encode(), "line 2: not valid JSON"),
    ]:
        path = tmp_path / "turns.jsonl"
        path.write_bytes(b"\xef\xbb\xbf" + hello + bad + hello)  # a byte-order mark is accepted
        result = invoke_rapport("tag", str(path))
        assert result.returncode == 2 and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert [json.loads(line) for line in result.stdout.splitlines()] == [{"text": "Hello", "moves": []}]


def test_rehearse_unknown_persona() -> None:
    result = invoke_rapport(
        "rehearse", "--persona", "nobody", "--script", str(SCRIPTS / "priya-team-lead" / "skilled.json")
    )
    assert result.returncode == 2
    assert "unknown persona 'nobody'" in result.stderr and "priya-team-lead" in result.stderr


def test_practice_in_a_terminal_session() -> None:
    typed = "\n".join(["What would you like to get out of today?", "/rewind 1", "Hello.", "/end"]) + "\n"
    result = run_rapport("practice", "--persona", "marcus-engineer", stdin=typed)
    assert result.returncode == 0, result.stderr
    assert "Marcus" in result.stdout
    assert "(rewound: 0 turns kept)" in result.stdout
    assert "[1] Coach: Hello." in result.stdout


def test_practice_next_starts_the_follow_up_session_with_the_same_client() -> None:
    typed = "\n".join(
        [
            "What would you like to get out of today?",
            "/next",
            "What would you like to get out of today, after last time?",
            "/end",
        ]
    )
    result = invoke_rapport("practice", "--persona", "marcus-engineer", stdin=typed + "\n")
    assert result.returncode == 0, result.stderr
    second = result.stdout.split("--- Session 2 with Marcus")[1]
    assert "Hello again. Last time we agreed what I wanted to get out of this." in second
    assert "checked in on what was agreed last session (goal)" in second


def test_practice_next_with_nothing_said_ends_there() -> None:
    result = invoke_rapport("practice", "--persona", "marcus-engineer", stdin="/next\n")
    assert result.returncode == 0, result.stderr
    assert "Session 2" not in result.stdout


def test_practice_refuses_an_overlong_message_and_carries_on() -> None:
    typed = "\n".join(["x" * 2001, "Hello.", "/end"]) + "\n"
    result = invoke_rapport("practice", "--persona", "marcus-engineer", stdin=typed)
    assert result.returncode == 0, result.stderr
    assert "(Your message has 2001 characters; the limit is 2000." in result.stdout
    assert "[1] Coach: Hello." in result.stdout and "x" * 2001 not in result.stdout


def test_practice_refuses_bytes_that_are_not_utf8_and_carries_on() -> None:
    result = subprocess.run(
        [RAPPORT, "practice", "--persona", "marcus-engineer"],
        input=b"caf\xe9?\nHello.\n/end\n",  # a Latin-1 terminal; this once crashed the move reader
        capture_output=True,
        timeout=120,
        env={**os.environ, **OFFLINE},
        check=False,
    )
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "(Your message contains characters that are not text" in out
    assert "[1] Coach: Hello." in out and "caf" not in out


def test_practice_asks_for_a_persona() -> None:
    result = run_rapport("practice", stdin="2\n/end\n")
    assert result.returncode == 0
    assert "Who would you like to coach?" in result.stdout


def test_bad_persona_file_warns_but_the_rest_work(tmp_path: Path) -> None:
    shipped = sorted(SHIPPED.glob("*.yaml"))
    for path in shipped:
        (tmp_path / path.name).write_text(path.read_text())
    (tmp_path / "broken.yaml").write_text("id: broken\n")
    result = invoke_rapport("personas", "--json", env={"RAPPORT_PERSONAS_DIR": str(tmp_path)})
    assert result.returncode == 0
    assert "broken.yaml" in result.stderr and "name" in result.stderr
    assert sorted(p["id"] for p in json.loads(result.stdout)) == [path.stem for path in shipped]


@pytest.mark.parametrize("folder", ["broken", "missing"])
def test_serve_names_each_bad_persona_file_and_refuses_to_start_with_none(
    tmp_path: Path, folder: str
) -> None:
    personas, data = tmp_path / "personas", tmp_path / "data"
    bad = {"no-name.yaml": "id: no-name\n", "not-yaml.yaml": "id: [unclosed\n"} if folder == "broken" else {}
    if bad:
        personas.mkdir()
    for name, text in bad.items():
        (personas / name).write_text(text)
    env = {"RAPPORT_PERSONAS_DIR": str(personas), "RAPPORT_DATA_DIR": str(data)}
    # Before, the server started (and ran until the timeout) and then failed every chat.
    result = run_rapport("serve", "--port", str(free_port()), env=env, timeout=60)
    assert result.returncode == 2
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    named = [str(personas / name) for name in bad] or [f"{personas}: (file): directory not found"]
    assert len(warnings) == len(named) and all(any(n in w for w in warnings) for n in named), result.stderr
    assert f"error: no usable persona in {personas}, so no chat could start" in result.stderr
    assert not data.exists()  # refused before anything was made


def test_serve_names_a_bad_persona_file_and_starts_with_the_good_ones(tmp_path: Path) -> None:
    personas, data = tmp_path / "personas", tmp_path / "data"
    personas.mkdir()
    (personas / "marcus-engineer.yaml").write_text((SHIPPED / "marcus-engineer.yaml").read_text())
    (personas / "no-name.yaml").write_text("id: no-name\n")
    env = {**os.environ, **OFFLINE, "RAPPORT_PERSONAS_DIR": str(personas), "RAPPORT_DATA_DIR": str(data)}
    port = free_port()
    with subprocess.Popen(
        [RAPPORT, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as server:
        try:
            assert server.stdout is not None and server.stderr is not None
            running = f"Rapport is running at http://127.0.0.1:{port}"
            assert any(running in line for line in iter(server.stdout.readline, ""))  # stops at the line
        finally:
            server.terminate()
        log = server.stderr.read()
    assert log.count("warning: persona file not loaded: ") == 1
    assert (
        f"warning: persona file not loaded: {personas / 'no-name.yaml'}:1: name: Field required (and " in log
    )


def test_a_bad_setting_is_named_with_its_reason_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RAPPORT_LLM_PROVIDER", "bogus")
    monkeypatch.setattr("sys.argv", ["rapport", "tag", "Hello."])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: setting RAPPORT_LLM_PROVIDER: Value error, unknown provider 'bogus'")
    assert "one of offline, openai" in err and "Traceback" not in err
