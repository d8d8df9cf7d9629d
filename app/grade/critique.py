"""Optional LLM critique: richer feedback through structured output, never the source of the score.

An LLM (when a provider is configured) fills `Critique`; `verify` drops every quote that is not verbatim from
the coach turn it cites, and `merge` adds what survives to the deterministic grade without touching levels,
scores or the verdict. Calling the model is the provider's job; this module is pure."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from app.domain.transcript import Transcript
from app.grade.quotes import is_verbatim
from app.grade.result import TURN_DOC, Evidence, Grade
from app.grade.rubric import Rubric

MAX_EXTRA_EVIDENCE = 2


class CritiqueQuote(BaseModel):
    turn: int = Field(description=TURN_DOC)
    quote: str = Field(description="Copied exactly from that coach turn: no paraphrase, no ellipsis.")


class CriterionCritique(BaseModel):
    id: str = Field(description="The rubric criterion id.")
    feedback: str = Field(description="Mentor-style: the behaviour, its effect on the client, what to try.")
    evidence: list[CritiqueQuote] = Field(default_factory=list)


class Critique(BaseModel):
    """The structured output asked of the model."""

    summary: str
    criteria: list[CriterionCritique] = Field(default_factory=list)


class Verified(BaseModel):
    model_config = ConfigDict(frozen=True)

    critique: Critique
    dropped: list[CritiqueQuote]


def verify(critique: Critique, transcript: Transcript) -> Verified:
    """Keep only quotes that are exact substrings of the coach turn they cite."""
    dropped: list[CritiqueQuote] = []
    kept: list[CriterionCritique] = []
    for item in critique.criteria:
        good = [q for q in item.evidence if is_verbatim(transcript, q.turn, q.quote)]
        dropped += [q for q in item.evidence if q not in good]
        kept.append(item.model_copy(update={"evidence": good}))
    return Verified(critique=critique.model_copy(update={"criteria": kept}), dropped=dropped)


def merge(grade: Grade, verified: Verified) -> Grade:
    """The grade with the critique's feedback and verified quotes added; levels, scores, verdict unchanged."""
    by_id = {item.id: item for item in verified.critique.criteria}
    criteria = []
    for result in grade.criteria:
        item = by_id.get(result.id)
        if item is None:
            criteria.append(result)
            continue
        extra = [Evidence(turn=q.turn, quote=q.quote) for q in item.evidence]
        evidence = [*result.evidence, *[e for e in extra if e not in result.evidence][:MAX_EXTRA_EVIDENCE]]
        feedback = f"{result.feedback} Reviewer's note: {item.feedback}".strip()
        criteria.append(result.model_copy(update={"evidence": evidence, "feedback": feedback}))
    return grade.model_copy(update={"criteria": criteria})


def critique_prompt(grade: Grade, transcript: Transcript, rubric: Rubric) -> str:
    """The request for the model: transcript with turn indices, rubric criteria and the grader's levels."""
    turns = "\n".join(f"[{i}] {u.speaker}: {u.text}" for i, u in enumerate(transcript.turns))
    levels = {c.id: c.level.value for c in grade.criteria}
    criteria = "\n".join(
        f"- {c.id} {c.title}: {c.description} (grader: {levels[c.id]})" for c in rubric.criteria
    )
    return (
        "You are a mentor coach giving feedback on a trainee's practice session.\n"
        "For each criterion, write feedback that names the behaviour, its effect on the client and one "
        "better phrasing. Cite evidence as the turn index and a quote copied exactly from that coach turn; "
        "quotes that are not verbatim are discarded. Do not change the grader's levels.\n\n"
        f"Criteria:\n{criteria}\n\nTranscript:\n{turns}\n"
    )
