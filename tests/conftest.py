from pathlib import Path

import pytest

from app.domain.persona import Persona
from app.files.loader import load_file

DATA = Path(__file__).parent / "data"

# Fixtures of the practice app (databases, servers) live in tests/support.
pytest_plugins = ["tests.support.databases", "tests.stub_llm"]


@pytest.fixture(scope="session")
def sam() -> Persona:
    return load_file(DATA / "personas" / "sam-fixture.yaml", Persona)
