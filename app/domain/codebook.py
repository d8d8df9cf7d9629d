"""The learner-move codebook (``docs/codebook.md``, v1): every move's id and everything the app means by it.

One row per move in ``CODEBOOK``: what the move is (the document's description and examples, and the line the
model tagger's prompt gives it), how the trust engine scores it (weight and the reason a learner reads), what
the client reacts to, whether it enters a sensitive topic, what a turn with it is never also tagged with, and
the blocking rules whose offending sentence it marks. The model tagger (``app/tag/llm.py``), the trust engine
(``app/trust``), the client's reactions (through the engine's events, which the director reads) and the grader
(``app/grade``) read the row; ``tests/unit/test_codebook.py`` checks that every move has one and that
``docs/codebook.md`` says the same. Ids are stable: stored runs depend on them.
"""

from collections.abc import Iterable
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from app.domain.causes import Cause


class Move(StrEnum):
    # Moves that build trust or structure.
    GOAL = "goal"
    SUCCESS_MEASURE = "success_measure"
    IMPORTANCE = "importance"
    WORKING_STYLE = "working_style"
    CONFIDENTIALITY = "confidentiality"
    PERMISSION = "permission"
    REFLECTION = "reflection"
    OPEN_QUESTION = "open_question"
    CLOSED_QUESTION = "closed_question"
    ACKNOWLEDGE = "acknowledge"
    EMPATHY = "empathy"
    INVITE = "invite"
    SPACE = "space"
    AUTONOMY = "autonomy"
    # Moves that erode trust.
    ADVICE = "advice"
    JUDGMENT = "judgment"
    DISMISS = "dismiss"
    SELF_FOCUS = "self_focus"
    BREACH = "breach"
    PRESSURE = "pressure"


class Group(StrEnum):
    """The codebook document's two tables."""

    BUILDS = "builds"  # moves that build trust or structure
    ERODES = "erodes"  # moves that erode trust


class Scoring(StrEnum):
    """How the trust engine (``app/trust/engine.py``) turns a move into a change of trust."""

    # `weight` the first time, when the agreement the id names is in place (a field of the engine's
    # ContractState); later check-ins earn the engine's small fixed REPEAT_CONTRACTING_GAIN.
    CONTRACTING = "contracting"
    LISTENING = "listening"  # `weight`, a little less each time the move is used again
    ERODING = "eroding"  # a loss of `weight`, more for each earlier error
    # The engine's permission rules decide: granted, declined, an offer, asked again.
    PERMISSION = "permission"
    # Earns or costs nothing by itself; the engine's patterns count it (closed questions in a row).
    NONE = "none"


# The client's reaction to an eroding move: the engine's event (a flag of TurnEvents) the director answers.
Reaction = Literal["uninvited_advice", "breach", "pressure", "hurt", "self_focus"]
# A rubric's blocking rule kinds (app/grade/rubric.py); a hit is quoted at the sentence showing these moves.
BlockingRole = Literal["breach", "pushed_past_refusal", "consulting_mode", "off_agenda"]


class MoveSpec(BaseModel):
    """Everything the app means by one codebook move."""

    model_config = ConfigDict(frozen=True)

    id: Move
    description: str  # docs/codebook.md's "the learner…" column
    examples: tuple[str, ...]  # docs/codebook.md's examples column
    prompt: str  # the description as the model tagger's prompt words it: "the coach <prompt>"
    scoring: Scoring
    weight: float = 0.0  # trust gained (contracting, listening) or lost (eroding), on the 0-100 scale
    reason: str = ""  # what a learner reads beside that change of trust
    misstep: Cause | None = None  # eroding: what the coach did, so the client's reaction and a repair fit it
    # eroding: what the client reacts to (unless the engine explains it away)
    reaction: Reaction | None = None
    # used on a sensitive topic without permission it is probing, or pushing past a no
    enters_topic: bool = False
    excludes: frozenset[Move] = frozenset()  # a turn with this move is never also tagged with these
    quoted_for: frozenset[BlockingRole] = frozenset()  # blocking rules whose hit quotes this move's sentence

    @property
    def group(self) -> Group:
        return Group.ERODES if self.scoring is Scoring.ERODING else Group.BUILDS

    @model_validator(mode="after")
    def _consistent(self) -> "MoveSpec":
        scored = self.scoring in (Scoring.CONTRACTING, Scoring.LISTENING, Scoring.ERODING)
        if scored != (self.weight > 0) or scored != bool(self.reason):
            raise ValueError(
                f"{self.id}: a weight and a reason exactly when the engine scores it by the table"
            )
        eroding = self.scoring is Scoring.ERODING
        if (self.misstep is not None or self.reaction is not None) and not eroding:
            raise ValueError(f"{self.id}: only an eroding move has a misstep or a reaction")
        if eroding and self.misstep is None:
            raise ValueError(f"{self.id}: an eroding move names the misstep a repair answers")
        if self.id in self.excludes:
            raise ValueError(f"{self.id}: a move cannot exclude itself")
        return self


