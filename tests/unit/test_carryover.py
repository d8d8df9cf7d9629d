"""Second sessions, pure: what an ended session carries over, where the next one's trust starts (each effect a
cause at turn 0 of the trace), and keeping or dropping last session's agreements."""

import pytest

from app.domain.codebook import Move
from app.domain.persona import Persona
from app.domain.trust_state import ContractState, TopicStatus, TrustState
from app.trust.carryover import (
    CARRY_SHARE,
    UNREPAIRED_RUPTURE_COST,
    Carryover,
    carry_over,
    follow_up_state,
)
from app.trust.engine import initial_state, update
from app.trust.keeping import CHECK_IN_WITHIN
from tests.support.signals import CONTRACT, LISTEN, listening, signals


def played(persona: Persona, *turns: object, state: TrustState | None = None) -> list[TrustState]:
    states = [state or initial_state(persona)]
    for turn in turns:
        states.append(update(states[-1], turn, persona))  # type: ignore[arg-type]
    return states


def ended(persona: Persona, **facts: object) -> Carryover:
    given: dict[str, object] = {
        "session": 1,
        "agreements": ContractState(goal=True, working_style=True),
        "last_trust": 50.0,
        "peak_trust": 55.0,
        **facts,
    }
    return Carryover.model_validate(given)


def test_carry_over_reads_agreements_disclosures_topics_and_trust(sam: Persona) -> None:
    states = played(sam, *CONTRACT, *listening(6), signals(Move.ADVICE), signals(Move.ADVICE))
    final = states[-1].model_copy(
        update={
            "disclosed": ["tired", "daughter"],
            "topics": {"family": TopicStatus.OPEN},
            "hints_used": {"family": [0]},
        }
    )
    carried = carry_over([*states[:-1], final])
    assert carried.agreed == ["goal", "success_measure", "importance", "working_style"]
    assert carried.disclosed == ["tired", "daughter"] and carried.opened == ["family"]
    assert carried.hinted == {"family": [0]}
    assert carried.last_trust == final.trust
    assert carried.peak_trust == max(state.trust for state in states) > final.trust  # the advice cost
    assert carried.unrepaired is None


def test_carry_over_needs_a_state() -> None:
    with pytest.raises(ValueError, match="nothing to carry over"):
        carry_over([])


def test_trust_starts_between_the_usual_start_and_where_it_ended(sam: Persona) -> None:
    states = played(sam, *CONTRACT, *listening(12))
    carried = carry_over(states)
    start = follow_up_state(sam, carried)
    usual = sam.difficulty.initial_trust
    assert usual < start.trust < carried.last_trust
    assert start.level < states[-1].level <= 4  # not at the level it peaked at
    assert start.trust == pytest.approx(usual + CARRY_SHARE * (carried.last_trust - usual), abs=0.01)
    # Every effect has a readable cause at turn 0, and the trace adds up.
    assert {change.turn for change in start.changes} == {0}
    assert "session 2: picks up from last time" in start.changes[0].reason
    assert round(usual + sum(change.delta for change in start.changes), 2) == start.trust


def test_never_starts_at_the_level_it_peaked_at(sam: Persona) -> None:
    warm = sam.model_copy(update={"difficulty": sam.difficulty.model_copy(update={"initial_trust": 39.0})})
    start = follow_up_state(warm, ended(warm, last_trust=79.0, peak_trust=79.0))
    assert start.trust == 59.9 and start.level == 2
    capped = [change for change in start.changes if change.cause == "follow_up_cap"]
    assert capped and "below level 3, where last session peaked" in capped[0].reason


def test_the_agreements_disclosures_and_opened_topics_are_remembered(sam: Persona) -> None:
    carried = ended(sam, disclosed=["tired", "daughter"], opened=["family"])
    start = follow_up_state(sam, carried)
    assert start.contract == start.carried == ContractState(goal=True, working_style=True)
    assert start.disclosed == ["tired", "daughter"]
    assert start.topics == {"family": TopicStatus.OPEN}
    assert "never" not in start.disclosed  # the deepest is still to come, on its own terms


