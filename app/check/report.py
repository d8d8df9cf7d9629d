"""The result of `rapport persona check`: per simulated coach, what happened and whether the gates held."""

from pydantic import BaseModel, ConfigDict


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


class PersonaCheckReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    persona: str
    name: str
    seed: int
    passed: bool
    coaches: list[CoachResult]


def render_report(report: PersonaCheckReport, transcripts: bool = False) -> str:
    """The readable form: each coach, its verdict, and why; the conversations on request."""
    lines = [f"Persona check: {report.name} ({report.persona}), seed {report.seed}", ""]
    for result in report.coaches:
        verdict = "PASS" if result.passed else "FAIL"
        lines.append(
            f"{verdict}  {result.coach} — {result.description}: {result.turns} turns, "
            f"highest level {result.max_level}, disclosed {', '.join(result.disclosures) or 'nothing'}"
        )
        lines += [f"      {'ok  ' if e.passed else 'FAIL'} {e.name}: {e.reason}" for e in result.expectations]
        if transcripts:
            for turn in result.transcript:
                lines.append(f"        [{turn.index}] coach: {turn.coach}")
                lines.append(f"        [{turn.index}] client (level {turn.level}, {turn.act}): {turn.client}")
        lines.append("")
    failed = [result.coach for result in report.coaches if not result.passed]
    if failed:
        lines.append(f"Not ready: the gates did not hold for {', '.join(failed)}.")
    else:
        lines.append(f"All expectations hold: {report.persona} is ready to assign.")
    return "\n".join(lines)
