from pathlib import Path

import pytest

from app.domain.persona import Persona
from app.files.loader import load_file

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def sam() -> Persona:
    return load_file(DATA / "personas" / "sam-fixture.yaml", Persona)
