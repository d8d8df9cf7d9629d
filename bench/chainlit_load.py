#!/usr/bin/env python3
# ruff: noqa: RUF006, SIM102, SIM105  (the shared tool as written; only the thread-id change is Rapport's)
"""chainlit_load.py - closed-loop load test for Chainlit 2.x chat apps.

(Copied into Rapport's bench/ from the shared tools, so a clone has it. Changes: after the server's
first_interaction event names the chat's thread, later reconnects send that thread id, as Chainlit's page
does; so a learner whose server went away resumes the same chat on another one. --dump keeps the start of
each reply, to tell the client's words from a notice. Reconnects wait for the server as the page does
(PageSocket), and --reconnect-attempts -1 retries without limit, as the page does.)

Each simulated user behaves like one browser tab of the Chainlit web UI:
it logs in over HTTP, opens a Socket.IO session, sends --turns messages one
after the other (waiting for each reply to finish, then --think-ms), and
measures every reply.

Dependencies: python-socketio[asyncio_client] (python-socketio + aiohttp).

Handshake (mirrors @chainlit/react-client in Chainlit 2.x; every HTTP call
and the socket share one cookie jar per user, like a browser profile):
  1. GET  /auth/config              -> requireLogin, passwordAuth, headerAuth
  2. POST /login  form username=..&password=..
                                    -> Set-Cookie: access_token=<JWT> (HttpOnly)
     (header auth instead: POST /auth/header with the --header values)
  3. GET  /user                     -> identifier, used as the message author
  4. GET  /project/settings?language=en-US[&chat_profile=P]
                                    -> chatProfiles; without --chat-profile the
                                       UI's choice is copied: the profile with
                                       default=true, else the first one
  5. POST /set-session-cookie {"session_id": S}
                                    -> Set-Cookie: X-Chainlit-Session-id=S
                                       (sticky sessions behind a load balancer)
  6. Socket.IO (Engine.IO 4) at <root>/ws/socket.io. The server authenticates
     the socket from the access_token cookie; the Socket.IO auth payload is
       {"clientType": "webapp", "sessionId": S, "threadId": "",
        "userEnv": "{}", "chatProfile": encodeURIComponent(P) or ""}
     The browser's default transports are used: long-polling, then upgrade to
     websocket (--transport websocket skips the polling step).
  7. On "connect" the client emits "connection_successful" (and
     "fetch_favorites"). The server answers task_end, clear_ask, clear_call_fn
     and then runs @on_chat_start between task_start and task_end. The
     harness waits for that, as the UI keeps its composer disabled meanwhile.
  8. A turn: emit "client_message"
       {"message": {"id": uuid4, "threadId": "", "name": <identifier>,
                    "type": "user_message", "output": <text>,
                    "createdAt": <ISO time>, "metadata": {...}},
        "fileReferences": []}
     The server emits: task_start; new_message (a "run" step called
     on_message whose parentId is the user message id); for a streamed reply
     stream_start (which already carries the first token) and stream_token
     events; new_message for the final assistant message (a non-streamed
     reply sends only this one); update_message (end of the run step); and
     task_end.

Reply-complete signal: the task_end that closes the turn's task. Chainlit
emits it in a `finally:` after @on_message returns, fails or is cancelled,
for streamed and non-streamed replies alike, and the web UI uses exactly this
event to switch off its "loading" state and re-enable the composer. The last
stream_token is not a reliable end: a handler may stream several messages or
steps, or send a non-streamed message after the stream. The harness counts
the task_start/task_end events that are still open and ends a turn at the
first task_end after which none is open, and only after it has seen this
turn's own on_message step. So a lone task_end (connection_successful sends
one), an on_chat_start that overlaps the first message, or a late task_end
from an earlier timed-out turn cannot end a turn too early.

TTFT: time from the emit to the first assistant output of the turn. That is
stream_start or stream_token (not isInput) of any step, or a
new_message/update_message of type assistant_message with non-empty output.

Errors: timeout (no reply end within --timeout; the harness then emits
"stop", as the UI's stop button does), disconnect (the socket dropped during
the turn), server_error (Chainlit's ErrorMessage or an on_message step with
isError, meaning the handler raised), ask_unsupported (the app called
AskUser*; the harness answers nothing), and login_failed/connect_failed for
users who never got a session (their turns are counted as not run).

Run model and reading the numbers:
  * Closed loop: each user sends, waits for the reply's task_end, sleeps
    --think-ms, sends again. All users log in and connect first (spread over
    --ramp seconds), then start chatting together; --start-jitter-ms spreads
    the first messages so the users do not stay in lock-step.
  * throughput = completed replies / (last reply end - start of chat phase).
  * The harness reports its own CPU use and event-loop lag. Small lag (a few
    ms) means its timestamps are trustworthy; if it warns that it is
    saturated, split the users over several processes. --server-pid adds the
    server's CPU use (Linux /proc), sampled every 250 ms.
  * Opening hundreds of sockets at the same instant is a test of its own.
    Use --ramp to measure the steady state separately from a connect storm.
  * Each user runs in its own cookie jar, like a separate browser. "{i}" in
    --username/--password gives user 1..N their own accounts. Sessions are
    cleared (emit "clear_session") before disconnecting unless
    --keep-sessions is given.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import sys
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

try:
    import aiohttp
    import socketio
except ImportError as exc:  # pragma: no cover
    sys.exit(f"missing dependency ({exc}); pip install 'python-socketio[asyncio_client]' aiohttp")

DEFAULT_MESSAGES = [
    "Hello! Can you help me with something?",
    "What would be a good first step?",
    "Can you explain that in a bit more detail?",
    "What are the main risks I should think about?",
    "Give me a short example, please.",
    "How would you summarise this in one sentence?",
    "Thanks, that helps. Anything else I should know?",
    "Okay, let's wrap up. What should I do next?",
]

now = time.perf_counter


def fmt_name(template: str | None, i: int) -> str | None:
    if template is None:
        return None
    return template.replace("{i}", str(i)) if "{i}" in template else template


def encode_uri_component(s: str) -> str:
    # same set of unescaped characters as JavaScript's encodeURIComponent
    return quote(s, safe="-_.!~*'()")


def percentile(values, p):
    if not values:
        return None
    v = sorted(values)
    if len(v) == 1:
        return v[0]
    k = (len(v) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def dist_ms(values):
    if not values:
        return None
    ms = [x * 1000.0 for x in values]
    return {
        "n": len(ms),
        "min": round(min(ms), 1),
        "p50": round(percentile(ms, 50), 1),
        "p90": round(percentile(ms, 90), 1),
        "p95": round(percentile(ms, 95), 1),
        "p99": round(percentile(ms, 99), 1),
        "max": round(max(ms), 1),
        "mean": round(sum(ms) / len(ms), 1),
    }


def proc_cpu_seconds(pid: int):
    """utime+stime of a process (and its reaped children) from /proc, Linux only."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            data = f.read()
        fields = data[data.rindex(")") + 2 :].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / ticks
    except (OSError, ValueError, IndexError):
        return None


