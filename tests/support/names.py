"""Names (of accounts, cohorts, platforms...) no other test of the run has used, on a database the tests of a
module share."""

import uuid


def unique(prefix: str) -> str:
    """`prefix` and a random suffix. Not `id(some_object)`: CPython gives a freed object's id to the next one,
    so two tests in a row once made the same name and the second failed at set-up ("already exists")."""
    return f"{prefix}{uuid.uuid4().hex[:8]}"
