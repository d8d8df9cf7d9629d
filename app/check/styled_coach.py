"""A skilled simulated coach speaking in a `Style`. Pure.

It contracts (confidentiality, and roles when it has a second one; what the client wants from the session; how
they would know it worked; why it matters; how they want to work), then listens in the rhythm of its style:
reflections that say back the client's words with the feeling they seem to carry, empathy, acknowledgement,
space, open questions, the odd check that the focus still holds. When the client touches on something and
pulls back, it asks permission, naming what they touched on; it thanks them for a yes, accepts a no and waits
several turns before asking about anything again. It never advises. A question never rides with a
reflection: a reflection may name a sensitive area, and a question into it, without permission, is a probe.

`pushes=True` makes the same coach press when the client says no (the "pusher")."""

from __future__ import annotations

from dataclasses import dataclass

from app.check.reading import CoachView, in_second_person, mid_sentence, reflectable
from app.check.style import Bank, Style, feelings
from app.check.threads import (
    Thread,
    answer,
    just_asked,
    next_to_ask,
    not_to_say_back,
    read_threads,
    told_about,
    topic,
)
from app.check.wording import pick
from app.tag.text import words

_MAX_SAID_WORDS = 16
_TOLD_WORDS = 20  # a yes this short has not told anything yet
MAX_PRESSES = 2
WAIT = 5  # turns after a no before asking about anything again (the engine calls 3 or fewer pushing)
SETTLE = 2  # turns of listening after an answer that was neither yes nor no
MAX_REFUSALS = 2  # a topic refused twice is not asked about again


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _short(said: str) -> str:
    """The client's sentence cut to its first clause when it is long: a reflection is short."""
    if len(words(said)) <= _MAX_SAID_WORDS:
        return said
    for mark in (", ", "; ", ": ", " and ", " but "):
        clause = said.split(mark, 1)[0]
        if 4 <= len(words(clause)) <= _MAX_SAID_WORDS:
            return clause
    return " ".join(said.split()[:_MAX_SAID_WORDS])


@dataclass(frozen=True)
class StyledCoach:
    style: Style
    pushes: bool = False
    press: Bank = ()  # what a pusher says after a no; {topic}

    def __call__(self, view: CoachView, seed: int = 0) -> str | None:
        return self.style.render(self._turn(view, seed))

    # --- wording ------------------------------------------------------------------------------------------

    def _say(self, bank: Bank, seed: int, slot: str, uses: int) -> str:
        return pick(bank, seed, f"{self.style.id}:{slot}", uses)

    def _mentions(self, said: str, thread: Thread) -> bool:
        named = topic(thread.words)
        return any(self.style.render(form) in said for form in (named, named[:1].lower() + named[1:]))

    # --- contracting --------------------------------------------------------------------------------------

    def contracting(self, view: CoachView, seed: int) -> list[str]:
        style = self.style
        hello = self._say(style.hello, seed, "hello", 0).format(name=view.first_name)
        safety = style.roles if view.conflict_of_interest else style.confidential
        return [
            f"{hello} {self._say(safety, seed, 'safety', 0)}",
            self._say(style.goal, seed, "goal", 0),
            self._say(style.success, seed, "success", 0),
            self._say(style.importance, seed, "importance", 0),
            self._say(style.working, seed, "working", 0),
        ]

    # --- the session --------------------------------------------------------------------------------------

    def _turn(self, view: CoachView, seed: int) -> str:
        contracting = self.contracting(view, seed)
        if view.turn < len(contracting):
            return contracting[view.turn]
        threads = read_threads(view, self._mentions)
        pressed = self._press(view, threads, seed)
        if pressed is not None:
            return pressed
        asked = just_asked(view, threads)
        if asked is not None and asked.answer == "yes":
            granted = sum(t.granted for t in threads) - 1
            if len(words(view.last_reply())) < _TOLD_WORDS:
                return self._say(self.style.go_on, seed, "go_on", granted)
            return self._say(self.style.thanks, seed, "thanks", granted)
        if asked is not None and asked.answer == "no":
            refused = sum(t.refusals for t in threads) - 1
            return self._say(self.style.accept_no, seed, "accept_no", refused)
        thread = next_to_ask(
            view,
            threads,
            wait=WAIT,
            settle=SETTLE,
            max_refusals=MAX_REFUSALS,
            told=lambda thread: told_about(view, thread),
        )
        if thread is not None:
            return self._ask(view, thread, threads, seed)
        return self._listen(view, threads, seed, view.turn - len(contracting))

    def _ask(self, view: CoachView, thread: Thread, threads: list[Thread], seed: int) -> str:
        named = mid_sentence(topic(thread.words), view.said())
        if thread.asks:
            again = sum(max(0, t.asks - 1) for t in threads)
            return _capitalised(self._say(self.style.ask_again, seed, "ask_again", again).format(topic=named))
        first = sum(1 for t in threads if t.asks)
        return _capitalised(self._say(self.style.ask, seed, "ask", first).format(topic=named))

    def _press(self, view: CoachView, threads: list[Thread], seed: int) -> str | None:
        """A pusher's answer to a no: press, `MAX_PRESSES` times in a row, unless the client gives in."""
        if not self.pushes or not threads:
            return None
        refused = max(threads, key=lambda t: t.last_ask)
        since = view.turn - 1 - refused.last_ask  # turns spent pressing since the request
        if refused.answer != "no" or since >= MAX_PRESSES:
            return None
        replies = [reply for _, reply in view.exchanges()][refused.last_ask + 1 :]
        if any(answer(reply, refused.words) == "yes" for reply in replies):
            return None
        done = sum(t.refusals for t in threads) - 1
        uses = done * MAX_PRESSES + since
        named = mid_sentence(topic(refused.words), view.said())
        return _capitalised(self._say(self.press, seed, "press", uses).format(topic=named))

    def _listen(self, view: CoachView, threads: list[Thread], seed: int, index: int) -> str:
        cycle = self.style.cycle
        move = cycle[index % len(cycle)]
        uses = sum(1 for earlier in range(index) if cycle[earlier % len(cycle)] == move)
        if move != "reflect":
            bank: Bank = getattr(self.style, move)
            return self._say(bank, seed, move, uses)
        reflection = reflectable(view, avoid=not_to_say_back(threads), subject=True)
        if reflection is None:
            return self._say(self.style.unreflectable, seed, "unreflectable", uses)
        said = mid_sentence(_short(in_second_person(reflection.said)), view.said())
        feeling = self._say(feelings(reflection.said), seed, "feeling", uses)
        return _capitalised(
            self._say(self.style.reflect, seed, "reflect", uses).format(said=said, feeling=feeling)
        )
