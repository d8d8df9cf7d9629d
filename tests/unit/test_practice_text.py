"""What learners may send, and how text from learners, personas and models is shown."""

import re

import pytest

from app.practice.inputs import MAX_MESSAGE_CHARS, BadInput, clean_message
from app.practice.markup import escape


def test_clean_message_keeps_what_was_typed() -> None:
    assert (
        clean_message("  So what brings you here?\r\nTake your time. ")
        == "So what brings you here?\nTake your time."
    )
    assert clean_message("<b>bold</b> *really*") == "<b>bold</b> *really*"
    assert clean_message("x" * MAX_MESSAGE_CHARS) == "x" * MAX_MESSAGE_CHARS


@pytest.mark.parametrize("bad", ["", " \n ", "x" * (MAX_MESSAGE_CHARS + 1), "a\x00b", "a\x07b", "a\u202eb"])
def test_clean_message_refuses_with_a_reason(bad: str) -> None:
    with pytest.raises(BadInput) as refused:
        clean_message(bad)
    assert str(refused.value).endswith(".")


def test_escaped_text_has_no_markup_left() -> None:
    shown = escape("<script>x</script> **b** [l](javascript:1) ![i](http://e/x.png) # h | t")
    assert re.search(r"(?<!\\)[<>*\[\]()#|!]", shown) is None
