"""Rule-based, deterministic move tagger: labels a learner turn with codebook move ids, offline.

Each sentence is tagged on its own and the labels are unioned. Per sentence:

1. phrase tables (``rules.py``) propose moves; a match preceded by a negation in its clause is dropped
   ("I'm not judging you" is not judgment, "I won't tell HR" is not a breach);
2. small talk, greetings and logistics with no such phrase carry nothing;
3. a question also gets keyword rules for the contracting moves ("what matters…", "how will you know…"),
   then ``open_question`` or ``closed_question`` from its stem, except permission requests, advice dressed
   as a question ("have you tried…?"), scolding ("how could you…?") and yes/no checks ("got that right?");
4. a clause that opens with an instruction verb ("just send it") is advice unless a rule explains it;
5. a statement that names a strength is ``acknowledge``; reflection comes from reflective frames, from
   statements that open on the client ("you've outgrown the role") or paraphrase with "so …", from a
   statement with the client as the subject of a clause anywhere in it ("every time she goes quiet you end up
   filling it"; not a condition, a hypothesis or a prediction, and not beside empathy), and from echoing the
   client's previous message (content-word overlap with ``context``), unless another move already explains it.

Text is normalised first (``text.clean``): chat shorthand ("u", "ur", "urself", "2" for "to" between words,
never before a unit), missing apostrophes and fillers. Advice dressed as a question counts mid-sentence too
("I hear you, but have you tried…?"); "can I ask what…?" asks the embedded question, it is not a permission
request; a sentence opening "come on" pushes (``pressure``) unless it is brushing the client off.

Labelling conventions the rules follow (and ``tests/data/tagger_*.jsonl`` use):
a contracting question also carries its form (``goal`` + ``open_question``); a permission request is only
``permission``; an invite phrased as a yes/no check is only ``invite``; a restated focus is ``goal``, not
``reflection``; tag questions ("…, right?") are not questions; a check on the coach's own words ("does that
capture it?", "is that how you'd put it?") is ``invite``, not ``closed_question``; "that sounds <feeling
adjective>" is ``empathy``; small talk about breaks, weather and the connection carries nothing.
"""

from app.domain.codebook import Move, sort_moves
from app.tag import rules
from app.tag.text import (
    clause_spans,
    clean,
    content_words,
    interrogative_kind,
    is_question,
    split_sentences,
    strip_discourse,
)

# The precedences below are how this rule tagger reads one sentence, not facts of the codebook (a labelled turn
# may carry `goal` with `success_measure`, or `working_style` with `invite`); what a move means, and what a
# turn with it is never also tagged with, is its row in app/domain/codebook.py.
# Moves that mean a sentence is doing something other than mirroring the client.
_BLOCKS_ANY_REFLECTION = frozenset(
    {Move.ADVICE, Move.JUDGMENT, Move.DISMISS, Move.PRESSURE, Move.BREACH, Move.SELF_FOCUS}
)
_BLOCKS_IMPLICIT_REFLECTION = _BLOCKS_ANY_REFLECTION | {
    Move.GOAL,
    Move.SUCCESS_MEASURE,
    Move.IMPORTANCE,
    Move.WORKING_STYLE,
    Move.CONFIDENTIALITY,
    Move.PERMISSION,
    Move.AUTONOMY,
    Move.SPACE,
    Move.ACKNOWLEDGE,
}
# Moves whose phrase already accounts for an imperative-looking clause ("take your time", "tell me more").
_EXPLAINS_IMPERATIVE = frozenset(
    {
        Move.SPACE,
        Move.INVITE,
        Move.OPEN_QUESTION,
        Move.PRESSURE,
        Move.AUTONOMY,
        Move.PERMISSION,
        Move.EMPATHY,
        Move.CONFIDENTIALITY,
        Move.WORKING_STYLE,
        Move.GOAL,
        Move.ADVICE,
        Move.DISMISS,
    }
)
# More specific contracting questions win over the generic "what would help today" goal reading.
_OUTRANKS_GOAL = frozenset({Move.SUCCESS_MEASURE, Move.IMPORTANCE, Move.WORKING_STYLE})

