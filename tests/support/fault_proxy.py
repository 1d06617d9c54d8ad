"""A fault-injecting reverse proxy on loopback: client → FaultProxy → upstream (e.g. Ralph).

    with FaultProxy(ralph.url) as proxy:
        proxy.plan([reset_response(), status(503, retry_after=1)])   # then: ok
        sync_engine(lrs_url=proxy.url).run()
        assert proxy.stats.faults["reset_response"] == 1

One thread per client connection, HTTP/1.1 with keep-alive; every request is forwarded on a
new upstream connection. A fault is chosen per request, when its head arrives: the next of a
plan, or a seeded draw (random_faults). Requests and responses pass through as they are
(method, target, headers, body; status, reason, headers, body) except hop-by-hop headers; a
chunked body is forwarded de-chunked with a Content-Length. If the upstream is down, the client
gets 502, as from any reverse proxy.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import random
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from types import TracebackType
from typing import Literal
from urllib.parse import urlsplit

FaultKind = Literal[
    "ok", "reset_request", "reset_response", "stall", "status", "truncate", "slow_drip"
]
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "expect",
}
MAX_HEAD = 64 * 1024
UPSTREAM_TIMEOUT = 60.0
IDLE_TIMEOUT = 30.0  # a keep-alive connection with no new request is closed after this


@dataclass(frozen=True)
class Fault:
    """What the proxy does to one request. Build one with the functions below."""

    kind: FaultKind
    seconds: float = 0.0  # stall: how long the response is held
    forward: bool = True  # stall: whether the upstream gets the request at all
    code: int = 0  # status
    retry_after: int | None = None  # status
    bytes_per_s: int = 0  # slow_drip, both ways
    latency: float = 0.0  # slow_drip, once per request


def ok() -> Fault:
    """Pass through."""
    return Fault("ok")


def reset_request() -> Fault:
    """Read half the request body, then reset the connection: the upstream never sees it."""
    return Fault("reset_request")


def reset_response() -> Fault:
    """Forward (so it IS stored), send half the response, then reset the connection."""
    return Fault("reset_response")


def stall(seconds: float, *, forward: bool = True) -> Fault:
    """Hold the response `seconds` (make it longer than the client's timeout), then send it
    if the client is still there. forward=False: the upstream never sees the request."""
    return Fault("stall", seconds=seconds, forward=forward)


def status(code: int, retry_after: int | None = None) -> Fault:
    """Answer `code` (500, 503, 429, 413…) without forwarding; Retry-After if given."""
    return Fault("status", code=code, retry_after=retry_after)


def truncate() -> Fault:
    """Forward, then send the head (original Content-Length) and half the body, and close."""
    return Fault("truncate")


def slow_drip(bytes_per_s: int = 6250, latency: float = 0.6) -> Fault:
    """Pass through at a crawl: by default a 2G stand-in, 50 kbit/s and 600 ms per request.
    The client's send is not slowed (loopback buffers take it); its answer waits for the
    request body to be read at this rate, then trickles back at it."""
    return Fault("slow_drip", bytes_per_s=bytes_per_s, latency=latency)


# random_faults' default mix: the faults a sync engine must survive without losing or
# duplicating anything. stall and slow_drip are about time: add them when a test wants them.
DEFAULT_MIX: tuple[Fault, ...] = (
    reset_request(),
    reset_response(),
    truncate(),
    status(500),
    status(503),
    status(429, retry_after=1),
)


@dataclass
class ProxyStats:
    connections: int = 0  # client connections accepted
    requests: int = 0  # request heads seen
    forwarded: int = 0  # requests the upstream answered
    upstream_errors: int = 0  # upstream unreachable or failed (client got 502)
    faults: Counter[str] = field(default_factory=Counter)  # by kind, "ok" included
    bytes_in: int = 0  # from clients
    bytes_out: int = 0  # to clients


@dataclass(frozen=True)
class Seen:
    """One request as the proxy handled it."""

    method: str
    target: str
    fault: FaultKind
    upstream_status: int | None  # None: not forwarded, or no answer


@dataclass
class _Request:
    method: str
    target: str
    headers: list[tuple[str, str]]
    body: bytes = b""

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k.lower() == name), "")

    @property
    def keep_alive(self) -> bool:
        return "close" not in self.header("connection").lower()


@dataclass
class _Response:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes = b""

    def head(self, keep_alive: bool) -> bytes:
        lines = [f"HTTP/1.1 {self.status} {self.reason}"]
        lines += [f"{k}: {v}" for k, v in self.headers]
        lines.append("Connection: " + ("keep-alive" if keep_alive else "close"))
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


class _Stream:
    """A client socket with a read buffer; counts bytes and can throttle both ways."""

    def __init__(self, sock: socket.socket, proxy: FaultProxy) -> None:
        self.sock, self.proxy, self.buf = sock, proxy, b""

    def _recv(self, size: int = 65536) -> bytes:
        data = self.sock.recv(size)
        if not data:
            raise ConnectionError("client closed")
        self.proxy._count(bytes_in=len(data))
        return data

    def read_head(self) -> bytes | None:
        """The next request head, or None if the client closed a keep-alive connection."""
        while b"\r\n\r\n" not in self.buf:
            if len(self.buf) > MAX_HEAD:
                raise ConnectionError("request head too large")
            try:
                self.buf += self._recv()
            except (ConnectionError, TimeoutError):
                if self.buf:
                    raise
                return None
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        return head

    def read_exact(self, size: int, rate: int = 0) -> bytes:
        """`size` bytes; at `rate` bytes/s, no sooner than the link would carry them (the head
        read may already have buffered the whole body, so time it, not the reads)."""
        done_at = time.monotonic() + (size / rate if rate else 0)
        while len(self.buf) < size:
            self.buf += self._recv(min(size - len(self.buf), 65536))
        data, self.buf = self.buf[:size], self.buf[size:]
        if rate:
            self.proxy._sleep(max(0.0, done_at - time.monotonic()))
        return data

    def read_line(self) -> bytes:
        while b"\r\n" not in self.buf:
            self.buf += self._recv()
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def send(self, data: bytes, rate: int = 0) -> None:
        step = max(rate // 10, 1) if rate else len(data) or 1
        for start in range(0, len(data), step):
            chunk = data[start : start + step]
            self.sock.sendall(chunk)
            self.proxy._count(bytes_out=len(chunk))
            if rate:
                self.proxy._sleep(len(chunk) / rate)

    def reset(self) -> None:
        """Close with RST rather than FIN: the client sees 'connection reset by peer'."""
        with contextlib.suppress(OSError):
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()


def _parse_head(head: bytes) -> _Request:
    lines = head.decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ", 2)
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    return _Request(method, target, headers)


def _read_body(stream: _Stream, request: _Request, rate: int = 0) -> bytes:
    if "chunked" in request.header("transfer-encoding").lower():
        body = b""
        while size := int(stream.read_line().split(b";")[0], 16):
            body += stream.read_exact(size, rate)
            stream.read_exact(2)  # the CRLF after each chunk
        while stream.read_line():  # trailers, up to the empty line
            pass
        return body
    return stream.read_exact(int(request.header("content-length") or 0), rate)


def _error_response(code: int, detail: str, retry_after: int | None = None) -> _Response:
    body = json.dumps({"detail": detail}).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    if retry_after is not None:
        headers.append(("Retry-After", str(retry_after)))
    return _Response(code, HTTPStatus(code).phrase, headers, body)


class FaultProxy:
    """The proxy; see the module docstring. `url` mirrors the upstream URL's path."""

    def __init__(self, upstream_url: str, *, port: int = 0) -> None:
        parts = urlsplit(upstream_url)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._path = parts.path.rstrip("/")
        self._port = port
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._plan: list[Fault] = []
        self._then = ok()
        self._rng: random.Random | None = None
        self._rate, self._mix = 0.0, DEFAULT_MIX
        self._stats = ProxyStats()
        self.log: list[Seen] = []
        self._server: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._clients: set[socket.socket] = set()

    # --- schedule ---------------------------------------------------------------------

    def plan(self, faults: Iterable[Fault], then: Fault | None = None) -> None:
        """One fault per request, in order; after them, `then` (default: ok) for every one."""
        with self._lock:
            self._plan, self._then, self._rng = list(faults), then or ok(), None

    def random_faults(
        self, seed: int, rate: float = 0.3, kinds: Sequence[Fault] = DEFAULT_MIX
    ) -> None:
        """Each request: a fault drawn from `kinds` with probability `rate`, else ok. The
        draws follow the seed in the order requests arrive."""
        with self._lock:
            self._plan, self._then = [], ok()
            self._rng, self._rate, self._mix = random.Random(seed), rate, tuple(kinds)

    def _next_fault(self) -> Fault:
        with self._lock:
            if self._plan:
                return self._plan.pop(0)
            if self._rng is not None and self._rng.random() < self._rate:
                return self._rng.choice(self._mix)
            return self._then

    # --- counters ---------------------------------------------------------------------

    @property
    def stats(self) -> ProxyStats:
        """A snapshot of the counters."""
        with self._lock:
            return replace(self._stats, faults=Counter(self._stats.faults))

    def _count(self, **deltas: int) -> None:
        with self._lock:
            for name, delta in deltas.items():
                setattr(self._stats, name, getattr(self._stats, name) + delta)

    def _sleep(self, seconds: float) -> None:
        """Sleep, but wake (and give up the connection) when the proxy stops."""
        if self._stopping.wait(seconds):
            raise ConnectionAbortedError("proxy stopping")

    # --- lifecycle --------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}{self._path}"

    def start(self) -> None:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self._port))
        server.listen(128)
        self._port = server.getsockname()[1]
        self._server = server
        self._stopping.clear()
        self._spawn(self._accept_loop, server)

    def stop(self) -> None:
        """Stop accepting, cut every open connection, wait for the threads; idempotent."""
        self._stopping.set()
        server, self._server = self._server, None
        if server is not None:
            with contextlib.suppress(OSError):
                server.shutdown(socket.SHUT_RDWR)
            server.close()
        with self._lock:
            clients = list(self._clients)
        for sock in clients:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads = [t for t in self._threads if t.is_alive()]

    def __enter__(self) -> FaultProxy:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _spawn(self, target: Callable[[socket.socket], None], sock: socket.socket) -> None:
        thread = threading.Thread(target=target, args=(sock,), daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self, server: socket.socket) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = server.accept()
            except OSError:
                return
            client.settimeout(IDLE_TIMEOUT)
            self._count(connections=1)
            with self._lock:
                self._clients.add(client)
            self._spawn(self._serve_client, client)

    # --- one client connection --------------------------------------------------------

    def _serve_client(self, sock: socket.socket) -> None:
        stream = _Stream(sock, self)
        try:
            while not self._stopping.is_set():
                head = stream.read_head()
                if head is None:
                    break
                request = _parse_head(head)
                fault = self._next_fault()
                self._count(requests=1)
                with self._lock:
                    self._stats.faults[fault.kind] += 1
                if not self._handle(stream, request, fault):
                    break
        except (OSError, ValueError):
            pass  # the client went away, sent garbage, or the proxy is stopping
        finally:
            with self._lock:
                self._clients.discard(sock)
            sock.close()

    def _handle(self, stream: _Stream, request: _Request, fault: Fault) -> bool:
        """Apply `fault` to one request; True if the connection stays open for another."""
        if "100-continue" in request.header("expect").lower():
            stream.send(b"HTTP/1.1 100 Continue\r\n\r\n")
        handler = getattr(self, "_do_" + fault.kind)
        keep_alive: bool = handler(stream, request, fault)
        return keep_alive and request.keep_alive

    def _record(self, request: _Request, fault: Fault, response: _Response | None) -> None:
        upstream = response.status if response is not None else None
        with self._lock:
            self.log.append(Seen(request.method, request.target, fault.kind, upstream))

    def _forward(self, request: _Request) -> _Response:
        conn = http.client.HTTPConnection(*self.upstream, timeout=UPSTREAM_TIMEOUT)
        try:
            conn.putrequest(request.method, request.target, True, True)  # skip Host, Accept-*
            for name, value in request.headers:
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    conn.putheader(name, value)
            if request.body or request.method in {"POST", "PUT", "PATCH"}:
                conn.putheader("Content-Length", str(len(request.body)))
            conn.endheaders(request.body)
            answer = conn.getresponse()
            body = answer.read()
        except (OSError, http.client.HTTPException) as error:
            self._count(upstream_errors=1)
            return _error_response(502, f"upstream: {error}")
        finally:
            conn.close()
        self._count(forwarded=1)
        headers = [(k, v) for k, v in answer.getheaders() if k.lower() not in HOP_BY_HOP]
        if answer.getheader("transfer-encoding"):  # we read it whole: say how long it is
            headers.append(("Content-Length", str(len(body))))
        return _Response(answer.status, answer.reason, headers, body)

    def _pass(self, stream: _Stream, request: _Request, fault: Fault, rate: int = 0) -> bool:
        request.body = _read_body(stream, request, rate)
        response = self._forward(request)
        self._record(request, fault, response)
        stream.send(response.head(request.keep_alive) + response.body, rate)
        return True

    # --- the faults (each returns whether the connection stays open) -------------------

    def _do_ok(self, stream: _Stream, request: _Request, fault: Fault) -> bool:
        return self._pass(stream, request, fault)

    def _do_slow_drip(self, stream: _Stream, request: _Request, fault: Fault) -> bool:
        self._sleep(fault.latency)
        return self._pass(stream, request, fault, fault.bytes_per_s)

    def _do_reset_request(self, stream: _Stream, request: _Request, fault: Fault) -> bool:
        length = int(request.header("content-length") or 0)
        stream.read_exact(length // 2)
        self._record(request, fault, None)
        stream.reset()
        return False

    def _do_reset_response(self, stream: _Stream, request: _Request, fault: Fault) -> bool:
        request.body = _read_body(stream, request)
        response = self._forward(request)
        self._record(request, fault, response)
        raw = response.head(keep_alive=True) + response.body
        stream.send(raw[: len(raw) // 2])
        stream.reset()
        return False

    def _do_truncate(self, stream: _Stream, request: _Request, fault: Fault) -> bool:
        request.body = _read_body(stream, request)
        response = self._forward(request)
        self._record(request, fault, response)
        head = response.head(keep_alive=False)
        body = response.body
        # A body-less answer (204) has nothing to cut but its head.
        stream.send(head + body[: len(body) // 2] if body else head[: len(head) // 2])
        stream.sock.shutdown(socket.SHUT_WR)
        return False

    def _do_stall(self, stream: _Stream, request: _Request, fault: Fault) -> bool:
        request.body = _read_body(stream, request)
        response = self._forward(request) if fault.forward else None
        self._record(request, fault, response)
        self._sleep(fault.seconds)
        if response is not None:  # a late answer; the client has most likely given up
            stream.send(response.head(keep_alive=False) + response.body)
        return False

    def _do_status(self, stream: _Stream, request: _Request, fault: Fault) -> bool:
        _read_body(stream, request)
        response = _error_response(
            fault.code, f"injected by FaultProxy: {fault.code}", fault.retry_after
        )
        self._record(request, fault, None)
        stream.send(response.head(request.keep_alive) + response.body)
        return True
