"""`rapport persona check`: run each simulated coach through a real rehearsal and test the persona's gates.

Pure: the tagger, voice and rubric are passed in (the CLI uses the offline tagger, the scripted voice and the
default rubric, so a check is deterministic for a seed and needs no network). Each run is also graded with the
rubric grader, on its transcript alone, as `rapport grade` would grade it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.check import RATE_SEEDS
from app.check.grading import fails_grade, grade_run, passes_grade
from app.check.reading import public_view, sentences
from app.check.report import (
    CheckGrade,
    CheckTurn,
    CoachRate,
    CoachResult,
    DeepestRate,
    Expectation,
    PersonaCheckReport,
)
from app.check.simulated_coaches import COACHES, SKILLED_MAX_TURNS, SimulatedCoach
from app.domain.acts import ActKind
from app.domain.persona import Disclosure, Persona
from app.domain.transcript import Utterance
from app.domain.turns import TurnRecord
from app.grade.rubric import Rubric
from app.session import Rehearsal
from app.tag.tagger import Tagger
from app.tag.text import normalise
from app.tag.unsaid import hidden_names
from app.voice.base import Voice

Records = list[TurnRecord]
Check = Callable[[Persona, Records], Expectation]


def _disclosed(records: Records) -> list[str]:
    return [d for record in records for d in record.disclosed]


def _deepest(persona: Persona) -> list[Disclosure]:
    return [d for d in persona.disclosures if d.level == 4]


def _gated(persona: Persona, records: Records) -> list[str]:
    return [d for d in _disclosed(records) if persona.disclosure(d).requires_permission]


def reached_deepest(persona: Persona, records: Records) -> bool:
    """Every level-4 disclosure came out."""
    return {d.id for d in _deepest(persona)} <= set(_disclosed(records))


def _first_turn(records: Records, test: Callable[[TurnRecord], bool]) -> TurnRecord | None:
    return next((record for record in records if test(record)), None)


def _turn_of(records: Records, disclosure_id: str) -> int | None:
    record = _first_turn(records, lambda r: disclosure_id in r.disclosed)
    return record.index if record else None


# --- leaks -------------------------------------------------------------------------------------------------


def _fragments(text: str) -> list[str]:
    """Pieces of a disclosure distinctive enough that finding one in a reply means it leaked."""
    pieces = [normalise(s).rstrip(" .!?") for s in sentences(text) if len(s.split()) >= 4]
    return pieces or [normalise(text).rstrip(" .!?")]


def _leaks(persona: Persona, records: Records, always_locked: frozenset[str] = frozenset()) -> list[str]:
    """Replies that contain a disclosure's words before the director released it."""
    found: list[str] = []
    released: set[str] = set()
    for record in records:
        released.update(record.disclosed)
        reply = normalise(record.coachee)
        for disclosure in persona.disclosures:
            locked = disclosure.id not in released or disclosure.id in always_locked
            if locked and any(piece in reply for piece in _fragments(disclosure.text)):
                found.append(f"turn {record.index} says locked disclosure {disclosure.id!r}")
    return found


def nothing_leaks(persona: Persona, records: Records) -> Expectation:
    leaks = _leaks(persona, records)
    if leaks:
        reason = "; ".join(leaks) + " (a line or hint repeats a disclosure's words)"
    else:
        reason = "no reply contains the words of a disclosure before it was released"
    return Expectation(name="nothing locked leaks", passed=not leaks, reason=reason)


# --- the skilled coach -------------------------------------------------------------------------------------


def reaches_level_4(persona: Persona, records: Records) -> Expectation:
    name = f"reaches level 4 within {SKILLED_MAX_TURNS} turns"
    first = _first_turn(records, lambda r: r.level == 4)
    if first is not None:
        return Expectation(name=name, passed=True, reason=f"level 4 at turn {first.index}")
    top = max(records, key=lambda r: r.trust, default=None)
    reached = f"highest level {top.level} (trust {top.trust:.1f})" if top else "no turns"
    return Expectation(
        name=name,
        passed=False,
        reason=f"{reached} in {len(records)} turns; check difficulty (initial_trust, gain, loss)",
    )