class PageSocket(socketio.AsyncClient):
    """python-socketio's client, reconnecting as the page's socket.io-client does.

    python-socketio's reconnect calls connect() with its default wait of 1 s for the server to accept the
    Socket.IO connection; past that it drops the socket it just opened and tries again later. On a server that
    is busy (one just restarted, taking a crowd of moved chats) every attempt can time out that way, and each
    leaves a half-opened session behind on the server. socket.io-client (Chainlit's page) waits for the
    server's answer without such a limit once the transport is open (20 s for the transport itself), and
    retries for ever (reconnectionAttempts: Infinity, 1-5 s apart). `connect_wait` is the wait used for every
    connect, the first and the reconnects."""

    def __init__(self, *args, connect_wait: float = 20.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.connect_wait = connect_wait

    async def connect(self, *args, wait_timeout=None, **kwargs):
        return await super().connect(
            *args, wait_timeout=self.connect_wait if wait_timeout is None else wait_timeout, **kwargs
        )


class LoginError(RuntimeError):
    pass


class SetupError(RuntimeError):
    pass


class Turn:
    __slots__ = (
        "error",
        "error_detail",
        "fut",
        "in_ask",
        "msg_id",
        "reply",
        "started",
        "steps",
        "t_emit",
        "t_emit_wall",
        "t_end",
        "t_first",
        "text",
        "tokens",
        "turn",
        "user",
    )

    def __init__(self, user, turn, text):
        self.user, self.turn, self.text = user, turn, text
        self.msg_id = str(uuid.uuid4())
        self.t_emit = self.t_first = self.t_end = None
        self.t_emit_wall = None
        self.started = False  # this turn's on_message run step has been seen
        self.steps = {self.msg_id}  # ids of the steps that belong to this turn
        self.in_ask = False  # between "ask" and clear_ask/ask_timeout
        self.tokens = 0
        self.reply = ""
        self.error = None
        self.error_detail = None
        self.fut = asyncio.get_running_loop().create_future()

    def finish(self, error=None, detail=None):
        if self.fut.done():
            return
        if error and not self.error:
            self.error, self.error_detail = error, detail
        self.t_end = now()
        self.fut.set_result(None)

    def record(self):
        lat = (self.t_end - self.t_emit) if (self.t_end and self.t_emit) else None
        ttft = (self.t_first - self.t_emit) if (self.t_first and self.t_emit) else None
        return {
            "user": self.user,
            "turn": self.turn,
            "ok": self.error is None,
            "error": self.error,
            "error_detail": self.error_detail,
            "latency_ms": round(lat * 1000, 1) if lat is not None else None,
            "ttft_ms": round(ttft * 1000, 1) if ttft is not None else None,
            "tokens": self.tokens,
            "reply_chars": len(self.reply),
            "reply_start": self.reply[:120],
            "msg_id": self.msg_id,
            "emit_epoch": round(self.t_emit_wall, 4) if self.t_emit_wall else None,
        }


class SimUser:
    def __init__(self, run: LoadRun, idx: int):
        self.run, self.args, self.idx = run, run.args, idx
        self.username = fmt_name(self.args.username, idx)
        self.password = fmt_name(self.args.password, idx)
        self.identifier = self.username or "User"
        self.session_id = str(uuid.uuid4())
        self.profile = None
        self.http = None
        self.sio = None
        self.depth = 0  # task_start events not yet closed by task_end
        self.ready = asyncio.Event()  # connection_successful handled by the server
        self.task_seen = asyncio.Event()
        self.idle = asyncio.Event()
        self.idle.set()
        self.connected = asyncio.Event()
        self.cur: Turn | None = None
        self.turns: list[Turn] = []
        self.fail = None  # ("login_failed"|"connect_failed", detail)
        self.connect_error = None
        self.login_s = self.connect_s = self.chat_start_s = None
        self.welcome = None
        self.events = Counter()
        self.disconnects = 0
        self.ask_count = 0
        self.closing = False
        self.transport = None

    # ---------------------------------------------------------------- HTTP part
    async def _http_login(self):
        a, base = self.args, self.run.base
        r = await self.http.get(base + "/auth/config")
        if r.status != 200:
            raise LoginError(f"GET /auth/config -> HTTP {r.status}")
        cfg = await r.json()
        if cfg.get("requireLogin"):
            if cfg.get("passwordAuth") and self.username is not None:
                r = await self.http.post(
                    base + "/login", data={"username": self.username, "password": self.password or ""}
                )
                body = await r.text()
                if r.status != 200:
                    raise LoginError(f"POST /login -> HTTP {r.status} {body[:200]}")
            elif cfg.get("headerAuth") and self.run.extra_headers:
                r = await self.http.post(base + "/auth/header", json={}, headers=self.run.extra_headers)
                body = await r.text()
                if r.status != 200:
                    raise LoginError(f"POST /auth/header -> HTTP {r.status} {body[:200]}")
            else:
                raise LoginError(
                    "the app requires login; give --username/--password "
                    "(password auth) or --header (header auth)"
                )
            r = await self.http.get(base + "/user")
            if r.status == 200:
                user = await r.json()
                if isinstance(user, dict) and user.get("identifier"):
                    self.identifier = user["identifier"]
            else:
                raise LoginError(f"GET /user after login -> HTTP {r.status}")
        params = {"language": a.language}
        if a.chat_profile:
            params["chat_profile"] = a.chat_profile
        r = await self.http.get(base + "/project/settings", params=params)
        if r.status != 200:
            raise SetupError(f"GET /project/settings -> HTTP {r.status}")
        settings = await r.json()
        profiles = settings.get("chatProfiles") or []
        names = [p.get("name") for p in profiles]
        if a.no_chat_profile:
            self.profile = None
        elif a.chat_profile:
            if a.chat_profile not in names:
                raise SetupError(f"chat profile {a.chat_profile!r} not offered by the app (offered: {names})")
            self.profile = a.chat_profile
        elif profiles:
            default = next((p for p in profiles if p.get("default")), profiles[0])
            self.profile = default.get("name")
        r = await self.http.post(base + "/set-session-cookie", json={"session_id": self.session_id})
        if r.status != 200:
            raise SetupError(f"POST /set-session-cookie -> HTTP {r.status}")

    # ---------------------------------------------------------------- socket events
    def _on_connect(self):
        self.connected.set()
        self.depth = 0
        self.idle.set()
        # exactly what the web UI does on every (re)connect
        asyncio.ensure_future(self._after_connect())

    async def _after_connect(self):
        try:
            await self.sio.emit("connection_successful")
            await self.sio.emit("fetch_favorites")
        except Exception:
            pass

    def _on_connect_error(self, data=None):
        self.connect_error = data

    def _on_disconnect(self, *args):
        self.connected.clear()
        self.ready.clear()
        if self.closing:
            return
        self.disconnects += 1
        if self.cur is not None:
            self.cur.finish("disconnect", str(args[0]) if args else None)

    def _on_ready(self, *_):
        self.ready.set()

    def _on_task_start(self, *_):
        self.events["task_start"] += 1
        self.depth += 1
        self.idle.clear()
        self.task_seen.set()

    def _on_task_end(self, *_):
        self.events["task_end"] += 1
        self.depth = max(0, self.depth - 1)
        if self.depth == 0:
            self.idle.set()
            t = self.cur
            if t is not None and t.started and not t.in_ask:
                t.finish()

    @staticmethod
    def _owned(t: Turn, d: dict) -> bool:
        """Does this step belong to turn t? Steps sent inside @on_message descend from the
        turn's run step (parentId chain back to the user message id)."""
        sid, pid = d.get("id"), d.get("parentId")
        if sid in t.steps:
            return True
        if pid in t.steps or (not pid and t.started):
            t.steps.add(sid)
            return True
        return False

    def _content(self, t: Turn | None):
        if t is not None and t.t_first is None and not t.fut.done():
            t.t_first = now()

    def _on_stream_start(self, d=None):
        self.events["stream_start"] += 1
        t = self.cur
        if t is not None and isinstance(d, dict) and self._owned(t, d):
            self._content(t)
            t.tokens += 1
            if d.get("type") == "assistant_message":
                t.reply = d.get("output") or ""

    def _on_stream_token(self, d=None):
        self.events["stream_token"] += 1
        t = self.cur
        if t is None or not isinstance(d, dict) or d.get("isInput") or d.get("id") not in t.steps:
            return
        self._content(t)
        t.tokens += 1
        tok = d.get("token") or ""
        t.reply = tok if d.get("isSequence") else t.reply + tok

    def _on_step(self, d=None, kind="new_message"):
        self.events[kind] += 1
        if not isinstance(d, dict):
            return
        t = self.cur
        typ = d.get("type")
        if t is None:
            if typ == "assistant_message" and self.welcome is None and not self.turns:
                self.welcome = d.get("output")
            return
        own_run = typ == "run" and d.get("parentId") == t.msg_id
        if own_run:
            t.started = True
        owned = self._owned(t, d)
        # a raising handler: the run step is updated with isError, then Chainlit sends an
        # ErrorMessage (assistant_message, isError, no parent)
        if d.get("isError") and (
            own_run or (typ == "assistant_message" and (owned or not d.get("parentId")))
        ):
            if not t.error:
                t.error, t.error_detail = "server_error", str(d.get("output"))[:300]
        if not owned:
            return
        if typ == "assistant_message" and d.get("output"):
            self._content(t)
            if not d.get("streaming"):
                t.reply = d.get("output")

    def _on_ask(self, *_):
        # AskUser*: the server waits for our ack; we answer nothing (the app gets None).
        # Chainlit then emits task_end, clear_ask, task_start and the handler goes on, so the
        # task_end inside the ask must not end the turn.
        self.events["ask"] += 1
        self.ask_count += 1
        t = self.cur
        if t is not None:
            t.in_ask = True
            if not t.error:
                t.error, t.error_detail = (
                    "ask_unsupported",
                    "app called AskUser*; the harness answers nothing",
                )
        return None

    def _on_ask_done(self, *_):
        if self.cur is not None:
            self.cur.in_ask = False

    def _on_call_fn(self, *_):
        self.events["call_fn"] += 1
        return {}

    def _on_first_interaction(self, d=None):
        self.events["first_interaction"] += 1
        if isinstance(d, dict) and d.get("thread_id") and isinstance(self.sio.connection_auth, dict):
            self.sio.connection_auth["threadId"] = d["thread_id"]  # what the page sends from now on

    def _on_any(self, event, *args):
        self.events[event] += 1

    def _register(self, sio):
        sio.on("connect", self._on_connect)
        sio.on("connect_error", self._on_connect_error)
        sio.on("disconnect", self._on_disconnect)
        sio.on("clear_call_fn", self._on_ready)
        sio.on("task_start", self._on_task_start)
        sio.on("task_end", self._on_task_end)
        sio.on("stream_start", self._on_stream_start)
        sio.on("stream_token", self._on_stream_token)
        sio.on("new_message", lambda d=None: self._on_step(d, "new_message"))
        sio.on("update_message", lambda d=None: self._on_step(d, "update_message"))
        sio.on("ask", self._on_ask)
        sio.on("clear_ask", self._on_ask_done)
        sio.on("ask_timeout", self._on_ask_done)
        sio.on("call_fn", self._on_call_fn)
        sio.on("first_interaction", self._on_first_interaction)
        sio.on("*", self._on_any)

    # ---------------------------------------------------------------- lifecycle
    async def start(self):
        a = self.args
        t0 = now()
        self.http = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),  # keep cookies for IP hosts
            timeout=aiohttp.ClientTimeout(total=a.timeout),
            headers={"User-Agent": "chainlit-load/1.0"},
        )
        try:
            await self._http_login()
        except SetupError as exc:
            self.fail = ("setup_failed", str(exc))
            return
        except Exception as exc:
            self.fail = (
                "login_failed",
                str(exc) if isinstance(exc, LoginError) else f"{type(exc).__name__}: {exc}",
            )
            return
        self.login_s = now() - t0
        t1 = now()
        self.sio = PageSocket(
            reconnection=a.reconnect_attempts != 0,
            reconnection_attempts=max(0, a.reconnect_attempts),  # python-socketio: 0 is without limit
            connect_wait=a.timeout,
            handle_sigint=False,
            http_session=self.http,
            request_timeout=a.timeout,
            ssl_verify=not a.insecure,
        )
        self._register(self.sio)
        auth = {
            "clientType": "webapp",
            "sessionId": self.session_id,
            "threadId": "",
            "userEnv": json.dumps(self.run.user_env),
            "chatProfile": encode_uri_component(self.profile) if self.profile else "",
        }
        try:
            await self.sio.connect(
                self.run.origin,
                auth=auth,
                transports=self.run.transports,
                socketio_path=self.run.socket_path,
                wait_timeout=a.timeout,
            )
            await asyncio.wait_for(self.ready.wait(), a.timeout)
        except Exception as exc:
            detail = self.connect_error or f"{type(exc).__name__}: {exc}"
            self.fail = ("connect_failed", str(detail))
            return
        self.connect_s = now() - t1
        self.transport = self.sio.transport()
        # @on_chat_start runs as task_start..task_end right after connection_successful;
        # the UI keeps the composer disabled until it ends, so wait for it too.
        t2 = now()
        try:
            await asyncio.wait_for(self.task_seen.wait(), a.settle_ms / 1000.0)
        except TimeoutError:
            pass
        if self.depth > 0:
            try:
                await asyncio.wait_for(self.idle.wait(), a.timeout)
                self.chat_start_s = now() - t2
            except TimeoutError:
                self.fail = ("connect_failed", "on_chat_start did not finish within --timeout")

    async def chat(self, messages, offset):
        a = self.args
        if a.start_jitter_ms > 0:
            await asyncio.sleep(random.uniform(0, a.start_jitter_ms / 1000.0))
        for k in range(a.turns):
            text = messages[(offset + k) % len(messages)]
            t = Turn(self.idx, k + 1, text)
            self.turns.append(t)
            if not self.connected.is_set():
                try:
                    await asyncio.wait_for(self.connected.wait(), a.timeout)
                    await asyncio.wait_for(self.ready.wait(), a.timeout)
                except TimeoutError:
                    t.t_emit = now()
                    t.finish("disconnect", "socket did not reconnect; remaining turns not run")
                    break
            self.cur = t
            payload = {
                "message": {
                    "threadId": "",
                    "id": t.msg_id,
                    "name": self.identifier,
                    "type": "user_message",
                    "output": text,
                    "createdAt": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                    "metadata": {"location": self.run.base + "/"},
                },
                "fileReferences": [],
            }
            t.t_emit, t.t_emit_wall = now(), time.time()
            try:
                await self.sio.emit("client_message", payload)
                await asyncio.wait_for(asyncio.shield(t.fut), a.timeout)
            except TimeoutError:
                t.finish("timeout", f"no task_end within {a.timeout}s")
                self.cur = None
                try:  # what the UI's stop button does; frees the server task
                    await self.sio.emit("stop")
                    # let the stop land before the next message (the server's stop handler
                    # cancels whatever task is current when it gets there)
                    await asyncio.wait_for(self.idle.wait(), a.timeout)
                except Exception:
                    pass
            except Exception as exc:
                t.finish("other", f"{type(exc).__name__}: {exc}")
            self.cur = None
            if t.error is None:
                self.run.note_reply(t.t_end)
            if a.think_ms > 0 and k + 1 < a.turns:
                await asyncio.sleep(a.think_ms / 1000.0)

    async def close(self):
        self.closing = True
        try:
            if self.sio is not None:
                if self.sio.connected and not self.args.keep_sessions:
                    try:
                        await self.sio.emit("clear_session")
                    except Exception:
                        pass
                if not self.sio.connected and hasattr(self.sio, "shutdown"):
                    await self.sio.shutdown()  # stops pending reconnection attempts
                # close the Engine.IO transport cleanly even if the Socket.IO handshake never
                # finished; closing the HTTP session under an open websocket would drop the
                # TCP connection without a close frame
                await self.sio.disconnect()
        except Exception:
            pass
        if self.http is not None:
            await self.http.close()
        own = getattr(getattr(self.sio, "eio", None), "http", None)  # a session engine.io made itself
        if own is not None and own is not self.http and not own.closed:
            await own.close()


