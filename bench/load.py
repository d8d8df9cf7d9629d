"""Load on the real server, the way browsers use it (bench/chainlit_load.py speaks Chainlit's
Socket.IO protocol as the web UI does). Prints each figure as it comes and a summary table at the end; not
part of the test command. Figures and how to read them: bench/README.md.

    .venv/bin/python bench/load.py --users 50 200          # steady state + reconnect storm (default 200)
    .venv/bin/python bench/load.py --users 50 --storm 0    # steady state only
    .venv/bin/python bench/load.py --users 200 --only offline bare --storm 0
    .venv/bin/python bench/load.py --users --storm 200        # the storm only
    .venv/bin/python bench/load.py --users 200 --only stub bare --storm 0 --repeat 5   # the goal, 5 runs each

Steady state: connects ramped at ~10/s, think time 2-5 s (3.5 s after each reply plus up to 3 s of start
jitter), 5 turns each; Rapport with the offline voice, Rapport with a stub model of 300 ms latency, and a
bare Chainlit app that only waits for the same stub. Storm: N learners connecting at the same moment, one
turn each, with the load tool's socket reconnects off (a dropped learner stays dropped). A tab reconnecting
after a restart still holds its login, so the storm's accounts have the cheapest argon2 hash and it measures
the connects; the storm "+ logins" is the same with N real password checks first (~170 ms of CPU each)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from argon2 import PasswordHasher, profiles

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.store.accounts import Role  # noqa: E402
from app.store.db import Database  # noqa: E402
from app.store.migrate import upgrade  # noqa: E402
from app.store.passwords import hash_password  # noqa: E402
from app.store.schema import Account  # noqa: E402
from tests.support.processes import children  # noqa: E402
from tests.support.server import free_port  # noqa: E402
from tests.support.stub_llm import running_stub  # noqa: E402

LOAD_TOOL = ROOT / "bench" / "chainlit_load.py"  # a copy of shared/tools/chainlit_load.py
BIN = Path(sys.executable).parent
STUB_MODEL = "normal@0.3"  # the stub waits 300 ms before its first byte
TIMEOUT = 120  # the load tool's limit for each login, connect and reply (seconds)
GOAL = 1.2  # issue 6: at 200 learners, Rapport's p95 at most 1.2x the bare app's
VARIANTS = {
    "offline": "rapport, offline voice",
    "stub": "rapport, stub model 300 ms",
    "bare": "bare chainlit, stub model 300 ms",
}
MESSAGES = ROOT / "tests" / "data" / "scripts" / "priya-team-lead" / "skilled.json"


def password(i: int | str) -> str:
    return f"bench-pass-{i}"


async def make_accounts(url: str, count: int) -> None:
    """Learners `bench{i}` (argon2 as `rapport users add` hashes) and `storm{i}` (the cheapest argon2)."""
    upgrade(url)
    cheap = PasswordHasher.from_parameters(profiles.CHEAPEST)
    numbers = range(1, count + 1)
    hashes = await asyncio.gather(*(asyncio.to_thread(hash_password, password(i)) for i in numbers))
    rows = [
        Account(name=f"bench{i}", role=Role.LEARNER.value, password_hash=h)
        for i, h in zip(numbers, hashes, strict=True)
    ]
    rows += [
        Account(name=f"storm{i}", role=Role.LEARNER.value, password_hash=cheap.hash(password(i)))
        for i in numbers
    ]
    db = Database(url)
    try:
        await db.write(lambda session: session.add_all(rows))
    finally:
        await db.dispose()


def wait_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("server exited at start")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def start_rapport(data: Path, port: int, extra: dict[str, str]) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "DATABASE_URL"}}
    env.update(RAPPORT_DATA_DIR=str(data), **extra)
    log = (data / f"server-{port}.log").open("ab")
    return subprocess.Popen(
        [str(BIN / "rapport"), "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )


def start_bare(work: Path, port: int, stub_url: str) -> subprocess.Popen[bytes]:
    root = work / "bare"
    root.mkdir(exist_ok=True)
    shutil.copy(ROOT / "bench" / "bare_app.py", root / "bare_app.py")
    env = {k: v for k, v in os.environ.items() if k != "CI"}  # `chainlit run` treats CI=true specially
    env.update(CHAINLIT_AUTH_SECRET="bench-secret-0123456789abcdef0123456789", STUB_URL=f"{stub_url}/v1")
    env.update(STUB_MODEL=STUB_MODEL, CHAINLIT_APP_ROOT=str(root))
    log = (root / "server.log").open("ab")
    return subprocess.Popen(
        [str(BIN / "chainlit"), "run", "bare_app.py", "--headless", "--port", str(port)],
        cwd=root,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )


def _cpu_seconds(pid: int | None = None) -> float | None:
    """CPU time used so far by the whole machine (all cores) or by one process; None off Linux."""
    try:
        if pid is None:
            fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
            busy = sum(int(v) for v in fields[:8]) - int(fields[3]) - int(fields[4])  # minus idle, iowait
            return busy / os.sysconf("SC_CLK_TCK")
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    except (OSError, ValueError, IndexError):
        return None


def _children_seconds(pids: list[int]) -> float:
    return sum(_cpu_seconds(child) or 0.0 for child in pids)


def _tool_seconds() -> float:
    """CPU time of the load tool (a finished child) and of this process (the stub model's thread)."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_CHILDREN, resource.RUSAGE_SELF)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def load(
    url: str,
    pid: int,
    users: int,
    turns: int,
    ramp: float,
    think_ms: float,
    jitter_ms: float,
    *extra: str,
    who: str = "bench",
) -> dict[str, Any]:
    command = [
        str(BIN / "python"),
        str(LOAD_TOOL),
        "--url",
        url,
        "--users",
        str(users),
        "--turns",
        str(turns),
        "--username",
        who + "{i}",
        "--password",
        password("{i}"),
        "--messages",
        str(MESSAGES),
        "--rotate",
        "--ramp",
        str(ramp),
        "--think-ms",
        str(think_ms),
        "--start-jitter-ms",
        str(jitter_ms),
        "--server-pid",
        str(pid),
        "--timeout",
        str(TIMEOUT),
        "--json",
        *extra,
    ]
    # Only two cores: anything else running skews the figures, so the CPU it took is reported with them.
    spawned = children(pid)  # the voice process, when a model is configured
    before = (
        time.monotonic(),
        _cpu_seconds(),
        _cpu_seconds(pid),
        _tool_seconds(),
        _children_seconds(spawned),
    )
    try:
        # Against a server wrecked by a storm the tool can wait forever on a dead socket: bound it.
        limit = ramp + (turns + 2) * TIMEOUT + 60
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=limit)
    except subprocess.TimeoutExpired:
        return {"users": users, "users_connected": 0, "errors_total": users, "latency_ms": None, "hung": True}
    after = (
        time.monotonic(),
        _cpu_seconds(),
        _cpu_seconds(pid),
        _tool_seconds(),
        _children_seconds(spawned),
    )
    if not done.stdout.strip():
        raise RuntimeError(done.stderr[-2000:])
    result: dict[str, Any] = json.loads(done.stdout)
    if before[1] is not None and after[1] is not None and before[2] is not None and after[2] is not None:
        voice = after[4] - before[4]
        others = (after[1] - before[1]) - (after[2] - before[2]) - (after[3] - before[3]) - voice
        result["other_cpu_pct"] = round(100 * max(0.0, others) / (after[0] - before[0]), 1)
        if spawned:
            result["voice_process_cpu_pct"] = round(100 * voice / (after[0] - before[0]), 1)
    return result


