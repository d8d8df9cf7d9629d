"""What the tag stage learned about one learner turn: the engine's only input besides its own state."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from app.domain.asked import Asked
from app.domain.codebook import Move


class AnswerKind(StrEnum):
    """What kind of answer a turn asks the client for: the labelled kinds of docs/labelling.md, "Answer kinds"."""

    CONTRACTING_GOAL = "contracting_goal"
    CONTRACTING_SUCCESS = "contracting_success"
    CONTRACTING_IMPORTANCE = "contracting_importance"
    CONTRACTING_WORKING_STYLE = "contracting_working_style"
    CONTRACTING_CONFIDENTIALITY = "contracting_confidentiality"
    FACT_WHO = "fact_who"
    FACT_WHEN = "fact_when"
    FACT_HOW_LONG = "fact_how_long"
    FACT_WHAT_HAPPENED = "fact_what_happened"
    FEELING = "feeling"
    MEANING_VALUES = "meaning_values"
    OPTIONS_NEXT_STEPS = "options_next_steps"
    REFLECTION_TO_CONFIRM = "reflection_to_confirm"
    SUMMARY = "summary"
    SMALL_TALK = "small_talk"
    SILENCE = "silence"
    CLOSING = "closing"


class TurnSignals(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    moves: list[Move] = Field(default_factory=list)
    questions: int = 0  # distinct questions in the turn; three or more is stacking
    topics: list[str] = Field(default_factory=list)  # sensitive topic ids the turn names
    # Of those, the ones the client's last few messages name too: a summary that names them says them back.
    said_back_topics: list[str] = Field(default_factory=list)
    echo: float = 0.0  # share of the turn's content words taken from the client's last message
    recall: float = 0.0  # ...taken from the client's last few messages
    # Content words of the turn's own, not taken from the client's last few messages: what a reflection adds.
    added: int = 0
    # Sensitive topics whose hint words the turn takes up from the client's last message ("What happened that
    # morning?"): words of the topic's own hints, not of the client's agreed focus or everyday talk. Right after
    # a hint, an open question that takes them up goes into the topic, named or not.
    takes_up: list[str] = Field(default_factory=list)
    # Says the client's last words back nearly as they were (a simple reflection at best).
    parrot: bool = False
    injection: bool = False  # steps out of the coaching frame: meta-talk, pasted logs, fishing for secrets
    # Names something of the client's hidden material that neither the brief nor the client has given the coach
    # ("Hollister"): the coach has read the persona's file, not listened (app/tag/unsaid.py).
    knows_unsaid: bool = False
    redirect: bool = False  # explicitly changes the subject
    on_focus: bool = True  # mentions the client's own topic (or echoes the client)
    repair: bool = False  # owns a misstep ("I jumped in there, sorry")
    presses: bool = False  # presses to go into something ("you need to talk about this")
    closing: bool = False  # wraps the session up
    sums_up: bool = False  # says it will sum up or play back what it heard ("Let me play it back: …")
    offers: bool = False  # offers the coach's own idea or observation ("Can I share a thought?")
    # Asks leave but leaves the answer no choice: goes in or answers for the client before they can answer ("Can I ask
    # about your mum? When did she pass?"), claims a yes from before or from someone else, or puts a price on a no
    # (app/tag/free_ask.py).
    ask_leaves_no_choice: bool = False
    # A short share of the coach's own that refers to what the client said and hands straight back with a
    # question ("I've felt that too. What's it like for you?"): authenticity, not self-focus.
    shares_back: bool = False
    pep_talk: bool = False  # cheerleading ("you've got this", "I'm sure you'll be fine")
    gossip: bool = False  # passes on what others said ("apparently", "she told me"), not the client's words
    # Says back something the client's last message denied ("It's not the money." — "So it's the money."):
    # a reflection that gets the client wrong.
    misreads: bool = False
    # What kind of answer the learned answer-kind reader hears asked (app/tag/answer_kinds.py), and how sure it
    # is (its probability); None when the turn was read without it (the rules alone decide, app/tag/asked.py).
    answer_kind: AnswerKind | None = None
    answer_confidence: float = 0.0
    # What the director hears the turn ask of the client (the rules' reading and, where it read the turn, the
    # learned reader's kind), read once in the reading step; None for signals made elsewhere, which the
    # director reads itself (app/tag/asked.py, `what_was_asked`).
    asked: Asked | None = None

    def has(self, *moves: Move) -> bool:
        return any(move in self.moves for move in moves)
