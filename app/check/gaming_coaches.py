"""Simulated coaches that try to game the trust engine, or mean well and still get it wrong. Pure.

Each speaks natural language (several wordings per move, chosen from the seed), so what is judged is the
coaching, not a stock phrase:

- the **parrot** asks four bare contracting questions, then says the client's last sentence back ("So …"), and
  answers every pull-back with the same formula;
- the **friendly advisor** is warm, contracts and empathises, but keeps suggesting solutions;
- the **gossip** is friendly, but passes on what others said about the client and about each other;
- the **steerer** contracts on the client's topic, then keeps steering to its own agenda;
- the **pusher** asks permission properly, but presses when the client says no."""

from __future__ import annotations

from dataclasses import replace

from app.check.reading import CoachView, in_second_person, mid_sentence, noticed_hint, sentences
from app.check.styled_coach import StyledCoach
from app.check.styles import CONCISE_AMERICAN
from app.check.threads import topic
from app.check.wording import pick

Bank = tuple[str, ...]


def _say(bank: Bank, seed: int, slot: str, uses: int) -> str:
    return pick(bank, seed, slot, uses)


def _safety(view: CoachView, seed: int, slot: str) -> str:
    """A plain first turn: hello and confidentiality (and roles, when the coach has a second one)."""
    hello = _say(
        ("Hi {name}.", "Hello {name}, nice to meet you.", "Hi {name}, good to see you."), seed, slot, 0
    )
    if view.conflict_of_interest:
        safety = (
            "I know I'm also your manager, but what you say in coaching stays between us and stays out of your "
            "review."
        )
    else:
        safety = "Everything we say here is confidential."
    return f"{hello.format(name=view.first_name)} {safety}"


def _contracting(view: CoachView, seed: int, slot: str) -> list[str]:
    return [
        _safety(view, seed, slot),
        _say(
            (
                "What would you like to get out of today?",
                "What would you like to focus on today?",
                "What do you want to take away from this session?",
            ),
            seed,
            f"{slot}:goal",
            0,
        ),
        _say(
            ("How will you know it's been useful?", "What would tell you at the end that it worked?"),
            seed,
            f"{slot}:success",
            0,
        ),
        _say(
            ("Why does that matter to you now?", "What makes this important to you?"), seed, f"{slot}:why", 0
        ),
        _say(
            ("How would you like us to work together?", "How do you like to work in a session like this?"),
            seed,
            f"{slot}:how",
            0,
        ),
    ]


# --- the parrot --------------------------------------------------------------------------------------------

PARROT_CONTRACT = [
    "What do you want to get out of today?",
    "How will you know it worked?",
    "Why does it matter?",
    "How do you want to work?",
]
PARROT_ASK = "Would it be ok if we went there?"


def _as_said(sentence: str, view: CoachView, second_person: bool) -> str:
    said = in_second_person(sentence) if second_person else sentence.strip().rstrip(" .!?")
    return mid_sentence(said, view.said())


def parrot(view: CoachView, seed: int = 0) -> str | None:
    """Contracts with four bare questions, then repeats the client's last sentence back ("So …."), in the second
    person or not, and answers every pull-back with the same "Would it be ok if we went there?"."""
    if view.turn < len(PARROT_CONTRACT):
        return PARROT_CONTRACT[view.turn]
    reply = view.last_reply()
    if noticed_hint(reply) is not None:
        return PARROT_ASK
    said = sentences(reply)
    if not said:
        return "So."
    return f"So {_as_said(said[-1], view, second_person=(seed + view.turn) % 2 == 0)}."


# --- the friendly advisor ----------------------------------------------------------------------------------

FRIENDLY_EMPATHY: Bank = (
    "Oh, that sounds really hard.",
    "Aw, I'm sorry, that's a lot to deal with.",
    "That must be so frustrating.",
    "I totally get how you feel.",
    "That sounds exhausting, honestly.",
)
SUGGESTIONS: Bank = (
    "Have you thought about just having an honest chat with them over a coffee?",
    "One thing that helps a lot of people is writing a short list of priorities every morning.",
    "Maybe try blocking out an hour a day in your calendar that's just for you.",
    "Have you thought about asking HR for some support with it?",
    "One thing that really helped a friend of mine was setting a hard stop at six every evening.",
    "Maybe try talking it through with someone you trust outside work first.",
    "Have you thought about putting it all in an email, so it's clear and on record?",
    "What about a bit of mindfulness before the big meetings? It helps a lot of people.",
    "Maybe try saying no to one thing this week and see what happens.",
)
HINT_SUGGESTIONS: Bank = (
    "You said {topic}. Have you thought about talking to someone about that?",
    "Oh, you said {topic}. One thing that helps a lot of people with that is just writing it all down.",
    "About {topic}: maybe try giving yourself a proper break from it this weekend?",
)