_ROWS = (
    MoveSpec(
        id=Move.GOAL,
        description="asks what the client wants from this session, or restates/confirms the agreed focus",
        examples=(
            "What would make this half hour worthwhile for you?",
            "So the focus today is the handover conversation, is that right?",
        ),
        prompt="asks what the client wants from this session, or restates or confirms the agreed focus",
        scoring=Scoring.CONTRACTING,
        weight=9.0,
        reason="agreed what the client wants from the session",
    ),
    MoveSpec(
        id=Move.SUCCESS_MEASURE,
        description="asks how the client will know the session, or the goal, has succeeded",
        examples=("At the end of today, what would tell you we got there?",),
        prompt="asks how the client will know the session or the goal has succeeded",
        scoring=Scoring.CONTRACTING,
        weight=6.0,
        reason="asked how the client will know it worked",
    ),
    MoveSpec(
        id=Move.IMPORTANCE,
        description="asks why this matters to the client, what is at stake, what makes it important now",
        examples=("What makes this the thing to work on right now?",),
        prompt="asks why this matters to the client, what is at stake, why now",
        scoring=Scoring.CONTRACTING,
        weight=5.0,
        reason="explored why this matters to the client",
    ),
    MoveSpec(
        id=Move.WORKING_STYLE,
        description="asks how the client wants to work together, or what they need from the coach",
        examples=(
            "Would you rather think out loud, or would you like me to push back?",
            "What do you need from me right now?",
        ),
        prompt="asks how the client wants to work together or what they need from the coach",
        scoring=Scoring.CONTRACTING,
        weight=6.0,
        reason="asked how the client wants to work",
    ),
    MoveSpec(
        id=Move.CONFIDENTIALITY,
        description="states confidentiality, boundaries, roles or a conflict of interest",
        examples=("Nothing you say here goes into your review.",),
        prompt="states confidentiality, boundaries, roles or a conflict of interest",
        scoring=Scoring.CONTRACTING,
        weight=5.0,
        reason="made confidentiality and roles clear",
    ),
    MoveSpec(
        id=Move.PERMISSION,
        description="asks permission before entering a sensitive area, offering an observation, idea or "
        "feedback, or challenging",
        examples=(
            "Would it be all right if we talked about how this affects things at home?",
            "Can I share something I noticed?",
        ),
        prompt="asks permission before a sensitive area, an observation, an idea or a challenge",
        scoring=Scoring.PERMISSION,
        excludes=frozenset({Move.CLOSED_QUESTION}),  # a permission request is only `permission`
    ),
    MoveSpec(
        id=Move.REFLECTION,
        description="mirrors, paraphrases or summarises the client's words, meaning or feelings, without "
        "adding the coach's agenda",
        examples=("You've carried this alone for months and you're tired of it.",),
        prompt="mirrors, paraphrases or summarises the client's words, meaning or feelings",
        scoring=Scoring.LISTENING,
        weight=4.0,
        reason="reflected what the client said",
    ),
    MoveSpec(
        id=Move.OPEN_QUESTION,
        description="asks a question that invites an open answer (what, how, tell me more)",
        examples=("What's going on for you when that happens?",),
        prompt="asks a question inviting an open answer (what, how, tell me more)",
        scoring=Scoring.LISTENING,
        weight=2.0,
        reason="asked an open question",
        enters_topic=True,
        quoted_for=frozenset({"pushed_past_refusal", "off_agenda"}),
    ),
    MoveSpec(
        id=Move.CLOSED_QUESTION,
        description="asks a question answerable with yes/no or a single fact (not a permission request)",
        examples=("Did you talk to her about it?",),
        prompt="asks a yes/no or single-fact question that is not a permission request",
        scoring=Scoring.NONE,
        enters_topic=True,
        quoted_for=frozenset({"pushed_past_refusal", "off_agenda"}),
    ),
    MoveSpec(
        id=Move.ACKNOWLEDGE,
        description="recognises the client's strengths, effort, insight or progress",
        examples=("You've clearly put a lot of thought into this.",),
        prompt="recognises the client's strengths, effort, insight or progress",
        scoring=Scoring.LISTENING,
        weight=3.0,
        reason="acknowledged the client's effort or insight",
    ),
    MoveSpec(
        id=Move.EMPATHY,
        description="expresses empathy, care, support or concern for the client",
        examples=("That sounds really painful.",),
        prompt="expresses empathy, care, support or concern",
        scoring=Scoring.LISTENING,
        weight=3.0,
        reason="showed empathy",
    ),
    MoveSpec(
        id=Move.INVITE,
        description="invites the client to correct, reject or reshape what the coach just said",
        examples=("How does that land for you?", "Tell me if I've got that wrong."),
        prompt="invites the client to correct, reject or reshape what the coach just said",
        scoring=Scoring.LISTENING,
        weight=2.0,
        reason="invited the client to correct them",
    ),
    MoveSpec(
        id=Move.SPACE,
        description="explicitly offers time, pause or silence",
        examples=("Take your time, there's no rush.",),
        prompt="explicitly offers time, a pause or silence",
        scoring=Scoring.LISTENING,
        weight=3.0,
        reason="left the client space",
    ),
    MoveSpec(
        id=Move.AUTONOMY,
        description="affirms that the choice and the direction belong to the client",
        examples=("It's completely your call where we go from here.",),
        prompt="affirms that the choice and direction belong to the client",
        scoring=Scoring.LISTENING,
        weight=3.0,
        reason="left the choice with the client",
    ),
    MoveSpec(
        id=Move.ADVICE,
        description="tells the client what to do or proposes a solution, including suggestions dressed as "
        'questions ("Have you tried…?", "Why don\'t you…?", "Wouldn\'t it be easier to…?")',
        examples=("You should just tell him no.",),
        prompt='tells the client what to do or proposes a solution, even as a question ("have you tried")',
        scoring=Scoring.ERODING,
        weight=8.0,
        reason="gave advice before the client asked for it",
        misstep=Cause.ADVICE,
        reaction="uninvited_advice",
        enters_topic=True,
        quoted_for=frozenset({"pushed_past_refusal", "consulting_mode", "off_agenda"}),
    ),
    MoveSpec(
        id=Move.JUDGMENT,
        description="evaluates, criticises, blames, labels or argues with the client",
        examples=("Honestly, that was a mistake.",),
        prompt="evaluates, criticises, blames, labels or argues with the client",
        scoring=Scoring.ERODING,
        weight=10.0,
        reason="judged the client",
        misstep=Cause.JUDGMENT,
        reaction="hurt",
        enters_topic=True,
    ),
    MoveSpec(
        id=Move.DISMISS,
        description="minimises or brushes aside the client's feelings or view",
        examples=("Everyone goes through that, it's no big deal.",),
        prompt="minimises or brushes aside the client's feelings or view",
        scoring=Scoring.ERODING,
        weight=8.0,
        reason="brushed the client's feelings aside",
        misstep=Cause.JUDGMENT,
        reaction="hurt",
    ),
    MoveSpec(
        id=Move.SELF_FOCUS,
        description="turns the attention to the coach's own experience, opinions or credentials",
        examples=("When I led a team I had exactly this, and what I did was…",),
        prompt="turns attention to the coach's own experience, opinions or credentials",
        scoring=Scoring.ERODING,
        weight=5.0,
        reason="turned the attention to themselves",
        misstep=Cause.SELF_FOCUS,
        reaction="self_focus",
    ),
    MoveSpec(
        id=Move.BREACH,
        description="reveals what someone else said in confidence, gossips about an absent person, or "
        "threatens to pass on what the client says",
        examples=("Between us, your manager told me she's unhappy with you.",),
        prompt="reveals what someone said in confidence, gossips, or threatens to pass on what is said",
        scoring=Scoring.ERODING,
        weight=30.0,
        reason="broke confidentiality",
        misstep=Cause.BREACH,
        reaction="breach",
        quoted_for=frozenset({"breach"}),
    ),
    MoveSpec(
        id=Move.PRESSURE,
        description="pushes past the client's hesitation or refusal, or hurries them",
        examples=("Come on, just tell me what it is.",),
        prompt="pushes past the client's hesitation or refusal, or hurries them",
        scoring=Scoring.ERODING,
        weight=8.0,
        reason="pushed or hurried the client",
        misstep=Cause.PRESSURE,
        reaction="pressure",
        enters_topic=True,
        quoted_for=frozenset({"pushed_past_refusal"}),
    ),
)
# The table, in codebook order (tests/unit/test_codebook.py checks it has every move, once, in `Move`'s order).
CODEBOOK: dict[Move, MoveSpec] = {row.id: row for row in _ROWS}


