"""LLM-assisted tagging: a chat model labels a learner turn with codebook move ids, as structured output.

It implements the `Tagger` protocol, so it can be called like the offline tagger. In a rehearsal it runs
alongside the voice call (see `app/tag/assist.py`), never before it.
"""

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, Field

from app.config import StructuredMethod
from app.domain.codebook import Move, sort_moves
from app.llm.calls import DEADLINE, call_within

# One line per codebook id (docs/codebook.md, v1), worded for a model.
MOVES: dict[Move, str] = {
    Move.GOAL: "asks what the client wants from this session, or restates or confirms the agreed focus",
    Move.SUCCESS_MEASURE: "asks how the client will know the session or the goal has succeeded",
    Move.IMPORTANCE: "asks why this matters to the client, what is at stake, why now",
    Move.WORKING_STYLE: "asks how the client wants to work together or what they need from the coach",
    Move.CONFIDENTIALITY: "states confidentiality, boundaries, roles or a conflict of interest",
    Move.PERMISSION: "asks permission before a sensitive area, an observation, an idea or a challenge",
    Move.REFLECTION: "mirrors, paraphrases or summarises the client's words, meaning or feelings",
    Move.OPEN_QUESTION: "asks a question inviting an open answer (what, how, tell me more)",
    Move.CLOSED_QUESTION: "asks a yes/no or single-fact question that is not a permission request",
    Move.ACKNOWLEDGE: "recognises the client's strengths, effort, insight or progress",
    Move.EMPATHY: "expresses empathy, care, support or concern",
    Move.INVITE: "invites the client to correct, reject or reshape what the coach just said",
    Move.SPACE: "explicitly offers time, a pause or silence",
    Move.AUTONOMY: "affirms that the choice and direction belong to the client",
    Move.ADVICE: 'tells the client what to do or proposes a solution, even as a question ("have you tried")',
    Move.JUDGMENT: "evaluates, criticises, blames, labels or argues with the client",
    Move.DISMISS: "minimises or brushes aside the client's feelings or view",
    Move.SELF_FOCUS: "turns attention to the coach's own experience, opinions or credentials",
    Move.BREACH: "reveals what someone said in confidence, gossips, or threatens to pass on what is said",
    Move.PRESSURE: "pushes past the client's hesitation or refusal, or hurries them",
}
INSTRUCTIONS = "\n".join(
    [
        "Label one turn of a trainee coach in a coaching conversation with the codebook moves it has.",
        "A turn may carry several moves, or none (small talk, greetings, logistics). The moves:",
        *(f"- {move.value}: the coach {meaning}" for move, meaning in MOVES.items()),
        'A permission request is permission, not closed_question. Answer as JSON: {"moves": [ids]}.',
    ]
)


class Tags(BaseModel):
    moves: list[Move] = Field(description="Codebook move ids present in the coach's turn.")


class LLMTagger:
    def __init__(
        self,
        model: BaseChatModel,
        method: StructuredMethod = "json_schema",
        retries: int = 0,
        deadline: float = DEADLINE,
    ) -> None:
        self.labeller = model.with_structured_output(Tags, method=method)
        self.retries = retries
        self.deadline = deadline  # seconds for the whole call (RAPPORT_LLM_DEADLINE)

    def tag(self, text: str, context: str | None = None) -> list[Move]:
        turn = (
            f"The client last said: {context}\n\nThe coach's turn: {text}"
            if context
            else f"The coach's turn: {text}"
        )
        prompt = [("system", INSTRUCTIONS), ("human", turn)]
        tags = call_within(self.deadline, self.retries, self.labeller.ainvoke, prompt)
        if not isinstance(tags, Tags):
            raise TypeError(f"expected Tags, got {type(tags).__name__}")
        return sort_moves(tags.moves)