def _why_not_reached(disclosure: Disclosure, records: Records) -> str:
    """The first gate on the way to a disclosure that stayed shut."""
    if not any(r.level >= disclosure.level for r in records):
        return f"{disclosure.id!r} needs level {disclosure.level}, never reached"
    topic = disclosure.topic
    if not disclosure.requires_permission or topic is None:
        return f"{disclosure.id!r}: the level was reached but no opening-up turn followed"
    hinted = any(
        (r.act.kind is ActKind.HINT and r.act.topic == topic) or r.act.hint_topic == topic for r in records
    )
    if not hinted:
        return (
            f"topic {topic!r} was never hinted, so there was nothing to ask permission about "
            "(check its hint_level)"
        )
    if not any(r.act.kind is ActKind.GRANT_PERMISSION and r.act.topic == topic for r in records):
        return (
            f"topic {topic!r} was hinted but permission was never granted: the coach did not notice the hint "
            "(end a hint by pulling back: 'Anyway.', 'Never mind.') or the client was not ready (open_level)"
        )
    return f"topic {topic!r} opened, but {disclosure.id!r} did not follow before the run ended"


def reaches_deepest(persona: Persona, records: Records) -> Expectation:
    deepest = _deepest(persona)
    reached = _disclosed(records)
    missing = [d for d in deepest if d.id not in reached]
    name = "reaches the deepest disclosure"
    if missing:
        return Expectation(
            name=name, passed=False, reason="; ".join(_why_not_reached(d, records) for d in missing)
        )
    where = [f"{d.id} at turn {_turn_of(records, d.id)}" for d in deepest]
    return Expectation(name=name, passed=True, reason=", ".join(where))


# --- the advice-giver, the interrogator and the injector ---------------------------------------------------


def _stays_at_or_below(limit: int, name: str, hint: str) -> Check:
    def check(persona: Persona, records: Records) -> Expectation:
        over = _first_turn(records, lambda r: r.level > limit)
        if over is None:
            top = max((r.level for r in records), default=0)
            return Expectation(name=name, passed=True, reason=f"highest level {top}")
        return Expectation(
            name=name,
            passed=False,
            reason=f"level {over.level} at turn {over.index} ({over.learner!r}); {hint}",
        )

    return check


def _reveals_nothing_above(limit: int) -> Check:
    def check(persona: Persona, records: Records) -> Expectation:
        name = f"reveals nothing above level {limit}"
        deep = [d for d in _disclosed(records) if persona.disclosure(d).level > limit]
        if deep:
            return Expectation(name=name, passed=False, reason=f"revealed {', '.join(deep)}")
        return Expectation(
            name=name, passed=True, reason=f"revealed {', '.join(_disclosed(records)) or 'nothing'}"
        )

    return check


def no_gated_disclosure(persona: Persona, records: Records) -> Expectation:
    """Nothing from a sensitive topic without permission, including a topic's disclosure left ungated."""
    name = "gets no permission-gated disclosure"
    gated = [persona.disclosure(d) for d in _disclosed(records)]
    gated = [d for d in gated if d.requires_permission or d.topic is not None]
    if not gated:
        return Expectation(name=name, passed=True, reason="no disclosure from a sensitive topic")
    reasons = [
        f"{d.id!r} (topic {d.topic!r}"
        + (")" if d.requires_permission else ", but requires_permission is false)")
        for d in gated
    ]
    return Expectation(name=name, passed=False, reason="revealed without permission: " + ", ".join(reasons))


def no_locked_text(persona: Persona, records: Records) -> Expectation:
    above_1 = frozenset(d.id for d in persona.disclosures if d.level > 1)
    leaks = _leaks(persona, records, always_locked=above_1)
    return Expectation(
        name="no locked disclosure text in any reply",
        passed=not leaks,
        reason="; ".join(leaks) if leaks else "no reply contains a disclosure above level 1",
    )


# --- every skilled coach -----------------------------------------------------------------------------------


def opens_gated_disclosure(persona: Persona, records: Records) -> Expectation:
    name = "opens a permission-gated disclosure"
    gated = _gated(persona, records)
    if gated:
        where = [f"{d} at turn {_turn_of(records, d)}" for d in gated]
        return Expectation(name=name, passed=True, reason=", ".join(where))
    asked = [r for r in records if "permission" in r.moves]
    topics = [t.id for t in persona.sensitive_topics]
    if not topics:
        reason = "the persona has no sensitive topic"
    elif not any(r.act.kind is ActKind.HINT or r.act.hint_topic for r in records):
        reason = "no topic was hinted, so there was nothing to ask permission about (check hint_level)"
    elif not asked:
        reason = "topics were hinted, but no turn was read as asking permission"
    else:
        granted = [r for r in records if r.act.kind is ActKind.GRANT_PERMISSION]
        reason = (
            f"{len(asked)} turns were read as asking permission, {len(granted)} granted, "
            "but no gated disclosure followed"
        )
    return Expectation(name=name, passed=False, reason=reason)


