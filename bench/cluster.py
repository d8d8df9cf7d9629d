"""Several servers behind nginx (docs/deploy.md), measured: prints each figure as it comes and a summary.

    .venv/bin/python bench/cluster.py                  # both parts (or `make bench-cluster`); ~10 minutes
    .venv/bin/python bench/cluster.py --only rolling   # rolling restart of each server under 100 learners
    .venv/bin/python bench/cluster.py --only throughput --users 200

Rolling restart: two `rapport serve` on PostgreSQL behind nginx (deploy/nginx/rapport.conf), N simulated
learners practising through nginx (bench/chainlit_load.py: Chainlit's Socket.IO as the page speaks it, think
time 2-5 s); once they are chatting, each server in turn is stopped (SIGTERM, as `systemctl restart` does),
started again and waited for. Reported: learners dropped for good (a learner whose remaining turns could not
run), turns lost (sent by a learner but not stored with the client's reply, counted in the database), turns
answered twice, chats that started afresh instead of carrying on, and the p95 of the turns sent during the
restarts. Throughput: offline voice, no think time, the same learners against one server alone and then two
behind nginx, same machine, same database: replies per second for both."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.cluster import UPSTREAM_HEADER, running_balancer  # noqa: E402
from app.practice.server_setup import ensure_database  # noqa: E402
from bench.load import BIN, LOAD_TOOL, MESSAGES, _cpu_seconds, make_accounts, password  # noqa: E402
from tests.support.processes import children  # noqa: E402
from tests.support.server import RapportServer, free_port  # noqa: E402

PG = "postgresql://127.0.0.1:5432"
# The app's answers to a turn it refused (app/ui/app.py: MOVED_ON, ANSWERING_ELSEWHERE, the no-session
# notice): the load tool sees a reply, but nothing was said to the client and nothing stored.
REFUSALS = (
    "This session moved on in another tab",
    "This session is being answered in another tab",
    "This chat has no session",
)
TIMEOUT = 120  # the load tool's limit for each login, connect and reply (seconds)


def tool(
    url: str, users: int, turns: int, ramp: float, think_ms: float, jitter_ms: float, dump: Path
) -> list[str]:
    return [
        str(BIN / "python"),
        str(LOAD_TOOL),
        "--url",
        url,
        "--users",
        str(users),
        "--turns",
        str(turns),
        "--username",
        "storm{i}",  # bench/load.py's accounts with the cheapest argon2: logins cost no CPU worth measuring
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
        "--timeout",
        str(TIMEOUT),
        "--reconnect-attempts",
        "-1",  # as the page: it retries for ever, 1-5 s apart
        "--keep-sessions",
        "--json",
        "--dump",
        str(dump),
    ]


def servers(work: Path, url: str, count: int) -> list[RapportServer]:
    secret = uuid.uuid4().hex * 2  # one login secret for all of them, as in production
    made = []
    for n in range(1, count + 1):
        folder = work / f"server-{n}"
        folder.mkdir(parents=True, exist_ok=True)
        made.append(
            RapportServer(data_dir=folder, database_url=url, settings={"CHAINLIT_AUTH_SECRET": secret})
        )
    return made


def stored_turns(url: str) -> dict[str, Any]:
    """What the database holds of the bench learners' practice: turns answered, pending, runs per learner."""
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        answered, pending = connection.execute(
            "SELECT count(*) FILTER (WHERE t.status <> 'pending' AND coalesce(t.coachee, '') <> ''), "
            "count(*) FILTER (WHERE t.status = 'pending' OR coalesce(t.coachee, '') = '') "
            "FROM turns t JOIN runs r ON r.id = t.run_id JOIN accounts a ON a.id = r.account_id "
            "WHERE a.name LIKE 'storm%'"
        ).fetchone() or (0, 0)
        runs = [
            n
            for (n,) in connection.execute(
                "SELECT count(*) FROM runs r JOIN accounts a ON a.id = r.account_id "
                "WHERE a.name LIKE 'storm%' GROUP BY a.id"
            )
        ]
        repeated = connection.execute(
            "SELECT count(*) FROM (SELECT t.run_id, t.learner, t.parent_id FROM turns t JOIN runs r ON "
            "r.id = t.run_id JOIN accounts a ON a.id = r.account_id WHERE a.name LIKE 'storm%' "
            "GROUP BY t.run_id, t.learner, t.parent_id HAVING count(*) > 1) d"
        ).fetchone()
    return {
        "answered": answered,
        "pending": pending,
        "runs": runs,
        "repeated": repeated[0] if repeated else 0,
    }


