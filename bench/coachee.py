"""How the offline coachee talks: repeated sentences over every persona x every simulated coach, and (when the
labelled questions exist) whether the client's act answers what was asked.

Run: ``python bench/coachee.py [--seeds N] [--persona ID ...]`` (default 3 seeds: 0..N-1).

Issue 11's goals: at most 1 repeated sentence per 15 turns in every run; the reply's act matches what was
asked in at least 95% of the labelled questions (tests/data/questions*.jsonl, written by another author; this
bench only measures on them).
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run without installing the package

from app.check.checks import rehearse  # noqa: E402
from app.check.mid_session import mid_session  # noqa: E402
from app.check.repetition import repeated_sentences  # noqa: E402
from app.check.simulated_coaches import COACHES  # noqa: E402
from app.domain.acts import ActKind  # noqa: E402
from app.domain.persona import Persona  # noqa: E402
from app.files.loader import load_file  # noqa: E402
from app.tag.reader import LearnedTagger  # noqa: E402
from app.tag.signals import AnswerReader  # noqa: E402
from app.voice.scripted import ScriptedVoice  # noqa: E402

GOAL_PER_15 = 1.0
GOAL_RELEVANCE = 0.95
QUESTIONS = sorted((ROOT / "tests" / "data").glob("questions*.jsonl"))
FACT = {ActKind.ANSWER_FACT, ActKind.WITHHOLD_FACT}  # a guarded non-answer still answers a factual question
TALKING_ON = {ActKind.GO_ON, ActKind.REVEAL, ActKind.HINT}  # a pause filled, with a disclosure or hint or not
# The label set's kinds (docs/labelling.md, "Answer kinds") and the acts that answer each.
ANSWERING: dict[str, set[ActKind]] = {
    "contracting_goal": {ActKind.ANSWER_GOAL},
    "contracting_success": {ActKind.ANSWER_SUCCESS},
    "contracting_importance": {ActKind.ANSWER_IMPORTANCE},
    "contracting_working_style": {ActKind.ANSWER_WORKING_STYLE},
    "contracting_confidentiality": {ActKind.ANSWER_CONFIDENTIALITY},
    "fact_who": FACT,
    "fact_when": FACT,
    "fact_how_long": FACT,
    "fact_what_happened": FACT,
    "feeling": {ActKind.ANSWER_FEELING},
    "meaning_values": {ActKind.ANSWER_MEANING},
    "options_next_steps": {ActKind.ANSWER_OPTIONS},
    "reflection_to_confirm": {ActKind.FEEL_HEARD, ActKind.CORRECT_REFLECTION},  # confirmed or corrected
    "summary": {ActKind.CONFIRM_SUMMARY, ActKind.CORRECT_REFLECTION},
    "small_talk": {ActKind.SMALL_TALK},
    "silence": TALKING_ON,
    "closing": {ActKind.CLOSING},
}
# Acts that react to what the coach did rather than answer it (the director's `_reaction`).
REACTIONS = {
    ActKind.OUT_OF_FRAME, ActKind.RUPTURE, ActKind.WITHDRAW, ActKind.GRANT_PERMISSION, ActKind.DECLINE_PERMISSION,
    ActKind.DEFLECT, ActKind.HURT, ActKind.RESIST_ADVICE, ActKind.CONSIDER_ADVICE, ActKind.ACCEPT_OFFER,
    ActKind.OFF_CONTRACT, ActKind.REFOCUS, ActKind.REPAIR_ACCEPTED,
}  # fmt: skip


def repetition(personas: list, seeds: int) -> None:  # type: ignore[type-arg]
    tagger, voice = LearnedTagger(), ScriptedVoice()
    print(f"{'persona':<24}{'coach':<20}{'runs':>5}{'turns':>7}{'repeats':>9}{'per 15':>8}{'worst/15':>10}")
    total_turns = total_repeats = over_goal = runs = interjections = 0
    common: Counter[str] = Counter()
    for persona in personas:
        for coach in COACHES:
            turns = repeats = 0
            worst = 0.0
            for seed in range(seeds):
                records = rehearse(coach, persona, tagger, voice, seed)
                replies = [r.coachee for r in records]
                found = repeated_sentences(replies)
                interjections += len(repeated_sentences(replies, min_words=1)) - len(found)
                common.update(f"{persona.id}: {key}" for key in found)
                turns += len(records)
                repeats += len(found)
                rate = 15 * len(found) / len(records) if records else 0.0
                worst = max(worst, rate)
                over_goal += rate > GOAL_PER_15
                runs += 1
            total_turns += turns
            total_repeats += repeats
            per_15 = 15 * repeats / turns if turns else 0.0
            print(
                f"{persona.id:<24}{coach.id:<20}{seeds:>5}{turns:>7}{repeats:>9}{per_15:>8.2f}{worst:>10.2f}"
            )
    per_15 = 15 * total_repeats / total_turns if total_turns else 0.0
    print(
        f"\nall: {runs} runs, {total_turns} client turns, {total_repeats} repeated sentences, "
        f"{per_15:.2f} per 15 turns; runs over {GOAL_PER_15:g} per 15 turns: {over_goal}"
    )
    print(f"(not counted above: {interjections} repeated one-word sentences such as 'Yes.' or 'Ha.')")
    if common:
        print("most repeated:", *(f"  {n}x  {key}" for key, n in common.most_common(10)), sep="\n")


def _act(
    persona: Persona,
    context: str | None,
    text: str,
    tagger: LearnedTagger,
    answers: AnswerReader | None = None,
) -> ActKind:
    """The act the director chooses for one labelled turn, from the persona's starting trust (`answers`: an
    answer-kind reader other than the shipped one)."""
    return mid_session(persona, tagger, context, answers=answers).prepare(text).act.kind


def relevance(personas: dict[str, Persona]) -> None:
    rows = [
        {**json.loads(line), "file": path.name}
        for path in QUESTIONS
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    if not rows:
        print("\nanswer relevance: no labelled questions (tests/data/questions*.jsonl) yet")
        return
    tagger = LearnedTagger()
    by_kind: dict[str, Counter[bool]] = {}
    misses: Counter[tuple[str, str]] = Counter()
    mixed = Counter[bool]()
    by_file: dict[str, Counter[bool]] = {}
    for row in rows:
        act = _act(personas[row["persona"]], row["context"], row["text"], tagger)
        hit = act in ANSWERING[row["expected"]]
        by_kind.setdefault(row["expected"], Counter())[hit] += 1
        by_file.setdefault(row["file"], Counter())[hit] += 1
        if row["mixed"]:
            mixed[hit] += 1
        if not hit:
            misses[(row["expected"], str(act))] += 1
    hits = sum(c[True] for c in by_kind.values())
    print(f"\nanswer relevance on {len(rows)} labelled turns ({', '.join(p.name for p in QUESTIONS)}):")
    for kind, counts in sorted(by_kind.items()):
        total = counts[True] + counts[False]
        print(f"  {kind:<30}{counts[True]:>4}/{total:<4}{counts[True] / total:>7.0%}")
    if mixed:
        print(f"  {'(mixed turns)':<30}{mixed[True]:>4}/{mixed[True] + mixed[False]:<4}")
    reacted = sum(n for (_, act), n in misses.items() if ActKind(act) in REACTIONS)
    print(
        f"  of the {len(rows) - hits} misses, {reacted} are the engine reacting to the turn (a probe, a judgment, an offer)"
    )
    for name, counts in by_file.items():  # each set is one author's: a figure per author as well
        total = counts[True] + counts[False]
        print(f"  {name:<30}{counts[True]:>4}/{total:<4}{counts[True] / total:>7.1%}")
    share = hits / len(rows)
    verdict = "meets" if share >= GOAL_RELEVANCE else "below"
    print(f"  all: {hits}/{len(rows)} = {share:.1%} ({verdict} the {GOAL_RELEVANCE:.0%} goal)")
    if misses:
        print(
            "  most common misses (asked -> act):",
            *(f"    {n}x {a} -> {b}" for (a, b), n in misses.most_common(8)),
            sep="\n",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--persona", action="append", default=[])
    parser.add_argument("--only", choices=["repetition", "relevance"], default=None)
    args = parser.parse_args()
    shipped = [load_file(path, Persona) for path in sorted((ROOT / "personas").glob("*.yaml"))]
    personas = [p for p in shipped if not args.persona or p.id in args.persona]
    if args.only != "relevance":
        repetition(personas, args.seeds)
    if args.only != "repetition":
        relevance({p.id: p for p in shipped})


if __name__ == "__main__":
    main()