class LoadRun:
    def __init__(self, args):
        self.args = args
        self.base = args.url.rstrip("/")
        parts = urlsplit(self.base)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SystemExit("--url must look like http://host:port[/root-path]")
        self.origin = f"{parts.scheme}://{parts.netloc}"
        root = parts.path.rstrip("/")
        self.socket_path = f"{root}/ws/socket.io"
        self.transports = {"polling,websocket": None, "websocket": ["websocket"], "polling": ["polling"]}[
            args.transport
        ]
        self.user_env = json.loads(args.user_env) if args.user_env else {}
        self.extra_headers = {}
        for h in args.header or []:
            k, _, v = h.partition(":")
            self.extra_headers[k.strip()] = v.strip()
        self.first_reply = self.last_reply = None
        self.lags = []
        self.cpu_samples = {"harness": [], "server": []}

    def note_reply(self, t_end):
        if self.first_reply is None or t_end < self.first_reply:
            self.first_reply = t_end
        if self.last_reply is None or t_end > self.last_reply:
            self.last_reply = t_end

    async def _lag_monitor(self, stop: asyncio.Event):
        interval = 0.05
        while not stop.is_set():
            t = now()
            await asyncio.sleep(interval)
            self.lags.append(max(0.0, now() - t - interval))

    async def _cpu_sampler(self, stop: asyncio.Event, interval=0.25):
        """CPU use of the harness (and of --server-pid) per interval, to see bursts that a
        whole-phase average hides."""
        pid = self.args.server_pid
        t0, h0 = now(), time.process_time()
        s0 = proc_cpu_seconds(pid) if pid else None
        while not stop.is_set():
            await asyncio.sleep(interval)
            t1, h1 = now(), time.process_time()
            s1 = proc_cpu_seconds(pid) if pid else None
            dt = t1 - t0
            if dt > 0:
                self.cpu_samples["harness"].append(100 * (h1 - h0) / dt)
                if s0 is not None and s1 is not None:
                    self.cpu_samples["server"].append(100 * (s1 - s0) / dt)
            t0, h0, s0 = t1, h1, s1

    async def execute(self):
        a = self.args
        messages = DEFAULT_MESSAGES
        if a.messages:
            with open(a.messages, encoding="utf-8") as f:
                messages = json.load(f)
            if not (isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages)):
                raise SystemExit("--messages must be a non-empty JSON array of strings")
        users = [SimUser(self, i) for i in range(1, a.users + 1)]
        cpu0, wall0 = time.process_time(), now()

        async def start_one(u):
            if a.ramp > 0 and a.users > 1:
                await asyncio.sleep(a.ramp * (u.idx - 1) / (a.users - 1))
            await u.start()

        await asyncio.gather(*(start_one(u) for u in users))
        wall_connect = now() - wall0
        live = [u for u in users if u.fail is None]

        stop = asyncio.Event()
        lag_task = asyncio.ensure_future(self._lag_monitor(stop))
        cpu_task = asyncio.ensure_future(self._cpu_sampler(stop))
        cpu1, t_chat0 = time.process_time(), now()
        srv0 = proc_cpu_seconds(a.server_pid) if a.server_pid else None
        await asyncio.gather(*(u.chat(messages, (u.idx - 1) if a.rotate else 0) for u in live))
        t_chat1, cpu2 = now(), time.process_time()
        srv1 = proc_cpu_seconds(a.server_pid) if a.server_pid else None
        stop.set()
        await lag_task
        await cpu_task
        await asyncio.gather(*(u.close() for u in users), return_exceptions=True)
        return self.report(users, wall_connect, t_chat0, t_chat1, cpu0, cpu1, cpu2, wall0, srv0, srv1)

    def report(self, users, wall_connect, t_chat0, t_chat1, cpu0, cpu1, cpu2, wall0, srv0, srv1):
        a = self.args
        turns = [t for u in users for t in u.turns]
        ok = [t for t in turns if t.error is None]
        errors = Counter(t.error for t in turns if t.error)
        failed_users = Counter(u.fail[0] for u in users if u.fail)
        errors.update(failed_users)
        not_run = sum(a.turns - len(u.turns) for u in users)
        chat_s = t_chat1 - t_chat0
        busy_s = (self.last_reply - t_chat0) if self.last_reply else None
        ev = Counter()
        for u in users:
            ev.update(u.events)
        first_fail = {}
        for u in users:
            if u.fail and u.fail[0] not in first_fail:
                first_fail[u.fail[0]] = u.fail[1]
        for t in turns:
            if t.error and t.error not in first_fail:
                first_fail[t.error] = t.error_detail
        out = {
            "url": self.base,
            "users": a.users,
            "turns": a.turns,
            "chat_profile": next((u.profile for u in users if u.profile), None),
            "transport": a.transport,
            "think_ms": a.think_ms,
            "timeout_s": a.timeout,
            "users_connected": sum(1 for u in users if u.fail is None),
            "replies_attempted": len(turns),
            "replies_completed": len(ok),
            "turns_not_run": not_run,
            "errors_total": sum(errors.values()),
            "errors": dict(errors),
            "error_examples": first_fail,
            "latency_ms": dist_ms([t.t_end - t.t_emit for t in ok]),
            "ttft_ms": dist_ms([t.t_first - t.t_emit for t in ok if t.t_first]),
            "tokens_per_reply": round(sum(t.tokens for t in ok) / len(ok), 2) if ok else None,
            "chat_phase_s": round(chat_s, 3),
            "throughput_rps": round(len(ok) / busy_s, 2) if busy_s and busy_s > 0 else None,
            "connect_phase": {
                "wall_s": round(wall_connect, 3),
                "http_setup_ms": dist_ms([u.login_s for u in users if u.login_s is not None]),
                "socket_ready_ms": dist_ms([u.connect_s for u in users if u.connect_s is not None]),
                "chat_start_ms": dist_ms([u.chat_start_s for u in users if u.chat_start_s is not None]),
            },
            "disconnects": sum(u.disconnects for u in users),
            "transports_in_use": dict(Counter(u.transport for u in users if u.transport)),
            "events": dict(ev),
            "harness": {
                "cpu_pct_chat_phase": round(100 * (cpu2 - cpu1) / chat_s, 1) if chat_s > 0.05 else None,
                "cpu_pct_total": round(100 * (cpu2 - cpu0) / max(1e-9, t_chat1 - wall0), 1),
                "loop_lag_ms": dist_ms(self.lags),
            },
        }

        def samples(v):
            return (
                {
                    "p50": round(percentile(v, 50), 1),
                    "p90": round(percentile(v, 90), 1),
                    "max": round(max(v), 1),
                }
                if v
                else None
            )

        out["harness"]["cpu_pct_per_250ms"] = samples(self.cpu_samples["harness"])
        if srv0 is not None and srv1 is not None and chat_s > 0.05:
            out["server"] = {
                "pid": a.server_pid,
                "cpu_pct_chat_phase": round(100 * (srv1 - srv0) / chat_s, 1),
                "cpu_pct_per_250ms": samples(self.cpu_samples["server"]),
            }
        warnings = []
        lag = out["harness"]["loop_lag_ms"]
        hcpu = out["harness"]["cpu_pct_per_250ms"]
        if (lag and lag["p99"] > 20) or (hcpu and hcpu["p90"] > 85):
            warnings.append(
                "the harness itself looks saturated (event-loop lag or CPU high): latencies are "
                "overstated; split the users over several harness processes or machines"
            )
        if failed_users.get("connect_failed"):
            warnings.append(
                "some sockets failed to connect; if they were opened all at once, retry with --ramp "
                "to tell a connect storm from a steady-state limit"
            )
        if errors.get("timeout"):
            warnings.append(
                "replies timed out; the server was overloaded or the handler is slower than --timeout"
            )
        out["warnings"] = warnings
        if a.verbose:
            u = next((u for u in users if u.fail is None), None)
            if u:
                out["sample"] = {
                    "user": u.idx,
                    "profile": u.profile,
                    "welcome": u.welcome,
                    "turns": [{"sent": t.text, "reply": t.reply, **t.record()} for t in u.turns],
                }
        if a.dump:
            with open(a.dump, "w", encoding="utf-8") as f:
                json.dump(
                    [t.record() for t in turns]
                    + [{"user": u.idx, "fail": u.fail[0], "detail": u.fail[1]} for u in users if u.fail],
                    f,
                    indent=1,
                )
        return out


