"""Offline replies at a reading pace. The scripted voice has every word at once, so a reply arrived in two
pieces (the first word, then the rest, `Paced`); here its words are let through no faster than a person
reads a chat, so it streams as a model's reply would. Words slower than that (a model) pass untouched."""

from __future__ import annotations

import asyncio

from app.voice.reply import Show

WORDS_PER_SECOND = 25.0  # brisk reading: a 30-word reply takes a little over a second


def at_reading_pace(show: Show, words_per_second: float = WORDS_PER_SECOND) -> Show:
    loop = asyncio.get_running_loop()
    started: float | None = None
    words = 0

    async def paced(piece: str) -> None:
        nonlocal started, words
        now = loop.time()
        if started is None:
            started = now
        wait = started + words / words_per_second - now
        if wait > 0:  # ahead of the pace: this word is due a little later
            await asyncio.sleep(wait)
        words += len(piece.split())
        await show(piece)

    return paced
