"""Typed columns: a status stored as its enum's string value, a JSON column stored as a pydantic model's JSON,
and the one converter from a mapped row to the record the store hands out.

The database sees exactly what it saw before these types (a VARCHAR holding 'active', a JSON document): the
types only check what is written and give back enums and models instead of bare strings and dicts, so no
migration was needed and Alembic's comparison of the tables with the migrations is unchanged."""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import JSON, String, TypeDecorator, inspect
from sqlalchemy.engine import Dialect

E = TypeVar("E", bound=StrEnum)
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class EnumString(TypeDecorator[E]):
    """A StrEnum in a VARCHAR: its value is written (an unknown one is refused), the member is read back."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        return None if value is None else self.enum(value)


class ModelJSON(TypeDecorator[M]):
    """A pydantic model in a JSON column: validated and dumped as JSON on the way in (a dict of the model's
    shape is accepted and checked), validated on the way out."""

    impl = JSON
    cache_ok = True

    def __init__(self, model: type[M], *, exclude_none: bool = False) -> None:
        super().__init__()
        self.model = model
        self.exclude_none = exclude_none  # a None field is left out of the JSON rather than written as null

    def process_bind_param(self, value: M | dict[str, Any] | None, dialect: Dialect) -> dict[str, Any] | None:
        if value is None:
            return None
        model = value if isinstance(value, self.model) else self.model.model_validate(value)
        return model.model_dump(mode="json", exclude_none=self.exclude_none)

    def process_result_value(self, value: Any, dialect: Dialect) -> M | None:
        return None if value is None else self.model.model_validate(value)


def from_row(record: type[T], row: object, **extra: Any) -> T:
    """The dataclass `record` made from a mapped row: every field named like one of the row's columns takes
    its value, `extra` gives the rest (values from joined tables) and wins over a column of the same name.
    A new column reaches the record by adding the field to the record: nothing copies it by hand."""
    columns = {attribute.key for attribute in inspect(row).mapper.column_attrs}
    names = {field.name for field in dataclasses.fields(record)}  # type: ignore[arg-type]
    values = {name: getattr(row, name) for name in names & columns if name not in extra}
    return record(**values, **extra)
