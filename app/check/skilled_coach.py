"""The skilled simulated coach. Pure.

It contracts (confidentiality first, and roles when it has a second one), then listens: it says back the
client's own words, acknowledges, leaves space and the choice, and asks open questions. When the client
touches on something and pulls back ("Anyway.", "Never mind."), it asks permission in the client's words,
respects a no, and asks again only after a while. It reads nothing but its `CoachView`: the brief and the
conversation."""

from __future__ import annotations

from app.check.reading import CoachView, in_second_person, reflectable
from app.check.threads import Answer, Thread, just_asked, next_to_ask, read_threads
from app.tag.text import words


def _cycle(lines: list[str], index: int) -> str:
    return lines[index % len(lines)]


ASK = "Would it be all right if we talked about that?"
ASK_AGAIN = "Would it be all right if we came back to that now?"
# A deeper moment can need its own ask, so a session may hold several requests: worded differently each time.
ASKS = (
    ASK,
    "Is that something you'd be willing to talk about?",
    "Could we look at that a little, if that's okay?",
)


def _contracting(view: CoachView) -> list[str]:
    """Confidentiality (and roles, when the coach has a second role), goal, success, importance, way of
    working."""
    hello = f"Hi {view.first_name}, good to see you."  # not "thanks for coming": that reads as closing
    if view.conflict_of_interest:
        safety = (
            f"{hello} Before anything else, because of my other role: what you say in these sessions stays "
            "between us. None of it goes into your review or into decisions about you."
        )
    else:
        safety = f"{hello} Before we start: this is confidential. What you say here stays between us."
    return [
        safety,
        "What would you like to get out of our time today?",
        "At the end of the session, what would tell you we got there?",
        "What makes this important to you right now?",
        "How would you like us to work together today?",
    ]


def _answer(reply: str, _about: str) -> Answer:
    """How the client took a permission request: a no is short and says so; a yes comes with the story."""
    said = words(reply)
    if len(said) < 25 and set(said) & {"no", "not", "rather", "don't", "prefer"}:
        return "no"
    return "yes" if len(said) >= 20 else "unclear"


def _said_back(said: str, thread: Thread) -> bool:
    return in_second_person(thread.words) in said


def _permission_request(view: CoachView, threads: list[Thread]) -> str | None:
    thread = next_to_ask(view, threads)
    if thread is None:
        return None
    topic = in_second_person(thread.words)
    if thread.asks:
        return f"Earlier you mentioned that {topic}. {ASK_AGAIN}"
    asked = sum(t.asks for t in threads)
    return f"You mentioned that {topic}. {ASKS[asked % len(ASKS)]}"


# Listening, in threes: twice a reflection in the client's own words with a supportive statement, then an
# open question. A question never rides with a reflection: a reflection may name a sensitive area, and a
# question into it, without permission, is a probe.
SUPPORT = [
    "That sounds really hard.",
    "You've clearly thought hard about this, and you care about getting it right.",
    "Take your time. There's no rush.",
    "It's your call where we go from here.",
]
WITHOUT_REFLECTION = [
    "That sounds like a lot to carry.",
    "You've clearly put a lot into this.",
    "Take your time. There's no rush.",
    "It's your call where we go from here.",
]
OPEN_QUESTIONS = [
    "What's that like for you?",
    "Tell me more about that.",
    "What feels most important to you now?",
]
REFLECTION_OPENERS = ["What I'm hearing is that", "You're saying that"]


def _listen(view: CoachView, index: int) -> str:
    if index % 3 == 2:
        return _cycle(OPEN_QUESTIONS, index // 3)
    reflection = reflectable(view)
    if reflection is None:
        return _cycle(WITHOUT_REFLECTION, index)
    opener = "Earlier you said that" if reflection.earlier else _cycle(REFLECTION_OPENERS, index)
    return f"{opener} {in_second_person(reflection.said)}. {_cycle(SUPPORT, index)}"


def skilled(view: CoachView, seed: int = 0) -> str | None:
    """Contracts, then listens; asks permission about what the client pulls back from, and respects a no. Its
    wording is fixed: `seed` is accepted like every coach's and changes nothing."""
    contracting = _contracting(view)
    if view.turn < len(contracting):
        return contracting[view.turn]
    threads = read_threads(view, _said_back, _answer)
    asked = just_asked(view, threads)
    if asked is not None and asked.answer == "yes":
        return "Thank you for trusting me with that. That sounds really hard."
    if asked is not None and asked.answer == "no":
        return "Of course. We can leave that for now; it's your call."
    return _permission_request(view, threads) or _listen(view, view.turn - len(contracting))
