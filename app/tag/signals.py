"""Everything the engine needs to know about a learner turn: the codebook moves plus a few textual facts."""

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import Protocol

from app.domain.asked import Asked, AskedKind
from app.domain.codebook import Move
from app.domain.persona import Persona, keyword_pattern
from app.domain.revise import revised
from app.domain.signals import AnswerKind, TurnSignals
from app.tag.asked import hear_asked, offers, rules_reading
from app.tag.context import PULL_BACK
from app.tag.frame import out_of_frame
from app.tag.free_ask import ask_leaves_no_choice
from app.tag.misread import misreads
from app.tag.offline import tag_moves
from app.tag.phrases.contracting import SAID_TO_ME
from app.tag.phrases.patterns import any_of
from app.tag.phrases.saying_back import SUMS_UP
from app.tag.tagger import Tagger
from app.tag.text import content_words, count_questions, normalise, stem, words
from app.tag.unsaid import names_unsaid


class AnswerReader(Protocol):
    """Reads what kind of answer a turn asks for, weighing what the director's rules hear (`rules`)."""

    def read(
        self, text: str, context: str | None, moves: list[Move], rules: Asked
    ) -> tuple[AnswerKind, float] | None: ...


REDIRECT = any_of(
    r"\blet'?s (?:talk about|move on|switch|change|turn to|look at something else|focus on something else)\b",
    r"\b(?:moving|move) on\b",
    r"\bforget (?:that|about that|about it)\b",
    r"\b(?:changing|change) the subject\b|\bdifferent (?:topic|subject)\b|\bon another note\b",
    r"\binstead,? let'?s\b|\bswitch(?:ing)? gears\b|\bmore important(?:ly)?,? (?:let'?s|what about)\b",
    # the coach brings in a subject of their own
    r"\b(?:park|shelve) (?:that|this|it)\b|\bput (?:that|this|it) (?:to one side|aside|on hold|on the back burner)\b",
    r"\b(?:get|move|moved|go|turn) on to\b|\b(?:talk|look|focus|work) (?:about|at|on) [^.?!]{1,60}\binstead\b",
    r"\b(?:the real|the actual|the bigger) (?:issue|problem|question) (?:is|here is)\b|\bwhich i think matters? more\b",
    r"\bbefore we go (?:any )?further with (?:that|this)\b|\bi'?d (?:rather|prefer) we (?:moved|move|talked|talk|looked|look)\b",
)
# Pressing to go into something ("I think you need to talk about this", "it'll help to get it out"); after a
# no, the engine reads it as pushing past the refusal even when the reader misses the pressure.
PRESSING = any_of(
    r"\b(?:talk|talking|get into|go into|open up about|share|say)\b[^.?!]{0,25}\b(?:this|that|it)\b",
    r"\b(?:get|let) it (?:all )?out\b|\bonce it'?s out\b|\bavoiding it\b|\bjust get into it\b",
    r"\byou (?:really )?(?:need|have|ought) to (?:talk|say|share|open|tell)\b|\bdo you good to (?:talk|say|share)\b",
)
NOT_PRESSING = any_of(
    r"\b(?:don'?t|do not|no need to|doesn'?t) (?:have to|need to|want to)?\b|\bleave (?:it|that)\b|\bif you (?:want|like|prefer)\b",
    # saying the client's own refusal back ("so you'd rather not talk about it") presses nothing
    r"\b(?:rather|prefer) not\b|\bnot (?:ready|now|today|yet)\b",
    # asking about the client's own words ("what's going on for you as you say that?") presses nothing
    r"\b(?:as|when|while) you (?:say|said|talk|share)\b",
)
REPAIR = any_of(
    r"\b(?:i'?m|i am) sorry\b|\bsorry,? (?:i|that|for)\b|\bi apologi[sz]e\b|\bmy (?:mistake|bad)\b",
    r"\bi (?:jumped|rushed) in\b|\bi got ahead of (?:myself|you)\b|\bi overstepped\b|\bthat was unfair\b",
    r"\bi shouldn'?t have\b|\blet me (?:step|take a step) back\b|\bthat came out wrong\b|\bi was wrong\b",
)
CLOSING = any_of(
    r"\b(?:we'?re|we are) (?:nearly |almost |about )?(?:out of|at) (?:time|the end)\b",
    r"\b(?:that'?s|that is) (?:all|our) time\b|\bwrap (?:up|things up|this up)\b|\bbefore we (?:finish|close|end)\b",
    r"\bend (?:our|the|this) session\b|\bthanks? (?:you )?for (?:today|your time|coming|the session)\b",
    r"\bsee you next (?:time|week|session)\b|\bgoodbye\b",
)
PEP_TALK = any_of(
    r"\byou'?ve got this\b|\byou can do (?:it|this)\b|\bi (?:believe|have faith) in you\b|\bstay positive\b",
    r"\b(?:look on the )?bright side\b|\bchin up\b|\byou'?(?:ll| will) (?:be (?:fine|great|brilliant)|smash it|nail it)\b",
    r"\b(?:everything|it) (?:will|'?ll) (?:be fine|be ok(?:ay)?|work out)\b|\bi'?m sure you'?ll\b|\bgo get (?:them|'em)\b",
    r"\byou'?re (?:amazing|brilliant|a natural|doing great)\b|\bbelieve in yourself\b",
)
# Everyday idioms built from words a persona's sensitive topics may list ("home", "sleep"): they name no topic.
IDIOMS = any_of(
    r"\b(?:take|takes|taking|took|bring|brings|bringing|brought) (?:\w+ )?home\b|\btake-home\b|\bhome in on\b",
    r"\b(?:hits?|hitting|struck|strikes) (?:close to )?home\b|\bdrive (?:it|that|this|the point) home\b",
    r"\b(?:feel|feels|felt) (?:right )?at home\b|\bhome (?:straight|stretch|run)\b|\bsleep on it\b",
)
# Passing on what someone else said, as opposed to passing on (or threatening to pass on) the client's words.
GOSSIP = any_of(
    SAID_TO_ME,
    r"\bword is\b|\bpeople (?:are saying|say)\b|\beveryone (?:says|knows)\b|\bbetween (?:us|you and me)\b",
    r"\b(?:thinks|said) you(?:'re| are)?\b",
)
SELF_TALK = re.compile(r"\b(?:i|i'?m|i'?ve|i'?d|i'?ll|me|my|myself)\b")
REFERS_BACK = any_of(
    r"\b(?:that|this|it) too\b|\bthe same\b|\bsomething (?:similar|like (?:that|this))\b|\bsimilar\b",
    r"\bbeen there\b|\bknow (?:that|the|this) feeling\b|\bme too\b|\bfelt (?:that|this|like that)\b",
)
CLAUSES = re.compile(r"(?<=[.!?])\s+|\s+[—–-]+\s+|;\s*")
SHARE_MAX_WORDS = 20  # more of the coach's own than this, and it is their story, not a share
FOCUS_ECHO = 0.2
RECALL_WINDOW = 3  # client messages a reflection may gather up
# Share of a turn's content words that are the client's own, from this session, above which it says them back.
SAYS_BACK_SHARE = 0.5
# A turn that repeats this share of the client's last words, adding at most one word of its own, is a parrot.
PARROT_ECHO = 0.75
PARROT_MAX_ADDED = 1


