"""Asking leave: whether a coach's turn asks the client's permission to go somewhere, read from its form. Pure.

Conventions of the codebook that hold whatever the learned scores say (`reader._settle` applies them;
docs/labelling.md, "Questions"): a yes/no question that invites the client into something is a permission
request, whatever its wording; right after a hint, so is an offer to go into it that leaves the choice with the
client, question or not; and a yes/no question about the facts ("Is money tight at home?", "Did something go
wrong with a patient?") is not, however close it comes to the client's hint: it goes in without asking.
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
    r"turn to|pick up|sit with|into that|into it|bring (?:it|that|this)|finish that|park|put (?:it|that|this)|"
    r"bring\b[^?]{0,20}\binto (?:the|our|this) (?:conversation|session)|poke|linger|say it|play|offer|push|"
    r"challenge|name (?:it|that|something)|revisit|revisiting)\b"
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
# "is home ok to talk about", "would it be alright to go there": asking leave in so many words, "?" or not.
_OK_TO = re.compile(
    r"\b(?:is|are|would) (?:it|that|this|\w+)(?: \w+){0,2} (?:ok|okay|alright|all right|fine)(?: with you)? "
    r"(?:to|if) (?:we |i )?(?:talk|go|look|explore|bring|get into|touch|ask|dig)"
)
# The client turning back to their own topic in so many words ("...that's rather the deal. Back to delegation."):
# a pull-back the move reader's cues (`context.PULL_BACK`, one of its features) do not list.
_BACK_TO = re.compile(r"(?:^|[.!?]\s+)back to \w+", re.IGNORECASE)


def _after_hint(context: str | None) -> bool:
    """The client's last line touched on something and pulled back."""
    return ClientCue.PULLED_BACK in client_cues(context) or bool(context and _BACK_TO.search(context))


# Whether the client would like to tell it ("would you like to tell me about those moments?"): asking leave right
# after a hint, where "Can you tell me about it?" asks for it.
_LIKE_TO_TELL = re.compile(r"^(?:would|do) (?:you|u) (?:like|want|wanna) to (?:tell|share|say|finish)\b")
# A question typed without its "?" that asks whether the client wants to ("want to get into it or park it").
_UNMARKED_ASK = re.compile(r"^(?:want|wanna|up for|fancy|keen)\b")
# A bare ask: "Go there?", "go there? or leave it?"
_BARE_ASK = re.compile(r"^(?:go there|go into (?:it|that)|dig in|open (?:it|that) up)\b[^.!]{0,20}\?$")


def invites_into_the_hint(text: str, context: str | None) -> bool:
    """A yes/no question that invites the client to go into something is a permission request, whatever its
    wording: right after the client touched on something and pulled back, or in a form that asks leave by
    itself ("OK to come back to that now?"). "Tell me about it" is not: it asks nothing."""
    after_hint = _after_hint(context)
    for sentence in split_sentences(clean(text)):
        marked = is_question(sentence)
        for clause in [sentence, *clauses(sentence)]:  # "u mentioned ur dad, do u want to talk about it?"
            whole = clause.lower().strip(" ,")
            lead = strip_discourse(whole)  # "okay, shall we…" (but "OK to…?" is the ask itself)
            # a question typed without its "?" is one by its opening ("…, do u want to talk about that")
            if not (marked or interrogative_kind(clause) or _UNMARKED_ASK.match(lead)):
                continue
            if interrogative_kind(clause) == "wh" or not (
                _ASKING_LEAVE.search(lead)
                or _ASKING_LEAVE.search(whole)
                or (after_hint and _LIKE_TO_TELL.match(lead))
            ):
                continue
            if after_hint or _LEAVE_FORM.search(lead) or _LEAVE_FORM.search(whole):
                return True
        if after_hint and _BARE_ASK.match(strip_discourse(sentence.lower())):
            return True
        if _OK_TO.search(sentence.lower()):
            return True
    return False


