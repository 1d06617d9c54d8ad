"""The web player: HTML lessons and SCORM 1.2 / 2004 SCOs in QtWebEngine.

    HtmlPlayer(ops, learner, course_id, item_id)    an `html` item (its `src` entry page)
    ScormPlayer(ops, learner, course_id, item_id)   a `scorm` item (its next SCO)

Both follow `ui.players.base.ItemPlayer`. The item opens through `ops` (QtWebEngine's libraries
are imported there too, off the GUI thread), then a `WebSurface` shows it from the content
store through the `kyo-content:` scheme. Back (Escape) emits `finished`; `close_item(done)`
saves what is left, off the GUI thread, releases the web view and its profile, then done().
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.errors import KyoError
from app.i18n import current_language, text_in
from ui.players.base import ItemPlayer
from ui.players.web_engine import bridge_url, content_url, ensure_engine, load_engine
from ui.players.web_lesson import LessonProgress, lesson_script
from ui.widgets import heading

if TYPE_CHECKING:
    from app.learning import ItemActivity, Learner
    from app.learning_scorm import ScormLaunch
    from ui.ops import Ops
    from ui.players.scorm_bridge import ScormBridge
    from ui.players.web_view import WebSurface

log = logging.getLogger(__name__)


def _raise(exc: BaseException) -> None:
    raise exc


class WebPlayer(ItemPlayer):
    """What the HTML and SCORM players share: the bar, the surface, the close sequence."""

    def __init__(
        self,
        ops: Ops,
        learner: Learner,
        course_id: str,
        item_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, learner, course_id, item_id, parent)
        self.surface: WebSurface | None = None
        self.title: dict[str, str] = {}
        self.last_dialog: QMessageBox | None = None
        self._closed = False
        self._pending_done: Callable[[], None] | None = None
        self._failed_text = ""
        self._started = False
        self.load_ok: bool | None = None  # the last page load: None while it runs
        self._build()
        self.retranslate()
        self.ops.run(self._prepare_off_gui, self._prepared, self._prepare_failed)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.bar = bar = QHBoxLayout()  # a player may add its own controls (cmi5: its AUs)
        bar.setContentsMargins(8, 6, 8, 6)
        bar.setSpacing(12)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.finished.emit)
        self.title_label = heading()
        self.status = QLabel()
        self.status.setWordWrap(True)
        bar.addWidget(self.back_button)
        bar.addWidget(self.title_label, 1)
        bar.addWidget(self.status)
        layout.addLayout(bar)
        self.body = QVBoxLayout()
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.body.addWidget(self.placeholder, 1)
        layout.addLayout(self.body, 1)
        # Escape goes Back even while the web content has the keyboard.
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.finished.emit)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("← &Back"))
        self.back_button.setAccessibleName(self.tr("Back to the course"))
        self.back_button.setToolTip(self.tr("Back to the course (Esc)"))
        self.title_label.setText(text_in(self.title, current_language()) if self.title else "")
        if self._failed_text:
            self.placeholder.setText(self._failed_text)
        else:
            self.placeholder.setText(self.tr("Opening…"))
        if self.surface is not None:
            self.surface.view.setAccessibleName(self.title_label.text())

    def on_shown(self) -> None:
        if self.surface is not None:
            self.surface.setFocus()
        else:
            self.back_button.setFocus()

    # DialogHost: the content's alert() and confirm(), in the player's words

    def alert(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Message from the course"), text,
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setAccessibleName(self.tr("Message from the course"))
        box.open()  # not modal: the content carries on, as after a browser's alert
        self.last_dialog = box

    def confirm(self, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("The course asks"), text, buttons,
                          self)  # fmt: skip
        box.setAccessibleName(self.tr("The course asks"))
        self.last_dialog = box
        # confirm() is synchronous in JavaScript: the page waits for the learner's answer.
        return box.exec() == QMessageBox.StandardButton.Yes

    # opening

    def _prepare_off_gui(self) -> Any:
        load_engine()
        # Our WebEngine modules too: their import (Qt enums) is ~15 ms the GUI need not wait.
        from ui.players import scorm_bridge, web_scheme, web_view  # noqa: F401

        return self.prepare()

    def prepare(self) -> Any:
        """On a worker: open the item in the core; what `start` needs."""
        raise NotImplementedError

    def start(self, prepared: Any) -> None:
        """On the GUI thread, with `self.surface` made: endpoints, scripts, then load."""
        raise NotImplementedError

    def discard(self, prepared: Any) -> None:
        """On a worker: the item was closed before it showed; close what `prepare` opened."""

    def _prepared(self, prepared: Any) -> None:
        if self._closed:  # closed while opening: nothing shown, nothing to save
            self._run_serial(lambda: self.discard(prepared), lambda: self._done())
            return
        ensure_engine()
        from ui.players.web_view import WebSurface

        self.surface = WebSurface(self.learner.content.files, self.course_id, self, self)
        self._started = False
        self.surface.page.loadFinished.connect(self._load_finished)
        self.surface.page.renderProcessTerminated.connect(self._renderer_gone)
        # The first surface starts WebEngine (~50-90 ms here): load in the next turn of the
        # event loop, so the window never stands still for both at once.
        QTimer.singleShot(10, self, lambda: self._show_surface(prepared))

    def _show_surface(self, prepared: Any) -> None:
        if self._closed:  # closed in between: as if it never showed
            self._drop_surface()
            self._run_serial(lambda: self.discard(prepared), self._done)
            return
        assert self.surface is not None
        self.placeholder.hide()
        self.body.addWidget(self.surface, 1)
        self.start(prepared)
        self._started = True
        self.retranslate()
        if self.isVisible():
            self.surface.setFocus()

    def _prepare_failed(self, exc: BaseException) -> None:
        if isinstance(exc, KyoError):
            self._failed_text = exc.message
        else:
            self._failed_text = self.tr("This item could not be opened.")
            self.ops.run(lambda: _raise(exc), lambda _none: None)  # to the one presenter
        self.retranslate()
        if self._closed:
            self._done()

    def _load_finished(self, ok: bool) -> None:
        self.load_ok = ok
        self.status.setText("" if ok else self.tr("Part of this item could not be shown."))

    def _renderer_gone(self, *_status: Any) -> None:
        if not self._closed:
            self.status.setText(self.tr("The item stopped working. Go back and open it again."))

    # closing

    def close_item(self, done: Callable[[], None]) -> None:
        if self._closed:
            done()
            return
        self._closed = True
        self._pending_done = done
        if self.surface is None or not self._started:
            if self._failed_text:
                self._done()
            return  # still opening: `_prepared` or `_show_surface` finishes the close
        self.wind_down(self._release)

    def wind_down(self, then: Callable[[], None]) -> None:
        """Save what is left (off the GUI thread), then `then()`."""
        then()

    def _release(self) -> None:
        self._drop_surface()
        self._done()

    def _drop_surface(self) -> None:
        if self.surface is not None:
            self.body.removeWidget(self.surface)
            self.surface.release()
            self.surface = None

    def _done(self) -> None:
        done, self._pending_done = self._pending_done, None
        if done is not None:
            done()

    def _run_serial(self, work: Callable[[], Any], then: Callable[[], None]) -> None:
        """Core work for the close: errors reach the presenter, and `then` runs anyway (the
        learner can always leave)."""

        def failed(exc: BaseException) -> None:
            self.ops.run(lambda: _raise(exc), lambda _none: None)
            then()

        self.ops.run(work, lambda _result: then(), failed)


@dataclass
class _Lesson:
    activity: ItemActivity
    src: str
    title: dict[str, str]
    fraction: float
    location: str


class HtmlPlayer(WebPlayer):
    """An `html` item: its entry page, progress by `kyo.progress` or by scrolling, resumed."""

    def __init__(
        self,
        ops: Ops,
        learner: Learner,
        course_id: str,
        item_id: str,
        parent: QWidget | None = None,
    ) -> None:
        self.lesson: _Lesson | None = None
        self.progress = LessonProgress()
        self._saving = False
        self._when_saved: list[Callable[[], None]] = []
        super().__init__(ops, learner, course_id, item_id, parent)

    def prepare(self) -> _Lesson:
        activity = self.learner.open_item(self.course_id, self.item_id)  # "launched"
        p = activity.progress
        location = str(p.resume.get("location") or "") if p is not None else ""
        fraction = p.fraction if p is not None else 0.0
        item = activity.item
        return _Lesson(activity, item.src or "index.html", dict(item.title), fraction, location)

    def discard(self, prepared: _Lesson) -> None:
        prepared.activity.close()

    def start(self, prepared: _Lesson) -> None:
        from ui.players.web_scheme import Endpoint

        assert self.surface is not None
        self.lesson, self.title = prepared, prepared.title
        self.progress = LessonProgress.start(prepared.fraction, prepared.location)
        self.surface.handler.add_endpoint("progress", Endpoint(self._reported, on_worker=False))
        self.surface.add_script("kyo-lesson", lesson_script(prepared.location,
                                                            bridge_url("progress")))  # fmt: skip
        self.surface.load(content_url(self.course_id, prepared.src))

    def _reported(self, params: dict[str, str]) -> tuple[str, bytes]:
        """The page's report (GUI thread): note it; record a step now, the rest at close."""
        try:
            fraction = float(params.get("f", "0"))
        except ValueError:
            fraction = 0.0
        if self.progress.report(fraction, params.get("l", "")) and not self._closed:
            self._save()
        return "text/plain", b""

    def _save(self) -> None:
        """Record the latest numbers: one save at a time, in order; then whoever waits."""
        if self._saving:
            return  # the running save's `saved` saves again if more came meanwhile
        if not self.progress.pending():
            waiting, self._when_saved = self._when_saved, []
            for then in waiting:
                then()
            return
        assert self.lesson is not None
        activity, fraction, location = self.lesson.activity, self.progress.fraction, \
            self.progress.location  # fmt: skip
        self._saving = True

        def saved() -> None:
            self._saving = False
            self.progress.recorded(fraction, location)  # a failure was shown; not retried
            self._save()

        self._run_serial(lambda: activity.lesson(fraction, location), saved)

    def wind_down(self, then: Callable[[], None]) -> None:
        assert self.surface is not None and self.lesson is not None
        activity = self.lesson.activity

        def final_state(answer: Any) -> None:
            state = json.loads(answer) if isinstance(answer, str) else None
            if isinstance(state, dict):
                where = str(state.get("location") or self.progress.location)
                self.progress.report(float(state.get("fraction") or 0), where)
            self._when_saved.append(lambda: self._run_serial(activity.close, then))
            self._save()

        # JSON: objects do not cross from JavaScript to Python as they are.
        self.surface.run_js("window.kyo ? JSON.stringify(window.kyo.state()) : null", final_state)


