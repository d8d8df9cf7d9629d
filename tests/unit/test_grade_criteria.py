"""Per-criterion behaviour on small hand-built conversations (moves fixed by the test, so each rule of the
rubric is checked on its own), plus scoring, the verdict and the mentor-style feedback."""

from app.domain.codebook import Move
from app.grade.facts import Event, PersonaFact
from app.grade.grader import overall_score
from app.grade.rubric import Level
from tests.support.grading import Say, graded, level

GOAL = Say("What would you like from our time today?", (Move.GOAL, Move.OPEN_QUESTION))
SUCCESS = Say("How will you know it worked?", (Move.SUCCESS_MEASURE, Move.OPEN_QUESTION))
IMPORTANCE = Say("What makes this matter now?", (Move.IMPORTANCE, Move.OPEN_QUESTION))
STYLE = Say("How would you like us to work?", (Move.WORKING_STYLE, Move.OPEN_QUESTION))
ASK = Say("What's in the way?", (Move.OPEN_QUESTION,))
REFLECT = Say("You're worn out and nobody sees it.", (Move.REFLECTION,))
EMPATHY = Say("That sounds really hard.", (Move.EMPATHY,))
ADVICE = Say("You should just tell him.", (Move.ADVICE,), (Event.UNINVITED_ADVICE,))
JUDGE = Say("Honestly, that was a mistake.", (Move.JUDGMENT,))
FEELING = "I'm exhausted and a bit scared, to be honest."
NEUTRAL = "The meeting is on Thursday."


def test_session_outcome_agreed_early_is_consistent_late_is_partial_missing_fails_the_run() -> None:
    assert level(graded(GOAL, NEUTRAL, ASK, NEUTRAL), "ICF-3.1") == "consistent"
    late = graded(ASK, "a", ASK, "b", ASK, "c", ASK, "d", GOAL, "e")
    assert level(late, "ICF-3.1") == "partial"
    assert "only from your turn 5" in next(c.reason for c in late.criteria if c.id == "ICF-3.1")
    missing = graded(REFLECT, FEELING, EMPATHY, FEELING, REFLECT, FEELING)
    assert level(missing, "ICF-3.1") == "not_evident"
    assert not missing.passed
    assert any("required criterion not evident: ICF-3.1" in reason for reason in missing.verdict)


def test_contracting_markers_need_their_own_move() -> None:
    result = graded(GOAL, NEUTRAL, SUCCESS, NEUTRAL, IMPORTANCE, NEUTRAL)
    assert [level(result, i) for i in ("ICF-3.1", "ICF-3.2", "ICF-3.3")] == ["consistent"] * 3
    bare = graded(GOAL, NEUTRAL)
    assert level(bare, "ICF-3.2") == level(bare, "ICF-3.3") == "not_evident"


def test_what_needs_addressing_counts_open_questions_after_the_goal_but_not_contracting_ones() -> None:
    assert level(graded(GOAL, NEUTRAL, SUCCESS, NEUTRAL, IMPORTANCE, NEUTRAL), "ICF-3.4") == "not_evident"
    assert (
        level(graded(ASK, NEUTRAL, ASK, NEUTRAL, GOAL, NEUTRAL), "ICF-3.4") == "not_evident"
    )  # before the goal
    assert level(graded(GOAL, NEUTRAL, ASK, NEUTRAL, ASK, NEUTRAL), "ICF-3.4") == "consistent"
    # The coach deciding what to work on pulls it down a level.
    assert level(graded(GOAL, NEUTRAL, ASK, NEUTRAL, ASK, NEUTRAL, ADVICE, NEUTRAL), "ICF-3.4") == "partial"


def test_welcoming_feelings_is_not_applicable_when_the_client_shows_none() -> None:
    calm = graded(GOAL, NEUTRAL, REFLECT, NEUTRAL)
    assert level(calm, "ICF-4.3") == level(calm, "ICF-6.3") == "not_applicable"
    result = next(c for c in calm.criteria if c.id == "ICF-4.3")
    assert result.score is None and "never put a feeling into words" in result.feedback


def test_welcoming_feelings_counts_replies_to_a_feeling_and_cites_the_one_that_missed_it() -> None:
    result = graded(GOAL, FEELING, ASK, FEELING, REFLECT, FEELING, EMPATHY, NEUTRAL)
    criterion = next(c for c in result.criteria if c.id == "ICF-4.3")
    assert criterion.level is Level.CONSISTENT  # two replies to a feeling took it in
    missed = graded(GOAL, FEELING, ASK, NEUTRAL)
    criterion = next(c for c in missed.criteria if c.id == "ICF-4.3")
    assert criterion.level is Level.NOT_EVIDENT
    assert criterion.weakest is not None and criterion.weakest.quote == ASK.text  # the reply that moved on
    assert criterion.better == "It makes sense you'd feel exhausted about that."  # the client's own feeling


