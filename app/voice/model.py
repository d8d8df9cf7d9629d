"""The chat model of the "openai" provider: how it is built, how calls are retried, how failures are named.

Shared by the LLM voice and the LLM-assisted tagger. Any server that speaks the OpenAI chat-completions API
works: OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio, llama.cpp's server.
"""

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar
from weakref import WeakKeyDictionary

import httpx2
import openai
from langchain_openai import ChatOpenAI
from pydantic import SecretStr
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from app.config import Settings
from app.voice.reply import VoiceFault

P = ParamSpec("P")
T = TypeVar("T")

# Local servers (Ollama, llama.cpp, vLLM) accept any key but the client insists on one.
LOCAL_KEY = "not-needed"
FIRST_WAIT = 0.25  # seconds before the first retry; doubles each time
DEADLINE = 45.0  # seconds for a whole call, every try and wait included: the default of RAPPORT_LLM_DEADLINE
LONGEST_WAIT = (
    2.0  # a turn is interactive: never wait longer than this between tries, whatever Retry-After says
)


class PerLoopTransport(httpx2.AsyncBaseTransport):
    """Pooled connections belong to the event loop that opened them, and LangChain shares one async client per
    base URL across the process. One pool per loop lets a voice serve any loop (a loop per test, asyncio.run
    per call), not only the first one it ran in."""

    def __init__(self) -> None:
        self.pools: WeakKeyDictionary[asyncio.AbstractEventLoop, httpx2.AsyncHTTPTransport] = (
            WeakKeyDictionary()
        )

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        loop = asyncio.get_running_loop()
        pool = self.pools.get(loop)
        if pool is None:
            pool = self.pools[loop] = httpx2.AsyncHTTPTransport()
        return await pool.handle_async_request(request)

    async def aclose(self) -> None:
        pool = self.pools.pop(asyncio.get_running_loop(), None)
        if pool is not None:
            await pool.aclose()


def chat_model(settings: Settings) -> ChatOpenAI:
    limit = settings.max_tokens
    # ChatOpenAI sends max_tokens as "max_completion_tokens", which api.openai.com wants but older local
    # servers ignore (llama.cpp then generates until its context is full); they read "max_tokens" instead.
    length: dict[str, Any] = (
        {"max_tokens": limit} if settings.openai_base_url is None else {"extra_body": {"max_tokens": limit}}
    )
    return ChatOpenAI(
        model=settings.model,
        api_key=settings.openai_api_key or SecretStr(LOCAL_KEY),
        base_url=settings.openai_base_url,
        temperature=settings.temperature,
        timeout=settings.llm_timeout,
        max_retries=0,  # retried here instead, with a bound a waiting learner can live with
        http_async_client=httpx2.AsyncClient(transport=PerLoopTransport()),
        **length,
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


@contextmanager
def faults() -> Iterator[None]:
    """Turn whatever a model call raised into a VoiceFault that says why."""
    try:
        yield
    except VoiceFault:
        raise
    except Exception as error:
        raise VoiceFault(describe(error)) from error