def test_a_topic_only_hinted_at_starts_closed_again(sam: Persona) -> None:
    start = follow_up_state(sam, ended(sam, hinted={"family": [0, 1]}))
    assert start.topics == {"family": TopicStatus.LOCKED}
    assert start.hints_used == {"family": [0, 1]}  # the next hint builds on the last ones


def test_an_unrepaired_rupture_starts_lower_and_stays_until_owned(sam: Persona) -> None:
    waits = sam.model_copy(update={"difficulty": sam.difficulty.model_copy(update={"repair_window": 3})})
    clean = follow_up_state(waits, ended(waits))
    broken = follow_up_state(waits, ended(waits, unrepaired="breach", unrepaired_at=7))
    assert broken.trust == pytest.approx(clean.trust - UNREPAIRED_RUPTURE_COST)
    reason = next(change.reason for change in broken.changes if change.cause == "rupture_unrepaired")
    assert reason == "last session's broken trust (breach at turn 7) was never repaired"
    assert broken.rupture == "breach"
    held = update(broken, LISTEN, waits)
    assert held.events.held and held.trust <= broken.trust  # nothing earns trust until it is owned
    owned = update(held, signals(Move.EMPATHY, repair=True), waits)
    assert owned.events.repaired and owned.rupture is None and owned.trust > held.trust


def test_no_goal_agreed_last_time_holds_the_start_below_level_3(sam: Persona) -> None:
    carried = Carryover(session=1, agreements=ContractState(), last_trust=75.0, peak_trust=80.0)
    warm = sam.model_copy(update={"difficulty": sam.difficulty.model_copy(update={"initial_trust": 39.0})})
    start = follow_up_state(warm, carried)
    assert start.level == 2
    assert any(change.cause == "no_goal_ceiling" for change in start.changes)


def test_a_conflict_of_interest_addressed_last_time_stays_addressed(sam: Persona) -> None:
    setting = sam.setting.model_copy(update={"conflict_of_interest": "the coach is also his manager"})
    conflicted = sam.model_copy(update={"setting": setting})
    unaddressed = follow_up_state(conflicted, ended(conflicted))
    assert any(change.cause == "conflict_of_interest" for change in unaddressed.changes)
    addressed = ended(conflicted, agreements=ContractState(goal=True, confidentiality=True))
    assert not any(
        change.cause == "conflict_of_interest" for change in follow_up_state(conflicted, addressed).changes
    )


def test_checking_in_on_last_sessions_agreements_earns_trust_once(sam: Persona) -> None:
    start = follow_up_state(sam, ended(sam))
    states = played(sam, signals(Move.GOAL, Move.OPEN_QUESTION), signals(Move.GOAL), state=start)
    check_ins = [change for change in states[-1].changes if change.cause == "check_in"]
    assert len(check_ins) == 1 and check_ins[0].turn == 1 and check_ins[0].delta > 0
    assert check_ins[0].reason == "checked in on what was agreed last session (goal, working style)"


def test_dropping_last_sessions_agreements_costs_a_little_once(sam: Persona) -> None:
    start = follow_up_state(sam, ended(sam))
    states = played(sam, *listening(CHECK_IN_WITHIN + 2), state=start)
    dropped = [change for change in states[-1].changes if change.cause == "dropped_agreements"]
    assert len(dropped) == 1 and dropped[0].turn == CHECK_IN_WITHIN and dropped[0].delta < 0
    assert "without checking in on last session's agreements" in dropped[0].reason


def test_a_first_session_has_neither(sam: Persona) -> None:
    states = played(sam, *listening(CHECK_IN_WITHIN + 1), *CONTRACT)
    causes = {change.cause for change in states[-1].changes}
    assert not causes & {"check_in", "dropped_agreements", "follow_up"}


def test_a_session_that_ended_lower_than_it_started_starts_the_next_lower_too(sam: Persona) -> None:
    start = follow_up_state(sam, ended(sam, last_trust=2.0, peak_trust=15.0))
    usual = sam.difficulty.initial_trust
    assert 2.0 < start.trust < usual
    assert start.changes[0].reason.endswith("60% of the ground lost stays lost")
