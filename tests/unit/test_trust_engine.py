"""The trust engine on hand-made signals: each rule of the issue, one test at a time."""

import itertools

from app.domain.asked import Asked, AskedKind
from app.domain.codebook import Move
from app.domain.persona import Persona
from app.domain.signals import TurnSignals
from app.domain.trust_state import TopicStatus, TrustState
from app.trust.engine import initial_state, update
from tests.support.signals import CONTRACT, LISTEN, listening


def turn(*moves: Move, text: str = "...", **facts: object) -> TurnSignals:
    return TurnSignals(text=text, moves=list(moves), **facts)  # type: ignore[arg-type]


def play(persona: Persona, *turns: TurnSignals, state: TrustState | None = None) -> TrustState:
    state = state or initial_state(persona)
    for signals in turns:
        state = update(state, signals, persona)
    return state


def test_starts_guarded(sam: Persona) -> None:
    state = initial_state(sam)
    assert state.level == 0
    assert state.trust == sam.difficulty.initial_trust


def test_every_change_has_a_cause(sam: Persona) -> None:
    state = play(sam, *CONTRACT, LISTEN, turn(Move.ADVICE))
    assert state.changes
    for change in state.changes:
        assert change.reason and change.cause and change.delta != 0 and 1 <= change.turn <= 6
    total = sum(change.delta for change in state.changes)
    assert round(sam.difficulty.initial_trust + total, 2) == state.trust


def test_without_goal_the_client_stays_at_level_2(sam: Persona) -> None:
    state = play(sam, *listening(25))
    assert state.level == 2
    assert any(change.cause == "no_goal_ceiling" for change in state.changes)
    after_goal = play(sam, turn(Move.GOAL, Move.OPEN_QUESTION), LISTEN, LISTEN, state=state)
    assert after_goal.level >= 3


def test_contracting_raises_trust_once_per_element(sam: Persona) -> None:
    state = play(sam, *CONTRACT)
    assert state.contract.goal and state.contract.working_style
    first = state.trust
    again = play(sam, *CONTRACT, state=state)
    assert again.trust - first < first - sam.difficulty.initial_trust


def test_conflict_of_interest_lowers_start_until_confidentiality(sam: Persona) -> None:
    conflicted = sam.model_copy(
        update={
            "setting": sam.setting.model_copy(update={"conflict_of_interest": "the coach is his manager"})
        }
    )
    start = initial_state(conflicted)
    assert start.trust < initial_state(sam).trust
    assert start.changes[0].cause == "conflict_of_interest"
    addressed = play(conflicted, turn(Move.CONFIDENTIALITY), state=start)
    plain = play(sam, turn(Move.CONFIDENTIALITY))
    assert addressed.trust == plain.trust


def test_a_reflection_that_adds_meaning_counts_more_than_parroting(sam: Persona) -> None:
    deepening = play(sam, turn(Move.REFLECTION, echo=0.4, recall=0.4, added=4))
    parroting = play(sam, turn(Move.REFLECTION, echo=0.9, added=0, parrot=True))
    assert deepening.trust - parroting.trust >= 4
    assert "simple reflection" in parroting.changes[-1].reason


def test_parroting_is_worth_less_each_time(sam: Persona) -> None:
    parrot = turn(Move.REFLECTION, echo=1.0, parrot=True)
    states = [initial_state(sam)]
    for _ in range(4):
        states.append(update(states[-1], parrot, sam))
    gains = [b.trust - a.trust for a, b in itertools.pairwise(states)]
    assert gains == sorted(gains, reverse=True) and gains[-1] < gains[0] / 3


def test_the_same_moves_turn_after_turn_have_diminishing_returns(sam: Persona) -> None:
    same = play(sam, *CONTRACT, *[LISTEN] * 6)
    varied = play(sam, *CONTRACT, *listening(6))
    assert varied.trust > same.trust
    assert any("same moves as last turn" in change.reason for change in same.changes_in(same.turn))


