"""The local LMS endpoint for one AU launch: xAPI on 127.0.0.1, a random port, this run only.

    lrs = LocalLrs(session)
    lrs.start()
    session.prepare_launch(launch_url=au_url)
    open(lrs.launch_url(au_url))        # + endpoint, fetch, actor, registration, activityId (8.1)
    ...
    lrs.stop()                          # window closed: session.end()

The AU first POSTs to the fetch URL for its token (8.2), once; then every xAPI request carries
"Authorization: Basic <token>" and "X-Experience-API-Version: 1.0.x". The token is random and
dies with the session (8.2.1): after terminated, abandonment or stop. The AU is served from
another origin (the player's scheme), so answers carry CORS headers.
"""

from __future__ import annotations

import base64
import hmac
import json
import logging
import re
import secrets
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, parse_qsl, quote, urlencode, urlsplit, urlunsplit

from app.cmi5.documents import handle_activity_profile, handle_profile, handle_state
from app.cmi5.errors import Cmi5Violation
from app.cmi5.resources import handle_about, handle_statements
from app.cmi5.session import Cmi5Session
from app.cmi5.wire import Reply, Request, error_reply, json_reply
from app.xapi import XAPI_VERSION

log = logging.getLogger(__name__)

HOST = "127.0.0.1"  # never 0.0.0.0: the endpoint is for this machine's player only
MAX_BODY = 1_000_000
_DRAIN = 16  # bodies up to 16 times the limit are read and dropped before the 413
LAUNCH_PARAMETERS = ("endpoint", "fetch", "actor", "registration", "activityId")
_VERSION = re.compile(r"^1\.0(\.\d+)?$")
_ROUTES: dict[str, Callable[[Request, Cmi5Session], Reply]] = {
    "statements": handle_statements,
    "activities/state": handle_state,
    "agents/profile": handle_profile,
    "activities/profile": handle_activity_profile,
    "about": handle_about,
}
_EXPOSED = "ETag, Last-Modified, Content-Type, X-Experience-API-Version, " + (
    "X-Experience-API-Consistent-Through"
)
_ALLOWED_HEADERS = "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match"


