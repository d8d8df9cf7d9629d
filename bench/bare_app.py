"""The comparison app for bench/load.py: bare Chainlit with password auth and two chat profiles, whose
on_message only waits for the stub model (STUB_URL, model STUB_MODEL) and streams its reply."""

import os

import chainlit as cl
from openai import AsyncOpenAI

client = AsyncOpenAI(base_url=os.environ["STUB_URL"], api_key="sk-bench")
MODEL = os.environ.get("STUB_MODEL", "normal@0.3")


@cl.password_auth_callback
async def login(username: str, password: str) -> cl.User | None:
    return cl.User(identifier=username, metadata={"role": "learner"})


@cl.set_chat_profiles
async def profiles(user: cl.User | None = None, language: str | None = None) -> list[cl.ChatProfile]:
    return [
        cl.ChatProfile(name="Maya", markdown_description="A stressed team lead.", default=True),
        cl.ChatProfile(name="Tom", markdown_description="A new manager."),
    ]


@cl.on_chat_start
async def start() -> None:
    await cl.Message(content="Hello.").send()


@cl.on_message
async def on_message(message: cl.Message) -> None:
    reply = cl.Message(content="")
    stream = await client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": message.content}], stream=True
    )
    async for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            await reply.stream_token(chunk.choices[0].delta.content)
    await reply.send()
