"""The `kyo-content:` scheme handler: one course's package, and the player's endpoints.

Chromium asks for every URL on the GUI thread. Reading a member (a zip entry, maybe inflated)
runs on the handler's own two workers and the reply is made back on the GUI thread, so a big
image or script never stalls the window. A name the package lacks, or a path outside it, fails
with UrlNotFound (the 404 of a custom scheme); another course's files are not served here.

Endpoints (`kyo-content://course/_kyo/<name>?<query>`) are how a page talks to its player:
the SCORM API bridge (answered on a worker: a Commit writes the database) and the HTML
lesson's progress hook (answered on the GUI thread: it only notes the numbers). A page can
reach them with a synchronous XMLHttpRequest, which is what makes the SCORM API synchronous
while the GUI thread stays free: the renderer waits, the window does not.

Import this module only after `web_engine.ensure_engine()`.
"""

from __future__ import annotations

import logging
import mimetypes
import posixpath
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QFile, QIODevice, QObject, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob, QWebEngineUrlSchemeHandler

from app.errors import NotFound
from ui.players.web_engine import BRIDGE, parse_path

if TYPE_CHECKING:
    from app.package_files import PackageFiles

log = logging.getLogger(__name__)

LARGE = 32 * 1024**2  # bigger members are served from the extracted cache file, not memory

# Types a browser must get right (scripts, styles, fonts, media); the rest from `mimetypes`.
# No charset: a page declares its own (the golf samples are Windows-1252, the demo UTF-8).
MIME = {
    ".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml",
    ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
    ".json": "application/json", ".xml": "application/xml", ".txt": "text/plain",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".webp": "image/webp", ".ico": "image/x-icon",
    ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf",
    ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".wav": "audio/wav",
    ".mp4": "video/mp4", ".webm": "video/webm", ".vtt": "text/vtt", ".pdf": "application/pdf",
    ".wasm": "application/wasm", ".swf": "application/x-shockwave-flash",
}  # fmt: skip

Query = dict[str, str]
Response = tuple[str, bytes]  # (MIME type, body)


def mime_type(name: str) -> str:
    ext = posixpath.splitext(name)[1].lower()
    return MIME.get(ext) or mimetypes.guess_type(name)[0] or "application/octet-stream"


@dataclass(frozen=True)
class Endpoint:
    respond: Callable[[Query], Response]
    on_worker: bool  # True: may touch the database (runs off the GUI thread)
    after: Callable[[], None] | None = None  # then, on the GUI thread


class _Relay(QObject):
    """Carries a callable from a worker to the GUI thread (queued connection)."""

    call = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.call.connect(self._run)

    def _run(self, fn: Callable[[], None]) -> None:
        fn()


class ContentSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves `course_id`'s package (and the endpoints added) to the profile it is installed
    on. `shutdown()` when the profile goes."""

    def __init__(self, files: PackageFiles, course_id: str, parent: QObject | None = None):
        super().__init__(parent)
        self.files, self.course_id = files, course_id
        self._endpoints: dict[str, Endpoint] = {}
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kyo-web")
        self._relay = _Relay(self)
        self.served: list[str] = []  # member names asked for, in order (tests, logs)

    def add_endpoint(self, name: str, endpoint: Endpoint) -> None:
        self._endpoints[name] = endpoint

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        target = parse_path(url.path(QUrl.ComponentFormattingOption.FullyEncoded))
        if target is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
        elif target[0] == BRIDGE:
            self._endpoint(job, target[1], url.query(QUrl.ComponentFormattingOption.FullyEncoded))
        elif target[0] != self.course_id:
            log.warning("refused %s: not the course this player serves", url.toString())
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
        else:
            name = target[1]
            self.served.append(name)
            self._submit(job, lambda: self._read(name), None)

    def _endpoint(self, job: QWebEngineUrlRequestJob, name: str, query: str) -> None:
        endpoint = self._endpoints.get(name)
        if endpoint is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        params = dict(parse_qsl(query, keep_blank_values=True))
        if endpoint.on_worker:
            self._submit(job, lambda: endpoint.respond(params), endpoint.after)
            return
        self._reply(job, *endpoint.respond(params))
        if endpoint.after is not None:
            endpoint.after()

    def _read(self, name: str) -> Response | str:
        """On a worker: the member's bytes, or (big ones) the path of its extracted copy."""
        if self.files.size(self.course_id, name) > LARGE:
            return str(self.files.file(self.course_id, name))
        return mime_type(name), self.files.read(self.course_id, name)

    def _submit(
        self,
        job: QWebEngineUrlRequestJob,
        work: Callable[[], Response | str],
        after: Callable[[], None] | None,
    ) -> None:
        def deliver(future: Future[Response | str]) -> None:
            self._relay.call.emit(lambda: self._finish(job, future, after))

        try:
            self._pool.submit(work).add_done_callback(deliver)
        except RuntimeError:  # shut down: the player is closing
            job.fail(QWebEngineUrlRequestJob.Error.RequestAborted)

    def _finish(
        self,
        job: QWebEngineUrlRequestJob,
        future: Future[Response | str],
        after: Callable[[], None] | None,
    ) -> None:
        if future.cancelled() or not shiboken6.isValid(job):
            return  # the page went away meanwhile
        exc = future.exception()
        if exc is not None:
            if not isinstance(exc, NotFound):
                log.error("serving %s failed", job.requestUrl().toString(), exc_info=exc)
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
        else:
            result = future.result()
            if isinstance(result, str):
                self._reply_file(job, result)
            else:
                self._reply(job, *result)
        if after is not None:
            after()

    def _reply(self, job: QWebEngineUrlRequestJob, mime: str, body: bytes) -> None:
        buffer = QBuffer(job)  # the job owns it: freed when Chromium is done with the job
        buffer.setData(QByteArray(body))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime.encode(), buffer)

    def _reply_file(self, job: QWebEngineUrlRequestJob, path: str) -> None:
        device = QFile(path, job)
        if not device.open(QIODevice.OpenModeFlag.ReadOnly):
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        job.reply(mime_type(path).encode(), device)
