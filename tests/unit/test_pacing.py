"""Paced: a streamed reply passed on in fewer pieces, none lost, none held back for long."""

import asyncio

from app.voice.pacing import Paced

WAIT = 10.0  # how long a test waits for a piece that must come, however busy the machine


class Clock:
    """What was sent, and when (seconds since the start); `arrived` is set on every piece."""

    def __init__(self) -> None:
        self.sent: list[tuple[float, str]] = []
        self.start = asyncio.get_running_loop().time()
        self.arrived = asyncio.Event()

    async def send(self, text: str) -> None:
        self.sent.append((asyncio.get_running_loop().time() - self.start, text))
        self.arrived.set()

    async def pieces(self, count: int) -> list[str]:
        """The pieces sent, once there are `count` of them."""
        while len(self.sent) < count:
            self.arrived.clear()
            await asyncio.wait_for(self.arrived.wait(), WAIT)
        return [text for _, text in self.sent]


async def test_the_first_piece_goes_at_once_and_a_burst_goes_together() -> None:
    clock = Clock()
    paced = Paced(clock.send, interval=5.0)  # far longer than the burst takes, however busy the machine
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
    await paced.show(" two")  # inside the interval: goes with the timer, with no next word to carry it
    assert await clock.pieces(2) == ["One", " two"]
    await asyncio.sleep(paced.interval)  # let at least the interval pass (a sleep never ends early)
    await paced.show(" three")  # an interval after the last piece: at once, within the call
    assert clock.sent[-1][1] == " three"
    await paced.close()
    assert "".join(text for _, text in clock.sent) == "One two three"


async def test_cancel_drops_a_pending_send() -> None:
    clock = Clock()
    paced = Paced(clock.send, interval=0.05)
    await paced.show("One")
    await paced.show(" two")
    paced.cancel()
    await asyncio.sleep(2 * paced.interval)  # past when the dropped send was due
    assert [text for _, text in clock.sent] == ["One"] and paced._timer is None
