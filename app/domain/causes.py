"""Why the client reacts as they do: the cause a reaction answers, the working rules a persona can insist on, and
the agreements a disclosure can wait for. Shared by the persona file, the engine and the director."""

from enum import StrEnum


class Cause(StrEnum):
    """What the coach did that a reaction answers; a persona's `reactions` give lines per cause."""

    ADVICE = "advice"  # advice before it was asked for
    JUDGMENT = "judgment"  # judged or brushed aside
    BREACH = "breach"  # passed on, or threatened to pass on, what the client said
    GOSSIP = "gossip"  # passed on what others said about the client or each other
    PUSHING = "pushing"  # pressed on after the client said no
    PRESSURE = "pressure"  # pushed or hurried
    PROBING = "probing"  # went into a sensitive area without asking
    SELF_FOCUS = "self_focus"  # made the session about the coach
    STEERING = "steering"  # steered away from the client's topic
    # A working rule of the persona's, broken (see WorkingRule).
    STORY_FIRST = "story_first"
    CODDLING = "coddling"
    PEP_TALK = "pep_talk"
    WAR_STORY = "war_story"
    # A permission request the client turns down until an agreement is in place (see Prerequisite).
    NEEDS_GOAL = "needs_goal"
    NEEDS_SUCCESS_MEASURE = "needs_success_measure"
    NEEDS_IMPORTANCE = "needs_importance"
    NEEDS_WORKING_STYLE = "needs_working_style"
    NEEDS_CONFIDENTIALITY = "needs_confidentiality"


# Causes that break trust: the client stays closed until the coach owns it, and ends the session if they don't.
RUPTURES = frozenset({Cause.BREACH, Cause.GOSSIP, Cause.PUSHING})


class WorkingRule(StrEnum):
    """How the client insists on being coached; the engine enforces each one it is given."""

    STORY_FIRST = "story_first"  # let me tell the story first: closed questions before it is told cost trust
    WANTS_CHALLENGE = "wants_challenge"  # challenge me: comfort with no question or reflection, again, costs
    NO_PEP_TALKS = "no_pep_talks"  # allergic to pep talks: "you've got this" costs trust
    NO_WAR_STORIES = "no_war_stories"  # no war stories: any story of the coach's own costs, even a short one


RULE_CAUSE: dict[WorkingRule, Cause] = {
    WorkingRule.STORY_FIRST: Cause.STORY_FIRST,
    WorkingRule.WANTS_CHALLENGE: Cause.CODDLING,
    WorkingRule.NO_PEP_TALKS: Cause.PEP_TALK,
    WorkingRule.NO_WAR_STORIES: Cause.WAR_STORY,
}


class Prerequisite(StrEnum):
    """An agreement a disclosure waits for: the contract field that must be in place first. `confidentiality`
    is confidentiality and roles made clear, which is also how a conflict of interest gets named."""

    GOAL = "goal"
    SUCCESS_MEASURE = "success_measure"
    IMPORTANCE = "importance"
    WORKING_STYLE = "working_style"
    CONFIDENTIALITY = "confidentiality"


def needs(prerequisite: Prerequisite) -> Cause:
    return Cause(f"needs_{prerequisite.value}")
