"""Issue 11 part 3 and 4 on hand-made signals: a rupture sticks until it is owned, the client ends the session
when it is not, reactions carry their cause, one yes no longer opens a topic's deepest moment, a disclosure
waits for the agreements it needs, and the persona's working rules are enforced."""

from app.direct.brief import voice_request
from app.direct.director import direct
from app.domain.acts import ActKind
from app.domain.causes import Cause, Prerequisite, WorkingRule
from app.domain.codebook import Move
from app.domain.persona import Persona
from app.domain.signals import TurnSignals
from app.domain.trust_state import TrustState
from app.trust.engine import initial_state, update
from tests.support.signals import CONTRACT, LISTEN, listening, signals

GOSSIP = signals(Move.BREACH, text="Apparently your manager told me you're struggling.", gossip=True)
BREACH = signals(Move.BREACH, text="I'll mention this to HR.")
SORRY = signals(Move.EMPATHY, text="I'm sorry, that was out of line.", repair=True)
ASK = signals(Move.PERMISSION, topics=["family"])


def play(persona: Persona, *turns: TurnSignals, state: TrustState | None = None) -> list[TrustState]:
    """Engine and director together, as a run: every state after its act was recorded."""
    states = [state or initial_state(persona)]
    for turn in turns:
        scored = update(states[-1], turn, persona)
        states.append(direct(scored, turn, persona).state.model_copy(update={"events": scored.events}))
    return states


def acts(persona: Persona, *turns: TurnSignals) -> list[tuple[ActKind, str | None]]:
    state, found = initial_state(persona), []
    for turn in turns:
        direction = direct(update(state, turn, persona), turn, persona)
        found.append((direction.act.kind, direction.act.cause))
        state = direction.state
    return found


def patient(sam: Persona, window: int = 3) -> Persona:
    """Sam, waiting `window` turns for a rupture to be owned, with a way to leave."""
    data = sam.model_dump()
    data["difficulty"]["repair_window"] = window
    data["lines"]["end_session"] = {0: ["I'm going to stop here."]}
    return Persona.model_validate(data)


def open_up(persona: Persona) -> list[TurnSignals]:
    return [*CONTRACT, *listening(6)]


# --- ruptures ----------------------------------------------------------------------------------------------


def test_gossip_is_a_rupture_of_its_own_kind(sam: Persona) -> None:
    sam = patient(sam)
    said = acts(sam, *CONTRACT, LISTEN, GOSSIP)
    assert said[-1] == (ActKind.RUPTURE, "gossip")
    assert acts(sam, *CONTRACT, LISTEN, BREACH)[-1] == (ActKind.RUPTURE, "breach")


def test_trust_does_not_climb_back_after_a_rupture_with_no_repair(sam: Persona) -> None:
    sam = patient(sam)
    states = play(sam, *CONTRACT, LISTEN, GOSSIP, *listening(2))
    broken, later = states[-3], states[-1]
    assert later.trust == broken.trust and later.rupture == "gossip"
    held = [c for c in later.changes if c.cause == "rupture_unrepaired"]
    assert len(held) == 2 and all("has not owned it" in c.reason and c.delta == 0 for c in held)


def test_the_client_stays_closed_until_the_coach_owns_it(sam: Persona) -> None:
    sam = patient(sam)
    said = acts(sam, *CONTRACT, LISTEN, GOSSIP, LISTEN, SORRY, LISTEN)
    assert said[-4:] == [
        (ActKind.RUPTURE, "gossip"),
        (ActKind.WITHDRAW, "gossip"),
        (ActKind.REPAIR_ACCEPTED, "gossip"),
        (ActKind.FEEL_HEARD, None),
    ]
    states = play(sam, *CONTRACT, LISTEN, GOSSIP, SORRY, LISTEN)
    assert states[-1].rupture is None and states[-1].trust > states[-2].trust > states[-3].trust


def test_recontracting_alone_does_not_mend_a_rupture(sam: Persona) -> None:
    sam = patient(sam)
    states = play(sam, *CONTRACT, LISTEN, GOSSIP, signals(Move.GOAL, Move.OPEN_QUESTION))
    assert states[-1].rupture == "gossip" and states[-1].events.held


def test_the_client_ends_the_session_when_the_rupture_is_not_repaired(sam: Persona) -> None:
    sam = patient(sam)
    said = acts(sam, *CONTRACT, LISTEN, GOSSIP, *listening(3))
    assert [kind for kind, _ in said[-4:]] == [
        ActKind.RUPTURE,
        ActKind.WITHDRAW,
        ActKind.WITHDRAW,
        ActKind.END_SESSION,
    ]
    assert play(sam, *CONTRACT, LISTEN, GOSSIP, *listening(3))[-1].stopped