# --- the gaming coaches ------------------------------------------------------------------------------------

SHOULD_CATCH = {
    "parrot": "that the reflections only repeat the client's last sentence",
    "friendly-advisor": "the uninvited advice",
    "gossip": "the breach of confidentiality",
    "steerer": "the steering away from the agreed topic",
    "pusher": "the pushing past the client's no",
}


def _refused(records: Records) -> bool:
    return any(
        r.act.kind in (ActKind.DECLINE_PERMISSION, ActKind.DEFLECT)
        or (r.act.kind is ActKind.WITHHOLD_FACT and r.act.topic is not None)
        for r in records
    )


def _should_catch(coach: SimulatedCoach, records: Records) -> str:
    caught = SHOULD_CATCH.get(coach.id, "what this coach does")
    if coach.id == "pusher" and not _refused(records):
        caught += " (but the client never said no, so there was nothing to push past)"
    return caught


# --- what each coach must do -------------------------------------------------------------------------------

_advice_giver_stays_low = _stays_at_or_below(
    1, "stays at level 1 or below", "losses may be too small for its gains (difficulty)"
)
_interrogator_stays_below_4 = _stays_at_or_below(
    3, "stays below level 4", "questioning alone opened the client up (difficulty)"
)
_parrot_stays_below_4 = _stays_at_or_below(
    3, "never reaches level 4", "saying the client's sentences back was rewarded as listening"
)
EXPECTATIONS: dict[str, list[Check]] = {
    "skilled": [reaches_level_4, reaches_deepest, opens_gated_disclosure, nothing_leaks],
    "advice-giver": [_advice_giver_stays_low, _reveals_nothing_above(1), nothing_leaks],
    "interrogator": [no_gated_disclosure, _interrogator_stays_below_4, nothing_leaks],
    "injector": [_reveals_nothing_above(1), no_locked_text],
    "parrot": [_parrot_stays_below_4, nothing_leaks],
}
SKILLED_STYLE_EXPECTATIONS: list[Check] = [opens_gated_disclosure, nothing_leaks]
GAMING_EXPECTATIONS: list[Check] = [nothing_leaks]


def expectations_for(coach: SimulatedCoach) -> list[Check]:
    """The record-based expectations; the grade's come on top (see `_grade_expectations`)."""
    if coach.id in EXPECTATIONS:
        return EXPECTATIONS[coach.id]
    return SKILLED_STYLE_EXPECTATIONS if coach.skilled else GAMING_EXPECTATIONS


def _grade_expectations(
    coach: SimulatedCoach, records: Records, grade: CheckGrade | None
) -> list[Expectation]:
    """Skilled coaches must pass the grade, gaming coaches must fail it; the unskilled ones are only graded."""
    if grade is None:
        return []
    if coach.skilled:
        return [passes_grade(grade)]
    if coach.id == "pusher" and not _refused(records):
        # The client agreed every time: the pusher coached like a skilled coach, and its grade says so.
        reason = "the client never said no, so there was nothing to push past (not a test of pushing)"
        return [Expectation(name="fails the grade", passed=True, reason=reason)]
    if coach.kind == "gaming":
        return [fails_grade(grade, _should_catch(coach, records))]
    return []


# --- running -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoachRun:
    records: Records
    conversation: list[Utterance]


def _done(persona: Persona, coach: SimulatedCoach, records: Records) -> bool:
    """A skilled coach stops once every level-4 disclosure is out (and it has had its `wind_down` turns to
    answer it); the others use all their turns."""
    if not coach.skilled:
        return False
    out = [i for i in range(len(records) + 1) if reached_deepest(persona, records[:i])]
    return bool(out) and len(records) - out[0] >= coach.wind_down


def run_coach(coach: SimulatedCoach, persona: Persona, tagger: Tagger, voice: Voice, seed: int) -> CoachRun:
    """A real rehearsal: the coach sees only the learner's side and uses `seed` for its wording, the voice for
    the client's."""
    run = Rehearsal(persona, tagger, voice, seed=seed)
    records: Records = []
    while len(records) < coach.max_turns and not _done(persona, coach, records) and not run.ended:
        said = coach.next_turn(public_view(persona, list(run.transcript)), seed)
        if said is None:
            break
        records.append(run.take_turn(said))
    return CoachRun(records=records, conversation=list(run.transcript))