def p95(values: list[float]) -> float | None:
    if len(values) < 2:
        return values[0] if values else None
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def _answered(record: dict[str, Any]) -> bool:
    """Did the learner get the client's reply to this turn (not an error, not one of the app's refusals)?"""
    return bool(record["ok"]) and not (record.get("reply_start") or "").startswith(REFUSALS)


def in_rotation(balancer_url: str, port: int, deadline: float = 60.0) -> None:
    """Wait until nginx sends a request to the server on `port` (requests without a chat cookie are spread
    over the servers in rotation; X-Rapport-Upstream names the one that answered)."""
    until = time.monotonic() + deadline
    while time.monotonic() < until:
        try:
            answer = httpx.get(f"{balancer_url}/health", timeout=5)
            if answer.headers.get(UPSTREAM_HEADER, "").rsplit(",", 1)[-1].strip() == f"127.0.0.1:{port}":
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)  # polling nginx's state: nothing to wait on but time
    raise TimeoutError(f"nginx did not send requests to port {port} within {deadline:.0f} s")


def clear_runs(url: str) -> None:
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        connection.execute(
            "DELETE FROM runs WHERE account_id IN (SELECT id FROM accounts WHERE name LIKE 'storm%')"
        )


def rolling(work: Path, url: str, users: int, turns: int) -> dict[str, Any]:
    clear_runs(url)
    cluster = servers(work / "rolling", url, 2)
    for server in cluster:
        server.start()
    window: dict[str, float] = {}
    try:
        with running_balancer([s.port for s in cluster], free_port(), work / "rolling" / "nginx") as balancer:
            dump = work / "rolling.json"
            command = tool(balancer.url, users, turns, users / 10, 3500, 3000, dump)
            load = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

            def restarts() -> None:
                # Once the learners are chatting (a turn answered for most of them), each server in turn.
                while stored_turns(url)["answered"] < users and load.poll() is None:
                    time.sleep(0.5)
                window["start"] = time.time()
                for server in cluster:
                    began = time.time()
                    server.restart()  # SIGTERM, wait for it to exit, start, wait for /health
                    healthy = time.time()
                    # docs/deploy.md's procedure: the next one only once nginx sends requests to this one
                    # again (it keeps a server it saw fail out for fail_timeout); else, stopping the next,
                    # nginx has no server left for a few seconds.
                    in_rotation(balancer.url, server.port)
                    print(
                        f"  restarted the server on port {server.port} in {healthy - began:.1f} s, "
                        f"back in nginx's rotation {time.time() - healthy:.1f} s later",
                        flush=True,
                    )
                window["end"] = time.time()

            thread = threading.Thread(target=restarts)
            thread.start()
            out, err = load.communicate(timeout=users / 10 + (turns + 4) * TIMEOUT)
            thread.join()
    finally:
        for server in cluster:
            server.stop()
    if not out.strip():
        raise RuntimeError(err[-3000:])
    result = json.loads(out)
    records = json.loads(dump.read_text())
    turns_run = [r for r in records if "turn" in r]
    during = [
        r["latency_ms"]
        for r in turns_run
        if _answered(r) and r["emit_epoch"] and window and window["start"] <= r["emit_epoch"] <= window["end"]
    ]
    per_user: dict[int, list[dict[str, Any]]] = {}
    for r in turns_run:
        per_user.setdefault(r["user"], []).append(r)
    answered = {id(r) for r in turns_run if _answered(r)}
    dropped = sum(
        1
        for u in range(1, users + 1)
        if len(per_user.get(u, [])) < turns or id(per_user[u][-1]) not in answered
    )
    refused = sum(1 for r in turns_run if r["ok"] and id(r) not in answered)
    emitted = len([r for r in turns_run if r["emit_epoch"]])
    stored = stored_turns(url)
    return {
        "learners": users,
        "connected": result["users_connected"],
        "dropped_for_good": dropped,
        "turns_sent": emitted,
        "turns_answered_in_db": stored["answered"],
        "turns_lost": emitted - stored["answered"],
        "turns_pending_in_db": stored["pending"],
        "turns_stored_twice": stored["repeated"],
        "chats_started_afresh": sum(n - 1 for n in stored["runs"]),
        "client_errors": result["errors"],
        "turns_refused_with_a_notice": refused,
        "turns_cut_off_by_a_restart": sum(1 for r in turns_run if r["error"] == "disconnect"),
        "disconnects": result["disconnects"],
        "restart_window_s": round(window["end"] - window["start"], 1) if window else None,
        "turns_during_restart": len(during),
        "p95_during_restart_ms": p95(during),
        "p95_whole_run_ms": (result["latency_ms"] or {}).get("p95"),
        "p50_whole_run_ms": (result["latency_ms"] or {}).get("p50"),
        "load_average_1m": round(os.getloadavg()[0], 1),
    }