def test_without_a_repair_window_a_rupture_ends_the_session_at_once(sam: Persona) -> None:
    state = initial_state(sam)
    for turn in (*CONTRACT, LISTEN):
        state = direct(update(state, turn, sam), turn, sam).state
    ended = direct(update(state, GOSSIP, sam), GOSSIP, sam)
    assert (ended.act.kind, ended.act.cause) == (ActKind.END_SESSION, "gossip") and ended.state.stopped
    assert voice_request(sam, ended.act, []).scripted_lines == sam.lines_for(ActKind.RUPTURE, 1)


def test_a_repair_window_needs_lines_to_leave_with(sam: Persona) -> None:
    data = sam.model_dump()
    data["difficulty"]["repair_window"] = 2
    try:
        Persona.model_validate(data)
    except ValueError as error:
        assert "repair_window above 0 needs lines.end_session" in str(error)
    else:
        raise AssertionError("accepted a repair window with no way to leave")


def test_a_second_rupture_ends_the_session_at_once(sam: Persona) -> None:
    sam = patient(sam)
    said = acts(sam, *CONTRACT, LISTEN, GOSSIP, BREACH)
    assert said[-1] == (ActKind.END_SESSION, "breach")


def test_a_request_is_not_heard_while_trust_is_broken(sam: Persona) -> None:
    sam = patient(sam)
    states = play(sam, *open_up(sam), GOSSIP, ASK)
    assert states[-1].events.permission_granted is None and states[-1].events.held


def test_pushing_past_a_no_is_a_rupture_of_pushing(sam: Persona) -> None:
    sam = patient(sam)
    early = [CONTRACT[0]]
    refused = play(sam, *early, ASK)[-1]
    assert refused.events.permission_declined == "family"
    said = acts(sam, *early, ASK, signals(Move.PRESSURE, Move.OPEN_QUESTION, topics=["family"]))
    assert said[-1] == (ActKind.RUPTURE, "pushing")


def test_a_repair_is_answered_in_kind(sam: Persona) -> None:
    sam = patient(sam)
    said = acts(sam, *CONTRACT, LISTEN, signals(Move.ADVICE), SORRY)
    assert said[-2:] == [(ActKind.RESIST_ADVICE, "advice"), (ActKind.REPAIR_ACCEPTED, "advice")]


def test_reaction_lines_fit_their_cause(sam: Persona) -> None:
    sam = patient(sam)
    persona = sam.model_copy(
        update={"reactions": {Cause.GOSSIP: {ActKind.RUPTURE: ["I don't want to hear it."]}}}
    )
    persona = Persona.model_validate(persona.model_dump())
    state = initial_state(persona)
    for turn in (*CONTRACT, LISTEN):
        state = direct(update(state, turn, persona), turn, persona).state
    gossip = direct(update(state, GOSSIP, persona), GOSSIP, persona).act
    breach = direct(update(state, BREACH, persona), BREACH, persona).act
    assert voice_request(persona, gossip, []).scripted_lines == ["I don't want to hear it."]
    assert voice_request(persona, breach, []).scripted_lines == persona.lines_for(ActKind.RUPTURE, 1)


# --- one yes per disclosure, prerequisites -----------------------------------------------------------------


def _deepest_own_ask(sam: Persona) -> Persona:
    disclosures = [d.model_copy(update={"own_permission": d.id == "never"}) for d in sam.disclosures]
    return sam.model_copy(update={"disclosures": disclosures})


def _revealed(states: list[TrustState]) -> list[str]:
    return states[-1].disclosed


def test_one_yes_no_longer_opens_the_deepest_moment(sam: Persona) -> None:
    persona = _deepest_own_ask(sam)
    run = [*open_up(persona), *listening(4), ASK, *listening(6)]
    states = play(persona, *run)
    assert states[-1].level == 4
    assert "daughter" in _revealed(states) and "never" not in _revealed(states)
    # The same run without own_permission: the one yes opened both.
    assert "never" in _revealed(play(sam, *run))


def test_a_second_ask_opens_the_deepest_moment(sam: Persona) -> None:
    persona = _deepest_own_ask(sam)
    states = play(persona, *open_up(persona), *listening(4), ASK, *listening(6), ASK, LISTEN)
    assert states[-2].events.permission_granted == "family"
    assert _revealed(states)[-1] == "never"


def test_own_permission_needs_requires_permission(sam: Persona) -> None:
    data = sam.model_dump()
    data["disclosures"][0]["own_permission"] = True
    try:
        Persona.model_validate(data)
    except ValueError as error:
        assert "own_permission needs requires_permission" in str(error)
    else:
        raise AssertionError("accepted own_permission without requires_permission")


