from pathlib import Path

import pytest

from app.direct.brief import voice_request
from app.domain.acts import Act, ActKind
from app.domain.persona import Persona
from app.domain.transcript import Utterance
from app.domain.voicing import VoiceRequest
from app.files.loader import load_file

DATA = Path(__file__).parent / "data"

# Fixtures of the practice app (databases, servers) live in tests/support.
pytest_plugins = ["tests.support.databases", "tests.stub_llm"]


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
