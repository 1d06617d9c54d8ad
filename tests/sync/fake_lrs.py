"""A FAKE xAPI LRS on 127.0.0.1, programmable, for the sync engine's tests.

It is a fake on purpose: it stands in for the failures a real LRS cannot be made to produce on
demand — scripted 401/403/413/429/500/503 answers with Retry-After, connection resets, answers
cut short, stalls, a request-size limit, a captive portal's HTML, an answer lost after the batch
was stored. The tests against a real server use Ralph 5.1 (tests/support/ralph_server.py).

Between faults it keeps statements by id as an LRS does, following what Ralph 5.1 was observed
to do (DESIGN.md): the same statement again → 204; a partly stored batch → 200 with only the new
ids; a different statement under a stored id → 409; one id twice in a batch → 400; a statement
without actor, verb or object → 400 for every batch that holds it. A refused batch stores
nothing. GET statements filters on agent and `since` (on `timestamp`, as Ralph), caps `limit`
at 100, and gives a relative `more` whenever a page is full (so a last full page is followed by
an empty one, as Ralph's is).

    with FakeLrs() as lrs:
        lrs.script(Fault(503, {"Retry-After": "7"}), Fault(action="reset"))
        client = LrsClient(lrs.endpoint, lrs.auth)
"""

from __future__ import annotations

import base64
import contextlib
import json
import socket
import struct
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

PREFIX = "/xAPI"
MAX_LIMIT = 100


@dataclass
class Fault:
    """One scripted misbehaviour, used up by one request.

    status: answer this instead (with headers and body); action: "reset" (hang up with a TCP
    reset, no answer), "cut" (promise a body and send half of it), "stall" (answer nothing for
    `stall_s`), "portal" (200 with an HTML page); after_store: store the batch first, then
    misbehave — the statements are kept, the answer is lost. Fault() with neither: answer this
    request normally (a gap in a script).
    """

    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    action: str = ""
    after_store: bool = False
    stall_s: float = 5.0


@dataclass
class Seen:
    """One request as the fake received it."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    status: int = 0  # 0: no answer (reset, stall)

    def ids(self) -> list[str]:
        """The statement ids a POST carried, in order (repeats kept)."""
        data = json.loads(self.body)
        return [s.get("id", "") for s in (data if isinstance(data, list) else [data])]


class FakeLrs:
    def __init__(
        self,
        *,
        auth: tuple[str, str] = ("kyo-tests", "secret"),
        max_body: int | None = None,
        versions: list[str] | None = None,
    ) -> None:
        self.auth = auth
        self.max_body = max_body  # bytes of a POST body beyond which it answers 413
        self.versions = versions  # /about's list; None: /about answers 404 (as Ralph 5.1)
        self.lock = threading.Lock()
        self.statements: dict[str, dict[str, Any]] = {}  # by id, in the order stored
        self.stored = Counter[str]()  # times each id was written: must stay 1
        self.seen: list[Seen] = []
        self.release = threading.Event()  # ends stalls at shutdown
        self._faults: dict[str, list[Fault]] = {"GET": [], "POST": []}
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle
    def __enter__(self) -> FakeLrs:
        self.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()

    def start(self) -> None:
        handler = type("Handler", (_Handler,), {"lrs": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def stop(self) -> None:
        self.release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def endpoint(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}{PREFIX}"

    # -- programming and inspecting
    def script(self, *faults: Fault, method: str = "POST") -> None:
        with self.lock:
            self._faults[method].extend(faults)

    def preload(self, *statements: dict[str, Any]) -> None:
        with self.lock:
            for s in statements:
                self.statements[s["id"]] = s

    def posts(self) -> list[Seen]:
        return [s for s in self.seen if s.method == "POST"]

    def gets(self) -> list[Seen]:
        return [s for s in self.seen if s.method == "GET" and "/statements" in s.path]

    def take_fault(self, method: str) -> Fault | None:
        with self.lock:
            queue = self._faults.get(method, [])
            return queue.pop(0) if queue else None

    # -- the LRS itself
    def store(self, batch: list[dict[str, Any]]) -> tuple[int, bytes]:
        """Ralph's rules for a POST of statements: (status, body)."""
        ids = [s.get("id") for s in batch]
        if len(set(ids)) != len(ids):
            return 400, _detail("Duplicate statement ids in the batch")
        for s in batch:
            missing = [k for k in ("id", "actor", "verb", "object") if k not in s]
            if missing:
                return 400, _detail(f"Statement {s.get('id')}: missing {', '.join(missing)}")
        with self.lock:
            for s in batch:
                if s["id"] in self.statements and self.statements[s["id"]] != s:
                    return 409, _detail("A different statement already exists with the same ID")
            new = [s for s in batch if s["id"] not in self.statements]
            for s in new:
                self.statements[s["id"]] = s
                self.stored[s["id"]] += 1
        if not new:
            return 204, b""
        return 200, json.dumps([s["id"] for s in new]).encode()

    def query(self, query: dict[str, list[str]], path: str) -> dict[str, Any]:
        first = {k: v[0] for k, v in query.items()}
        limit = min(int(first.get("limit", MAX_LIMIT)) or MAX_LIMIT, MAX_LIMIT)
        offset = int(first.get("offset", 0))
        agent = json.loads(first["agent"]) if "agent" in first else None
        with self.lock:
            found = [
                s
                for s in self.statements.values()
                if (agent is None or s.get("actor") == agent)
                and ("since" not in first or s.get("timestamp", "") > first["since"])
            ]
        found.sort(key=lambda s: s.get("timestamp", ""), reverse=first.get("ascending") != "true")
        page = found[offset : offset + limit]
        result: dict[str, Any] = {"statements": page}
        if len(page) == limit:
            result["more"] = f"{path}?{urlencode({**first, 'offset': offset + limit})}"
        return result


