"""The act that answers what the learner asked, at the depth trust allows. Pure.

Called by the director once nothing the engine noticed (a rupture, a refusal, advice...) calls for a reaction
of its own. Factual questions are answered from the persona's `facts`: the best-matching fact not yet told, if
the level allows it; one the client is not ready for gets a guarded non-answer instead.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from app.domain.acts import ActKind
from app.domain.asked import Asked, AskedKind
from app.domain.persona import Fact, FactKind, Persona, keyword_pattern
from app.domain.revise import revised
from app.domain.trust_state import TrustState

ANSWER_ACTS: dict[AskedKind, ActKind] = {
    AskedKind.GOAL: ActKind.ANSWER_GOAL,
    AskedKind.SUCCESS: ActKind.ANSWER_SUCCESS,
    AskedKind.IMPORTANCE: ActKind.ANSWER_IMPORTANCE,
    AskedKind.WORKING_STYLE: ActKind.ANSWER_WORKING_STYLE,
    AskedKind.CONFIDENTIALITY: ActKind.ANSWER_CONFIDENTIALITY,
    AskedKind.FEELING: ActKind.ANSWER_FEELING,
    AskedKind.MEANING: ActKind.ANSWER_MEANING,
    AskedKind.OPTIONS: ActKind.ANSWER_OPTIONS,
    AskedKind.REFLECTION: ActKind.FEEL_HEARD,
    AskedKind.SUMMARY: ActKind.CONFIRM_SUMMARY,
    AskedKind.SMALL_TALK: ActKind.SMALL_TALK,
    AskedKind.SILENCE: ActKind.GO_ON,
    AskedKind.CLOSING: ActKind.CLOSING,
    AskedKind.OPEN: ActKind.ELABORATE,
}


class Answer(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: ActKind
    fact: str | None = None
    confirms: bool = False  # a reflection came before the question and landed: a short yes first


def answer(asked: Asked, state: TrustState, persona: Persona, question: str) -> Answer:
    """The answering act for what was asked; `question` is the learner's words (a fact is matched on them)."""
    confirms = asked.reflected and not asked.misread  # a reflection that got them wrong gets no yes
    if asked.misread and asked.kind in (AskedKind.REFLECTION, AskedKind.SUMMARY):
        return Answer(kind=ActKind.CORRECT_REFLECTION)
    if asked.kind is AskedKind.FACT and asked.fact is not None:
        return revised(_factual(asked.fact, state, persona, question), confirms=confirms)
    named = _named_fact(persona, question, state) if asked.kind is AskedKind.OPEN else None
    if named is not None:  # "Tell me about Dan.": an open question about someone or something in the facts
        return revised(_factual(named, state, persona, question), confirms=confirms)
    return Answer(kind=ANSWER_ACTS[asked.kind], confirms=confirms)


def _named_fact(persona: Persona, question: str, state: TrustState) -> FactKind | None:
    """The kind of the untold fact whose `about` words the question names, if any."""
    told = set(state.facts_told)
    named = [
        (len(keyword_pattern(fact.about).findall(question)), kind)
        for kind, fact in persona.facts.by_kind()
        if fact.id not in told
    ]
    count, kind = max(named, key=lambda entry: entry[0], default=(0, None))
    return kind if count else None


def _factual(kind: FactKind, state: TrustState, persona: Persona, question: str) -> Answer:
    fact = best_fact(kind, persona, question, told=set(state.facts_told), level=state.level)
    if fact is None:
        return Answer(
            kind=ActKind.ELABORATE
        )  # nothing factual left to say on this: they talk about it instead
    if fact.level > state.level:
        return Answer(kind=ActKind.WITHHOLD_FACT)
    return Answer(kind=ActKind.ANSWER_FACT, fact=fact.id)


def best_fact(kind: FactKind, persona: Persona, question: str, told: set[str], level: int) -> Fact | None:
    """The untold fact the question names most (its `about` words), then one of the asked kind, then one the
    client is ready to say (at or below `level`), in authored order. None when no untold fact fits."""
    ranked = [
        (len(keyword_pattern(fact.about).findall(question)), fact_kind == kind, fact.level <= level, fact)
        for fact_kind, fact in persona.facts.by_kind()
        if fact.id not in told
    ]
    fitting = [entry for entry in ranked if entry[0] > 0 or entry[1]]
    if not fitting:
        return None
    return max(fitting, key=lambda entry: entry[:3])[3]