class LocalLrs:
    def __init__(self, session: Cmi5Session, *, max_body: int = MAX_BODY) -> None:
        self.session = session
        self.max_body = max_body
        # 8.2.2: the token's form is the LMS's choice; this one reads like Basic credentials.
        self.token = base64.b64encode(secrets.token_bytes(24)).decode()
        self._fetch_path = f"/fetch/{secrets.token_urlsafe(16)}"
        self._fetched = False
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._server is not None:
            raise RuntimeError("the endpoint is running already")
        self._server = _Server((HOST, 0), _Handler)
        self._server.lrs = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="cmi5-lrs", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and end the session (abandoned, unless the AU terminated)."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self.session.end()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the endpoint is not running")
        return int(self._server.server_address[1])

    @property
    def endpoint(self) -> str:
        return f"http://{HOST}:{self.port}/xapi/"

    @property
    def fetch_url(self) -> str:
        return f"http://{HOST}:{self.port}{self._fetch_path}"

    def launch_url(self, au_url: str) -> str:
        """The AU's url with the launch parameters (8.1) after its own query, if any."""
        parts = urlsplit(au_url)
        own = {name for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
        if own & set(LAUNCH_PARAMETERS):
            raise ValueError("8.1: the AU's own query must not use cmi5's parameter names")
        session = self.session
        values = (
            self.endpoint,
            self.fetch_url,
            json.dumps(session.actor, separators=(",", ":"), ensure_ascii=False),
            session.registration.registration,
            session.activity_id,
        )
        extra = urlencode(list(zip(LAUNCH_PARAMETERS, values, strict=True)), quote_via=quote)
        return urlunsplit(parts._replace(query=f"{parts.query}&{extra}" if parts.query else extra))

    def dispatch(self, request: Request) -> Reply:
        """Answer one request (CORS headers are the handler's)."""
        try:
            if request.method == "OPTIONS":
                return Reply(204)  # a CORS preflight: no token is sent with those
            if request.path == self._fetch_path:
                return self._fetch(request)
            if not request.path.startswith("/xapi/"):
                return Reply(404)
            with self.session.lock:
                return self._xapi(request, request.path.removeprefix("/xapi/").strip("/"))
        except Cmi5Violation as error:
            log.debug("cmi5 refused %s %s: %s", request.method, request.path, error)
            return error_reply(error)

    def _xapi(self, request: Request, resource: str) -> Reply:
        scheme, _, given = request.headers.get("authorization", "").strip().partition(" ")
        valid = self._fetched and self.session.active and scheme.lower() == "basic"
        if not (valid and hmac.compare_digest(given.strip().encode(), self.token.encode())):
            # No WWW-Authenticate: it would make the player's browser ask for a password.
            raise Cmi5Violation(401, "a valid token for this session is required", "8.2")
        version = request.headers.get("x-experience-api-version", "")
        if resource != "about" and not _VERSION.match(version):
            raise Cmi5Violation(400, "X-Experience-API-Version 1.0.x is required", "xAPI")
        route = _ROUTES.get(resource)
        if route is None:
            return Reply(404)
        return route(request, self.session)

    def _fetch(self, request: Request) -> Reply:
        """8.2: POST only; the token the first time, then error JSON with status 200."""
        if request.method != "POST":
            return Reply(405, headers={"Allow": "POST"})
        with self.session.lock:
            if not self._fetched and self.session.active:
                self._fetched = True
                return json_reply(200, {"auth-token": self.token})
        text = "The authorization token has already been returned, or the session is over."
        return json_reply(200, {"error-code": "1", "error-text": text})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # an AU page may open many connections at once
    lrs: LocalLrs


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes
    timeout = 60  # idle keep-alive connections go after a minute

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_OPTIONS(self) -> None:
        self._serve()

    def _serve(self) -> None:
        body, problem = self._read_body()
        if problem is not None:
            self._send(problem)
            return
        split = urlsplit(self.path)
        params = {k: v[0] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        request = Request(
            method=self.command,
            path=re.sub("/{2,}", "/", split.path),
            params=params,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        # Another host name for this address is DNS rebinding, not the player.
        self._send(self._dispatch(request) if self._host_ok() else Reply(400))

    def _dispatch(self, request: Request) -> Reply:
        try:
            return self.server.lrs.dispatch(request)
        except Exception:  # a store failing: the AU may try again, the log says why
            log.exception("cmi5 endpoint failed on %s %s", request.method, request.path)
            return json_reply(500, {"error": "the LMS could not process the request"})

    def _host_ok(self) -> bool:
        port = self.server.server_address[1]
        return self.headers.get("Host", "") in (f"{HOST}:{port}", f"localhost:{port}")

    def _read_body(self) -> tuple[bytes, Reply | None]:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            return b"", Reply(411)
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        limit = self.server.lrs.max_body
        if not 0 <= length <= limit:
            self.close_connection = True
            if length <= _DRAIN * limit:  # read it away, or the client sees a reset, not 413
                self._drain(length)
            return b"", Reply(413 if length > 0 else 400)
        return self.rfile.read(length), None

    def _drain(self, length: int) -> None:
        while length > 0:
            chunk = self.rfile.read(min(65536, length))
            if not chunk:
                return
            length -= len(chunk)

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        headers = {
            **self._cors(),
            "X-Experience-API-Version": XAPI_VERSION,
            "Cache-Control": "no-store",
            "Content-Length": str(len(reply.body)),
            **reply.headers,
        }
        if reply.content_type:
            headers["Content-Type"] = reply.content_type
        if self.close_connection:  # say so, or the client reuses a connection that is gone
            headers["Connection"] = "close"
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)

    def _cors(self) -> dict[str, str]:
        """The AU's page has another origin than this endpoint: allow it (the token guards)."""
        headers = {
            "Access-Control-Allow-Origin": self.headers.get("Origin") or "*",
            "Access-Control-Expose-Headers": _EXPOSED,
            "Vary": "Origin",
        }
        if self.command == "OPTIONS":
            asked = self.headers.get("Access-Control-Request-Headers")
            headers["Access-Control-Allow-Methods"] = "GET, PUT, POST, DELETE, OPTIONS"
            headers["Access-Control-Allow-Headers"] = asked or _ALLOWED_HEADERS
            headers["Access-Control-Max-Age"] = "600"
            if self.headers.get("Access-Control-Request-Private-Network") == "true":
                headers["Access-Control-Allow-Private-Network"] = "true"
        return headers

    def log_message(self, format: str, *args: object) -> None:
        log.debug("cmi5 endpoint: %s", self.command)
