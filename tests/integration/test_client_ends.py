"""A client who ends the session ends it everywhere: `rapport practice` stops and shows the trace, and
`rapport rehearse` leaves the rest of the script unsaid (issue 11, part 3)."""

import json
from pathlib import Path

from tests.support.cli import invoke_rapport

GOSSIP = [
    "Between you and me, the head of HR told me last week they think you've been struggling a bit.",
    "Honestly, the head of HR and the finance director can't stand each other. Everyone knows.",
]
AFTER = "So, how has your week been?"


def test_practice_stops_when_the_client_ends_the_session() -> None:
    typed = "\n".join([*GOSSIP, AFTER, "/end"]) + "\n"
    result = invoke_rapport("practice", "--persona", "priya-team-lead", stdin=typed)
    assert result.returncode == 0, result.stderr
    assert "(Priya Raman has ended the session.)" in result.stdout
    assert f"Coach: {AFTER}" not in result.stdout  # the trace holds the two turns, not the third


def test_rehearse_leaves_the_rest_of_the_script_unsaid(tmp_path: Path) -> None:
    script = tmp_path / "gossip.json"
    script.write_text(json.dumps([*GOSSIP, AFTER]))
    result = invoke_rapport("rehearse", "--persona", "priya-team-lead", "--script", str(script), "--json")
    assert result.returncode == 0, result.stderr
    turns = json.loads(result.stdout)["turns"]
    assert [turn["learner"] for turn in turns] == GOSSIP