def test_a_push_taints_the_kind_words_around_it(sam: Persona) -> None:
    contracted = play(sam, *CONTRACT)
    pushed = update(contracted, turn(Move.EMPATHY, Move.REFLECTION, Move.PRESSURE, echo=0.4, added=3), sam)
    assert all(change.delta < 0 for change in pushed.changes_in(pushed.turn))
    assert pushed.events.tainted and pushed.trust < contracted.trust


def test_an_out_of_frame_turn_earns_nothing_even_wrapped_in_coaching(sam: Persona) -> None:
    contracted = play(sam, *CONTRACT)
    wrapped = update(contracted, turn(Move.CONFIDENTIALITY, Move.PERMISSION, injection=True), sam)
    assert all(change.delta < 0 for change in wrapped.changes_in(wrapped.turn))
    assert not wrapped.contract.confidentiality


def test_advice_before_invitation_costs_and_compounds(sam: Persona) -> None:
    once = play(sam, *CONTRACT, turn(Move.ADVICE))
    twice = play(sam, *CONTRACT, turn(Move.ADVICE), turn(Move.ADVICE))
    contracted = play(sam, *CONTRACT)
    first_cost = contracted.trust - once.trust
    second_cost = once.trust - twice.trust
    assert first_cost > 0 and second_cost > first_cost
    assert once.events.uninvited_advice


def test_advice_after_permission_is_invited(sam: Persona) -> None:
    offered = play(sam, *CONTRACT, turn(Move.PERMISSION, text="Can I share an idea?"))
    assert offered.events.offer_accepted
    invited = play(sam, turn(Move.ADVICE), state=offered)
    assert invited.events.invited_advice and invited.trust >= offered.trust


def test_permission_and_advice_in_one_breath_is_not_an_invitation(sam: Persona) -> None:
    state = play(sam, *CONTRACT, turn(Move.PERMISSION, Move.ADVICE))
    assert state.events.uninvited_advice


def test_probing_a_sensitive_topic_costs_and_deflects(sam: Persona) -> None:
    state = play(sam, *CONTRACT, turn(Move.OPEN_QUESTION, topics=["family"]))
    assert state.events.probed == "family"
    assert any(change.cause == "probe" for change in state.changes)


def test_a_summary_that_says_back_what_the_client_named_is_not_probing(sam: Persona) -> None:
    """A summary ("So: the new job, the late nights and your family. Is that it?") only checks what was heard; it
    asks nothing of the family. Naming a topic the client has not touched on, or a question into it, probes."""
    summary = Asked(kind=AskedKind.SUMMARY)
    said_back = turn(
        Move.REFLECTION, Move.CLOSED_QUESTION, topics=["family"], said_back_topics=["family"], asked=summary
    )
    state = play(sam, *CONTRACT, said_back)
    assert state.events.probed is None
    assert not any(change.cause == "probe" for change in state.changes)
    contracted = play(sam, *CONTRACT)
    hinted = contracted.model_copy(update={"topics": {**contracted.topics, "family": TopicStatus.HINTED}})
    summary_of_a_hint = turn(Move.REFLECTION, Move.CLOSED_QUESTION, topics=["family"], asked=summary)
    assert play(sam, summary_of_a_hint, state=hinted).events.probed is None
    not_named_by_the_client = turn(Move.REFLECTION, Move.CLOSED_QUESTION, topics=["family"], asked=summary)
    assert play(sam, *CONTRACT, not_named_by_the_client).events.probed == "family"
    asking_into_it = turn(
        Move.OPEN_QUESTION, topics=["family"], said_back_topics=["family"], asked=Asked(kind=AskedKind.OPEN)
    )
    assert play(sam, *CONTRACT, asking_into_it).events.probed == "family"


def test_permission_opens_a_topic_when_trust_allows(sam: Persona) -> None:
    low = play(sam, turn(Move.PERMISSION, topics=["family"]))
    assert low.events.permission_declined == "family" and low.topics["family"] is TopicStatus.DECLINED
    high = play(sam, *CONTRACT, LISTEN, LISTEN, turn(Move.PERMISSION, topics=["family"]))
    assert high.events.permission_granted == "family" and high.topics["family"] is TopicStatus.OPEN