def rehearse(coach: SimulatedCoach, persona: Persona, tagger: Tagger, voice: Voice, seed: int) -> Records:
    return run_coach(coach, persona, tagger, voice, seed).records


def _turn(record: TurnRecord) -> CheckTurn:
    return CheckTurn(
        index=record.index,
        coach=record.learner,
        client=record.coachee,
        moves=[str(move) for move in record.moves],
        act=str(record.act.kind),
        trust=record.trust,
        level=record.level,
        disclosed=record.disclosed,
    )


def _result(
    coach: SimulatedCoach, persona: Persona, run: CoachRun, tagger: Tagger, rubric: Rubric | None
) -> CoachResult:
    records = run.records
    grade = (
        grade_run(run.conversation, records, rubric, persona, tagger)
        if rubric is not None and records
        else None
    )
    expectations = [check(persona, records) for check in expectations_for(coach)]
    expectations += _grade_expectations(coach, records, grade)
    return CoachResult(
        coach=coach.id,
        description=coach.description,
        passed=all(e.passed for e in expectations),
        turns=len(records),
        max_level=max((r.level for r in records), default=0),
        final_trust=records[-1].trust if records else 0.0,
        disclosures=_disclosed(records),
        expectations=expectations,
        transcript=[_turn(record) for record in records],
        kind=coach.kind,
        gated_disclosures=_gated(persona, records),
        deepest_reached=reached_deepest(persona, records),
        grade=grade,
    )


def check_coach(
    coach: SimulatedCoach,
    persona: Persona,
    tagger: Tagger,
    voice: Voice,
    seed: int,
    rubric: Rubric | None = None,
) -> CoachResult:
    return _result(coach, persona, run_coach(coach, persona, tagger, voice, seed), tagger, rubric)


def deepest_rate(
    persona: Persona,
    tagger: Tagger,
    voice: Voice,
    seeds: list[int],
    known: dict[tuple[str, int], bool] | None = None,
) -> DeepestRate:
    """How often the skilled coaches reach every level-4 disclosure, per coach and over all their runs. `known`
    holds outcomes already rehearsed, by (coach, seed)."""
    known = known or {}

    def reached(coach: SimulatedCoach, seed: int) -> bool:
        if (coach.id, seed) in known:
            return known[(coach.id, seed)]
        return reached_deepest(persona, rehearse(coach, persona, tagger, voice, seed))

    by_coach: list[CoachRate] = []
    for coach in (c for c in COACHES if c.skilled):
        seeds_reached = [seed for seed in seeds if reached(coach, seed)]
        by_coach.append(
            CoachRate(
                coach=coach.id,
                runs=len(seeds),
                reached=len(seeds_reached),
                rate=round(len(seeds_reached) / len(seeds), 3) if seeds else 0.0,
                seeds_reached=seeds_reached,
            )
        )
    runs = sum(c.runs for c in by_coach)
    reached_all = sum(c.reached for c in by_coach)
    return DeepestRate(
        seeds=seeds,
        runs=runs,
        reached=reached_all,
        rate=round(reached_all / runs, 3) if runs else 0.0,
        by_coach=by_coach,
    )


def check_persona(
    persona: Persona,
    tagger: Tagger,
    voice: Voice,
    seed: int = 0,
    rubric: Rubric | None = None,
    rate_seeds: int = RATE_SEEDS,
) -> PersonaCheckReport:
    """Every simulated coach at `seed`, each run graded with `rubric` (no grade expectations without one), and
    the skilled coaches' deepest-disclosure rate over `rate_seeds` seeds from `seed` on (0: not measured)."""
    results = [check_coach(coach, persona, tagger, voice, seed, rubric) for coach in COACHES]
    rate = None
    if rate_seeds > 0:
        known = {(r.coach, seed): r.deepest_reached for r in results if r.kind == "skilled"}
        rate = deepest_rate(persona, tagger, voice, list(range(seed, seed + rate_seeds)), known)
    return PersonaCheckReport(
        persona=persona.id,
        name=persona.name,
        seed=seed,
        passed=all(result.passed for result in results),
        coaches=results,
        rubric=rubric.id if rubric is not None else None,
        skilled_deepest=rate,
        hidden_names=sorted(name.capitalize() for name in hidden_names(persona)),
    )
