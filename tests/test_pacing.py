"""Paced: a streamed reply passed on in fewer pieces, none lost, none held back for long."""

import asyncio

from app.voice.pacing import Paced


class Clock:
    """What was sent, and when (seconds since the start)."""

    def __init__(self) -> None:
        self.sent: list[tuple[float, str]] = []
        self.start = asyncio.get_running_loop().time()

    async def send(self, text: str) -> None:
        self.sent.append((asyncio.get_running_loop().time() - self.start, text))


async def test_the_first_piece_goes_at_once_and_a_burst_goes_together() -> None:
    clock = Clock()
    paced = Paced(clock.send, interval=0.2)
    words = ["Well", " it", " has", " been", " a", " long", " week."]
    for word in words:
        await paced.show(word)
    assert clock.sent == [(clock.sent[0][0], "Well")]  # the rest waits for the interval
    await paced.close()
    assert [text for _, text in clock.sent] == ["Well", " it has been a long week."]


async def test_a_slow_stream_is_not_held_back_past_the_interval() -> None:
    clock = Clock()
    paced = Paced(clock.send, interval=0.05)
    await paced.show("One")
    await paced.show(" two")  # inside the interval: waits for the timer, not for the next word
    await asyncio.sleep(0.3)
    assert [text for _, text in clock.sent] == ["One", " two"]
    assert clock.sent[1][0] < 0.25
    await paced.show(" three")  # long after: at once
    assert clock.sent[-1][1] == " three"
    await paced.close()
    assert "".join(text for _, text in clock.sent) == "One two three"


async def test_cancel_drops_a_pending_send() -> None:
    clock = Clock()
    paced = Paced(clock.send, interval=0.05)
    await paced.show("One")
    await paced.show(" two")
    paced.cancel()
    await asyncio.sleep(0.1)
    assert [text for _, text in clock.sent] == ["One"]