def test_bare_permission_request_opens_the_pending_hinted_topic(sam: Persona) -> None:
    state = play(sam, *CONTRACT, LISTEN, LISTEN)
    hinted = state.model_copy(update={"pending_topic": "family", "topics": {"family": TopicStatus.HINTED}})
    after = play(sam, turn(Move.PERMISSION, text="Would it be OK to ask about that?"), state=hinted)
    assert after.events.permission_granted == "family"


def test_leave_to_offer_an_idea_right_after_a_hint_is_not_leave_to_go_into_it(sam: Persona) -> None:
    """ "Can I share a thought?" right after the client touched on their family asks to offer something of the
    coach's own: it is heard as an offer, and the family stays as it was until the coach asks about it."""
    state = play(sam, *CONTRACT, LISTEN, LISTEN)
    hinted = state.model_copy(update={"pending_topic": "family", "topics": {"family": TopicStatus.HINTED}})
    offered = play(sam, turn(Move.PERMISSION, offers=True), state=hinted)
    assert offered.events.offer_accepted and offered.events.permission_granted is None
    assert offered.topics["family"] is TopicStatus.HINTED
    named = play(sam, turn(Move.PERMISSION, offers=True, topics=["family"]), state=hinted)
    assert named.events.permission_granted == "family"  # "Can I share a thought about your family?"


def test_an_ask_that_leaves_no_choice_opens_nothing_and_earns_nothing(sam: Persona) -> None:
    """ "Can I ask about your family? Who…?" (or a yes claimed, or a price on a no): the client turns it down, with a
    reason the learner can read, and an ask made properly next turn is granted with no "asked again" cost."""
    state = play(sam, *CONTRACT, LISTEN, LISTEN)
    hinted = state.model_copy(update={"pending_topic": "family", "topics": {"family": TopicStatus.HINTED}})
    pressed = play(sam, turn(Move.PERMISSION, ask_leaves_no_choice=True), state=hinted)
    assert pressed.events.permission_granted is None and pressed.events.permission_declined == "family"
    assert pressed.topics["family"] is TopicStatus.HINTED and "family" not in pressed.declined_at
    [change] = pressed.changes_in(pressed.turn)
    assert change.delta == 0 and "without leaving the answer free" in change.reason
    asked = play(sam, turn(Move.PERMISSION), state=pressed)
    assert asked.events.permission_granted == "family"
    assert not [c for c in asked.changes_in(asked.turn) if c.delta < 0]


def test_asking_leave_to_sum_up_is_an_offer_not_a_way_into_a_topic(sam: Persona) -> None:
    """ "Can I try to sum up? …your family…" asks leave to say back what was heard: it neither opens nor is turned
    down for the topic the client hinted at or that the summary says back; a topic it names that the client has
    not touched on is still asked about."""
    state = play(sam, *CONTRACT, LISTEN, LISTEN)
    hinted = state.model_copy(update={"pending_topic": "family", "topics": {"family": TopicStatus.HINTED}})
    for topics in ([], ["family"]):
        after = play(sam, turn(Move.PERMISSION, topics=topics, sums_up=True), state=hinted)
        assert after.events.permission_granted is None and after.events.permission_declined is None
        assert after.events.offer_accepted and after.topics["family"] is TopicStatus.HINTED
    locked = play(sam, turn(Move.PERMISSION, topics=["family"], sums_up=True))
    assert locked.events.permission_declined == "family"
    # heard as a summary but asking leave in other words ("Earlier you said…, and that was fine. Would it be OK…?")
    asking = turn(Move.PERMISSION, asked=Asked(kind=AskedKind.SUMMARY))
    assert play(sam, asking, state=hinted).events.permission_granted == "family"


def test_pushing_after_a_refusal_is_a_rupture(sam: Persona) -> None:
    refused = play(sam, turn(Move.PERMISSION, topics=["family"]))
    pushed = play(sam, turn(Move.PRESSURE, Move.OPEN_QUESTION, topics=["family"]), state=refused)
    assert pushed.events.pushed_after_refusal == "family"
    rupture = [c for c in pushed.changes if c.cause == "pushed_after_refusal"]
    assert rupture and rupture[0].delta <= -20