def moves_where(*scoring: Scoring) -> frozenset[Move]:
    """The moves the engine scores in one of these ways."""
    return frozenset(row.id for row in _ROWS if row.scoring in scoring)


CONTRACTING_MOVES = moves_where(Scoring.CONTRACTING)
LISTENING_MOVES = moves_where(
    Scoring.LISTENING
)  # every move that earns trust as listening, open questions too
ERODING_MOVES = moves_where(Scoring.ERODING)
QUESTION_MOVES = frozenset({Move.OPEN_QUESTION, Move.CLOSED_QUESTION})  # the question forms
ENTERING_MOVES = frozenset(row.id for row in _ROWS if row.enters_topic)


def reacting(reaction: Reaction) -> frozenset[Move]:
    """The moves the client meets with this reaction."""
    return frozenset(row.id for row in _ROWS if row.reaction == reaction)


def quoted_for(role: BlockingRole) -> frozenset[Move]:
    """The moves whose sentence a hit of this blocking rule quotes."""
    return frozenset(row.id for row in _ROWS if role in row.quoted_for)


# Codebook order, used to sort tags so output is stable.
MOVE_ORDER: dict[Move, int] = {move: index for index, move in enumerate(Move)}


def sort_moves(moves: Iterable[Move]) -> list[Move]:
    """Return the moves de-duplicated, in codebook order."""
    return sorted(set(moves), key=MOVE_ORDER.__getitem__)
