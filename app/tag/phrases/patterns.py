"""One case-insensitive pattern from several alternatives. Pure."""

import re


def any_of(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
