"""Who an account is in the practice app: a learner practises, an instructor sets work and reads the grades."""

from enum import StrEnum


class Role(StrEnum):
    LEARNER = "learner"
    INSTRUCTOR = "instructor"
