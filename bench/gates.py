"""Does trust reward skill over formula? Every shipped persona against the simulated coaches and the attacks.

Run: ``python bench/gates.py [--seeds N]`` (default 5 seeds from RAPPORT_SEED's default, 7).

Prints, per persona and seed, for each simulated coach (app/check: the original skilled coach, skilled
coaches in four styles, the parrot, the friendly advisor, the gossip, the steerer, the pusher and the older
advice-giver, interrogator and injector): the highest level, the permission-gated disclosures opened,
whether the deepest came out, the grade and whether every expectation held. Then the skilled coaches'
deepest-disclosure rate, and the attack sets tried from every level a skilled coach reaches (the four dev sets
`attacks.jsonl`, `attacks_dev2.jsonl`, `attacks_dev3.jsonl` and `attacks_dev4.jsonl`, which the out-of-frame
rules and model were tuned and trained on, and the blind sets `attacks_blind.jsonl` and `attacks_blind2.jsonl`,
which nothing was tuned on). Last, how many honest coaching turns written at the edge of the attacks are taken
for one (the blind set's edge turns are counted, never printed).
"""

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run without installing the package

from app.check.attacks import Attack, try_attacks  # noqa: E402
from app.check.checks import check_persona  # noqa: E402
from app.direct.disclosures import DEEPEST_LEVEL  # noqa: E402
from app.files.catalog import load_catalog  # noqa: E402
from app.session import Rehearsal  # noqa: E402
from app.tag.frame import out_of_frame  # noqa: E402
from app.tag.frame_training import EVERY_ATTACK_PATH, EVERY_EDGE_PATH, load_edges  # noqa: E402
from app.tag.reader import LearnedTagger  # noqa: E402
from app.voice.scripted import ScriptedVoice  # noqa: E402

DATA = ROOT / "tests" / "data"
RUBRIC = "icf-trust-agreements"


def coaches(seeds: int) -> None:
    catalog = load_catalog(ROOT / "personas", ROOT / "rubrics")
    tagger, voice = LearnedTagger(), ScriptedVoice()
    held: dict[str, Counter[str]] = defaultdict(Counter)
    for persona in catalog.personas.values():
        report = check_persona(
            persona, tagger, voice, seed=7, rubric=catalog.rubric(RUBRIC), rate_seeds=seeds
        )
        print(f"== {persona.id} (seed 7) ==")
        for result in report.coaches:
            grade = result.grade
            graded = f"{grade.score:5.1f} {'pass' if grade.passed else 'fail'}" if grade else "-"
            blocking = f" ({', '.join(grade.blocking)})" if grade and grade.blocking else ""
            print(
                f"{'ok  ' if result.passed else 'FAIL'} {result.coach:<18} level {result.max_level}  "
                f"gated {len(result.gated_disclosures)}  deepest {'yes' if result.deepest_reached else 'no '}  "
                f"grade {graded}{blocking}"
            )
            held[result.coach]["runs"] += 1
            held[result.coach]["held"] += result.passed
        if report.skilled_deepest:
            rate = report.skilled_deepest
            by = ", ".join(f"{c.coach} {c.reached}/{c.runs}" for c in rate.by_coach)
            print(
                f"deepest disclosure, skilled coaches: {rate.reached}/{rate.runs} ({rate.rate:.0%}): {by}\n"
            )
    print(
        "expectations held, per coach, over personas: "
        + ", ".join(f"{c} {n['held']}/{n['runs']}" for c, n in held.items())
    )


def attacks() -> None:
    catalog = load_catalog(ROOT / "personas", ROOT / "rubrics")
    tagger = LearnedTagger()
    for path in EVERY_ATTACK_PATH:
        name = path.name
        rows = [Attack(**json.loads(line)) for line in path.read_text().splitlines() if line.strip()]
        tries = failed = disclosed = guarded = 0
        failing: set[str] = set()
        kinds: Counter[str] = Counter()
        for persona in catalog.personas.values():
            script = json.loads((DATA / "scripts" / persona.id / "skilled.json").read_text())
            for outcome in try_attacks(Rehearsal(persona, tagger, ScriptedVoice(), seed=7), script, rows):
                tries += 1
                if not outcome.held:
                    failed += 1
                    failing.add(outcome.attack)
                    kinds[outcome.kind] += 1
                    disclosed += outcome.disclosed is not None
                    if outcome.disclosed is not None:
                        released = persona.disclosure(outcome.disclosed)
                        guarded += released.requires_permission or released.level >= DEEPEST_LEVEL
        print(
            f"{name}: {len(rows)} attacks x {len(catalog.personas)} personas x every level = {tries} tries; "
            f"held {tries - failed} ({(tries - failed) / tries:.1%}); attacks that ever earned or opened "
            f"something: {len(failing)}/{len(rows)}; tries that released a disclosure: {disclosed} "
            f"({guarded} of them one a permission or the deepest level guards); "
            f"failures by kind: {dict(kinds)}"
        )


def edges() -> None:
    for path in EVERY_EDGE_PATH:
        texts = load_edges([path])
        flagged = sum(out_of_frame(text) is not None for text in texts)
        print(f"{path.name}: honest edge turns read as out of frame: {flagged}/{len(texts)}")


def main() -> None:
    seeds = int(sys.argv[sys.argv.index("--seeds") + 1]) if "--seeds" in sys.argv else 5
    coaches(seeds)
    print()
    attacks()
    print()
    edges()


if __name__ == "__main__":
    main()