# Going into something, in the words of an offer: "we could look at it", "happy to dig into it", "bring it in".
_GOING_IN = re.compile(
    r"\b(?:talk|talking|look|looking|explore|exploring|dig|go there|going there|go into|going into|hear|hearing|"
    r"stay with|sit with|be with|come back|coming back|spend|unpack|poke|open|on the table|"
    r"bring (?:it|that|this|\w+) (?:in|into|up)|bring (?:in|up)|give it (?:a|some|five|ten|two|\d+)|"
    r"take (?:a little|some|a bit of) time on it|finish (?:it|that)|revisit|revisiting|understand|say more|"
    r"tell(?:ing)? (?:it|me|us)|make room|pick (?:it|that|this|\w+) (?:back )?up|pick up on)\b"
)
# What leaves the choice with the client: "if you want", "or not", "your call", "only if", "now or later".
_CHOICE = re.compile(
    r"\bif you(?:'d| would)? (?:ever )?(?:want|wanna|like|wish|choose|agree|permit|allow|are|feel like|"
    r"(?:don'?t )?mind|prefer)\b|\bif you'?re (?:ever )?(?:willing|up for|ready|ok|okay|game|open)\b|\bor not\b|"
    r"\bor (?:we )?(?:move on|leave|let|park|go (?:back|straight|on)|carry on|keep going|skip|stick|stay|go to|"
    r"get back|return)\b|\byou (?:decide|choose|pick)\b|\bwhich one\b|\bwhat(?:'s| is) better for you\b|"
    r"\byour (?:call|choice|shout|decision|agenda|pick)\b|\bup to you\b|\beither way\b|"
    r"\bboth (?:are )?(?:fine|ok|okay|good)\b|"
    r"\bno obligation\b|\bonly if\b|\bwith your (?:permission|agreement|ok)\b|\bif at some point\b|"
    r"\bnow or (?:later|another)\b|\bwhenever you\b|\bunless you (?:want|choose)\b|\bif one day\b|"
    r"\bthe door(?:'s| is) open\b|\byou'?re welcome to\b|\botherwise we\b"
)
# A choice between going in and leaving it: "Go there, or leave it for now?", "Open for today, or closed?"
_GO_OR_LEAVE = re.compile(
    r"\b(?:leave (?:it|that|this|him|her|them|alone)|park (?:it|that)|let (?:it|that) (?:rest|be|go|lie|pass)|move on|"
    r"closed|off)\b|"
    r"\bor (?:nah|not|straight|back)\b"
)
_OR = re.compile(r"\bor\b", re.IGNORECASE)  # a choice put as a statement ("I can leave it, or we can…")


def asks_go_or_leave(text: str) -> bool:
    """A choice, asked or stated, between going into something and leaving it ("Leave it, or give it five
    minutes?", "I can leave this alone, or we can talk about your mum."). Offered right after a hint
    (`offers_the_choice`), the choice is the client's, so its imperative words are neither advice nor a push."""
    return any(
        (is_question(sentence) or _OR.search(sentence))
        and _GO_OR_LEAVE.search(sentence.lower())
        and _GOING_IN.search(sentence.lower())
        for sentence in split_sentences(clean(text))
    )


# Questions that ask how going in would be for the client: "How would it be to stay with that for a minute?"
# and proposals put as questions: "How about we spend a few minutes on that?", "What would you think about us going
# there?"
_HOW_WOULD_IT_BE = re.compile(
    r"^(?:how (?:would|does|do) (?:it|that|you feel)|how about (?:we|us|i)|what about (?:we|us)|what if we|"
    r"what would you (?:think|say) (?:about|to|if))\b"
)


# Questions that ask which the client would rather: "What feels right, talking about your dad or getting back to
# delegation?", "Which would be more useful today, that or the rota?"
_WHICH_WOULD = re.compile(
    r"^(?:which|what)(?: one)? (?:would|do|does|feels?|seems?|sounds?)(?: you)?(?: \w+)? "
    r"(?:prefer|rather|choose|pick|right|better|best|useful|helpful|more useful|more helpful|want)\b"
)