Span = tuple[int, int]


class OfflineTagger:
    """Tags a learner turn with codebook moves using phrase tables and light heuristics (no model)."""

    def tag(self, text: str, context: str | None = None) -> list[Move]:
        """Moves in the learner's ``text``; ``context`` is the client's previous message, if any."""
        context_stems = content_words(context) - rules.GENERIC_STEMS if context else frozenset()
        moves: set[Move] = set()
        for sentence in split_sentences(clean(text)):
            moves |= self._tag_sentence(sentence, context_stems)
        return sort_moves(moves)

    def _tag_sentence(self, sentence: str, context_stems: frozenset[str]) -> set[Move]:
        tag_question = rules.TAG_QUESTION.search(sentence)
        if tag_question and tag_question.group("alone"):
            return {Move.INVITE}  # a bare "Right?" after a summary
        core = sentence[: tag_question.start()] if tag_question else sentence.rstrip(" .!?")
        matches = _phrase_matches(core)
        moves = {move for move, _ in matches}
        lead = strip_discourse(core)
        if not moves and rules.SMALL_TALK.search(lead):
            return set()
        if Move.BREACH in moves and rules.CONFIDENTIALITY_LIMIT.search(core):
            moves.discard(Move.BREACH)  # "I'd have to pass it on if someone is at risk" states a limit
        if tag_question and tag_question.group("invite"):
            moves.add(Move.INVITE)

        # "It sounds like you're stuck?" is a reflection with a rising tone, not a question.
        question = not tag_question and is_question(sentence) and not rules.REFLECT_FRAME.match(lead)
        question_span = _question_clause(core) if question else None
        if question and not (
            question_span and rules.ADVICE.search(core[question_span[0] : question_span[1]])
        ):
            # a suggestion dressed as a question ("why don't you set an agenda?") asks nothing
            moves |= {move for move, pattern in rules.QUESTION_RULES if pattern.search(core)}
        if moves & _OUTRANKS_GOAL:
            moves.discard(Move.GOAL)
        if question_span and _only_within(matches, Move.ACKNOWLEDGE, question_span):
            moves.discard(Move.ACKNOWLEDGE)  # "how will you know you handled it well?" praises nothing yet
        if Move.CONFIDENTIALITY in moves:
            moves.discard(Move.DISMISS)  # "don't worry, none of this goes back" reassures about privacy
        if Move.PRESSURE in moves and not question:
            moves.discard(Move.OPEN_QUESTION)  # "you can't keep putting this off, tell me what…" demands
        if Move.WORKING_STYLE in moves:
            # "should I stay quiet, or is this about right?" asks how to coach, not for silence or correction
            moves -= {Move.INVITE, Move.SPACE}

        for start, end in clause_spans(core):
            if (start, end) != question_span and _is_instruction(core[start:end], start, end, matches):
                moves.add(Move.ADVICE)

        if question:
            moves |= _question_form(core, question_span, moves)
        else:
            if (
                rules.PRAISE.search(core)
                and not moves & _BLOCKS_ANY_REFLECTION
                and not rules.I_LEAD.match(lead)
            ):
                moves.add(Move.ACKNOWLEDGE)
            if _is_reflection(core, lead, moves, context_stems):
                moves.add(Move.REFLECTION)
        return moves


def _phrase_matches(text: str) -> list[tuple[Move, Span]]:
    """Every (move, span) a phrase table finds in ``text``, minus matches negated earlier in their clause."""
    found = []
    for move, pattern in rules.PHRASE_RULES:
        for match in pattern.finditer(text):
            if not _negated(text, match.start()):
                found.append((move, match.span()))
    return found


def _negated(text: str, start: int) -> bool:
    """True when a negation sits in the same clause within four words before ``start``."""
    clause_start = max((m.end() for m in rules.CLAUSE_BOUNDARY.finditer(text, 0, start)), default=0)
    before = text[clause_start:start].split()[-4:]
    return bool(rules.NEGATOR.search(" ".join(before)))


