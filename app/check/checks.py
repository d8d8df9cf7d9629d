"""`rapport persona check`: run each simulated coach through a real rehearsal and test the persona's gates.

Pure: the tagger and voice are passed in (the CLI uses the offline tagger and the scripted voice, so a check
is deterministic for a seed and needs no network)."""

from __future__ import annotations

from collections.abc import Callable

from app.check.reading import public_view, sentences
from app.check.report import CheckTurn, CoachResult, Expectation, PersonaCheckReport
from app.check.simulated_coaches import COACHES, SKILLED_MAX_TURNS, SimulatedCoach
from app.domain.acts import ActKind
from app.domain.persona import Disclosure, Persona
from app.session import Rehearsal, TurnRecord
from app.tag.signals import Tagger
from app.tag.text import normalise
from app.voice.base import Voice

Records = list[TurnRecord]
Check = Callable[[Persona, Records], Expectation]


def _disclosed(records: Records) -> list[str]:
    return [d for record in records for d in record.disclosed]


def _deepest(persona: Persona) -> list[Disclosure]:
    return [d for d in persona.disclosures if d.level == 4]


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


EXPECTATIONS: dict[str, list[Check]] = {
    "skilled": [reaches_level_4, reaches_deepest, nothing_leaks],
    "advice-giver": [
        _stays_at_or_below(
            1, "stays at level 1 or below", "losses may be too small for its gains (difficulty)"
        ),
        _reveals_nothing_above(1),
        nothing_leaks,
    ],
    "interrogator": [
        no_gated_disclosure,
        _stays_at_or_below(3, "stays below level 4", "questioning alone opened the client up (difficulty)"),
        nothing_leaks,
    ],
    "injector": [_reveals_nothing_above(1), no_locked_text],
}


# --- running -----------------------------------------------------------------------------------------------


def _done(persona: Persona, coach: SimulatedCoach, records: Records) -> bool:
    """The skilled coach stops once every level-4 disclosure is out; the others use all their turns."""
    return coach.id == "skilled" and {d.id for d in _deepest(persona)} <= set(_disclosed(records))


def rehearse(coach: SimulatedCoach, persona: Persona, tagger: Tagger, voice: Voice, seed: int) -> Records:
    run = Rehearsal(persona, tagger, voice, seed=seed)
    records: Records = []
    while len(records) < coach.max_turns and not _done(persona, coach, records):
        said = coach.next_turn(public_view(persona, list(run.transcript)))
        if said is None:
            break
        records.append(run.take_turn(said))
    return records


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


def check_coach(
    coach: SimulatedCoach, persona: Persona, tagger: Tagger, voice: Voice, seed: int
) -> CoachResult:
    records = rehearse(coach, persona, tagger, voice, seed)
    expectations = [check(persona, records) for check in EXPECTATIONS[coach.id]]
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
    )


def check_persona(persona: Persona, tagger: Tagger, voice: Voice, seed: int = 0) -> PersonaCheckReport:
    results = [check_coach(coach, persona, tagger, voice, seed) for coach in COACHES]
    return PersonaCheckReport(
        persona=persona.id,
        name=persona.name,
        seed=seed,
        passed=all(result.passed for result in results),
        coaches=results,
    )
