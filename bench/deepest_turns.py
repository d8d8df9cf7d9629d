"""How fast skilled coaching opens each shipped persona: the turn each simulated skilled coach first reaches
level 3, level 4 and the deepest disclosure, per persona and coach style, over seeds.

Run: ``python bench/deepest_turns.py [--seeds N]`` (default 5: seeds 0..N-1). "-" means not within the
coach's 20 turns.

Issue 11's goal: skilled coaching reaches the top level in roughly 12-20 turns (guarded personas at the slow
end), the deepest disclosure within 20 turns and never before turn 10.
"""

import sys
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run without installing the package

from app.check.checks import reached_deepest, rehearse  # noqa: E402
from app.check.simulated_coaches import SKILLED_COACHES  # noqa: E402
from app.domain.persona import Persona  # noqa: E402
from app.domain.turns import TurnRecord  # noqa: E402
from app.files.catalog import load_catalog  # noqa: E402
from app.tag.reader import LearnedTagger  # noqa: E402
from app.voice.scripted import ScriptedVoice  # noqa: E402


def milestones(persona: Persona, records: list[TurnRecord]) -> tuple[int | None, int | None, int | None]:
    """The turns of the first level 3, the first level 4 and the deepest disclosure (None: not reached)."""
    deepest = {d.id for d in persona.disclosures if d.level == 4}
    level_3 = next((r.index for r in records if r.level >= 3), None)
    level_4 = next((r.index for r in records if r.level >= 4), None)
    told = next((r.index for r in records if deepest & set(r.disclosed)), None)
    return level_3, level_4, told if reached_deepest(persona, records) else None


def shown(values: list[int | None]) -> str:
    return " ".join("-" if v is None else str(v) for v in values)


def main(seeds: int) -> None:
    catalog = load_catalog(ROOT / "personas", ROOT / "rubrics")
    tagger, voice = LearnedTagger(), ScriptedVoice()
    print(f"{'persona':<28}{'coach':<20}{'level 3 at':<18}{'level 4 at':<18}{'deepest at':<18}")
    for persona in catalog.personas.values():
        reached: list[int] = []
        runs = 0
        for coach in SKILLED_COACHES:
            found = [
                milestones(persona, rehearse(coach, persona, tagger, voice, seed)) for seed in range(seeds)
            ]
            level_3, level_4, deepest = (list(column) for column in zip(*found, strict=True))
            reached += [turn for turn in deepest if turn is not None]
            runs += len(deepest)
            print(
                f"{persona.id:<28}{coach.id:<20}{shown(level_3):<18}{shown(level_4):<18}{shown(deepest):<18}"
            )
        if reached:
            print(
                f"{persona.id}: deepest reached in {len(reached)}/{runs} runs, turns min {min(reached)} "
                f"median {median(reached):g} max {max(reached)}\n"
            )
        else:
            print(f"{persona.id}: deepest never reached ({runs} runs)\n")


if __name__ == "__main__":
    main(int(sys.argv[sys.argv.index("--seeds") + 1]) if "--seeds" in sys.argv else 5)
