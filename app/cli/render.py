"""Plain-text rendering of a run: the transcript with its trust trace."""

from app.domain.persona import LEVEL_NAMES, Persona
from app.domain.turns import TurnRecord
from app.practice.inputs import as_said


def trace_lines(record: TurnRecord) -> list[str]:
    lines = [f"    trust {record.trust:5.1f}  level {record.level} ({LEVEL_NAMES[record.level]})"]
    lines += [f"      {change.delta:+5.1f}  {change.reason}" for change in record.changes]
    if record.moves:
        lines.append(f"      moves: {', '.join(record.moves)}")
    if record.disclosed:
        lines.append(f"      disclosed: {', '.join(record.disclosed)}")
    if record.note:
        lines.append(f"      note: {record.note}")
    return lines


def render_run(persona: Persona, records: list[TurnRecord]) -> str:
    lines = [f"Rehearsal with {persona.name} ({persona.id})", ""]
    for record in records:
        lines.append(f"[{record.index}] Coach: {as_said(record.learner)}")
        lines.append(f"[{record.index}] {persona.name}: {record.coachee}")
        lines.extend(trace_lines(record))
        lines.append("")
    reached = [d for d in persona.disclosures if any(d.id in r.disclosed for r in records)]
    final = records[-1] if records else None
    if final:
        lines.append(f"Final trust {final.trust:.1f}, level {final.level} ({LEVEL_NAMES[final.level]}).")
    lines.append(f"Disclosures reached: {', '.join(d.id for d in reached) or 'none'}.")
    return "\n".join(lines)
