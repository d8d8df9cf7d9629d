"""`rapport lti`: keys, platform registrations and the review hold, with the error for each bad input (exit 2,
the reason on stderr, nothing stored)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import invoke_rapport, run_rapport

PLATFORM = [
    "--issuer", "https://moodle.example.edu", "--client-id", "kYp4d2nDq1cBzZf",
    "--auth-login-url", "https://moodle.example.edu/mod/lti/auth.php",
    "--token-url", "https://moodle.example.edu/mod/lti/token.php",
    "--jwks-url", "https://moodle.example.edu/mod/lti/certs.php", "--deployment-id", "3",
]  # fmt: skip


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"RAPPORT_DATA_DIR": str(tmp_path / "data")}


def ok(env: dict[str, str], *args: str) -> str:
    done = invoke_rapport(*args, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_keys_are_made_rotated_and_shown(env: dict[str, str]) -> None:
    none = invoke_rapport("lti", "keys", "show", env=env)
    assert none.returncode == 2 and "run `rapport lti keys rotate`" in none.stderr
    first = ok(env, "lti", "keys", "rotate").split()[-1]
    second = ok(env, "lti", "keys", "rotate").split()[-1]
    shown = json.loads(ok(env, "lti", "keys", "show"))
    assert [key["kid"] for key in shown["keys"]] == [second, first]  # the old one still listed
    assert all(key["alg"] == "RS256" and key["use"] == "sig" and "d" not in key for key in shown["keys"])


def test_the_installed_command_registers_a_platform(env: dict[str, str]) -> None:
    """The one run of `rapport lti` as a user runs it (a subprocess); the other tests run it in-process."""
    made = run_rapport("lti", "keys", "rotate", env=env)
    assert made.returncode == 0, made.stderr
    added = run_rapport("lti", "platform", "add", *PLATFORM, env=env)
    assert added.returncode == 0 and added.stdout.startswith("registered platform 1"), added.stderr
    assert [p["issuer"] for p in json.loads(ok(env, "lti", "platform", "list", "--json"))] == [PLATFORM[1]]


def test_a_platform_is_registered_listed_and_removed(env: dict[str, str]) -> None:
    assert ok(env, "lti", "platform", "add", *PLATFORM).startswith("registered platform 1")
    [listed] = json.loads(ok(env, "lti", "platform", "list", "--json"))
    assert listed["issuer"] == "https://moodle.example.edu" and listed["deployment_ids"] == ["3"]
    again = invoke_rapport("lti", "platform", "add", *PLATFORM, env=env)
    assert again.returncode == 2 and "already registered" in again.stderr
    assert ok(env, "lti", "platform", "remove", "1") == "removed platform 1\n"
    assert json.loads(ok(env, "lti", "platform", "list", "--json")) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lti", "platform", "add", *[a.replace("https://moodle.example.edu/mod/lti/certs.php", "certs.php") for a in PLATFORM]], "JWKS URL must be an http(s) URL"),
        (["lti", "platform", "remove", "7"], "no platform with id 7"),
        (["lti", "review", "7", "--hold"], "no assignment 7"),
    ],
)  # fmt: skip
def test_bad_input_says_what_is_wrong(env: dict[str, str], args: list[str], message: str) -> None:
    done = invoke_rapport(*args, env=env)
    assert done.returncode == 2 and message in done.stderr
    assert json.loads(ok(env, "lti", "platform", "list", "--json")) == []


def test_the_outbox_is_empty_without_an_lms(env: dict[str, str]) -> None:
    assert ok(env, "lti", "outbox") == ""
    assert ok(env, "lti", "outbox", "--send-now") == "sent 0, failed 0\n"
