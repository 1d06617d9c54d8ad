"""QtWebEngine, loaded only when an item needs it, and the `kyo-content:` URL scheme.

Course files are served to web content as

    kyo-content://course/<course id, URL-quoted>/<path in the package>

(one origin, `kyo-content://course`, for every course: the cmi5 endpoint's CORS rules and the
SCORM bridge rely on it). The first path segment is the quoted course id, which always holds
`%3A` (course ids are IRIs); the segment `_kyo` can therefore never be a course and names the
player's own endpoints (`kyo-content://course/_kyo/<name>`).

Nothing here imports Qt at module level, so the URL helpers are free to use anywhere. The
scheme is registered when the first web player is built, not at start-up: Qt locks the list
of schemes only when the WebEngine context starts (the first profile), so registering then
works, and start-up does not pay the ~35 ms and ~30 MiB that importing QtWebEngineCore costs.
"""

from __future__ import annotations

import os
import threading
from urllib.parse import quote, unquote

SCHEME = "kyo-content"
HOST = "course"
ORIGIN = f"{SCHEME}://{HOST}"
BRIDGE = "_kyo"  # the first path segment of the player's endpoints

_lock = threading.Lock()
_registered = False


def content_base(course_id: str) -> str:
    """Where a course's package is served; relative URLs in it resolve against this + "/"."""
    return f"{ORIGIN}/{quote(course_id, safe='')}"


def content_url(course_id: str, path: str) -> str:
    """The URL of a package member; a query or fragment in `path` (SCORM hrefs) is kept."""
    cut = min((i for i in (path.find("?"), path.find("#")) if i >= 0), default=len(path))
    return f"{content_base(course_id)}/{quote(path[:cut].lstrip('/'), safe='/')}{path[cut:]}"


def bridge_url(name: str) -> str:
    return f"{ORIGIN}/{BRIDGE}/{name}"


def parse_path(encoded_path: str) -> tuple[str, str] | None:
    """A request's path (still percent-encoded) -> (course id, member name), or
    (BRIDGE, endpoint name); None if it is neither."""
    first, sep, rest = encoded_path.lstrip("/").partition("/")
    if not sep or not rest:
        return None
    if first == BRIDGE:
        return BRIDGE, unquote(rest)
    return unquote(first), unquote(rest)


def load_engine() -> None:
    """Import QtWebEngine (loads ~200 MB of libraries): call it on a worker, so the GUI thread
    does not wait for the disk. Safe from any thread; the imports happen once."""
    import PySide6.QtWebEngineCore
    import PySide6.QtWebEngineWidgets  # noqa: F401


def ensure_engine() -> None:
    """On the GUI thread, before the first QWebEngineProfile: sandbox setting, the scheme."""
    global _registered
    with _lock:
        if _registered:
            return
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            # Chromium refuses to start its sandbox as root (containers, lab images).
            os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
        load_engine()
        from PySide6.QtWebEngineCore import QWebEngineUrlScheme

        scheme = QWebEngineUrlScheme(SCHEME.encode())
        scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
        flags = QWebEngineUrlScheme.Flag
        # Secure: a secure context (storage, crypto) and no mixed-content block for the cmi5
        # endpoint on 127.0.0.1. CorsEnabled and FetchApiAllowed: XHR and fetch() of package
        # files and of the bridge. No LocalAccessAllowed: content never reads file: URLs.
        scheme.setFlags(flags.SecureScheme | flags.CorsEnabled | flags.FetchApiAllowed)
        QWebEngineUrlScheme.registerScheme(scheme)
        _registered = True
