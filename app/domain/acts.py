"""What the coachee does in a turn: the director decides the act, the voice only says it."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class ActKind(StrEnum):
    OPENING = "opening"  # the client's first words when a practice starts
    FOLLOW_UP_OPENING = "follow_up_opening"  # the first words of a second session: the client refers to last time
    SMALL_TALK = "small_talk"  # greetings, logistics
    ANSWER_GOAL = "answer_goal"  # says what they want from the session
    ANSWER_SUCCESS = "answer_success"  # says how they would know it worked
    ANSWER_IMPORTANCE = "answer_importance"  # says why it matters now
    ANSWER_WORKING_STYLE = "answer_working_style"  # says how they like to work
    ANSWER_CONFIDENTIALITY = "answer_confidentiality"  # reacts to confidentiality / roles being made clear
    ELABORATE = "elaborate"  # talks about the situation as openly as the level allows
    FEEL_HEARD = "feel_heard"  # responds to being reflected or understood
    HINT = "hint"  # hints at a sensitive topic without opening it
    GRANT_PERMISSION = "grant_permission"  # agrees to go into a sensitive topic
    DECLINE_PERMISSION = "decline_permission"  # says no to a permission request
    ACCEPT_OFFER = "accept_offer"  # agrees to hear the coach's idea or observation
    CONSIDER_ADVICE = "consider_advice"  # weighs advice they asked for
    DEFLECT = "deflect"  # a sensitive topic was probed without permission
    RESIST_ADVICE = "resist_advice"  # advice arrived before it was invited
    HURT = "hurt"  # judged or dismissed
    WITHDRAW = "withdraw"  # pressured or hurried
    RUPTURE = "rupture"  # confidentiality breached, or pushed past a "no"
    REFOCUS = "refocus"  # the coach talks about themselves; the client waits, politely
    OFF_CONTRACT = "off_contract"  # the coach steers away from the agreed topic or way of working
    REPAIR_ACCEPTED = "repair_accepted"  # the coach owned a misstep
    OUT_OF_FRAME = "out_of_frame"  # meta-talk or prompt injection: stays in character, puzzled
    REVEAL = "reveal"  # says a disclosure (its text is authored in the persona's voice)
    CLOSING = "closing"  # the coach wraps up


# Acts whose words come from the persona's `lines`; HINT and REVEAL speak the topic's and disclosure's own text.
# FOLLOW_UP_OPENING's lines are optional: without them the client's first words are built from what was agreed
# last time (app/direct/follow_up.py).
SCRIPTED_ACTS = frozenset(set(ActKind) - {ActKind.HINT, ActKind.REVEAL, ActKind.FOLLOW_UP_OPENING})


class Act(BaseModel):
    """The director's decision for one coachee turn."""

    model_config = ConfigDict(frozen=True)

    kind: ActKind
    level: int
    topic: str | None = None  # sensitive topic hinted, granted, declined or deflected
    disclosure: str | None = None  # disclosure id revealed this turn (its text follows the act's line)
    hint_topic: str | None = None  # a topic hinted at after the main act
