"""The "openai" provider: any server that speaks the OpenAI chat-completions API (OpenAI, Azure OpenAI,
Ollama, vLLM, LM Studio, llama.cpp's server), as a LangChain chat model."""

import asyncio
from typing import Any
from weakref import WeakKeyDictionary

import httpx2
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from app.config import Settings

# Local servers (Ollama, llama.cpp, vLLM) accept any key but the client insists on one.
LOCAL_KEY = "not-needed"


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


def openai_chat_model(settings: Settings) -> ChatOpenAI:
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