def _detail(text: str) -> bytes:
    return json.dumps({"detail": text}).encode()


class _Handler(BaseHTTPRequestHandler):
    lrs: FakeLrs
    protocol_version = "HTTP/1.1"  # keep-alive, as the client's session expects
    disable_nagle_algorithm = True  # headers and body go out apart: no 40 ms delayed-ACK stall

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _handle(self, method: str) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        self.record = Seen(method, url.path, parse_qs(url.query), dict(self.headers), body)
        with self.lrs.lock:
            self.lrs.seen.append(self.record)
        if url.path == f"{PREFIX}/about":
            self._about()
            return
        if not self._authorised():
            self._answer(401, _detail("Invalid authentication credentials"))
            return
        fault = self.lrs.take_fault(method)
        if fault is not None and not (fault.status or fault.action):
            fault = None  # Fault(): this request is answered normally
        if fault is not None and not fault.after_store:
            self._misbehave(fault)
            return
        status, answer = self._post(body) if method == "POST" else self._get(url.path)
        if fault is not None:
            self._misbehave(fault)
            return
        self._answer(status, answer)

    def _post(self, body: bytes) -> tuple[int, bytes]:
        if "X-Experience-API-Version" not in self.headers:
            return 400, _detail("Missing X-Experience-API-Version header")
        if self.lrs.max_body is not None and len(body) > self.lrs.max_body:
            return 413, _detail("Request entity too large")
        try:
            data = json.loads(body)
        except ValueError:
            return 400, _detail("Invalid JSON")
        return self.lrs.store(data if isinstance(data, list) else [data])

    def _get(self, path: str) -> tuple[int, bytes]:
        try:
            return 200, json.dumps(self.lrs.query(self.record.query, path)).encode()
        except (ValueError, KeyError) as exc:
            return 400, _detail(f"Invalid query: {exc}")

    def _about(self) -> None:
        if self.lrs.versions is None:
            self._answer(404, _detail("Not Found"))
        else:
            self._answer(200, json.dumps({"version": self.lrs.versions}).encode())

    def _authorised(self) -> bool:
        user, password = self.lrs.auth
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        return self.headers.get("Authorization") == f"Basic {token}"

    def _misbehave(self, fault: Fault) -> None:
        if fault.action == "reset":
            self._reset()
        elif fault.action == "cut":
            self._answer(200, b'["' + b"0" * 200, length=400)
            self._reset()
        elif fault.action == "stall":
            self.lrs.release.wait(fault.stall_s)
            self._reset()
        elif fault.action == "portal":
            html = b"<html><body>Please sign in to the Wi-Fi</body></html>"
            self._answer(200, html, {"Content-Type": "text/html"})
        else:
            self._answer(fault.status, fault.body, fault.headers)

    def _answer(
        self,
        status: int,
        body: bytes,
        headers: dict[str, str] | None = None,
        length: int | None = None,
    ) -> None:
        self.record.status = status
        self.send_response(status)
        headers = {"Content-Type": "application/json", **(headers or {})}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def _reset(self) -> None:
        """Hang up with a TCP reset: SO_LINGER 0, then close."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
