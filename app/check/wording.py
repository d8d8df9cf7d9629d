"""How the simulated coaches vary their words. Pure.

Real trainees do not repeat one stock phrase, so every coach move has several wordings. Which one is used is
chosen from the seed and how many times the move has been made: each seed shuffles a move's wordings once,
and the coach walks through that order, so a run only repeats a wording after using all of them and two
seeds word the same run differently. `random.Random` with a string seed is the same on every machine and in
every process (it does not depend on PYTHONHASHSEED)."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import cache


@cache
def _order(slot: str, size: int, seed: int) -> tuple[int, ...]:
    order = list(range(size))
    random.Random(f"{slot}/{size}/{seed}").shuffle(order)
    return tuple(order)


def pick(options: Sequence[str], seed: int, slot: str, uses: int) -> str:
    """The wording for the `uses`-th time (0-based) this run makes the move called `slot`."""
    if not options:
        raise ValueError(f"no wordings for {slot!r}")
    order = _order(slot, len(options), seed)
    return options[order[uses % len(options)]]


# --- a novice's typing -------------------------------------------------------------------------------------

_CASUAL = {
    "you": "u", "your": "ur", "you're": "ur", "you've": "youve", "you'd": "youd", "you'll": "youll",
    "that's": "thats", "it's": "its", "i'm": "im", "i've": "ive", "don't": "dont", "didn't": "didnt",
    "can't": "cant", "isn't": "isnt", "wasn't": "wasnt", "what's": "whats", "because": "cos",
    "really": "rly", "probably": "prob", "okay": "ok", "though": "tho",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


def casual(text: str) -> str:
    """Text as a hurried novice types it: lower case, apostrophes and vowels dropped, no full stop at the end.
    Only forms a reader of chat already meets ("u", "ur", "dont", "rly"), so the words stay the client's."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0).lower().replace("’", "'")
        return _CASUAL.get(word, word)

    return _WORD.sub(swap, text).rstrip(".")
