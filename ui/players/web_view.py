"""A web view of one course's package, for the HTML, SCORM (and cmi5) players.

Each `WebSurface` has its own off-the-record profile (nothing the content stores reaches the
disk unencrypted; the learner's records live in the encrypted profile database), its own
scheme handler serving only its course, and its page. `release()` deletes page, view, handler
and profile together, so WebEngine gives back what the item used.

Import this module only after `web_engine.ensure_engine()`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.players.web_engine import SCHEME
from ui.players.web_scheme import ContentSchemeHandler

if TYPE_CHECKING:
    from app.package_files import PackageFiles

log = logging.getLogger(__name__)


class DialogHost(Protocol):
    """Who answers the content's alert() and confirm() (the player, in the learner's language)."""

    def alert(self, text: str) -> None: ...

    def confirm(self, text: str) -> bool: ...


class ContentPage(QWebEnginePage):
    """Keeps the content inside its package: no pop-ups, no navigation to other schemes."""

    def __init__(self, profile: QWebEngineProfile, host: DialogHost, parent: QObject) -> None:
        super().__init__(profile, parent)
        self.host = host
        self.alerts: list[str] = []
        self.console: list[str] = []

    def javaScriptAlert(self, origin: QUrl, text: str) -> None:
        self.alerts.append(text)
        self.host.alert(text)

    def javaScriptConfirm(self, origin: QUrl, text: str) -> bool:
        return self.host.confirm(text)

    def javaScriptPrompt(self, origin: QUrl, text: str, default: str) -> tuple[bool, str]:
        return False, ""  # no course in use asks for typed input this way

    def javaScriptConsoleMessage(
        self, level: QWebEnginePage.JavaScriptConsoleMessageLevel, text: str, line: int, src: str
    ) -> None:
        self.console.append(text)
        log.debug("content console: %s (%s:%d)", text, src, line)

    def acceptNavigationRequest(
        self, url: QUrl, kind: QWebEnginePage.NavigationType, main_frame: bool
    ) -> bool:
        if url.scheme() in (SCHEME, "about", "data", "blob"):
            return True
        log.info("content tried to open %s: refused (offline player)", url.toString())
        return False

    def createWindow(self, kind: QWebEnginePage.WebWindowType) -> QWebEnginePage | None:
        return None  # no pop-up windows: the item plays in the player


class WebSurface(QWidget):
    """The view, its page, its profile and its scheme handler, made and released together."""

    def __init__(
        self, files: PackageFiles, course_id: str, host: DialogHost, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # Children go in creation order when a widget is deleted: the view (and the page in it)
        # before the profile, as Qt WebEngine requires, even if the player goes without
        # close_item. The view is made without a page, so no default profile is started.
        self.view = QWebEngineView(self)
        self.profile = QWebEngineProfile(self)  # no storage name: off the record, memory only
        self.profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.NoCache)
        settings = self.profile.settings()
        attr = QWebEngineSettings.WebAttribute
        settings.setAttribute(attr.PluginsEnabled, False)
        settings.setAttribute(attr.JavascriptCanOpenWindows, False)
        settings.setAttribute(attr.LocalContentCanAccessFileUrls, False)
        self.handler = ContentSchemeHandler(files, course_id, self.profile)
        self.profile.installUrlSchemeHandler(SCHEME.encode(), self.handler)
        self.page = ContentPage(self.profile, host, self.view)
        self.view.setPage(self.page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view)
        self._released = False

    def add_script(self, name: str, source: str, subframes: bool = False) -> None:
        """Run `source` in the page's own JavaScript world before the page's scripts."""
        script = QWebEngineScript()
        script.setName(name)
        script.setSourceCode(source)
        script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
        script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
        script.setRunsOnSubFrames(subframes)
        self.page.scripts().insert(script)

    def load(self, url: str) -> None:
        self.view.load(QUrl(url))

    def run_js(self, code: str, callback: Callable[[Any], None], timeout_ms: int = 5000) -> None:
        """Run `code` in the page; `callback(result)` once, or `callback(None)` if the page
        does not answer in time (a hung or crashed renderer must not keep the item open)."""
        answered = False

        def once(result: Any) -> None:
            nonlocal answered
            if not answered:
                answered = True
                callback(result)

        QTimer.singleShot(timeout_ms, self, lambda: once(None))
        self.page.runJavaScript(code, QWebEngineScript.ScriptWorldId.MainWorld, once)

    def release(self) -> None:
        """Stop serving and showing; delete everything from the next turn of the event loop
        (not inside whatever callback asked for it). The children go in creation order: the
        view with its page, then the profile."""
        if self._released:
            return
        self._released = True
        self.handler.shutdown()
        self.page.triggerAction(QWebEnginePage.WebAction.Stop)
        self.hide()
        QTimer.singleShot(0, self, self._delete)  # cancelled if the player deletes us first

    def _delete(self) -> None:
        shiboken6.delete(self)