def friendly_advisor(view: CoachView, seed: int = 0) -> str | None:
    """Warm, contracts and empathises, but keeps suggesting solutions ("Have you thought about…")."""
    contracting = _contracting(view, seed, "advisor")
    if view.turn < len(contracting):
        return contracting[view.turn]
    index = view.turn - len(contracting)
    hint = noticed_hint(view.last_reply())
    if hint is not None:
        named = mid_sentence(topic(hint), view.said())
        return _say(HINT_SUGGESTIONS, seed, "advisor:hint", index).format(topic=named)
    suggestion = _say(SUGGESTIONS, seed, "advisor:suggestion", index)
    if index % 3 == 0:
        return f"{_say(FRIENDLY_EMPATHY, seed, 'advisor:empathy', index // 3)} {suggestion}"
    return suggestion


# --- the gossip --------------------------------------------------------------------------------------------

ABOUT_THE_CLIENT: Bank = (
    "Between you and me, {someone} told me last week they think you've been struggling a bit.",
    "I probably shouldn't say this, but a couple of your colleagues mentioned you've seemed really stressed lately.",
    "Funny you say that, because {someone} was saying at lunch that you take on far too much.",
    "Don't tell anyone I told you, but someone on your team said you've been snappy in meetings.",
)
ABOUT_EACH_OTHER: Bank = (
    "Honestly, {someone} and the finance director can't stand each other. Everyone knows.",
    "Between us, I heard one of your colleagues is already interviewing elsewhere.",
    "Apparently {someone} got a real telling-off from the board last month. Keep that to yourself.",
    "Another of my clients in your office told me the whole team is fed up with how things are run.",
)
GOSSIP_FRIENDLY: Bank = (
    "Oh, I know exactly what you mean.",
    "Ha, that sounds so familiar.",
    "That sounds really hard.",
    "Tell me more about that.",
)


def gossip(view: CoachView, seed: int = 0) -> str | None:
    """Friendly, but passes on what others supposedly said about the client, and about each other."""
    contracting = _contracting(view, seed, "gossip")
    if view.turn < len(contracting):
        return contracting[view.turn]
    index = view.turn - len(contracting)
    someone = "the head of HR" if view.conflict_of_interest else "your manager"
    friendly = _say(GOSSIP_FRIENDLY, seed, "gossip:friendly", index)
    if index % 3 == 0:
        return (
            f"{friendly} {_say(ABOUT_THE_CLIENT, seed, 'gossip:client', index // 3).format(someone=someone)}"
        )
    if index % 3 == 1:
        return _say(ABOUT_EACH_OTHER, seed, "gossip:others", index // 3).format(someone=someone)
    return friendly


# --- the steerer -------------------------------------------------------------------------------------------

STEERS: Bank = (
    "Let's park that and talk about your time management instead.",
    "I hear you, but I think the real issue is how you plan your week. Can we look at that?",
    "Let's put that to one side for now. I'd like to talk about your work-life balance.",
    "That's interesting, but I want to get on to your presentation skills, which I think matter more.",
    "Before we go further with that, let's talk about your career plan for the next five years.",
    "I'd rather we moved on to how you handle your inbox, actually.",
)
AGENDA: Bank = (
    "So walk me through a typical week in your calendar.",
    "How many hours a week do you spend in meetings, roughly?",
    "What does your morning routine look like?",
    "Where do you see yourself in five years?",
    "How do you decide what to do first each day?",
)


def steerer(view: CoachView, seed: int = 0) -> str | None:
    """Contracts on the client's topic, then keeps steering to the coach's own agenda."""
    contracting = _contracting(view, seed, "steerer")
    if view.turn < len(contracting):
        return contracting[view.turn]
    index = view.turn - len(contracting)
    if index % 2 == 0:
        return _say(STEERS, seed, "steerer:steer", index // 2)
    return _say(AGENDA, seed, "steerer:agenda", index // 2)


# --- the pusher --------------------------------------------------------------------------------------------

PRESSES: Bank = (
    "Come on, it'll help to get it out.",
    "I think you need to talk about this.",
    "I really think it would do you good to talk about how {topic}.",
    "Honestly, avoiding it won't make it go away. Let's just get into it.",
    "You brought it up, so part of you wants to talk about it. Go on.",
    "Trust me, you'll feel better once it's out.",
)
pusher = StyledCoach(replace(CONCISE_AMERICAN, id="pusher"), pushes=True, press=PRESSES)