def test_inviting_a_response_is_undone_by_pushing_past_a_no() -> None:
    invite = Say("How does that land?", (Move.INVITE, Move.OPEN_QUESTION))
    ask = Say("Would it be OK to talk about home?", (Move.PERMISSION,))
    assert (
        level(graded(GOAL, NEUTRAL, REFLECT, NEUTRAL, invite, NEUTRAL, ask, "Sure."), "ICF-4.4")
        == "consistent"
    )
    push = Say("Come on, just tell me about home.", (Move.PRESSURE,), (Event.PUSHED_AFTER_REFUSAL,))
    pushed = graded(GOAL, NEUTRAL, invite, NEUTRAL, ask, "I'd rather not.", push, "...")
    assert level(pushed, "ICF-4.4") == "partial"


def test_exploring_the_clients_words_needs_their_words() -> None:
    client = "I feel like I'm drowning in the rota."
    echo = Say("Drowning in the rota. What does drowning feel like?", (Move.REFLECTION, Move.OPEN_QUESTION))
    generic = Say("Tell me more.", (Move.OPEN_QUESTION,))
    assert level(graded(GOAL, client, echo, client, echo, NEUTRAL), "ICF-6.2") == "consistent"
    assert level(graded(GOAL, client, generic, client, generic, NEUTRAL), "ICF-6.2") == "not_evident"


def test_succinct_reflections_must_be_short() -> None:
    long = Say(" ".join(["So what I am hearing is that"] * 8) + " you are tired.", (Move.REFLECTION,))
    assert level(graded(GOAL, NEUTRAL, REFLECT, NEUTRAL, REFLECT, NEUTRAL), "ICF-6.7") == "consistent"
    assert level(graded(GOAL, NEUTRAL, long, NEUTRAL, long, NEUTRAL), "ICF-6.7") == "not_evident"


def test_question_quality_comes_from_open_share_and_stacking() -> None:
    stacked = Say(
        "What happened, and did you tell her, and why not?", (Move.OPEN_QUESTION, Move.CLOSED_QUESTION)
    )
    closed = Say("Did you tell her?", (Move.CLOSED_QUESTION,))
    assert level(graded(GOAL, NEUTRAL, ASK, NEUTRAL, ASK, NEUTRAL), "ICF-7.6") == "consistent"
    assert (
        level(graded(GOAL, NEUTRAL, ASK, NEUTRAL, closed, NEUTRAL), "ICF-7.6") == "partial"
    )  # 67 % open: fair
    assert level(graded(GOAL, NEUTRAL, closed, NEUTRAL, closed, NEUTRAL), "ICF-7.6") == "not_evident"  # 33 %
    result = graded(GOAL, NEUTRAL, stacked, NEUTRAL, ASK, NEUTRAL)
    criterion = next(c for c in result.criteria if c.id == "ICF-7.6")
    assert criterion.level is Level.NOT_EVIDENT  # one turn in three stacks questions
    assert criterion.weakest is not None and criterion.weakest.turn == 2
    assert (
        criterion.better == "Ask one question and wait: 'What happened, and did you tell her, and why not?'"
    )
    assert [e.turn for e in criterion.evidence] == [
        2
    ]  # below consistent, the evidence is what pulled it down
    assert level(graded(REFLECT, NEUTRAL), "ICF-7.6") == "not_applicable"  # no questions asked


def test_permission_applies_with_sensitive_ground_and_is_lost_to_probing_or_unasked_advice() -> None:
    ask = Say("Would it be OK to talk about home?", (Move.PERMISSION,))
    probe = Say("What's going on at home?", (Move.OPEN_QUESTION,), (Event.PROBE,))
    assert level(graded(GOAL, NEUTRAL, REFLECT, NEUTRAL), "TS-1") == "not_applicable"
    with_topics = graded(GOAL, NEUTRAL, REFLECT, NEUTRAL, facts=(PersonaFact.SENSITIVE_TOPICS,))
    assert level(with_topics, "TS-1") == "not_evident"  # the persona had sensitive ground; never asked
    assert level(graded(GOAL, NEUTRAL, ask, "OK."), "TS-1") == "consistent"
    assert level(graded(GOAL, NEUTRAL, ask, "OK.", probe, "..."), "TS-1") == "partial"
    advised = next(c for c in graded(GOAL, NEUTRAL, ADVICE, NEUTRAL).criteria if c.id == "TS-1")
    assert advised.level is Level.NOT_EVIDENT
    assert (
        advised.better == "I have a thought about that. Would you like to hear it?"
    )  # fits the advice moment


