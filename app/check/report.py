"""The result of `rapport persona check`: per simulated coach, what happened and whether the gates held."""

from pydantic import BaseModel, ConfigDict, Field


class Expectation(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    passed: bool
    reason: str


class CheckTurn(BaseModel):
    model_config = ConfigDict(frozen=True)

    index: int
    coach: str
    client: str
    moves: list[str]
    act: str
    trust: float
    level: int
    disclosed: list[str]


class CheckGrade(BaseModel):
    """The rubric grader's result on the run's transcript, as `rapport grade` would give it."""

    model_config = ConfigDict(frozen=True)

    rubric: str
    score: float  # 0-100
    pass_mark: float
    passed: bool
    blocking: list[str]  # ids of the blocking errors that fired
    verdict: list[str]  # why it passed or did not, one reason a line


class CoachResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    coach: str
    description: str
    passed: bool
    turns: int
    max_level: int
    final_trust: float
    disclosures: list[str]  # disclosure ids, in the order they were reached
    expectations: list[Expectation]
    transcript: list[CheckTurn]
    # Added later; readers of older reports find them missing.
    kind: str = "unskilled"  # skilled, gaming or unskilled
    gated_disclosures: list[str] = Field(default_factory=list)  # those that need permission, in order
    deepest_reached: bool = False  # every level-4 disclosure came out
    grade: CheckGrade | None = None  # None when the check ran without a rubric


class CoachRate(BaseModel):
    model_config = ConfigDict(frozen=True)

    coach: str
    runs: int
    reached: int
    rate: float  # reached / runs
    seeds_reached: list[int]


class DeepestRate(BaseModel):
    """How often the skilled coaches, across their styles and several seeds, reach every level-4 disclosure."""

    model_config = ConfigDict(frozen=True)

    seeds: list[int]
    runs: int
    reached: int
    rate: float
    by_coach: list[CoachRate]


class PersonaCheckReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    persona: str
    name: str
    seed: int
    passed: bool
    coaches: list[CoachResult]
    rubric: str | None = None  # the rubric the runs were graded with
    skilled_deepest: DeepestRate | None = None
    # Names only the persona's file holds: a coach who uses one before the client says it earns nothing
    # (app/tag/unsaid.py). Listed so the author can see what is protected, and move a name into the brief if
    # the trainee should know it.
    hidden_names: list[str] = Field(default_factory=list)


def render_report(report: PersonaCheckReport, transcripts: bool = False) -> str:
    """The readable form: each coach, its verdict, and why; the conversations on request."""
    lines = [f"Persona check: {report.name} ({report.persona}), seed {report.seed}", ""]
    for result in report.coaches:
        verdict = "PASS" if result.passed else "FAIL"
        graded = ""
        if result.grade is not None:
            graded = f", grade {result.grade.score:g} ({'pass' if result.grade.passed else 'fail'})"
        lines.append(
            f"{verdict}  {result.coach} — {result.description}: {result.turns} turns, "
            f"highest level {result.max_level}, disclosed {', '.join(result.disclosures) or 'nothing'}{graded}"
        )
        lines += [f"      {'ok  ' if e.passed else 'FAIL'} {e.name}: {e.reason}" for e in result.expectations]
        if transcripts:
            for turn in result.transcript:
                lines.append(f"        [{turn.index}] coach: {turn.coach}")
                lines.append(f"        [{turn.index}] client (level {turn.level}, {turn.act}): {turn.client}")
        lines.append("")
    if report.skilled_deepest is not None:
        lines += [*_rate_lines(report.skilled_deepest), ""]
    if report.hidden_names:
        lines += [
            "Names only the file holds (a coach who uses one before the client says it earns nothing; put a name "
            f"in the brief if the trainee should know it): {', '.join(report.hidden_names)}.",
            "",
        ]
    failed = [result.coach for result in report.coaches if not result.passed]
    if failed:
        lines.append(f"Not ready: the gates did not hold for {', '.join(failed)}.")
    else:
        lines.append(f"All expectations hold: {report.persona} is ready to assign.")
    return "\n".join(lines)


def _rate_lines(rate: DeepestRate) -> list[str]:
    seeds = f"seeds {rate.seeds[0]}-{rate.seeds[-1]}" if len(rate.seeds) > 1 else f"seed {rate.seeds[0]}"
    per_coach = ", ".join(f"{c.coach} {c.reached}/{c.runs}" for c in rate.by_coach)
    return [
        f"Skilled coaches reach the deepest disclosure in {rate.reached} of {rate.runs} runs "
        f"({rate.rate:.0%}; {seeds}): {per_coach}."
    ]