def print_text(r):
    def d(x):
        if not x:
            return "n/a"
        return (
            f"p50 {x['p50']:.0f} ms  p95 {x['p95']:.0f} ms  p99 {x['p99']:.0f} ms  "
            f"max {x['max']:.0f} ms  (mean {x['mean']:.0f}, n={x['n']})"
        )

    c = r["connect_phase"]
    print(
        f"Chainlit load test  {r['url']}  users={r['users']} turns={r['turns']} "
        f"profile={r['chat_profile']} transport={r['transport']} think={r['think_ms']}ms"
    )
    print(
        f"  connect : {r['users_connected']}/{r['users']} users ready in {c['wall_s']:.2f} s; "
        f"HTTP login+setup {d(c['http_setup_ms'])}"
    )
    print(f"            socket ready {d(c['socket_ready_ms'])}")
    if c["chat_start_ms"]:
        print(f"            on_chat_start {d(c['chat_start_ms'])}")
    errs = ", ".join(f"{k} {v}" for k, v in sorted(r["errors"].items())) or "none"
    print(
        f"  replies : {r['replies_completed']}/{r['users'] * r['turns']} completed, "
        f"errors {r['errors_total']} ({errs}), not run {r['turns_not_run']}"
    )
    print(f"  latency : {d(r['latency_ms'])}   [emit -> task_end]")
    print(f"  ttft    : {d(r['ttft_ms'])}   [emit -> first token/message]")
    print(
        f"  through : {r['throughput_rps'] if r['throughput_rps'] is not None else 'n/a'} replies/s over "
        f"{r['chat_phase_s']:.2f} s chat phase; {r['tokens_per_reply']} stream events/reply; "
        f"disconnects {r['disconnects']}; transports {r['transports_in_use']}"
    )

    def cpu(x):
        return f" (250 ms samples: p50 {x['p50']}%, p90 {x['p90']}%, max {x['max']}%)" if x else ""

    h = r["harness"]
    lag = h["loop_lag_ms"]
    print(
        f"  harness : cpu {h['cpu_pct_chat_phase']}% of one core{cpu(h.get('cpu_pct_per_250ms'))}; "
        f"event-loop lag p99 {lag['p99'] if lag else 'n/a'} ms, max {lag['max'] if lag else 'n/a'} ms"
    )
    if "server" in r:
        sv = r["server"]
        print(
            f"  server  : pid {sv['pid']} cpu {sv['cpu_pct_chat_phase']}% of one core{cpu(sv.get('cpu_pct_per_250ms'))}"
        )
    for k, v in r["error_examples"].items():
        print(f"  first {k}: {v}")
    for w in r.get("warnings", []):
        print(f"  warning : {w}")
    if "sample" in r:
        s = r["sample"]
        print(f"  sample user {s['user']} (profile {s['profile']}); welcome: {s['welcome']!r}")
        for t in s["turns"]:
            print(
                f"    > {t['sent']!r}\n    < {t['reply']!r} [{t['latency_ms']} ms, ttft {t['ttft_ms']} ms, {t['error'] or 'ok'}]"
            )