class ScormPlayer(WebPlayer):
    """A `scorm` item: its next SCO, with the SCORM API bridged to the learner's runtime."""

    def __init__(
        self,
        ops: Ops,
        learner: Learner,
        course_id: str,
        item_id: str,
        parent: QWidget | None = None,
    ) -> None:
        self.bridge: ScormBridge | None = None
        self._left = False
        super().__init__(ops, learner, course_id, item_id, parent)

    def prepare(self) -> ScormLaunch:
        return self.learner.scorm(self.course_id, self.item_id)  # "launched"; resumes

    def discard(self, prepared: ScormLaunch) -> None:
        prepared.close()

    def start(self, prepared: ScormLaunch) -> None:
        from ui.players.scorm_bridge import ScormBridge, wrapper_page
        from ui.players.web_scheme import Endpoint

        assert self.surface is not None
        self.bridge = bridge = ScormBridge(prepared)
        self.title = dict(prepared.item.title)
        sco_url = content_url(self.course_id, prepared.launch_path)
        page = wrapper_page(bridge.version, sco_url, text_in(self.title), current_language(),
                            bridge_url("scorm-api"))  # fmt: skip
        handler = self.surface.handler
        handler.add_endpoint("sco.html", Endpoint(lambda _q: ("text/html", page), False))
        handler.add_endpoint(
            "scorm-api",
            Endpoint(lambda q: ("text/plain; charset=utf-8", bridge.call(q).encode()), True,
                     self._after_call),
        )  # fmt: skip
        self.surface.load(bridge_url("sco.html"))

    def _after_call(self) -> None:
        """GUI thread, after each API call: a SCO that finished is done with; leave it, as an
        LMS takes the content away after Terminate / LMSFinish."""
        if self.bridge is not None and self.bridge.terminated and not self._left:
            self._left = True
            if not self._closed:
                QTimer.singleShot(0, self.finished.emit)

    def wind_down(self, then: Callable[[], None]) -> None:
        assert self.surface is not None and self.bridge is not None
        bridge = self.bridge

        def finish() -> None:
            def work() -> None:
                if bridge.finish_for_content():
                    log.info("the SCO did not finish; finished it for the content")
                bridge.launch.close()

            self._run_serial(work, then)

        if bridge.terminated or bridge.calls == 0:
            finish()
        else:  # the window closes: let the SCO's own unload handlers save, as in a browser
            from ui.players.scorm_bridge import UNLOAD_JS

            self.surface.run_js(UNLOAD_JS, lambda _frames: finish())
