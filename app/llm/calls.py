"""How a model call is made: retried with a bound a waiting learner can live with, run from synchronous code,
and its failures named for the learner. Shared by the LLM voice and the LLM-assisted tagger."""

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

import httpx2
import openai
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

P = ParamSpec("P")
T = TypeVar("T")

FIRST_WAIT = 0.25  # seconds before the first retry; doubles each time
DEADLINE = 45.0  # seconds for a whole call, every try and wait included: the default of RAPPORT_LLM_DEADLINE
LONGEST_WAIT = (
    2.0  # a turn is interactive: never wait longer than this between tries, whatever Retry-After says
)


def transient(error: BaseException) -> bool:
    """Worth another try: timeouts, dropped or refused connections, rate limits and server errors."""
    if isinstance(error, openai.APIStatusError):
        return error.status_code in (408, 409, 429) or error.status_code >= 500
    # TimeoutError: no first words within the time a try has (app/voice/llm.py).
    return isinstance(error, openai.APIConnectionError | httpx2.TransportError | TimeoutError)


def _wait(state: RetryCallState) -> float:
    """Exponential backoff, or the server's Retry-After when it gives one; never more than LONGEST_WAIT."""
    error = state.outcome.exception() if state.outcome else None
    backoff: float = FIRST_WAIT * 2 ** (state.attempt_number - 1)
    if isinstance(error, openai.APIStatusError):
        headers = error.response.headers
        try:
            if "retry-after-ms" in headers:
                backoff = float(headers["retry-after-ms"]) / 1000
            elif "retry-after" in headers:
                backoff = float(headers["retry-after"])
        except ValueError:
            pass  # an HTTP date: keep the backoff
    return max(0.0, min(backoff, LONGEST_WAIT))


def _policy(retries: int) -> dict[str, Any]:
    return {
        "stop": stop_after_attempt(retries + 1),
        "wait": _wait,
        "retry": retry_if_exception(transient),
        "reraise": True,
    }


async def acall(retries: int, fn: Callable[P, Awaitable[T]], *args: P.args, **kwargs: P.kwargs) -> T:
    return await AsyncRetrying(**_policy(retries))(fn, *args, **kwargs)


def blocking(work: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end from synchronous code, also when this thread already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work).result()


def call_within(
    deadline: float, retries: int, fn: Callable[P, Awaitable[T]], *args: P.args, **kwargs: P.kwargs
) -> T:
    """`acall` from synchronous code, the whole call (every try and wait) bounded by `deadline` seconds: a
    client's timeout bounds each read, and a server that sends a byte now and then never trips it."""

    async def bounded() -> T:
        async with asyncio.timeout(deadline):
            return await acall(retries, fn, *args, **kwargs)

    return blocking(bounded())


def describe(error: BaseException) -> str:
    """The learner-facing reason for a failed model call."""
    if isinstance(error, openai.APITimeoutError | httpx2.TimeoutException | TimeoutError):
        return "the model timed out"
    if isinstance(error, openai.RateLimitError):
        return "the model is rate-limited (HTTP 429)"
    if isinstance(error, openai.APIStatusError):
        if error.status_code >= 500:
            return f"the model server failed (HTTP {error.status_code})"
        if error.status_code in (401, 403):
            return f"the model server refused the API key (HTTP {error.status_code}); check OPENAI_API_KEY"
        return f"the model server rejected the request (HTTP {error.status_code})"
    if isinstance(error, openai.APIConnectionError | httpx2.TransportError):
        return "the model server could not be reached"
    return f"the model's answer could not be read ({type(error).__name__})"
