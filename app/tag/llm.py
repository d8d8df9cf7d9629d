"""LLM-assisted tagging: a chat model labels a learner turn with codebook move ids, as structured output.

It implements the `Tagger` protocol, so it can be called like the offline tagger. In a rehearsal it runs
alongside the voice call (see `app/tag/assist.py`), never before it.
"""

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, Field

from app.config import StructuredMethod
from app.domain.codebook import CODEBOOK, Move, sort_moves
from app.llm.calls import DEADLINE, call_within

INSTRUCTIONS = "\n".join(
    [
        "Label one turn of a trainee coach in a coaching conversation with the codebook moves it has.",
        "A turn may carry several moves, or none (small talk, greetings, logistics). The moves:",
        # one line per codebook id, as its row in the codebook words it for a model
        *(f"- {move.value}: the coach {spec.prompt}" for move, spec in CODEBOOK.items()),
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