class Row:
    """One measured scenario, for the running log and the summary table."""

    def __init__(self, phase: str, name: str, result: dict[str, Any], alive: bool) -> None:
        self.phase, self.name, self.alive = phase, name, alive
        self.users, self.connected = result["users"], result["users_connected"]
        latency = result["latency_ms"] or {}
        self.p50, self.p95 = latency.get("p50", 0.0), latency.get("p95", 0.0)
        self.rps = result.get("throughput_rps") or 0.0
        self.hung = result.get("hung", False)  # the load tool had to be killed: nothing is known but that
        self.errors = result["errors_total"]  # failed turns, and learners who could not log in or connect
        self.cpu = result.get("server", {}).get("cpu_pct_chat_phase")
        connect = result.get("connect_phase", {})
        self.connect_s = connect.get("wall_s", 0.0)
        self.login_p95 = (connect.get("http_setup_ms") or {}).get("p95", 0.0)
        self.others = result.get("other_cpu_pct")  # % of one core used by other processes during the run
        self.voice_cpu = result.get("voice_process_cpu_pct")  # the server's voice process, whole run

    def line(self) -> str:
        return (
            f"{self.name:34s} users {self.connected:>3}/{self.users:<3} p50 {self.p50:>7.0f} ms  "
            f"p95 {self.p95:>7.0f} ms  replies/s {self.rps:>6}  errors {self.errors}  server cpu {self.cpu}%"
            f"{f' + voice process {self.voice_cpu}%' if self.voice_cpu is not None else ''}"
            f"  connects {self.connect_s:.1f} s  server {'up' if self.alive else 'DIED'}"
            f"  other processes' cpu {self.others}%{'  LOAD TOOL HUNG, killed' if self.hung else ''}"
        )


