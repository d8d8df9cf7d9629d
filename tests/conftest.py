import os
from pathlib import Path

import pytest

from app.direct.brief import voice_request
from app.domain.acts import Act, ActKind
from app.domain.persona import Persona
from app.domain.transcript import Utterance
from app.domain.voicing import VoiceRequest
from app.files.loader import load_file

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
