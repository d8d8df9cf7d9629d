"""Several `rapport serve` processes behind nginx on one machine: the configuration files, rendered from the
ones in deploy/ (so what is tried and tested locally is what is deployed), and nginx itself as a process.

`rapport cluster up` runs them under supervisord (app/cli/cluster.py); the tests and benches start nginx
with `running_balancer` next to servers they manage themselves (they kill and restart them on purpose)."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from string import Template

import httpx

from app.config import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
NGINX_SITE = DEPLOY / "nginx" / "rapport.conf"
SUPERVISOR_TEMPLATE = DEPLOY / "supervisor" / "rapport-cluster.conf.in"
UPSTREAM_SERVER = re.compile(r"^(?P<indent>[ \t]*)server 127\.0\.0\.1:\d+(?P<options>[^;]*);\n", re.MULTILINE)
LISTEN = re.compile(r"^(?P<indent>[ \t]*)listen 80;$", re.MULTILINE)
SERVER_NAME = re.compile(r"^(?P<indent>[ \t]*)server_name _;$", re.MULTILINE)
# Which server answered: a local cluster's clients (tests, benches, someone trying it) may ask. Never shipped
# in deploy/nginx/rapport.conf: it names the servers' internal addresses.
UPSTREAM_HEADER = "X-Rapport-Upstream"


def site_config(ports: Sequence[int], listen: int, name_upstream: bool = True) -> str:
    """deploy/nginx/rapport.conf with `ports` as its servers and listening on 127.0.0.1:`listen`."""
    site = NGINX_SITE.read_text()
    found = list(UPSTREAM_SERVER.finditer(site))
    if not found or not ports:
        raise ValueError(f"{NGINX_SITE} has no upstream server line to replace, or no ports were given")
    first = found[0]
    servers = "".join(f"{first['indent']}server 127.0.0.1:{port}{first['options']};\n" for port in ports)
    site = site[: first.start()] + servers + site[found[-1].end() :]
    site = LISTEN.sub(lambda m: f"{m['indent']}listen 127.0.0.1:{listen};", site, count=1)
    if name_upstream:
        header = f"add_header {UPSTREAM_HEADER} $upstream_addr always;"
        site = SERVER_NAME.sub(lambda m: f"{m[0]}\n{m['indent']}{header}", site, count=1)
    return site


def nginx_config(ports: Sequence[int], listen: int, run_dir: Path) -> str:
    """A whole nginx.conf for an nginx of our own (not the system's): its pid, logs and temporary files in
    `run_dir`, in the foreground (a process manager or the caller holds it)."""
    temp = run_dir / "nginx"
    user = "" if os.geteuid() else f"user {pwd.getpwuid(os.geteuid()).pw_name};\n"  # else workers are nobody
    paths = "".join(f"    {kind}_temp_path {temp / kind};\n" for kind in ("client_body", "proxy", "fastcgi"))
    paths += "".join(f"    {kind}_temp_path {temp / kind};\n" for kind in ("uwsgi", "scgi"))
    site = "    ".join(site_config(ports, listen).splitlines(keepends=True))
    return (
        f"# Made by Rapport from {NGINX_SITE}; remade on every start.\n"
        f"daemon off;\n{user}worker_processes 1;\nworker_rlimit_nofile 16384;\n"
        f"pid {run_dir / 'nginx.pid'};\nerror_log {run_dir / 'nginx-error.log'} warn;\n"
        "events {\n    worker_connections 8192;\n}\n"
        f"http {{\n    access_log off;\n{paths}    {site}}}\n"
    )


def nginx_program() -> str:
    """nginx's executable (Debian installs it in /usr/sbin, which a user's PATH may lack)."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise FileNotFoundError("nginx is not installed: `make cluster` installs it (apt-get install nginx)")
    return found


def write_nginx_config(ports: Sequence[int], listen: int, run_dir: Path) -> Path:
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "nginx").mkdir(exist_ok=True)
    path = run_dir / "nginx.conf"
    path.write_text(nginx_config(ports, listen, run_dir))
    return path


def check_nginx_config(path: Path) -> subprocess.CompletedProcess[str]:
    """`nginx -t` on the file: nginx's own verdict on it."""
    return subprocess.run(
        [nginx_program(), "-t", "-c", str(path)], capture_output=True, text=True, check=False, timeout=30
    )


def wait_healthy(url: str, deadline_s: float = 120.0, process: subprocess.Popen[bytes] | None = None) -> None:
    """Wait until `url`/health answers 200 (the server, or through nginx a server behind it)."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the process for {url} exited with status {process.returncode}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)  # polling a port that is not open yet: nothing to wait on but time
    raise TimeoutError(f"{url}/health did not answer within {deadline_s:.0f} s")


@dataclass
class Balancer:
    """nginx in front of `ports`, listening on 127.0.0.1:`port`."""

    process: subprocess.Popen[bytes]
    port: int
    run_dir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # nginx's graceful stop
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@contextmanager
def running_balancer(ports: Sequence[int], port: int, run_dir: Path) -> Iterator[Balancer]:
    """nginx, started with the rendered config, stopped on leaving. Waits until it accepts connections."""
    config = write_nginx_config(ports, port, run_dir)
    log = (run_dir / "nginx.log").open("ab")
    process = subprocess.Popen(
        [nginx_program(), "-c", str(config)], stdout=log, stderr=log, start_new_session=True
    )
    balancer = Balancer(process, port, run_dir)
    try:
        _wait_listening(balancer)
        yield balancer
    finally:
        balancer.stop()
        log.close()


def _wait_listening(balancer: Balancer, deadline_s: float = 30.0) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if balancer.process.poll() is not None:
            raise RuntimeError(f"nginx exited: {(balancer.run_dir / 'nginx-error.log').read_text()[-2000:]}")
        try:
            httpx.get(f"{balancer.url}/nginx-is-up", timeout=2)  # any answer, 502 included, means it listens
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise TimeoutError("nginx did not start listening")


def supervisor_config(
    *, run_dir: Path, servers: int, first_port: int, database_url: str, secret: str, provider: str
) -> str:
    """deploy/supervisor/rapport-cluster.conf.in filled in for this machine."""
    return Template(SUPERVISOR_TEMPLATE.read_text()).substitute(
        run=run_dir,
        servers=servers,
        first_port=first_port,
        rapport=Path(sys.executable).parent / "rapport",
        database_url=database_url.replace("%", "%%"),  # supervisord expands %(...)s in values
        secret=secret,
        provider=provider,
        root=PROJECT_ROOT,
        nginx=nginx_program(),
    )
