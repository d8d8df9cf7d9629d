"""Load on the real server, the way browsers use it (shared/tools/chainlit_load.py speaks Chainlit's
Socket.IO protocol as the web UI does). Prints the figures; not part of the test command.

    .venv/bin/python bench/load.py --users 50 200          # steady state + reconnect storm (default 200)
    .venv/bin/python bench/load.py --users 50 --storm 0    # steady state only

Steady state: connects ramped at ~10/s, think time 2-5 s (3.5 s after each reply plus up to 3 s of start
jitter), 5 turns each; Rapport with the offline voice, Rapport with a stub model of 300 ms latency, and a
bare Chainlit app that only waits for the same stub. Storm: N learners connecting at the same moment."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.store.accounts import Role, add_account  # noqa: E402
from app.store.db import Database  # noqa: E402
from app.store.migrate import upgrade  # noqa: E402
from tests.stub_llm import running_stub  # noqa: E402
from tests.support.server import free_port  # noqa: E402

LOAD_TOOL = ROOT.parent / "shared" / "tools" / "chainlit_load.py"
BIN = Path(sys.executable).parent
STUB_MODEL = "normal@0.3"  # the stub waits 300 ms before its first byte
MESSAGES = ROOT / "tests" / "data" / "scripts" / "priya-team-lead" / "skilled.json"


def password(i: int | str) -> str:
    return f"bench-pass-{i}"


async def make_accounts(url: str, count: int) -> None:
    upgrade(url)
    db = Database(url)
    try:
        await asyncio.gather(
            *(add_account(db, f"bench{i}", password(i), Role.LEARNER) for i in range(1, count + 1))
        )
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


def load(
    url: str, pid: int, users: int, turns: int, ramp: float, think_ms: float, jitter_ms: float
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
        "bench{i}",
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
        "120",
        "--json",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if not done.stdout.strip():
        raise RuntimeError(done.stderr[-2000:])
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def line(name: str, r: dict[str, Any]) -> str:
    lat = r["latency_ms"] or {}
    errors = r["errors_total"] + sum(1 for _ in range(r["users"] - r["users_connected"]))
    return (
        f"{name:34s} users {r['users_connected']:>3}/{r['users']:<3} p50 {lat.get('p50', 0):>7.0f} ms  "
        f"p95 {lat.get('p95', 0):>7.0f} ms  replies/s {r['throughput_rps'] or 0:>6}  errors {errors}"
        f"  server cpu {r.get('server', {}).get('cpu_pct_chat_phase', 'n/a')}%"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, nargs="+", default=[50, 200], help="steady-state user counts")
    parser.add_argument("--storm", type=int, default=200, help="learners connecting at once (0: skip)")
    parser.add_argument("--turns", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rapport-bench-"))
    most = max([*args.users, args.storm])
    asyncio.run(make_accounts(f"sqlite:///{work / 'rapport.db'}", most))
    with running_stub() as stub:
        variants = {
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
        for users in args.users:
            print(f"\nsteady state: {users} learners, connects ramped at 10/s, think 3.5 s (+0-3 s jitter)")
            for name, start in variants.items():
                port = free_port()
                process = start(port)
                try:
                    wait_up(f"http://127.0.0.1:{port}", process)
                    result = load(
                        f"http://127.0.0.1:{port}", process.pid, users, args.turns, users / 10, 3500, 3000
                    )
                    print(line(name, result), flush=True)
                finally:
                    stop(process)
        if args.storm:
            print(f"\nreconnect storm: {args.storm} learners connecting at the same moment, 1 turn each")
            for name in ("rapport, offline voice", "bare chainlit, stub model 300 ms"):
                port = free_port()
                process = variants[name](port)
                try:
                    wait_up(f"http://127.0.0.1:{port}", process)
                    result = load(f"http://127.0.0.1:{port}", process.pid, args.storm, 1, 0, 0, 0)
                    alive = process.poll() is None
                    print(line(name, result) + f"  server {'up' if alive else 'DIED'}", flush=True)
                finally:
                    stop(process)
    print(f"\nlogs in {work}")


if __name__ == "__main__":
    main()
