"""The app's own messages in the chat (briefs, notices, reports), as distinct from the client's words."""

import chainlit as cl

APP = "Rapport"  # the author shown on them


async def say(content: str) -> None:
    await cl.Message(author=APP, content=content).send()
