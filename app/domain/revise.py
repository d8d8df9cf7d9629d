"""A changed copy of a pydantic model, checked as a new one would be.

Pydantic's `model_copy(update={...})` takes any key and any value as they are: a misspelt field is set on the
copy and never read, a wrong type goes through unseen. Every copy-with-changes in the core goes through here."""

from typing import TypeVar

from pydantic import BaseModel

Model = TypeVar("Model", bound=BaseModel)


def revised(model: Model, **changes: object) -> Model:
    """`model` with `changes`: unknown field names are refused, and every value is validated."""
    unknown = changes.keys() - type(model).model_fields.keys()
    if unknown:
        raise TypeError(f"{type(model).__name__} has no field {', '.join(sorted(unknown))}")
    return type(model).model_validate({**dict(model), **changes})
