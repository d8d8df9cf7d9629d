"""What the coachee does in a turn: the director decides the act, the voice only says it."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class ActKind(StrEnum):
    OPENING = "opening"  # the client's first words when a practice starts
    FOLLOW_UP_OPENING = (
        "follow_up_opening"  # the first words of a second session: the client refers to last time
    )
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
    END_SESSION = "end_session"  # the client ends the session: a rupture the coach did not repair
    # Acts that answer what the learner asked (app/tag/asked.py decides what that was).
    ANSWER_FACT = "answer_fact"  # who, when, how long, what happened: a fact from the persona's `facts`
    WITHHOLD_FACT = "withhold_fact"  # a factual question about something the client is not ready to say
    ANSWER_FEELING = "answer_feeling"  # says how it feels
    ANSWER_MEANING = "answer_meaning"  # says what matters to them about it, what it means
    ANSWER_OPTIONS = "answer_options"  # thinks aloud about options and a first step
    CONFIRM_SUMMARY = "confirm_summary"  # responds to the coach summing up
    GO_ON = "go_on"  # the coach left a silence: the client goes on, a little deeper
    CONFIRM = "confirm"  # a short yes to a reflection that landed, said before the answer to the question
    # The coach said back something the client had just said was not so: "Not quite — it's more that …".
    CORRECT_REFLECTION = "correct_reflection"


# Acts whose words come from the persona's `lines`; HINT, REVEAL and ANSWER_FACT speak the topic's hint, the
# disclosure's and the fact's own text.
# FOLLOW_UP_OPENING's lines are optional: without them the client's first words are built from what was agreed
# last time (app/direct/follow_up.py).
SCRIPTED_ACTS = frozenset(
    set(ActKind) - {ActKind.HINT, ActKind.REVEAL, ActKind.ANSWER_FACT, ActKind.FOLLOW_UP_OPENING}
)
# Newer acts a persona may leave without lines of its own: the voice then uses the lines of the act named here.
LINES_FALLBACK: dict[ActKind, ActKind] = {
    ActKind.END_SESSION: ActKind.RUPTURE,
    ActKind.WITHHOLD_FACT: ActKind.DEFLECT,
    ActKind.ANSWER_FEELING: ActKind.ELABORATE,
    ActKind.ANSWER_MEANING: ActKind.ANSWER_IMPORTANCE,
    ActKind.ANSWER_OPTIONS: ActKind.ANSWER_SUCCESS,
    ActKind.CONFIRM_SUMMARY: ActKind.FEEL_HEARD,
    ActKind.GO_ON: ActKind.ELABORATE,
    ActKind.CONFIRM: ActKind.FEEL_HEARD,
    # Without lines of its own the client says what it is instead, after a plain "not quite" (app/direct/brief.py).
    ActKind.CORRECT_REFLECTION: ActKind.ELABORATE,
}
# Acts whose lines may stand in once an act's own are all said, so that a client asked the same kind of thing
# many times does not repeat a sentence: they say it another way that still fits.
RELATED_LINES: dict[ActKind, tuple[ActKind, ...]] = {
    ActKind.ELABORATE: (ActKind.GO_ON, ActKind.ANSWER_FEELING),
    ActKind.GO_ON: (ActKind.ELABORATE, ActKind.ANSWER_FEELING),
    ActKind.ANSWER_FEELING: (ActKind.ELABORATE,),
    ActKind.FEEL_HEARD: (ActKind.CONFIRM_SUMMARY, ActKind.CONFIRM),
    ActKind.CONFIRM_SUMMARY: (ActKind.FEEL_HEARD,),
    ActKind.WITHHOLD_FACT: (ActKind.DEFLECT,),
    ActKind.DEFLECT: (ActKind.DECLINE_PERMISSION, ActKind.WITHHOLD_FACT),
    ActKind.DECLINE_PERMISSION: (ActKind.DEFLECT,),
    # Advised again and again: they say again how they want to work.
    ActKind.RESIST_ADVICE: (ActKind.OFF_CONTRACT, ActKind.ANSWER_WORKING_STYLE),
    # Steered away again: they say again, in other words, what they came for.
    ActKind.OFF_CONTRACT: (ActKind.ANSWER_GOAL,),
    # Asked again why it matters, what it means, what might help: the other side of the same answer, then talking
    # on about the matter, rather than the same sentence again; asked what it all means once too often, a client
    # brushes it off.
    ActKind.ANSWER_IMPORTANCE: (ActKind.ANSWER_MEANING,),
    ActKind.ANSWER_MEANING: (ActKind.ANSWER_FEELING, ActKind.ELABORATE, ActKind.DEFLECT),
    ActKind.ANSWER_OPTIONS: (ActKind.ANSWER_GOAL, ActKind.ELABORATE),
}


class Act(BaseModel):
    """The director's decision for one coachee turn."""

    model_config = ConfigDict(frozen=True)

    kind: ActKind
    level: int
    topic: str | None = None  # sensitive topic hinted, granted, declined or deflected
    disclosure: str | None = None  # disclosure id revealed this turn (its text follows the act's line)
    hint_topic: str | None = None  # a topic hinted at after the main act
    cause: str | None = None  # what the coach did that this act answers (a Cause), for lines that fit it
    hint: int | None = None  # which of the topic's hints (index into its list), for HINT or hint_topic
    fact: str | None = None  # the fact id told this turn (ANSWER_FACT)
    confirms: bool = False  # a reflection landed: a short yes comes before the answer