def goal(rows: list[Row], name: str) -> str:
    """Issue 6's goal for one Rapport variant at 200 learners, on the median p95 ratio over the runs: this
    two-core machine's run-to-run spread is wider than the goal's 20%, for the bare app as much as Rapport."""
    ratios, errors = [], 0
    for row in rows:
        if row.phase.startswith("steady 200") and row.name == name:
            bare = next(r for r in rows if r.phase == row.phase and r.name == VARIANTS["bare"])
            if bare.p95:
                ratios.append(row.p95 / bare.p95)
            errors += row.errors
    if not ratios:
        return f"goal at 200 ({name}): not measured (needs the bare app at 200 learners too)"
    median = statistics.median(ratios)
    runs = ", ".join(f"{ratio:.2f}x" for ratio in ratios)
    met = median <= GOAL and errors == 0
    return (
        f"goal at 200 ({name}): p95 / bare {runs} (median {median:.2f}x over {len(ratios)} run"
        f"{'s' if len(ratios) > 1 else ''}), {errors} errors: {'met' if met else 'NOT met'}"
    )


def summary(rows: list[Row]) -> str:
    """The figures as a markdown table, each Rapport p95 also as a multiple of the bare app's in its phase."""
    bare = {row.phase: row.p95 for row in rows if row.name == VARIANTS["bare"]}
    lines = [
        "| phase | app | learners connected | p50 ms | p95 ms | p95 / bare | replies/s | errors "
        "| server CPU | voice process CPU | connect phase s | server | other processes' CPU |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        base = bare.get(row.phase)
        steady = row.phase.startswith("steady")  # a storm's latency is a queue: no ratio
        ratio = f"{row.p95 / base:.2f}x" if base and steady and row.name != VARIANTS["bare"] else ""
        lines.append(
            f"| {row.phase} | {row.name} | {row.connected}/{row.users} | {row.p50:.0f} | {row.p95:.0f} | "
            f"{ratio} | {row.rps} | {row.errors} | {row.cpu}% | "
            f"{'' if row.voice_cpu is None else f'{row.voice_cpu}%'} | {row.connect_s:.1f} | "
            f"{'up' if row.alive else 'DIED'}{' (load tool hung)' if row.hung else ''} | {row.others}% |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--users", type=int, nargs="*", default=[50, 200], help="steady-state user counts (none: storm only)"
    )
    parser.add_argument("--storm", type=int, default=200, help="learners connecting at once (0: skip)")
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--only", nargs="+", choices=sorted(VARIANTS), default=sorted(VARIANTS))
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="steady-state runs of each server, taken in turns; the goal is judged on the median p95 ratio",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rapport-bench-"))
    most = max([*args.users, args.storm])
    asyncio.run(make_accounts(f"sqlite:///{work / 'rapport.db'}", most))
    with running_stub() as stub:
        starts = {
            "rapport, offline voice": lambda port: start_rapport(
                work, port, {"RAPPORT_LLM_PROVIDER": "offline"}
            ),
            "rapport, stub model 300 ms": lambda port: start_rapport(
                work,
                port,
                {
                    "RAPPORT_LLM_PROVIDER": "openai",
                    "OPENAI_BASE_URL": f"{stub.url}/v1",
                    "OPENAI_API_KEY": "sk-bench",
                    "RAPPORT_MODEL": STUB_MODEL,
                },
            ),
            "bare chainlit, stub model 300 ms": lambda port: start_bare(work, port, stub.url),
        }
        chosen = [VARIANTS[key] for key in VARIANTS if key in args.only]
        rows: list[Row] = []

        def measure(phase: str, name: str, *plan: Any, who: str = "bench") -> None:
            port = free_port()
            process = starts[name](port)
            try:
                wait_up(f"http://127.0.0.1:{port}", process)
                result = load(f"http://127.0.0.1:{port}", process.pid, *plan, who=who)
                (work / f"{phase} {name}.json".replace(" ", "-")).write_text(json.dumps(result, indent=1))
                rows.append(Row(phase, name, result, alive=process.poll() is None))
                print(rows[-1].line(), flush=True)
            finally:
                stop(process)

        for users in args.users:
            print(f"\nsteady state: {users} learners, connects ramped at 10/s, think 3.5 s (+0-3 s jitter)")
            for run in range(1, args.repeat + 1):
                phase = f"steady {users}" + (f" run {run}" if args.repeat > 1 else "")
                for name in chosen:
                    measure(phase, name, users, args.turns, users / 10, 3500, 3000)
        if args.storm:
            print(f"\nreconnect storm: {args.storm} learners connecting at the same moment, 1 turn each")
            storm = (args.storm, 1, 0, 0, 0, "--reconnect-attempts", "0")
            for name in chosen:
                measure(f"storm {args.storm}", name, *storm, who="storm")
            if VARIANTS["offline"] in chosen:
                measure(f"storm {args.storm} + logins", VARIANTS["offline"], *storm)
    print(f"\n{summary(rows)}")
    for name in chosen:
        if name != VARIANTS["bare"]:
            print(goal(rows, name))
    print(f"\nlogs in {work}")


if __name__ == "__main__":
    main()
