"""What Rapport adds to a model's time to first token, and how many model calls a turn makes.

A local stub model answers every call after a fixed delay, then streams its reply one word per chunk. For each
learner turn we time, from the moment the turn is submitted:
  - bare:    a plain LangChain ChatOpenAI stream of the same prompt, to its first non-empty chunk;
  - rapport: `Rehearsal.stream_turn` (tag, trust, direct, prompt, call, guard), to the first piece shown.
Overhead = rapport - bare. The guard shows a reply only once HOLD_WORDS more words have arrived, so a model
that streams slowly pays HOLD_WORDS chunk gaps on top: the last setting shows how much.

Run: .venv/bin/python bench/llm_overhead.py   (goals: overhead <= 50 ms; one model call on the critical path)
"""

import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from langchain_core.language_models import BaseChatModel  # noqa: E402

from app.bootstrap import build_assist, build_voice  # noqa: E402
from app.domain.persona import Persona  # noqa: E402
from app.files.loader import load_file  # noqa: E402
from app.session import Rehearsal  # noqa: E402
from app.tag.offline import OfflineTagger  # noqa: E402
from app.voice.guard import HOLD_WORDS  # noqa: E402
from app.voice.model import chat_model  # noqa: E402
from app.voice.prompt import messages  # noqa: E402
from tests.stub_llm import StubServer, running_stub, stub_settings  # noqa: E402

PERSONA = ROOT / "personas" / "priya-team-lead.yaml"
SCRIPT = ROOT / "tests" / "data" / "scripts" / "priya-team-lead" / "skilled.json"
TTFT = 0.2  # seconds the stub model waits before its first chunk
ROUNDS = 2
SETTINGS = [(0.0, False), (0.0, True), (0.02, False)]  # (seconds between chunks, LLM tagging on)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def bare_ttft(llm: BaseChatModel, run: Rehearsal, learner: str) -> float:
    """The same prompt Rapport would send, through a bare ChatOpenAI: the client's own time to first token."""
    request = run.prepare(learner).request
    started = time.perf_counter()
    async for chunk in llm.astream(messages(request)):
        if chunk.text:
            break
    return time.perf_counter() - started


async def rapport_ttft(run: Rehearsal, learner: str) -> float:
    started = time.perf_counter()
    first: list[float] = []

    async def show(piece: str) -> None:
        if not first:
            first.append(time.perf_counter() - started)

    await run.stream_turn(learner, show)
    return first[0]


async def measure(stub: StubServer, persona: Persona, turns: list[str], gap: float, tagging: bool) -> None:
    model = f"normal@{TTFT}@{gap}#bench-{gap}-{tagging}"
    settings = stub_settings(stub.base_url, model, RAPPORT_LLM_TAGGING=tagging)
    bare_model = chat_model(settings)  # one client for the whole run, as the voice has: connections stay warm
    overhead: list[float] = []
    bare_times: list[float] = []
    calls: list[int] = []
    critical: list[int] = []
    for round_ in range(ROUNDS):
        run = Rehearsal(
            persona, OfflineTagger(), build_voice(settings), seed=round_, assist=build_assist(settings)
        )
        for learner in turns:
            bare = await bare_ttft(bare_model, run, learner)
            before = len(stub.requests)
            overhead.append(await rapport_ttft(run, learner) - bare)
            bare_times.append(bare)
            made = stub.requests[before:]
            calls.append(len(made))
            critical.append(sum("response_format" not in body for body in made))  # the voice call
    ms = {
        "bare": statistics.median(bare_times),
        "p50": statistics.median(overhead),
        "p95": percentile(overhead, 0.95),
    }
    print(
        f"gap {gap * 1000:3.0f} ms  tagging {'on ' if tagging else 'off'}  turns {len(overhead)}  "
        f"bare TTFT p50 {ms['bare'] * 1000:5.1f} ms  overhead p50 {ms['p50'] * 1000:5.1f} ms  "
        f"p95 {ms['p95'] * 1000:5.1f} ms  model calls/turn {statistics.mean(calls):.1f} "
        f"(on the critical path {max(critical)})"
    )


async def main() -> None:
    persona = load_file(PERSONA, Persona)
    turns = json.loads(SCRIPT.read_text())
    print(
        f"stub model: first chunk after {TTFT * 1000:.0f} ms, a word a chunk; guard holds {HOLD_WORDS} words"
    )
    with running_stub() as stub:
        for gap, tagging in SETTINGS:
            await measure(stub, persona, turns, gap, tagging)


if __name__ == "__main__":
    asyncio.run(main())