def test_way_of_working_is_lost_when_advice_goes_against_it() -> None:
    assert level(graded(GOAL, NEUTRAL, STYLE, "Just questions please."), "TS-2") == "consistent"
    against = Say(
        "You should tell him.", (Move.ADVICE,), (Event.UNINVITED_ADVICE, Event.AGAINST_WORKING_STYLE)
    )
    assert level(graded(GOAL, NEUTRAL, STYLE, "No advice please.", against, "..."), "TS-2") == "partial"


def test_keeping_to_the_agreement_needs_a_check_back_and_no_steering_away() -> None:
    check = Say("Is Dan still the most useful focus?", (Move.GOAL, Move.CLOSED_QUESTION))
    steer = Say("Let's talk about something else: your promotion.", (), (Event.STEERED_AWAY,))
    assert level(graded(GOAL, NEUTRAL), "TS-3") == "partial"
    assert level(graded(GOAL, NEUTRAL, ASK, NEUTRAL, check, "Yes."), "TS-3") == "consistent"
    assert level(graded(GOAL, NEUTRAL, check, "Yes.", steer, "Oh."), "TS-3") == "partial"


def test_confidentiality_applies_with_a_dual_role_or_when_the_client_raises_it() -> None:
    assert level(graded(GOAL, NEUTRAL), "TS-4") == "not_applicable"
    assert level(graded(GOAL, NEUTRAL, facts=(PersonaFact.CONFLICT_OF_INTEREST,)), "TS-4") == "not_evident"
    assert level(graded(GOAL, "Will any of this go into my review?"), "TS-4") == "not_evident"
    stated = Say("What you say here stays between us.", (Move.CONFIDENTIALITY,))
    assert level(graded(stated, "OK.", GOAL, NEUTRAL), "TS-4") == "consistent"


def test_non_judgment_holds_throughout_and_each_lapse_costs_a_level() -> None:
    assert level(graded(GOAL, NEUTRAL, REFLECT, NEUTRAL), "TS-6") == "consistent"
    assert level(graded(GOAL, NEUTRAL, JUDGE, NEUTRAL, REFLECT, NEUTRAL), "TS-6") == "partial"
    twice = graded(GOAL, NEUTRAL, JUDGE, NEUTRAL, JUDGE, NEUTRAL)
    criterion = next(c for c in twice.criteria if c.id == "TS-6")
    assert criterion.level is Level.NOT_EVIDENT
    assert [e.turn for e in criterion.evidence] == [2, 4]  # the lapses are the evidence


def test_coach_role_is_lost_to_advice_self_focus_and_therapy() -> None:
    story = Say("When I was a manager I did exactly this.", (Move.SELF_FOCUS,))
    digging = Say("Let's go back to your childhood. What were your parents like?", (Move.OPEN_QUESTION,))
    assert level(graded(GOAL, NEUTRAL, ASK, NEUTRAL), "TS-7") == "consistent"
    assert level(graded(GOAL, NEUTRAL, ADVICE, NEUTRAL), "TS-7") == "partial"
    assert level(graded(GOAL, NEUTRAL, digging, NEUTRAL), "TS-7") == "partial"
    assert (
        level(graded(GOAL, NEUTRAL, ADVICE, NEUTRAL, story, NEUTRAL, digging, NEUTRAL), "TS-7")
        == "not_evident"
    )
    invited = Say("One idea is to ask him first.", (Move.ADVICE,), (Event.INVITED_ADVICE,))
    assert level(graded(GOAL, NEUTRAL, invited, NEUTRAL), "TS-7") == "consistent"  # advice she asked for


def test_score_is_the_weighted_mean_of_applicable_criteria() -> None:
    result = graded(GOAL, FEELING, REFLECT, FEELING, ADVICE, NEUTRAL)
    judged = [c for c in result.criteria if c.score is not None]
    expected = sum(c.weight * (c.score or 0) for c in judged) / sum(c.weight for c in judged)
    assert result.score == round(expected, 1) == overall_score(result.criteria)
    assert all(c.score in (0, 50, 100) for c in judged)
    assert {c.id for c in result.criteria if c.score is None} >= {"TS-4"}  # n/a leaves the score


def test_feedback_names_the_behaviour_its_effect_and_a_better_phrasing() -> None:
    result = graded(GOAL, NEUTRAL, ADVICE, NEUTRAL)
    shipped = {c.id: c for c in result.criteria}
    role = shipped["TS-7"]
    assert role.feedback.startswith("Partly there")
    assert "weighing your solution" in role.feedback  # effect on the client, from the rubric
    assert "Weakest moment, turn 2: “You should just tell him.”" in role.feedback
    assert role.better and f"Try: “{role.better}”" in role.feedback
    outcome = shipped["ICF-3.1"]
    assert (
        outcome.level is Level.CONSISTENT and "turn 1:" in outcome.feedback and outcome.better is None
    )  # learner turns