def share(own: AbstractSet[str], theirs: AbstractSet[str]) -> float:
    """Share of a turn's content words (`own`) found among the client's (`theirs`)."""
    return len(own & theirs) / len(own) if own else 0.0


def echo_share(text: str, context: str | None) -> float:
    """Share of the turn's content words taken from the client's last message."""
    return share(content_words(text), content_words(context)) if context else 0.0


# A statement of this many words or more with no content word in it ("So there are other things, but... ya.")
# is compared word for word instead.
PARROT_MIN_PLAIN_WORDS = 3


def _parrots(own: AbstractSet[str], last: AbstractSet[str]) -> bool:
    return bool(last) and share(own, last) >= PARROT_ECHO and len(own - last) <= PARROT_MAX_ADDED


def is_parrot(text: str, context: str | None) -> bool:
    """The turn says the client's last words back nearly as they were, adding at most a word of its own."""
    if not context:
        return False
    return _says_back(text, context, content_words(text), content_words(context))


def _says_back(text: str, context: str, own: AbstractSet[str], last: AbstractSet[str]) -> bool:
    """`is_parrot`, given the content words of the turn (`own`) and of the client's last message (`last`)."""
    if own or text.rstrip().endswith("?"):
        return _parrots(own, last)
    plain = frozenset(words(text))
    return len(plain) >= PARROT_MIN_PLAIN_WORDS and _parrots(plain, frozenset(words(context)))


