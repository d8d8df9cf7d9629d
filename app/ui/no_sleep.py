"""Chainlit's `Message.__init__` and `Step.__init__` call `time.sleep(0.001)`, which blocks the event loop: every
chat on the server stops for at least a millisecond, three times a turn. Under 200 learners that was a quarter
of the loop's busy time (py-spy, bench/README.md). The sleep only keeps the `created_at` of consecutive messages
and steps apart (Chainlit orders them by it, to the microsecond), so waiting for the clock's next microsecond
keeps that and costs about one."""

from __future__ import annotations

import importlib
import time
from types import ModuleType
from typing import Any


def next_microsecond(_seconds: float = 0.0) -> None:
    """Return once the wall clock (which Chainlit's timestamps read) has moved to another microsecond."""
    start = time.time_ns() // 1000
    while time.time_ns() // 1000 == start:
        pass


class _Time(ModuleType):
    """The `time` module as those two Chainlit modules see it: the same, but for `sleep`."""

    sleep = staticmethod(next_microsecond)

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


def install() -> None:
    # By name: the package's `chainlit.step` attribute is the @step decorator, not the module.
    for name in ("chainlit.message", "chainlit.step"):
        importlib.import_module(name).time = _Time("time")  # type: ignore[attr-defined]
