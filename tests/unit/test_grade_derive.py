"""Facts from a transcript alone (the tagger's moves, events read from the surrounding text) and from a
rehearsal's records (the engine's own causes)."""

import pytest

from app.domain.codebook import Move
from app.domain.trust_state import TrustChange
from app.grade.derive import conversation_from_records, conversation_from_transcript, events_from_changes
from app.grade.facts import Event, PersonaFact
from tests.support.grading import persona, rehearse, tagger, transcript_of


def events(*turns: tuple[str, str]) -> list[set[Event]]:
    conversation = conversation_from_transcript(transcript_of(*turns), tagger())
    return [set(turn.events) for turn in conversation.coach]


def test_turn_indices_and_context_follow_the_transcript() -> None:
    transcript = transcript_of(
        ("client", "Hi."), ("coach", "What would you like from today?"), ("client", "Help with Dan."),
        ("client", "He talks over me."), ("coach", "He talks over you."),
    )  # fmt: skip
    coach = conversation_from_transcript(transcript, tagger()).coach
    assert [(t.turn, t.ordinal, t.context) for t in coach] == [(1, 0, "Hi."), (4, 1, "He talks over me.")]
    assert Move.GOAL in coach[0].moves and coach[1].recall > 0.5


def test_pushing_into_an_area_the_client_declined() -> None:
    found = events(
        ("coach", "Would it be ok if we talked about how things are at home with your husband?"),
        ("client", "I'd rather not go into that today."),
        ("coach", "I really think your marriage is the heart of this. What's going on with your husband?"),
    )
    assert Event.PUSHED_AFTER_REFUSAL in found[1]


def test_asking_again_right_after_a_no_is_not_pushing() -> None:
    found = events(
        ("coach", "Would it be ok if we talked about how things are at home?"),
        ("client", "Not today."),
        ("coach", "Would it be ok if we came back to home for a minute?"),
    )
    assert found[1] == {Event.ASKED_AGAIN}  # a trust cost in the engine, not a blocking error


def test_accepting_the_no_is_fine() -> None:
    found = events(
        ("coach", "Would it be ok if we talked about how things are at home?"),
        ("client", "I'd rather keep to work, if that's ok."),
        ("coach", "Of course. What would be most useful to look at on the work side?"),
    )
    assert found[1] == set()


def test_advice_is_invited_after_an_accepted_offer_or_a_request_for_ideas() -> None:
    offered = events(
        ("coach", "I have an idea about that. Would you like to hear it?"),
        ("client", "Yes, go on."),
        ("coach", "You could try giving him one whole package to own."),
    )
    assert Event.INVITED_ADVICE in offered[1]
    asked = events(
        ("client", "What would you do? I need some ideas."), ("coach", "You could try a fixed agenda.")
    )
    assert asked[0] == {Event.INVITED_ADVICE}
    unasked = events(("client", "He redrew my whiteboard."), ("coach", "You should tell him to stop."))
    assert unasked[0] == {Event.UNINVITED_ADVICE}


def test_advice_after_the_client_asked_for_none_goes_against_their_way_of_working() -> None:
    found = events(
        ("coach", "How would you like to work today?"),
        ("client", "Please, no advice. I want to think it through myself."),
        ("coach", "You should talk to HR about him."),
    )
    assert found[1] == {Event.UNINVITED_ADVICE, Event.AGAINST_WORKING_STYLE}


def test_probing_is_entering_sensitive_ground_the_client_never_raised() -> None:
    probe = events(("client", "Work is a lot at the moment."), ("coach", "How are things with your husband?"))
    assert probe[0] == {Event.PROBE}
    following = events(
        ("client", "My husband and I argue about my hours."), ("coach", "What happens with your husband?")
    )
    assert following[0] == set()  # the client's own word: exploring, not probing


def test_repair_is_owning_an_earlier_misstep() -> None:
    found = events(
        ("coach", "You should just tell him no."),
        ("client", "I've tried that."),
        ("coach", "Sorry, I jumped in there. What have you tried so far?"),
    )
    assert Event.REPAIR in found[1]


def test_engine_causes_map_to_events_by_their_sign() -> None:
    def change(cause: str, delta: float) -> TrustChange:
        return TrustChange(turn=1, cause=cause, delta=delta, reason="r")

    assert events_from_changes([change("advice", -8)]) == {Event.UNINVITED_ADVICE}
    assert events_from_changes([change("advice", 1)]) == {Event.INVITED_ADVICE}
    assert events_from_changes([change("working_style", 6)]) == set()  # contracting, not going against it
    assert events_from_changes([change("working_style", -3)]) == {Event.AGAINST_WORKING_STYLE}
    assert events_from_changes([change("pushed_after_refusal", -20), change("probe", -6)]) == {
        Event.PUSHED_AFTER_REFUSAL,
        Event.PROBE,
    }


def test_records_give_the_engines_own_moves_and_persona_facts() -> None:
    sam = persona("sam-fixture")
    transcript, records = rehearse(
        sam, ["What would you like from today?", "You should just delegate the rota."]
    )
    conversation = conversation_from_records(transcript, records, sam)
    assert conversation.from_records
    assert [set(t.moves) for t in conversation.coach] == [set(r.moves) for r in records]
    assert Event.UNINVITED_ADVICE in conversation.coach[1].events
    assert PersonaFact.SENSITIVE_TOPICS in conversation.persona_facts
    with pytest.raises(ValueError, match="do not match"):
        conversation_from_records(transcript, records[:1], sam)


def test_a_no_in_any_of_several_client_messages_answers_the_coach() -> None:
    found = events(
        ("coach", "Would it be ok if we talked about how things are at home?"),
        ("client", "Hmm."),
        ("client", "Actually, I'd rather not go into that today."),
        ("coach", "What's going on at home, then?"),
    )
    assert found[1] == {Event.PUSHED_AFTER_REFUSAL}
    accepted = events(
        ("coach", "Can I offer a thought?"),
        ("client", "Sure."),
        ("client", "Go on, I could use one."),
        ("coach", "You could try giving him one whole package to own."),
    )
    assert accepted[1] == {Event.INVITED_ADVICE}


def test_a_brief_share_handed_back_is_graded_as_coaching_not_self_focus() -> None:
    """Issue 11 part 5: "I've been there myself... what's it like for you?" is authenticity; a story that takes
    the session over is still self-focus."""
    share = "I've been there myself, with a team that didn't trust me. What's it like for you?"
    story = (
        "When I led a team I had exactly this, and what I did was sit them down one by one and tell them how "
        "it would be. It worked for me in the end, took about six months. What do you think?"
    )
    said = "I just feel stuck with Dan."
    shared, told = (
        conversation_from_transcript(transcript_of(("client", said), ("coach", text)), tagger()).coach[0]
        for text in (share, story)
    )
    assert Move.OPEN_QUESTION in shared.moves and Move.SELF_FOCUS not in shared.moves
    assert Move.SELF_FOCUS in told.moves
    assert Move.SELF_FOCUS in tagger().tag(share, said)  # the reader does see the coach's own story in it
