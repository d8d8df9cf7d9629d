"""An ask that leaves the answer free, and one that does not (app/tag/free_ask.py), through the shipped reader."""

import pytest

from app.domain.codebook import Move
from app.tag.free_ask import ask_leaves_no_choice
from tests.support.shipped import learned_tagger as tagger

HINT = "Things at home are a bit tight since my husband's hours got cut. Anyway. The class."


def leaves_no_choice(text: str, moves: list[Move] | None = None) -> bool:
    read = moves if moves is not None else tagger().tag(text, HINT)
    return ask_leaves_no_choice(text, HINT, read, tagger())


@pytest.mark.parametrize(
    "text",
    [
        # goes in before the answer, or answers for the client
        "Can I ask about home? What is your husband doing for work now, and how much did you lose?",
        "Would it be okay to talk about money at home? Yes? Good. So how short are you each month?",
        "Is home something we can look at? I'll take that as a yes. Who is paying the rent?",
        # a yes claimed from before or from someone else
        "Thanks for your yes on this earlier, it means a lot. Can we talk about money at home?",
        "Can we talk about home? Your principal already cleared it with me before our session.",
        "Is it okay to ask about home? The programme lead asked me to cover it today.",
        # a price on a no
        "Can we talk about home? If you say no I'll have to mention it in your progress note.",
        "Shall we look at money at home? Teachers who don't engage with coaching can lose their place, remember.",
    ],
)
def test_an_ask_that_leaves_no_choice(text: str) -> None:
    assert leaves_no_choice(text, [Move.PERMISSION])


@pytest.mark.parametrize(
    "text",
    [
        "Would you like to talk about home? Or shall we stay with 8C?",
        "Is home something you'd want to look at today? No pressure at all.",
        "You mentioned home and then moved on. Would you like to come back to it, or leave it for now? Your call.",
        "Can we spend a moment on that? Is that okay?",
        "Would it help to talk about what's happening at home? Only if you want to. If not, we carry on with 8C.",
        "I noticed you said it's fine. Would you like to say more about home, or not today?",
        "Whatever you share stays here. Is home something you'd like to bring in today? Either way is fine.",
        "Can I ask about home? You don't have to answer.",
    ],
)
def test_an_ask_that_leaves_the_answer_free(text: str) -> None:
    assert not leaves_no_choice(text, [Move.PERMISSION])


def test_only_an_ask_can_leave_no_choice() -> None:
    """Without `permission` in the reading there is no ask to judge: going in uninvited is the engine's probing."""
    assert not leaves_no_choice(
        "What is your husband doing now? How much did you lose?", [Move.OPEN_QUESTION]
    )