def _only_within(matches: list[tuple[Move, Span]], move: Move, span: Span) -> bool:
    """True when every match of ``move`` lies inside ``span``."""
    return all(span[0] <= s and e <= span[1] for m, (s, e) in matches if m == move)


def _is_instruction(clause: str, start: int, end: int, matches: list[tuple[Move, Span]]) -> bool:
    """An imperative clause ("just send the report") that no other rule already accounts for."""
    if not rules.IMPERATIVE.match(strip_discourse(clause)):
        return False
    return not any(move in _EXPLAINS_IMPERATIVE and s < end and e > start for move, (s, e) in matches)


def _question_clause(core: str) -> Span | None:
    """The span of the first clause that opens like a question, if any."""
    for start, end in clause_spans(core):
        if interrogative_kind(core[start:end]):
            return (start, end)
    return None


def _question_form(core: str, span: Span | None, moves: set[Move]) -> set[Move]:
    """``open_question`` or ``closed_question`` for a question sentence, or nothing when the question is
    really a permission request, a suggestion, a scolding or a yes/no check on the coach's own words."""
    clause = core[span[0] : span[1]] if span else core
    kind = interrogative_kind(clause) if span else ("wh" if rules.ENDS_WITH_WHAT.search(core) else "yes_no")
    asked = rules.ASK_LEAD.sub("", strip_discourse(clause))
    if asked != strip_discourse(clause):
        kind, clause = "wh", asked  # "can I ask what you've tried?" asks the "what…" question
    if Move.PERMISSION in moves or rules.ADVICE.search(clause) or rules.RHETORICAL.search(clause):
        return set()
    if kind == "yes_no" and (Move.INVITE in moves or Move.OPEN_QUESTION in moves):
        return set()  # "did I get that right?" is an invite; "can you say more?" is an open prompt
    if (
        kind == "wh"
        and not rules.CLOSED_WH.match(strip_discourse(clause))
        and not rules.SCALE_QUESTION.search(core)
    ):
        return {Move.OPEN_QUESTION}
    return {Move.CLOSED_QUESTION}


def _is_reflection(core: str, lead: str, moves: set[Move], context_stems: frozenset[str]) -> bool:
    """Whether a statement mirrors the client: an explicit frame, a statement about the client ("you…",
    "so you…"), a bare feeling ("Exhausted."), or an echo of their last message."""
    if moves & _BLOCKS_ANY_REFLECTION:
        return False
    if rules.REFLECT_FRAME.search(core):
        return True
    if moves & _BLOCKS_IMPLICIT_REFLECTION:
        return False
    # A statement that opens on the client ("You've outgrown the role") mirrors them unless another rule
    # (advice, judgment, acknowledgement…) already explained it.
    if rules.YOU_LEAD.match(lead) or rules.FEELING_FRAGMENT.match(lead) or rules.SUMMARY_LEAD.match(core):
        return True
    if rules.I_LEAD.match(lead):
        return False
    if (
        Move.EMPATHY not in moves
        and (rules.YOU_SUBJECT.search(lead) or rules.YOU_VERB.search(lead))
        and not rules.CONDITION_LEAD.match(lead)
    ):
        return True  # a statement about the client's experience, with no other move to explain it
    stems = content_words(core) - rules.GENERIC_STEMS
    echoed = len(stems & context_stems)
    if rules.ADDRESSES_CLIENT.search(core):
        return echoed >= 1
    # No "you" at all ("Two years of covering for her."): only a strong echo of the client's own words counts.
    return echoed >= 2 and echoed >= 0.5 * len(stems)


_DEFAULT_TAGGER = OfflineTagger()


def tag_moves(text: str, context: str | None = None) -> list[Move]:
    """Tag one learner turn with the shared default tagger."""
    return _DEFAULT_TAGGER.tag(text, context)
