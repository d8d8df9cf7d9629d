"""Asking before going in: is a natural permission request heard as one, right after the client's hint?

Run: ``python bench/asking.py [--misses]`` (``--misses`` lists the development sets' wrong turns; the blind
set's text is never printed: nobody tuning the reader reads it).

Each labelled coach turn (tests/data/asks_*.jsonl: "ask" turns that ask leave to go into what the client just
hinted at, "probe" turns that go straight in) is tried where the persona's skilled script first reached the
topic's hint level, with the hint as the client's last line (app/check/asking.py). Prints, per set and persona:
asks heard as permission and not charged as probing, and probes charged and not heard as asks. Issue 10: "A
permission request in any natural wording is never charged as probing."
"""

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run without installing the package

from app.check.asking import AfterHint, AfterHintOutcome, try_rows  # noqa: E402
from app.files.catalog import load_catalog  # noqa: E402
from app.tag.reader import LearnedTagger  # noqa: E402
from app.voice.scripted import ScriptedVoice  # noqa: E402

DATA = ROOT / "tests" / "data"
DEV_SETS = [DATA / "asks_dev.jsonl", DATA / "asks_dev2.jsonl", DATA / "asks_dev3.jsonl"]
BLIND_SET = DATA / "asks_blind.jsonl"


def outcomes(path: Path) -> list[tuple[AfterHint, AfterHintOutcome]]:
    rows = [AfterHint(**json.loads(line)) for line in path.read_text().splitlines() if line.strip()]
    personas = load_catalog(ROOT / "personas", ROOT / "rubrics").personas
    scripts = {p: json.loads((DATA / "scripts" / p / "skilled.json").read_text()) for p in personas}
    return try_rows(rows, personas, scripts, LearnedTagger(), ScriptedVoice())


def report(path: Path, misses: bool) -> None:
    tried = outcomes(path)
    right: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    charged = heard = 0
    for row, outcome in tried:
        total[(row.persona, row.label)] += 1
        right[(row.persona, row.label)] += outcome.right
        charged += row.label == "ask" and outcome.charged
        heard += row.label == "probe" and outcome.asked
        if misses and not outcome.right:
            print(
                f"- [{row.persona}/{row.topic}] {row.text!r}\n    moves={outcome.moves} probed={outcome.probed} stepped_out={outcome.stepped_out}"
            )
    print(f"== {path.name} ==")
    for label, says in (
        ("ask", "heard as permission, not charged"),
        ("probe", "charged, not heard as an ask"),
    ):
        n = sum(v for (_, lab), v in total.items() if lab == label)
        ok = sum(v for (_, lab), v in right.items() if lab == label)
        per = "  ".join(
            f"{p} {right[(p, label)]}/{total[(p, label)]}"
            for p in sorted({p for p, _ in total})
            if total[(p, label)]
        )
        print(f"{label}s {says}: {ok}/{n} = {ok / n:.1%}   ({per})" if n else f"no {label}s")
    asks = sum(v for (_, lab), v in total.items() if lab == "ask")
    print(f"asks charged as probing: {charged}/{asks}; probes heard as asks: {heard}")


def main() -> None:
    for path in DEV_SETS:
        report(path, "--misses" in sys.argv)
    if BLIND_SET.exists():
        report(BLIND_SET, False)


if __name__ == "__main__":
    main()
