"""Asking leave: whether a coach's turn asks the client's permission to go somewhere, read from its form. Pure.

Two conventions of the codebook that hold whatever the learned scores say (`reader._settle` applies them):
a yes/no question that invites the client into something is a permission request, whatever its wording; and a
yes/no question about the facts ("Is money tight at home?", "Did something go wrong with a patient?") is not,
however close it comes to the client's hint: it goes in without asking.
"""

from __future__ import annotations

import re

from app.domain.codebook import Move
from app.tag.context import ClientCue, client_cues
from app.tag.text import clauses, clean, interrogative_kind, is_question, split_sentences, strip_discourse

# A turn that pushes, advises or judges is not asking leave, whatever its form.
NOT_AN_INVITATION = frozenset({Move.PRESSURE, Move.ADVICE, Move.JUDGMENT, Move.BREACH, Move.DISMISS})
# Asking leave: "would it be all right…", "mind if…", "is that something you'd want to…", "do u want to
# talk about that…", "shall we look at that?", "can we stay with that?", "up for going into it or not".
_ASKING_LEAVE = re.compile(
    r"^(?:would|will|is|does|do|did|shall|should|can|could|may|might|mind|ok|okay|are|would've|want|wanna|up|"
    r"fancy|keen)\b"
    r"[^?]{0,60}?\b(?:talk|talking|look|looking|explore|exploring|go|going|come back|coming back|stay|staying|"
    r"get into|getting into|unpack|dig|say more|share|open|hear more|spend|touch on|return|ask|asking|"
    r"turn to|pick up|sit with|into that|into it|bring (?:it|that|this)|finish that|park|put (?:it|that|this)|bring\b[^?]{0,20}\binto (?:the|our|this) (?:conversation|session)|poke|"
    r"linger|say it|play|offer|push|challenge|name (?:it|that|something))\b"
)
# Forms that ask leave whatever came before: "OK to come back to that now?", "mind if we go there?".
_LEAVE_FORM = re.compile(
    r"^(?:(?:is it|would it be|would it feel|would that be|are you|is that|it's|it is) )?"
    r"(?:ok|okay|all right|alright|fine|comfortable)\b[^?]{0,20}\b(?:if|to|with)\b|^(?:do you |would you )?mind if\b"
    r"|^(?:can|could|may) (?:we|i) (?:come back|go back|return|look|explore|stay|ask about|bring up)\b"
    r"|^permission to\b"
    # "do u want to talk about that": coming back to what the client said, in so many words
    r"|^(?:do|would) you (?:want|wanna|like) to (?:talk|go|look|get|come back|say more|explore|stay)\b[^?]{0,25}"
    r"\b(?:about|into|at|to|with|on) (?:that|it|this|those|them)\b(?:,? or (?:not|leave|park|skip|keep)[^?]*)?\s*\??$"
)
# The client turning back to their own topic in so many words ("...that's rather the deal. Back to delegation."):
# a pull-back the move reader's cues (`context.PULL_BACK`, one of its features) do not list.
_BACK_TO = re.compile(r"(?:^|[.!?]\s+)back to \w+", re.IGNORECASE)
# A question typed without its "?" that asks whether the client wants to ("want to get into it or park it").
_UNMARKED_ASK = re.compile(r"^(?:want|wanna|up for|fancy|keen)\b")


def invites_into_the_hint(text: str, context: str | None) -> bool:
    """A yes/no question that invites the client to go into something is a permission request, whatever its
    wording: right after the client touched on something and pulled back, or in a form that asks leave by
    itself ("OK to come back to that now?"). "Tell me about it" is not: it asks nothing."""
    after_hint = ClientCue.PULLED_BACK in client_cues(context) or bool(context and _BACK_TO.search(context))
    for sentence in split_sentences(clean(text)):
        marked = is_question(sentence)
        for clause in [sentence, *clauses(sentence)]:  # "u mentioned ur dad, do u want to talk about it?"
            whole = clause.lower().strip(" ,")
            lead = strip_discourse(whole)  # "okay, shall we…" (but "OK to…?" is the ask itself)
            # a question typed without its "?" is one by its opening ("…, do u want to talk about that")
            if not (marked or interrogative_kind(clause) or _UNMARKED_ASK.match(lead)):
                continue
            if interrogative_kind(clause) == "wh" or not (
                _ASKING_LEAVE.search(lead) or _ASKING_LEAVE.search(whole)
            ):
                continue
            if after_hint or _LEAVE_FORM.search(lead) or _LEAVE_FORM.search(whole):
                return True
    return False


# A yes/no question about how things are: "is/are/was/did/does/have…" at its head.
_ASKS_HOW_THINGS_ARE = re.compile(r"^(?:is|are|was|were|did|does|has|have|had|do)\b")
# Words that ask leave or leave the choice, anywhere in the question: with one of these it may be an ask.
_LEAVE_WORDS = re.compile(
    r"\b(?:ok|okay|alright|all right|fine|mind|permission|want|wanna|(?:would|'d) like|like to|up for|ready|"
    r"happy|comfortable|willing|open to|shall|(?:can|could|may|might) (?:we|i)|let'?s|worth|helpful|useful|"
    r"help|prefer|rather|choose|choice|decide|agree|your call|up to you|park|leave|or not|another (?:day|time)|"
    r"go there|go into|look at|explore|come back|stay with|sit with|get into|say more|share|hear|talk|bring|"
    r"spend|curious|keen|interested|something you|(?:room|space|time) for)\b"
)
# A question that ends on what was just said ("Is there room for that now?") is about going there, not a fact.
_ENDS_ON_THAT = re.compile(r"\b(?:that|it|this)(?: (?:now|today|here|for a (?:bit|moment|minute)))?\s*\??$")


def asks_how_things_are(text: str) -> bool:
    """Every question in the turn is a yes/no question about the facts or the client's state, with no word
    that asks leave or leaves the choice: "Are you worried about money at the moment?" goes in; it does not
    ask whether to."""
    questions = [s for s in split_sentences(clean(text)) if is_question(s)]
    return bool(questions) and all(
        _ASKS_HOW_THINGS_ARE.match(strip_discourse(q.lower()))
        and not _LEAVE_WORDS.search(q.lower())
        and not _ENDS_ON_THAT.search(q.lower())
        for q in questions
    )
