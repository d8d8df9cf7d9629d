"""Copies with changes in the core are checked as new models are."""

import pytest
from pydantic import ValidationError

from app.domain.revise import revised
from app.domain.trust_state import TrustState


def test_a_revision_keeps_what_it_does_not_change() -> None:
    state = TrustState(trust=20, erosions=1, disclosed=["dad"])
    later = revised(state, trust=35.5)
    assert (later.trust, later.erosions, later.disclosed) == (35.5, 1, ["dad"])
    assert state.trust == 20  # the original is untouched


def test_a_misspelt_field_is_refused() -> None:
    with pytest.raises(TypeError, match="TrustState has no field trsut"):
        revised(TrustState(trust=20), trsut=35)


def test_a_value_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(ValidationError, match="erosions"):
        revised(TrustState(trust=20), erosions="several")