def main(argv=None):
    p = argparse.ArgumentParser(
        description="Closed-loop load test for a Chainlit 2.x app over its Socket.IO protocol.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    p.add_argument(
        "--url", required=True, help="base URL of the app, e.g. http://127.0.0.1:8000 (include any root path)"
    )
    p.add_argument("--users", type=int, default=10, help="concurrent simulated users")
    p.add_argument("--turns", type=int, default=5, help="messages per user, sent one after another")
    p.add_argument("--username", help="login name; '{i}' is replaced by the user number 1..N")
    p.add_argument("--password", help="password; '{i}' is replaced by the user number")
    p.add_argument(
        "--header",
        action="append",
        metavar="NAME:VALUE",
        help="header for header-auth apps (POST /auth/header); may repeat",
    )
    p.add_argument("--messages", metavar="FILE.json", help="JSON array of message strings, used in a cycle")
    p.add_argument(
        "--rotate",
        action="store_true",
        help="user i starts at message i (otherwise every user starts at the first message)",
    )
    p.add_argument(
        "--chat-profile",
        help="chat profile name; without it the app's default profile is used, as the UI picks it",
    )
    p.add_argument(
        "--no-chat-profile",
        action="store_true",
        help="diagnostic: connect without a chat profile even if the app offers some (the UI never does this)",
    )
    p.add_argument("--think-ms", type=float, default=0, help="pause after each reply before the next message")
    p.add_argument(
        "--timeout", type=float, default=60, help="seconds to wait for each reply, login and connect"
    )
    p.add_argument(
        "--ramp",
        type=float,
        default=0,
        help="spread the users' logins and socket connects evenly over this many seconds",
    )
    p.add_argument(
        "--start-jitter-ms",
        type=float,
        default=0,
        help="random delay (0..this) before each user's first message, after all users are connected",
    )
    p.add_argument(
        "--settle-ms",
        type=float,
        default=500,
        help="after connecting, how long to wait for on_chat_start to begin (task_start)",
    )
    p.add_argument(
        "--transport",
        choices=["polling,websocket", "websocket", "polling"],
        default="polling,websocket",
        help="Engine.IO transports; the default is the browser's (polling, then upgrade)",
    )
    p.add_argument("--language", default="en-US", help="language sent to /project/settings")
    p.add_argument("--user-env", help="JSON object sent as userEnv (for apps with user_env)")
    p.add_argument(
        "--reconnect-attempts",
        type=int,
        default=3,
        help="socket reconnect attempts after a drop (0 = none, -1 = without limit, as the page does)",
    )
    p.add_argument(
        "--keep-sessions",
        action="store_true",
        help="do not emit clear_session before disconnecting (the server then keeps each session until its session_timeout)",
    )
    p.add_argument(
        "--server-pid", type=int, help="Linux: also report this process's CPU use during the chat phase"
    )
    p.add_argument("--insecure", action="store_true", help="do not verify TLS certificates")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--dump", metavar="FILE", help="write per-turn records as JSON to FILE")
    p.add_argument("-v", "--verbose", action="store_true", help="include one user's transcript")
    p.add_argument("--fail-on-error", action="store_true", help="exit with status 1 if any error occurred")
    args = p.parse_args(argv)
    if args.users < 1 or args.turns < 1:
        p.error("--users and --turns must be >= 1")
    if args.username is not None and args.password is None:
        p.error("--password is required with --username")

    try:  # one socket (plus a short-lived HTTP one) per user: raise the fd limit if possible
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = min(hard, max(soft, 4 * args.users + 256))
        if want > soft:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    except (ImportError, ValueError, OSError):
        pass

    if not args.verbose:  # socket.io/engine.io client chatter; the report counts the failures
        for name in ("engineio.client", "socketio.client"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    result = asyncio.run(LoadRun(args).execute())
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_text(result)
    if result["replies_completed"] == 0:
        return 2
    if args.fail_on_error and result["errors_total"]:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
