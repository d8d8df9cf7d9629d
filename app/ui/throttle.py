"""Password-guess throttling: after too many failed logins in a window, for one account name or from one
address, further attempts are refused (429, with when to try again) without checking the password at all.

Counted in memory, per server process: it slows guessing down, it is not an audit log. Behind a proxy every
login comes from the proxy's address; the per-account limit still holds."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

WINDOW = 15 * 60.0  # seconds a failure counts
PER_ACCOUNT = 5  # failures for one account name within the window
PER_ADDRESS = 20  # failures from one address within the window, whatever the names
MAX_KEYS = 100_000  # names and addresses remembered at most: beyond, the oldest are forgotten


class Throttle:
    def __init__(
        self, limit: int, window: float = WINDOW, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, key: str) -> deque[float]:
        failures = self._failures.get(key, deque())
        cutoff = self.clock() - self.window
        while failures and failures[0] <= cutoff:
            failures.popleft()
        if not failures:
            self._failures.pop(key, None)
        return failures

    def wait(self, key: str) -> float:
        """Seconds until `key` may try again; 0 when it may now."""
        failures = self._recent(key)
        if len(failures) < self.limit:
            return 0.0
        return max(0.0, failures[-self.limit] + self.window - self.clock())

    def failed(self, key: str) -> None:
        if key not in self._failures and len(self._failures) >= MAX_KEYS:
            del self._failures[next(iter(self._failures))]
        self._failures.setdefault(key, deque()).append(self.clock())

    def forget(self, key: str) -> None:
        self._failures.pop(key, None)


class LoginThrottle:
    """Both limits together: an attempt waits for whichever is longer."""

    def __init__(self) -> None:
        self.accounts = Throttle(PER_ACCOUNT)
        self.addresses = Throttle(PER_ADDRESS)

    def wait(self, name: str, address: str) -> float:
        return max(self.accounts.wait(name.lower()), self.addresses.wait(address))

    def failed(self, name: str, address: str) -> None:
        self.accounts.failed(name.lower())
        self.addresses.failed(address)

    def succeeded(self, name: str) -> None:
        self.accounts.forget(name.lower())