CLAUSE_BREAK = re.compile(r"[,:;.!?]|\s[—–-]+\s")
# A clause with this many content words or more, nearly all the client's, is said back.
SAID_BACK_MIN_WORDS = 2


def presses(clean: str, last: AbstractSet[str]) -> bool:
    """Words that press to go into something, unless the clause they are in says the client's own words back
    ("there's nobody at your level you can say this to" after "There's nobody at my level I can say this to")."""
    found = PRESSING.search(clean)
    if found is None or NOT_PRESSING.search(clean):
        return False
    start = max((brk.end() for brk in CLAUSE_BREAK.finditer(clean, 0, found.start())), default=0)
    end = next((brk.start() for brk in CLAUSE_BREAK.finditer(clean, found.start())), len(clean))
    said = content_words(clean[start:end])
    return not (len(said) >= SAID_BACK_MIN_WORDS and share(said, last) >= PARROT_ECHO)


# Everyday words a question into anything may use ("what helps most?", "how's the week been?"): taking one of
# these up from a hint does not go into what was hinted.
_EVERYDAY_TEXT = """
    help feel think know want need tell talk go going get make take work time way day week today year good well
    right sure fine hard easy mean look seem sound keep come happen start stop try people person everyone someone
    anyone everybody nobody nothing everything anything last long often sometimes never always big bad great
    better best less full already exactly matter moment question topic important relevant story different back
    sorry totally stay thought idea usual ago far show wrong meant funny nearly especially wonder build deal second
    hour hours office
"""
_EVERYDAY = frozenset(stem(word) for word in _EVERYDAY_TEXT.split())


def hint_words(persona: Persona) -> dict[str, frozenset[str]]:
    """Per sensitive topic, the words of its hints that belong to it: not the client's agreed focus, what
    the coach was told in the brief, or everyday words."""
    shared = content_words(
        " ".join(
            [
                persona.brief,
                persona.role,
                *persona.contract.focus_keywords,
                persona.contract.goal,
                persona.contract.success,
                persona.contract.importance,
            ]
        )
    )
    return {
        topic.id: content_words(PULL_BACK.sub(" ", normalise(" ".join(h.text for h in topic.hint_items()))))
        - shared
        - _EVERYDAY
        for topic in persona.sensitive_topics
    }


def shares_back(clean: str, recall: float) -> bool:
    """A brief, relevant share of the coach's own handed straight back: at most two short clauses about the
    coach that refer to what the client said (or use their words), then a question to the client."""
    clauses = [c for c in CLAUSES.split(clean.strip()) if c]
    if len(clauses) < 2 or not clauses[-1].endswith("?") or not re.search(r"\byou(?:r)?\b", clauses[-1]):
        return False
    own = [c for c in clauses[:-1] if SELF_TALK.search(c)]
    size = sum(len(c.split()) for c in own)
    relevant = any(REFERS_BACK.search(c) for c in own) or recall >= FOCUS_ECHO
    return 0 < len(own) <= 2 and size <= SHARE_MAX_WORDS and relevant


