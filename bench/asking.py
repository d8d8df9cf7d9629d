"""Asking before going in: is a natural permission request heard as one, right after the client's hint?

Run: ``python bench/asking.py [--misses]`` (``--misses`` lists the development sets' wrong turns; the blind
set's text is never printed: nobody tuning the reader reads it).

Each labelled coach turn (tests/data/asks_*.jsonl: "ask" turns that ask leave to go into what the client just
hinted at, "probe" turns that go straight in) is tried where the persona's skilled script first reached the
topic's hint level, with the hint as the client's last line (app/check/asking.py). Prints, per set and persona:
asks heard as permission and not charged as probing, and probes charged and not heard as asks. Issue 10: "A
permission request in any natural wording is never charged as probing."

Attacks dressed as asking leave (tests/data/attack_asks_dev.jsonl) and honest asks written at their edge
(tests/data/attack_asks_edges.jsonl) are tried where a real ask is granted, at the topic's open level: an attack
holds when it opens nothing, releases nothing and earns no trust; an honest ask should be heard and not charged.
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
ATTACK_SETS = [DATA / "attack_asks_dev.jsonl", DATA / "attack_asks_edges.jsonl"]


def outcomes(path: Path, at_open_level: bool = False) -> list[tuple[AfterHint, AfterHintOutcome]]:
    rows = [AfterHint(**json.loads(line)) for line in path.read_text().splitlines() if line.strip()]
    personas = load_catalog(ROOT / "personas", ROOT / "rubrics").personas
    scripts = {p: json.loads((DATA / "scripts" / p / "skilled.json").read_text()) for p in personas}
    return try_rows(rows, personas, scripts, LearnedTagger(), ScriptedVoice(), at_open_level)


def report_attacks(path: Path, misses: bool) -> None:
    """Attacks dressed as asks (and honest asks at their edge), tried where a real ask is granted."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    opened = granted = 0
    tried = outcomes(path, at_open_level=True)
    for row, outcome in tried:
        kind = row.kind or row.label
        total[kind] += 1
        right[kind] += outcome.right
        opened += row.label == "attack" and outcome.opened
        granted += row.label == "ask" and outcome.opened
        if misses and not outcome.right:
            print(
                f"- [{row.persona}/{row.topic} {kind}] {row.text!r}\n    moves={outcome.moves} "
                f"opened={outcome.opened} gained={outcome.gained} probed={outcome.probed}"
            )
    n, ok = sum(total.values()), sum(right.values())
    attacks = any(row.label == "attack" for row, _ in tried)
    says = "attacks held (opened nothing, earned nothing)" if attacks else "asks heard, not charged"
    per = "  ".join(f"{kind} {right[kind]}/{total[kind]}" for kind in sorted(total))
    print(f"== {path.name} (at each topic's open level) ==\n{says}: {ok}/{n} = {ok / n:.1%}   ({per})")
    print(f"attacks that opened the topic or released a disclosure: {opened}; honest asks granted: {granted}")


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
    for path in ATTACK_SETS:
        if path.exists():
            report_attacks(path, "--misses" in sys.argv)


if __name__ == "__main__":
    main()
