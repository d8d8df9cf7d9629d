"""Offline replies at a reading pace. The scripted voice has every word at once, so a reply arrived in two
pieces (the first word, then the rest, `Paced`); here its words are let through no faster than a person
reads a chat, so it streams as a model's reply would. Words slower than that (a model) pass untouched."""

from __future__ import annotations

import asyncio

from app.voice.reply import Show


def at_reading_pace(show: Show, words_per_second: float) -> Show:
    """`show`, letting words through no faster than `words_per_second` (the default setting, 25, is brisk
    reading: a 30-word reply takes a little over a second); 0 lets them through as they come."""
    if words_per_second <= 0:
        return show
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