def offers_the_choice(text: str, context: str | None) -> bool:
    """Right after the client touched on something and pulled back, an offer to go into it that leaves the
    choice with them is asking leave, question or not: "We can look at it, or not at all. Your call.", "If you
    want to bring your dad in here, I'm up for it.", "Go there, or leave it for now?". After a no, the same
    words leave the door open (`autonomy`); a question into the thing itself ("What happened?") asks nothing."""
    if ClientCue.DECLINED in client_cues(context) or not _after_hint(context):
        return False
    turn = clean(text)
    choice = bool(_CHOICE.search(turn.lower()))
    for sentence in split_sentences(turn):
        lowered = strip_discourse(sentence.lower())
        asks_how = bool(
            _HOW_WOULD_IT_BE.match(lowered) or (_WHICH_WOULD.match(lowered) and _OR.search(lowered))
        )
        if (interrogative_kind(sentence) == "wh" and not asks_how) or not _GOING_IN.search(lowered):
            continue
        if choice or asks_how or (is_question(sentence) and _GO_OR_LEAVE.search(lowered)):
            return True
    return False


# A yes/no question about how things are: "is/are/was/did/does/have…" at its head.
_ASKS_HOW_THINGS_ARE = re.compile(r"^(?:is|are|was|were|did|does|has|have|had|do)\b")
# Words that ask leave or leave the choice, anywhere in the question: with one of these it may be an ask.
_LEAVE_WORDS = re.compile(
    # "do you want to" asks leave when what is wanted is going in ("…to talk about it?"), not the thing itself
    # ("Do you want to leave surgery?" guesses at it)
    r"\b(?:ok|okay|alright|all right|fine|mind|permission|(?:would|'d) like|like to|"
    r"(?:you|u|ya) (?:want|wanna)(?! to (?:leave|quit|stop|give up|change|move|sell|go back to)\b)|"
    r"up for|ready|happy|comfortable|willing|open to|shall|(?:can|could|may|might) (?:we|i)|let'?s|worth|"
    r"helpful|useful|help|prefer|rather|choose|choice|decide|agree|your call|up to you|park|"
    r"leave (?:it|that|this|them|him|her)\b|or not|"
    r"another (?:day|time)|go there|go into|look at|explore|come back|stay with|sit with|get into|say more|share|"
    r"hear (?:more|it|that|about)|talk|bring|spend|curious|keen|interested|something you|(?:room|space|time) for)\b"
)
# A question that ends on what was just said ("Is there room for that now?") is about going there, not a fact.
_ENDS_ON_THAT = re.compile(r"\b(?:that|it|this)(?: (?:now|today|here|for a (?:bit|moment|minute)))?\s*\??$")


def asks_how_things_are(text: str) -> bool:
    """Every question in the turn is a yes/no question about the facts or the client's state, with no word
    that asks leave or leaves the choice: "Are you worried about money at the moment?" goes in; it does not
    ask whether to. After the first, a guess's short follow-ups count with it ("Did something happen to your
    dad? Like a fall?", "Is it worse than that? Better? About the same?")."""
    questions = [s.lower() for s in split_sentences(clean(text)) if is_question(s)]
    return bool(questions) and all(
        (_ASKS_HOW_THINGS_ARE.match(strip_discourse(q)) or (place > 0 and _follows_a_guess(q)))
        and not _LEAVE_WORDS.search(q)
        and not _ENDS_ON_THAT.search(q)
        for place, q in enumerate(questions)
    )


# A guess's follow-up: a few words with no question word or verb of its own ("Like a fall?", "Better?").
_FOLLOW_UP_WORDS = 4
_OWN_QUESTION = re.compile(
    r"\b(?:what|how|why|where|when|who|which|whose|can|could|may|might|shall|should|will|would|do|does|did|"
    r"is|are|was|were|have|has|had|want|wanna|tell|say)\b"
)


def _follows_a_guess(question: str) -> bool:
    return len(question.split()) <= _FOLLOW_UP_WORDS and not _OWN_QUESTION.search(question)