def saturate(work: Path, url: str, count: int, users: int, turns: int) -> dict[str, Any]:
    clear_runs(url)
    cluster = servers(work / f"throughput-{count}", url, count)
    for server in cluster:
        server.start()
    pids = [server.process.pid for server in cluster if server.process is not None]
    try:
        if count == 1:
            return _measure(cluster[0].url, users, turns, work / "throughput-1.json", pids)
        with running_balancer(
            [s.port for s in cluster], free_port(), work / f"throughput-{count}" / "nginx"
        ) as lb:
            return _measure(lb.url, users, turns, work / f"throughput-{count}.json", [*pids, lb.process.pid])
    finally:
        for server in cluster:
            server.stop()


def _ours(pids: list[int]) -> float:
    """CPU seconds used so far by the servers (with their children) and nginx (with its worker)."""
    return sum(
        (_cpu_seconds(pid) or 0.0) + sum(_cpu_seconds(c) or 0.0 for c in children(pid)) for pid in pids
    )


def _measure(url: str, users: int, turns: int, dump: Path, pids: list[int]) -> dict[str, Any]:
    before = (time.monotonic(), _cpu_seconds(), _ours(pids))
    done = subprocess.run(
        tool(url, users, turns, users / 20, 0, 0, dump), capture_output=True, text=True, check=False
    )
    after = (time.monotonic(), _cpu_seconds(), _ours(pids))
    if not done.stdout.strip():
        raise RuntimeError(done.stderr[-3000:])
    result = json.loads(done.stdout)
    busy = None
    if before[1] is not None and after[1] is not None:
        busy = round(100 * (after[1] - before[1]) / (after[0] - before[0]), 1)
    ours = after[2] - before[2]
    return {
        "replies_per_s": result["throughput_rps"],
        # What the servers and nginx got of the machine, and what a reply cost them: on a machine shared with
        # other work the first says how much of the two cores the cluster had, the second what it did with it.
        "servers_and_nginx_cpu_pct_of_200": round(100 * ours / (after[0] - before[0]), 1),
        "server_cpu_ms_per_reply": round(1000 * ours / result["replies_completed"], 1)
        if result["replies_completed"]
        else None,
        "completed": result["replies_completed"],
        "errors": result["errors_total"],
        "p50_ms": (result["latency_ms"] or {}).get("p50"),
        "p95_ms": (result["latency_ms"] or {}).get("p95"),
        "load_tool_cpu_pct": result["harness"]["cpu_pct_chat_phase"],
        "machine_cpu_pct_of_200": busy,
        "load_average_1m": round(os.getloadavg()[0], 1),  # other work on the machine shows here
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=["rolling", "throughput"])
    parser.add_argument("--users", type=int, default=100, help="learners (default 100)")
    parser.add_argument("--turns", type=int, default=15, help="turns per learner in the rolling restart")
    parser.add_argument("--throughput-turns", type=int, default=8)
    parser.add_argument("--keep-database", action="store_true", help="keep the bench's database to look at")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rapport-cluster-bench-"))
    name = f"rapport_bench_{uuid.uuid4().hex[:10]}"
    url = f"postgresql+psycopg://{PG.split('//')[1]}/{name}"
    ensure_database(url)
    try:
        asyncio.run(make_accounts(url, args.users))
        if args.only in (None, "rolling"):
            print(
                f"\nrolling restart: 2 servers behind nginx, {args.users} learners, {args.turns} turns, think 2-5 s"
            )
            figures = rolling(work, url, args.users, args.turns)
            for key, value in figures.items():
                print(f"  {key}: {value}")
        if args.only in (None, "throughput"):
            print(f"\nthroughput at saturation: offline voice, {args.users} learners, no think time")
            alone = saturate(work, url, 1, args.users, args.throughput_turns)
            print(f"  1 server alone:          {alone}", flush=True)
            two = saturate(work, url, 2, args.users, args.throughput_turns)
            print(f"  2 servers behind nginx:  {two}")
            if alone["replies_per_s"] and two["replies_per_s"]:
                ratio = two["replies_per_s"] / alone["replies_per_s"]
                print(f"  ratio: {ratio:.2f}x (goal 1.6x)")
    finally:
        if args.keep_database:
            print(f"database kept: {url}")
        else:
            with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"\nlogs in {work}")


if __name__ == "__main__":
    main()