def test_asking_again_right_after_no_costs(sam: Persona) -> None:
    refused = play(sam, turn(Move.PERMISSION, topics=["family"]))
    again = play(sam, turn(Move.PERMISSION, topics=["family"]), state=refused)
    assert again.events.permission_declined == "family"
    assert any(change.cause == "asked_again" for change in again.changes)


def test_breach_is_a_severe_rupture(sam: Persona) -> None:
    state = play(sam, *CONTRACT, LISTEN, LISTEN, LISTEN)
    breached = play(sam, turn(Move.BREACH), state=state)
    assert breached.events.breach
    assert state.trust - breached.trust >= 29.99


def test_repair_is_slower_than_the_damage(sam: Persona) -> None:
    good = play(sam, *CONTRACT, LISTEN, LISTEN)
    hurt = play(sam, turn(Move.JUDGMENT), state=good)
    repaired = play(sam, turn(Move.INVITE, repair=True), state=hurt)
    assert repaired.events.repaired
    assert hurt.trust < repaired.trust < good.trust


def test_rapid_closed_questions_erode(sam: Persona) -> None:
    state = play(sam, *CONTRACT, *[turn(Move.CLOSED_QUESTION)] * 3)
    assert any(change.cause == "rapid_questions" for change in state.changes)


def test_stacked_questions_erode(sam: Persona) -> None:
    state = play(sam, turn(Move.OPEN_QUESTION, Move.CLOSED_QUESTION, questions=3))
    assert any(change.cause == "stacked_questions" for change in state.changes)


def test_steering_away_from_the_agreed_topic_costs(sam: Persona) -> None:
    state = play(sam, *CONTRACT, turn(Move.OPEN_QUESTION, redirect=True, on_focus=False))
    assert state.events.steered_away
    before_goal = play(sam, turn(Move.OPEN_QUESTION, redirect=True, on_focus=False))
    assert not before_goal.events.steered_away


def test_injection_earns_nothing(sam: Persona) -> None:
    state = play(sam, *[turn(Move.REFLECTION, Move.GOAL, injection=True, echo=1.0)] * 10)
    assert state.level == 0
    assert all(change.cause == "out_of_frame" for change in state.changes)


def test_difficulty_scales_gains(sam: Persona) -> None:
    guarded = sam.model_copy(update={"difficulty": sam.difficulty.model_copy(update={"gain": 0.5})})
    assert play(guarded, *CONTRACT).trust < play(sam, *CONTRACT).trust


def test_update_is_pure(sam: Persona) -> None:
    state = play(sam, *CONTRACT)
    snapshot = state.model_dump()
    first = update(state, LISTEN, sam)
    second = update(state, LISTEN, sam)
    assert first == second
    assert state.model_dump() == snapshot


def test_pressing_on_right_after_a_no_is_pushing_past_the_refusal(sam: Persona) -> None:
    declined = play(sam, CONTRACT[0], turn(Move.PERMISSION, topics=["family"]))  # asked too early: a no
    assert declined.events.permission_declined == "family"
    pushed = update(declined, turn(Move.PRESSURE, text="Come on, it'll help to get it out."), sam)
    assert pushed.events.pushed_after_refusal == "family"
    assert any(c.cause == "pushed_after_refusal" for c in pushed.changes_in(pushed.turn))


def test_asking_leave_again_right_after_a_no_is_asked_again_not_pressing(sam: Persona) -> None:
    """ "Would you like to talk about it?" right after a no asks too soon; it does not push past the no."""
    declined = play(sam, CONTRACT[0], turn(Move.PERMISSION, topics=["family"]))
    again = update(declined, turn(Move.PERMISSION, topics=["family"], presses=True), sam)
    causes = {change.cause for change in again.changes_in(again.turn)}
    assert "asked_again" in causes and "pushed_after_refusal" not in causes
    assert not again.events.tainted
