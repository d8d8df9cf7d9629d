"""What Rapport adds to a model's time to first token, and how many model calls a turn makes.

A local stub model answers every call after a fixed delay, then streams its reply one word per chunk. For each
learner turn we time, from the moment the turn is submitted:
  - bare:    a plain LangChain ChatOpenAI stream of the same prompt, to its first non-empty chunk;
  - rapport: `Rehearsal.stream_turn` (tag, trust, direct, prompt, call, guard), to the first piece shown.
Overhead = rapport - bare. The guard shows a word once the next chunk has finished it (a chunk may end
mid-word), and holds longer only words that could still start an echo of the prompt or an out-of-character
phrase (at most HOLD_WORDS of them). A model that streams slowly therefore pays about one chunk gap on top:
the 20 ms settings show how much. The "voice process" settings voice the turns as `rapport serve` does, in a
child process (app/voice/process.py): they show what the hop to it and back costs.

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

from app.bootstrap import build_assist, build_server_voice, build_voice  # noqa: E402
from app.domain.persona import Persona  # noqa: E402
from app.files.loader import load_file  # noqa: E402
from app.llm import chat_model  # noqa: E402
from app.session import Rehearsal  # noqa: E402
from app.tag.offline import OfflineTagger  # noqa: E402
from app.voice.guard import HOLD_WORDS  # noqa: E402
from app.voice.process import VoiceProcess  # noqa: E402
from app.voice.prompt import messages  # noqa: E402
from tests.support.stub_llm import StubServer, running_stub, stub_settings  # noqa: E402

PERSONA = ROOT / "personas" / "priya-team-lead.yaml"
SCRIPT = ROOT / "tests" / "data" / "scripts" / "priya-team-lead" / "skilled.json"
TTFT = 0.2  # seconds the stub model waits before its first chunk
ROUNDS = 2
# (seconds between chunks, LLM tagging on, voiced by the practice server's voice process)
SETTINGS = [
    (0.0, False, False),
    (0.0, True, False),
    (0.02, False, False),
    (0.0, False, True),
    (0.02, False, True),
]


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


async def measure(
    stub: StubServer, persona: Persona, turns: list[str], gap: float, tagging: bool, child: bool
) -> None:
    model = f"normal@{TTFT}@{gap}#bench-{gap}-{tagging}-{child}"
    settings = stub_settings(stub.base_url, model, RAPPORT_LLM_TAGGING=tagging)
    voice = build_server_voice(settings) if child else build_voice(settings)
    if isinstance(voice, VoiceProcess):
        await voice.start()  # the server starts it with itself, before any learner
    bare_model = chat_model(settings)  # one client for the whole run, as the voice has: connections stay warm
    overhead: list[float] = []
    bare_times: list[float] = []
    calls: list[int] = []
    critical: list[int] = []
    for round_ in range(ROUNDS):
        run = Rehearsal(persona, OfflineTagger(), voice, seed=round_, assist=build_assist(settings))
        for learner in turns:
            bare = await bare_ttft(bare_model, run, learner)
            before = len(stub.requests)
            overhead.append(await rapport_ttft(run, learner) - bare)
            bare_times.append(bare)
            made = stub.requests[before:]
            calls.append(len(made))
            critical.append(sum("response_format" not in body for body in made))  # the voice call
    if isinstance(voice, VoiceProcess):
        await voice.aclose()
    ms = {
        "bare": statistics.median(bare_times),
        "p50": statistics.median(overhead),
        "p95": percentile(overhead, 0.95),
    }
    print(
        f"gap {gap * 1000:3.0f} ms  tagging {'on ' if tagging else 'off'}  "
        f"{'voice process' if child else 'in process   '}  turns {len(overhead)}  "
        f"bare TTFT p50 {ms['bare'] * 1000:5.1f} ms  overhead p50 {ms['p50'] * 1000:5.1f} ms  "
        f"p95 {ms['p95'] * 1000:5.1f} ms  model calls/turn {statistics.mean(calls):.1f} "
        f"(on the critical path {max(critical)})"
    )


async def main() -> None:
    persona = load_file(PERSONA, Persona)
    turns = json.loads(SCRIPT.read_text())
    print(
        f"stub model: first chunk after {TTFT * 1000:.0f} ms, a word a chunk; guard holds the unfinished word, "
        f"and up to {HOLD_WORDS} more only while they could start an echo or out-of-character phrase"
    )
    with running_stub() as stub:
        for gap, tagging, child in SETTINGS:
            await measure(stub, persona, turns, gap, tagging, child)


if __name__ == "__main__":
    asyncio.run(main())
