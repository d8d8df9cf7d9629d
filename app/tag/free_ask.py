"""Asking leave and leaving the answer free. Pure (given a tagger).

A request for leave gives the client the choice only if the coach then waits, and lets the answer be theirs:
- no going in before the answer: "Can I ask about your mum? When did she pass?"; nor answering for them: "Shall we
  look at your evenings? Yes? Great. So what fills them?" (what may follow the ask: a choice, "Or shall we stay with
  Dan?", a check, "Is that okay?", room, "No pressure.", or the ask again in other words);
- no yes claimed from before or from someone else: "Thanks for the yes a moment ago", "your director is happy for me
  to go into it", "HR asked me to cover it";
- no price on a no: "if not, I'll have to log it", "the programme says people who don't engage lose their place",
  "I'll feel I've failed if you say no".
The labelling conventions still call such a turn `permission` (it does ask); the engine needs to know that the
answer was not left free (`TurnSignals.ask_leaves_no_choice`), and then the ask opens nothing.
"""

from __future__ import annotations

import re

from app.domain.codebook import Move
from app.tag.phrases.saying_back import CHECK
from app.tag.tagger import Tagger
from app.tag.text import clause_spans, clean, interrogative_kind, sentence_parts

# A question that leaves the choice or checks the ask, not one that goes in.
_CHOICE_OR_CHECK = re.compile(
    r"^(?:(?:and|but|so|or),? )?or\b|\bor (?:would|shall|should|do|did|could|can|maybe|perhaps|not|leave|stay|keep|"
    r"park|come back|go back|get back)\b|\brather\b|\bleave it\b|\b(?:is|would) (?:that|this|it) (?:ok(?:ay)?|alright|"
    r"all right|fine|good)\b|\bhow does that (?:sound|feel|land)\b|\bwhat do you think\b|\byour (?:call|choice|pick)\b|"
    r"^which(?: one| would| is| feels| do you| of (?:those|these|the two))?\b[^,]{0,25}\?$|\bprefer\b|\byes or no\b|\b(?:better|more useful|more helpful|right) for you\b|\bfeels? (?:right|better)\b|"
    r"\bif (?:you|u) (?:want|like|prefer|'d like|would like|wish|need)\b|\bonly if\b|\bno pressure\b|\bup to you\b|"
    r"\b(?:either|both|any) ways?\b|\bif not\b|^(?:yes|yeah),? (?:no|or)\b|\bor (?:later|not yet|another time|back to)\b|^(?:and )?(?:would|will|do|can|could|shall|are|is|does) (?:you|u|we|it|that)\W*$",
    re.IGNORECASE,
)
# The coach answering for the client: "Yes? Great.", "I'll take that as a yes", "Course you do."
_ANSWERED_FOR_THEM = re.compile(
    r"^\(?(?:yes|yeah|yep|yup|ok|okay|great|good|cool|perfect|brilliant|lovely|excellent|thanks|thank you)\b"
    r"(?!,? (?:no|or|either|both|any|with)\b)[\s.!)]*$"
    r"|\b(?:i'?ll|i will|i'?m going to|gonna|let'?s|i'?m gonna) (?:assume|take (?:that|it|this) as|put (?:that|it|this) "
    r"down as|go ahead|treat (?:that|it|this) as)\b|\b(?:of )?course (?:you|ya|u) (?:do|are|will|would|can)\b|"
    r"\bi (?:think|knew|know|can tell|can hear) (?:that'?s a |it'?s a |the )?yes\b|\bknew you'?d\b|\btake (?:that|it) as read\b|"
    r"\bdon'?t bother answering\b",
    re.IGNORECASE,
)
# A yes said to come from before, or from someone else; "you mentioned it earlier" is not one.
_CONSENT_CLAIMED = re.compile(
    r"\b(?:thanks|thank you|cheers|grateful) (?:again )?for (?:the|your|saying|agreeing|giving me)\b[^.?!]{0,25}"
    r"\b(?:yes|ok(?:ay)?|go-?ahead|nod|permission|green light|agree\w*|consent)\b"
    r"|\byou (?:already |just )?(?:said|told me|agreed|gave (?:me )?(?:the|a|your))\b[^.?!:;]{0,30}"
    r"\b(?:yes|nod|go-?ahead|permission|off limits|(?:ok(?:ay)?|fine|allowed|alright) (?:to|for me to|if i|with me))\b"
    r"|\byou were (?:fine|ok(?:ay)?|happy) (?:with|for) me\b"
    r"|\b(?:already|earlier|before) (?:did|done|covered|agreed|said yes|gave|given)\b[^.?!]{0,25}\b(?:permission|consent|yes|ok)\b"
    r"|\b(?:did|done|covered) the (?:permission|consent) (?:bit|part|thing|step)\b|\bno need to ask\b"
    r"|\b(?:cleared|approved|signed (?:it )?off|okayed|ok'?d|authori[sz]ed|sanctioned)\b"
    r"|\b(?:given|gave) (?:me )?(?:the )?(?:ok(?:ay)?|go-?ahead|green light|all clear|nod)\b"
    r"|\b(?:asked|told|wants|instructed) me to (?:bring (?:it|this|that) up|cover|raise|ask|go into|check)\b"
    r"|\b(?:is|are|was|were|said (?:it'?s|it was|you'?d be)) (?:happy|fine|okay|ok|alright) (?:for me to|with (?:me|it|this|that) being)\b"
    r"|\b(?:said|says|confirmed) (?:it'?s|it is|we'?re) (?:fine|ok(?:ay)?|allowed) to\b"
    r"|\b(?:said|says) you'?d be (?:fine|ok(?:ay)?|alright) with it\b"
    r"|\bin scope\b",
    re.IGNORECASE,
)
# A price put on saying no: a report, a record, a lost place, the coach's hurt or failure.
_NO_HAS_A_PRICE = re.compile(
    r"\bif (?:you (?:say no|don'?t|do not|won'?t|will not|refuse|hold back|say not)|not|no)\b[^.?!]{0,50}"
    r"\b(?:i'?ll|i will|i'?d|i would|i have to|i'?ll have to|i'?d have to|we'?ll|there'?s|no point)\b"
    r"[^.?!]{0,40}\b(?:assume|log|record|report|(?:tell|inform|let) (?:the|your|hr|them|him|her|someone|people)|mention|"
    r"note|flag|write|point|fail\w*|hurt|worst)\b"
    r"|\b(?:only if you|unless you) (?:share|open up|tell|talk)\b[^.?!]{0,40}\b(?:can i|will i|i can|i will|i'?ll)\b"
    r"|\b(?:who|that) (?:don'?t|do not|won'?t) (?:engage|open up|share|participate)\b[^.?!]{0,30}\b(?:lose|fail|drop|out)\b"
    r"|\b(?:writing|write|doing|do) your (?:review|appraisal|report|progress note|reference)\b"
    r"|\b(?:failed|fail) as a coach\b|\bwould (?:really )?hurt\b|\bthe only one\b|\bsaves? us both\b"
    r"|\b(?:haven'?t|don'?t) (?:got )?(?:time|the time) to be\b|\bdo me (?:this|a) (?:one )?favou?r\b",
    re.IGNORECASE,
)
_GOING_IN = frozenset({Move.OPEN_QUESTION, Move.CLOSED_QUESTION, Move.ADVICE, Move.PRESSURE})
_LEAVING_ROOM = frozenset({Move.PERMISSION, Move.AUTONOMY, Move.INVITE, Move.SPACE})


