import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.direct.brief import voice_request
from app.domain.acts import Act, ActKind
from app.domain.persona import Persona
from app.domain.transcript import Utterance
from app.domain.voicing import VoiceRequest
from app.files.loader import load_file
from tests.support.server import RapportServer

DATA = Path(__file__).parent / "data"

# Offline replies appear at once in tests, in this process and in the servers tests start, instead of at a
# reading pace (a second or more a reply, most of the suite's waiting); the pace has its own test
# (test_ui_handlers.py::test_offline_replies_stream_word_by_word_at_a_reading_pace).
os.environ.setdefault("RAPPORT_READING_PACE", "0")

# Fixtures of the practice app (databases, servers) live in tests/support.
pytest_plugins = ["tests.support.databases", "tests.support.stub_llm"]


POSTGRES_FIXTURES = {"postgres_url", "module_postgres_url", "migrated_postgres"}


LAYERS = ("unit", "integration", "e2e")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by its folder (unit, integration, e2e) and by what it needs, so a quick local run can
    leave the slow parts out (`pytest -m unit`, `pytest -m "not browser and not postgres"`); `make test` runs
    everything."""
    for item in items:
        layer = next((part for part in item.path.parts if part in LAYERS), None)
        if layer is not None:
            item.add_marker(getattr(pytest.mark, layer))
        if layer == "e2e":
            item.add_marker(pytest.mark.browser)
        fixtures = set(getattr(item, "fixturenames", ()))
        params = getattr(getattr(item, "callspec", None), "params", {})
        if fixtures & POSTGRES_FIXTURES or "postgresql" in params.values():
            item.add_marker(pytest.mark.postgres)


SERVER_LOG_TAIL = 6000  # characters of each server's log shown with a failed test


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failed test that talked to `rapport serve` processes shows the end of each one's log: what the page or
    client saw is only half of a failure (the servers' files are gone once pytest prunes old runs)."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    if report.when != "call" or not report.failed:
        return
    for server in _servers_of(getattr(item, "funcargs", {})):
        if server.log.exists():
            report.sections.append(
                (f"log of rapport serve on {server.url}", server.log.read_text()[-SERVER_LOG_TAIL:])
            )


def _servers_of(funcargs: dict[str, object]) -> list[RapportServer]:
    """The servers among a test's fixtures: a server, a cluster's servers, or a fixture's `server`."""
    found: list[RapportServer] = []
    for value in funcargs.values():
        candidates = [value, getattr(value, "server", None), *getattr(value, "servers", [])]
        found += [c for c in candidates if isinstance(c, RapportServer) and c not in found]
    return found


@pytest.fixture(scope="session")
def sam() -> Persona:
    return load_file(DATA / "personas" / "sam-fixture.yaml", Persona)


@pytest.fixture
def reveal(sam: Persona) -> VoiceRequest:
    """Sam's turn 2: the coach asks how Sam really is and the director unlocks the "tired" disclosure."""
    history = [
        Utterance(speaker="client", text="Hi."),
        Utterance(speaker="coach", text="How are you, really?"),
    ]
    return voice_request(sam, Act(kind=ActKind.REVEAL, level=1, disclosure="tired"), history, seed=3, turn=2)