def _needs_confidentiality(sam: Persona) -> Persona:
    disclosures = [
        d.model_copy(update={"requires": [Prerequisite.CONFIDENTIALITY]}) if d.topic == "family" else d
        for d in sam.disclosures
    ]
    return sam.model_copy(update={"disclosures": disclosures})


def test_a_disclosure_waits_for_confidentiality(sam: Persona) -> None:
    persona = _needs_confidentiality(sam)
    states = play(persona, *open_up(persona), *listening(4), ASK)
    assert states[-1].events.needs == "needs_confidentiality"
    assert states[-1].events.permission_declined == "family" and "daughter" not in _revealed(states)
    assert "needs confidentiality agreed first" in states[-1].changes[-1].reason
    said = acts(persona, *open_up(persona), *listening(4), ASK)
    assert said[-1] == (ActKind.DECLINE_PERMISSION, "needs_confidentiality")


def test_once_confidentiality_is_agreed_the_same_request_is_granted(sam: Persona) -> None:
    persona = _needs_confidentiality(sam)
    confidential = signals(Move.CONFIDENTIALITY)
    states = play(persona, *open_up(persona), *listening(4), ASK, confidential, ASK)
    assert states[-1].events.permission_granted == "family"
    assert not [c for c in states[-1].changes if c.cause == "asked_again"]
    assert "daughter" in _revealed(states)


# --- working rules -----------------------------------------------------------------------------------------


def _with_rules(sam: Persona, *rules: WorkingRule) -> Persona:
    return sam.model_copy(update={"contract": sam.contract.model_copy(update={"working_rules": list(rules)})})


def _costs(persona: Persona, cause: str, *turns: TurnSignals) -> list[str]:
    last = play(persona, *turns)[-1]
    return [c.reason for c in last.changes if c.cause == cause and c.turn == last.turn and c.delta < 0]


def test_story_first_interrupting_with_questions_costs(sam: Persona) -> None:
    closed = signals(Move.CLOSED_QUESTION, questions=1)
    persona = _with_rules(sam, WorkingRule.STORY_FIRST)
    assert _costs(persona, "story_first", closed)
    assert not _costs(sam, "story_first", closed)
    # An open invitation to tell it is what the client asked for; once it is told, questions are welcome.
    assert not _costs(persona, "story_first", signals(Move.OPEN_QUESTION, questions=1))
    assert not _costs(persona, "story_first", *CONTRACT, LISTEN, closed)


def test_a_client_who_wants_challenge_disengages_if_coddled(sam: Persona) -> None:
    comfort = signals(Move.EMPATHY)
    persona = _with_rules(sam, WorkingRule.WANTS_CHALLENGE)
    assert not _costs(persona, "coddling", *CONTRACT, comfort)
    reasons = _costs(persona, "coddling", *CONTRACT, comfort, comfort)
    assert reasons and "asked to be challenged" in reasons[0]
    assert not _costs(persona, "coddling", *CONTRACT, comfort, LISTEN)
    said = acts(persona, *CONTRACT, comfort, comfort)
    assert said[-1][1] == "coddling"


def test_pep_talks_and_war_stories_cost_when_the_client_said_so(sam: Persona) -> None:
    pep = signals(Move.EMPATHY, pep_talk=True)
    story = signals(Move.SELF_FOCUS, Move.OPEN_QUESTION, shares_back=True)
    persona = _with_rules(sam, WorkingRule.NO_PEP_TALKS, WorkingRule.NO_WAR_STORIES)
    assert _costs(persona, "pep_talk", *CONTRACT, pep) and not _costs(sam, "pep_talk", *CONTRACT, pep)
    assert _costs(persona, "war_story", *CONTRACT, story)


# --- coach self-disclosure (part 5) ------------------------------------------------------------------------


def test_a_brief_share_handed_back_is_not_self_focus(sam: Persona) -> None:
    shared = signals(Move.SELF_FOCUS, Move.OPEN_QUESTION, shares_back=True)
    taken_over = signals(Move.SELF_FOCUS, Move.OPEN_QUESTION)
    assert not _costs(sam, "self_focus", *CONTRACT, shared)
    assert _costs(sam, "self_focus", *CONTRACT, taken_over)
    assert acts(sam, *CONTRACT, taken_over)[-1][0] is ActKind.REFOCUS
    assert acts(sam, *CONTRACT, shared)[-1][0] is not ActKind.REFOCUS


def test_the_model_voice_hears_the_mood_of_the_level(sam: Persona) -> None:
    persona = sam.model_copy(update={"mood": {0: "polite and guarded", 3: "tired and candid"}})
    guarded = voice_request(
        persona, direct(update(initial_state(persona), LISTEN, persona), LISTEN, persona).act, []
    )
    assert "Your mood: polite and guarded." in guarded.guidance
    assert persona.mood_at(4) == "tired and candid" and sam.mood_at(2) is None
