"""How far the grader agrees with an instructor who scored the same transcripts by hand. Pure: hand scores
and grades in, figures out.

Per criterion (and pooled over all criteria): the pairs (instructor level, grader level), the share that
match, Cohen's κ on the four levels (not applicable is a category of its own), and quadratic-weighted κ on
the ordinal scale not_evident < partial < consistent (pairs with a not applicable side left out). κ is
computed with exact fractions; it is undefined (None, with the reason) when there are no pairs or when both
raters put every pair in one and the same category: chance agreement is then 100 % and κ is 0/0."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from app.grade.handscores import HandScores
from app.grade.result import Evidence, Grade
from app.grade.rubric import Level

T = TypeVar("T", bound=Hashable)

ORDINAL = (Level.NOT_EVIDENT, Level.PARTIAL, Level.CONSISTENT)
# Lower bound of each band (Landis & Koch, merged into four): below 0.4 is poor.
BANDS = ((Fraction(8, 10), "near-perfect"), (Fraction(6, 10), "substantial"), (Fraction(4, 10), "moderate"))


@dataclass(frozen=True)
class Kappa:
    value: Fraction | None
    reason: str | None = None  # why value is None


def _undefined(pairs: Sequence[tuple[T, T]]) -> Kappa | None:
    if not pairs:
        return Kappa(None, "no pairs to compare")
    categories = {category for pair in pairs for category in pair}
    if len(categories) == 1:
        only = next(iter(categories))  # a Level prints as its value
        reason = f"all {len(pairs)} pair(s) have the same level on both sides ({only}): no variation"
        return Kappa(None, reason + ", so κ is undefined")
    return None


def cohen_kappa(pairs: Sequence[tuple[T, T]]) -> Kappa:
    """Unweighted Cohen's κ = (p_o - p_e) / (1 - p_e) for pairs (first rater, second rater)."""
    undefined = _undefined(pairs)
    if undefined is not None:
        return undefined
    n = len(pairs)
    observed = Fraction(sum(a == b for a, b in pairs), n)
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum((Fraction(first[c] * second[c], n * n) for c in first), Fraction(0))
    return Kappa((observed - chance) / (1 - chance))


def weighted_kappa(pairs: Sequence[tuple[T, T]], order: Sequence[T]) -> Kappa:
    """Quadratic-weighted κ = 1 - Σ w·observed / Σ w·expected, w = (rank distance)², on ordered categories.
    Only pairs whose two categories are both in `order` count."""
    rank = {category: index for index, category in enumerate(order)}
    kept = [(a, b) for a, b in pairs if a in rank and b in rank]
    if not kept:
        return Kappa(None, "no pair with both levels on the ordinal scale")
    undefined = _undefined(kept)
    if undefined is not None:
        return undefined
    ranked = [(rank[a], rank[b]) for a, b in kept]
    first, second = Counter(a for a, _ in ranked), Counter(b for _, b in ranked)
    # Both sums scaled by n² so they stay integers: observed n·Σd², expected Σ f_a·s_b·d².
    observed = len(ranked) * sum((a - b) ** 2 for a, b in ranked)
    expected = sum(first[a] * second[b] * (a - b) ** 2 for a in first for b in second)
    return Kappa(1 - Fraction(observed, expected))


def band(kappa: Fraction | None) -> str | None:
    if kappa is None:
        return None
    return next((name for bound, name in BANDS if kappa >= bound), "poor")


class Agreement(BaseModel):
    model_config = ConfigDict(frozen=True)

    n: int = Field(description="Pairs compared: transcripts where the instructor scored the criterion.")
    agreed: int = Field(description="Pairs where instructor and grader gave the same level.")
    percent_agreement: float = Field(description="agreed / n, in percent (0-100).")
    kappa: float | None = Field(description="Cohen's κ on the four levels; null when undefined.")
    kappa_band: str | None = Field(description="poor (< 0.4), moderate, substantial or near-perfect (≥ 0.8).")
    kappa_note: str | None = Field(description="Why κ is null.")
    weighted_n: int = Field(description="Pairs with both levels on not_evident < partial < consistent.")
    weighted_kappa: float | None = Field(
        description="Quadratic-weighted κ on those pairs; null when undefined."
    )
    weighted_note: str | None = Field(description="Why weighted κ is null.")


class _Criterion(BaseModel):
    id: str
    title: str


class CriterionAgreement(Agreement, _Criterion):  # bases in this order put id and title first in JSON
    pass


class Disagreement(BaseModel):
    model_config = ConfigDict(frozen=True)

    transcript: str = Field(description="The transcript as the hand-score file names it.")
    criterion: str
    title: str
    instructor: Level
    grader: Level
    grader_reason: str = Field(description="Why the grader chose its level, in a phrase.")
    evidence: list[Evidence] = Field(
        description="The grader's evidence: transcript turn (0-based) and quote."
    )
    feedback: str = Field(description="The grader's feedback for this criterion.")
    notes: str | None = Field(description="The scorer's notes on this transcript.")


class Calibration(BaseModel):
    model_config = ConfigDict(frozen=True)

    file: str = Field(description="The hand-score file.")
    rubric: str
    scorer: str
    transcripts: int
    criteria: list[CriterionAgreement] = Field(description="Criteria the scorer scored, in rubric order.")
    overall: Agreement = Field(description="All pairs of all criteria pooled.")
    disagreements: list[Disagreement]


Pair = tuple[Level, Level]  # (instructor, grader)


def _round(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 3)


def agreement(pairs: Sequence[Pair]) -> Agreement:
    agreed = sum(a == b for a, b in pairs)
    plain, weighted = cohen_kappa(pairs), weighted_kappa(pairs, ORDINAL)
    return Agreement(
        n=len(pairs),
        agreed=agreed,
        percent_agreement=round(100 * agreed / len(pairs), 1) if pairs else 0.0,
        kappa=_round(plain.value),
        kappa_band=band(plain.value),
        kappa_note=plain.reason,
        weighted_n=sum(a in ORDINAL and b in ORDINAL for a, b in pairs),
        weighted_kappa=_round(weighted.value),
        weighted_note=weighted.reason,
    )


def calibrate(hand: HandScores, grades: Sequence[Grade], file: str) -> Calibration:
    """Compare the scorer's levels with the grades of the same transcripts (`grades[i]` is of
    `hand.transcripts[i]`; ValueError otherwise). Criteria the scorer never scored are left out."""
    pairs: dict[str, list[Pair]] = {}
    titles: dict[str, str] = {}
    disagreements: list[Disagreement] = []
    for item, graded in zip(hand.transcripts, grades, strict=True):
        for result in graded.criteria:  # rubric order, so the table follows the rubric
            titles[result.id] = result.title
            mine = item.scores.get(result.id)
            if mine is None:
                continue
            pairs.setdefault(result.id, []).append((mine, result.level))
            if mine != result.level:
                disagreements.append(
                    Disagreement(
                        transcript=item.file,
                        criterion=result.id,
                        title=result.title,
                        instructor=mine,
                        grader=result.level,
                        grader_reason=result.reason,
                        evidence=result.evidence,
                        feedback=result.feedback,
                        notes=item.notes,
                    )
                )
    order = list(titles)
    return Calibration(
        file=file,
        rubric=hand.rubric,
        scorer=hand.scorer,
        transcripts=len(hand.transcripts),
        criteria=[
            CriterionAgreement(id=cid, title=titles[cid], **agreement(pairs[cid]).model_dump())
            for cid in order
            if cid in pairs
        ],
        overall=agreement([pair for cid in order for pair in pairs.get(cid, [])]),
        disagreements=disagreements,
    )