def ask_leaves_no_choice(text: str, context: str | None, moves: list[Move], tagger: Tagger) -> bool:
    """The turn asks leave (`moves` holds `permission`) but does not leave the answer free: it claims a yes given
    before or by someone else, puts a price on a no, or goes on after its last ask before the client has
    answered."""
    if Move.PERMISSION not in moves:
        return False
    said = clean(text)
    if _CONSENT_CLAIMED.search(said) or _NO_HAS_A_PRICE.search(said):
        return True
    return _goes_on_after_ask(text, context, tagger)


def _goes_on_after_ask(text: str, context: str | None, tagger: Tagger) -> bool:
    """After the turn's last sentence that asks leave, a sentence that goes in or answers for the client."""
    sentences = sentence_parts(text)
    if len(sentences) < 2:
        return False
    # read from the end back to the last sentence that asks: on this turn's path, and the ask most often comes last
    after: list[tuple[str, set[Move]]] = []
    for sentence in reversed(sentences):
        read = set(tagger.tag(sentence, context))
        if Move.PERMISSION in read:
            return any(_goes_in(later, later_read) for later, later_read in after)
        after.append((sentence, read))
    return False


def _goes_in(sentence: str, read: set[Move]) -> bool:
    said = clean(sentence)
    if _ANSWERED_FOR_THEM.search(said):
        return True
    if _CHOICE_OR_CHECK.search(said) or CHECK.fullmatch(said) or read & _LEAVING_ROOM:
        return False
    # a question read as nothing ("So straight up, are you thinking of leaving?") goes in as much as one read
    return bool(read & _GOING_IN) or (sentence.rstrip().endswith("?") and _opens_like_a_question(said))


def _opens_like_a_question(said: str) -> bool:
    return any(interrogative_kind(said[start:end]) for start, end in clause_spans(said))
