"""The tables of a cohort view's CSV export, by name: `rapport cohort-view --table` and the page's downloads.
Kept apart from the export itself so the command's options are known without loading the store."""

from enum import StrEnum


class Table(StrEnum):
    LEARNERS = "learners"
    ASSIGNMENTS = "assignments"
    COSTS = "costs"