def analyse(
    text: str,
    context: str | None,
    persona: Persona,
    tagger: Tagger,
    heard: Sequence[str] = (),
    turn: int = 1,
    answers: AnswerReader | None = None,
    told: Sequence[str] = (),
) -> TurnSignals:
    """Tag a learner turn and read the textual facts the engine needs. `heard`: the client's earlier messages
    in this session, oldest first (a reflection may gather up more than the last one); `turn`: its number in
    the session, from 1; `answers`: the learned answer-kind reader, if any (without it the director's rules
    alone hear what was asked); `told`: what the client told this coach in earlier sessions or outside
    `heard` (`unsaid.told_so_far`), which the coach may name."""
    clean = normalise(text)
    moves = tagger.tag(text, context)
    # The turn's words and the client's, each read once: the last message, the last few, the whole session.
    own = content_words(text)
    last = content_words(context) if context else frozenset()
    recent_text = " ".join([*heard[-(RECALL_WINDOW - 1) :], context or ""])
    recent = content_words(recent_text)
    session = content_words(" ".join([*heard, context or ""])) if context else frozenset()
    echo = share(own, last)
    if Move.BREACH in moves and share(own, session) >= SAYS_BACK_SHARE:
        # Saying back what the client told you about a colleague passes on nobody else's words.
        moves = [move for move in moves if move is not Move.BREACH]
    focus = keyword_pattern(persona.contract.focus_keywords) if persona.contract.focus_keywords else None
    named = {topic.id: keyword_pattern(topic.keywords) for topic in persona.sensitive_topics}
    topical = IDIOMS.sub(" ", clean)  # "what will you take home from today?" asks nothing about home
    topics = [topic_id for topic_id, pattern in named.items() if pattern.search(topical)]
    said_recently = normalise(recent_text)
    signals = TurnSignals(
        text=text,
        moves=moves,
        questions=count_questions(text),
        topics=topics,
        said_back_topics=[topic_id for topic_id in topics if named[topic_id].search(said_recently)],
        echo=round(echo, 3),
        recall=round(share(own, recent), 3),
        added=len(own - recent),
        takes_up=[t for t, hinted in hint_words(persona).items() if own & last & hinted] if context else [],
        parrot=bool(context) and _says_back(text, context or "", own, last),
        injection=out_of_frame(text) is not None,
        knows_unsaid=bool(names_unsaid(text, persona, [*heard, context or "", *told])),
        redirect=bool(REDIRECT.search(clean)),
        on_focus=echo >= FOCUS_ECHO or bool(focus and focus.search(clean)),
        repair=bool(REPAIR.search(clean)),
        presses=presses(clean, last),
        closing=bool(CLOSING.search(clean)),
        sums_up=bool(SUMS_UP.search(clean)),
        offers=offers(text),
        ask_leaves_no_choice=ask_leaves_no_choice(text, context, moves, tagger),
        shares_back=shares_back(clean, share(own, recent)),
        pep_talk=bool(PEP_TALK.search(clean)),
        gossip=bool(GOSSIP.search(clean)),
        misreads=misreads(text, context),
    )
    rules = rules_reading(signals, turn, context)
    reading = answers.read(text, context, moves, rules) if answers else None
    if reading is not None:
        kind, confidence = reading
        signals = revised(signals, answer_kind=kind, answer_confidence=round(confidence, 3))
    asked = hear_asked(rules, signals)
    if (
        asked.kind is AskedKind.SUMMARY
        and Move.ADVICE in moves
        and Move.ADVICE not in tag_moves(text, context)
    ):
        # A summary's list of the client's points ("…: the lease, the losses, your dad. Right?") is no advice
        # unless it says so in advice's words (the rules read them).
        signals = revised(signals, moves=[move for move in signals.moves if move is not Move.ADVICE])
    return revised(signals, asked=asked)
