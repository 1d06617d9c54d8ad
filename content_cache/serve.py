"""A small static file server with HTTP Range support (stdlib only).

Tests and benchmarks serve fixtures with it on loopback; later a lab PC serves its content store
to the other PCs on the LAN with it. Files under `root` only: paths that escape it (`..`,
symlinks pointing outside) and directories answer 404.
"""

from __future__ import annotations

import contextlib
import email.utils
import logging
import os
import re
import socket
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, cast
from urllib.parse import unquote, urlsplit

CHUNK = 1 << 20  # without sendfile: large reads, so the server is not the bottleneck
log = logging.getLogger(__name__)
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class Unsatisfiable(Exception):
    """The range asked for lies wholly past the end of the file (416)."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default backlog (5) drops connections when a few clients start at once.
    request_queue_size = 64

    def __init__(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], root: Path
    ) -> None:
        super().__init__(address, handler)
        self.root = root.resolve()

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up mid-body (cancel, pause) are normal: not worth a traceback on
        stderr. Anything else goes to the log."""
        exc = sys.exc_info()[1]
        if not isinstance(exc, (ConnectionError, TimeoutError)):
            log.error("serving %s failed", client_address, exc_info=exc)


class RangeRequestHandler(BaseHTTPRequestHandler):
    """GET and HEAD of files under the server's root, with single-range requests.

    Public so that tests can subclass it to inject faults: `send_body` writes the body.
    """

    protocol_version = "HTTP/1.1"  # keep-alive: a resume does not pay a new connection
    server_version = "KyoStatic/1"

    @property
    def root(self) -> Path:
        return cast(_Server, self.server).root

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: no line per request on stderr."""

    def do_GET(self) -> None:
        self.serve(body=True)

    def do_HEAD(self) -> None:
        self.serve(body=False)

    def resolve(self) -> Path | None:
        """The file the request names, or None if it is outside the root or not a file."""
        rel = unquote(urlsplit(self.path).path).lstrip("/")
        try:
            path = (self.root / rel).resolve()  # resolves symlinks too
        except (OSError, RuntimeError, ValueError):
            return None
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        return path

    def serve(self, body: bool) -> None:
        path = self.resolve()
        if path is None:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return
        try:
            f = path.open("rb")
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return
        with f:
            st = os.fstat(f.fileno())
            etag = f'"{st.st_size:x}-{st.st_mtime_ns:x}"'
            modified = email.utils.formatdate(st.st_mtime, usegmt=True)
            try:
                span = self.wanted_range(st.st_size, etag, int(st.st_mtime))
            except Unsatisfiable:
                self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                self.send_header("Content-Range", f"bytes */{st.st_size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            start, end = span or (0, st.st_size - 1)
            self.send_response(HTTPStatus.PARTIAL_CONTENT if span else HTTPStatus.OK)
            if span:
                self.send_header("Content-Range", f"bytes {start}-{end}/{st.st_size}")
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(end - start + 1))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
            self.send_header("Accept-Ranges", "bytes")
            self.end_headers()
            if body and end >= start:
                with contextlib.suppress(ConnectionError, socket.timeout):
                    self.send_body(f, start, end - start + 1)

    def wanted_range(self, size: int, etag: str, mtime: int) -> tuple[int, int] | None:
        """(first, last) byte to send, or None for the whole file; raises Unsatisfiable."""
        header = self.headers.get("Range")
        if not header or not self.if_range_holds(etag, mtime):
            return None
        match = _RANGE.match(header.replace(" ", ""))
        if not match or match.group(1) == match.group(2) == "":
            return None  # multi-range or malformed: RFC 9110 lets us send the whole file
        first, last = match.groups()
        if first == "":  # suffix: the last n bytes
            n = int(last)
            if n == 0 or size == 0:
                raise Unsatisfiable
            return max(0, size - n), size - 1
        start = int(first)
        if last and int(last) < start:
            return None  # an invalid range is ignored, not refused
        if start >= size:
            raise Unsatisfiable
        return start, min(int(last), size - 1) if last else size - 1

    def if_range_holds(self, etag: str, mtime: int) -> bool:
        value = self.headers.get("If-Range")
        if not value:
            return True
        value = value.strip()
        if value.startswith(('"', "W/")):
            return value == etag  # strong comparison: a weak tag never matches
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return False
        return int(when.timestamp()) == mtime

    def send_body(self, f: BinaryIO, offset: int, length: int) -> None:
        """Write `length` bytes of `f` from `offset`: sendfile where the OS has it."""
        if hasattr(os, "sendfile"):
            self.connection.sendfile(f, offset, length)
            return
        f.seek(offset)  # socket.sendfile's own fallback sends 8 KiB at a time: too slow
        while length > 0 and (data := f.read(min(CHUNK, length))):
            self.connection.sendall(data)
            length -= len(data)


class StaticServer:
    """Serve `root` over HTTP in a daemon thread: `with StaticServer(root) as s: s.url`."""

    def __init__(
        self,
        root: Path,
        host: str = "127.0.0.1",
        port: int = 0,
        handler_class: type[BaseHTTPRequestHandler] | None = None,
    ) -> None:
        self._httpd = _Server((host, port), handler_class or RangeRequestHandler, root)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        return f"http://{host}:{port}"

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> StaticServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
