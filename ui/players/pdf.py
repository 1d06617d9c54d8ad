"""The PDF player: QtPdf's view of the course's PDF, all pages in one scroll, at the resume page.

Each page that comes on screen is recorded through the item's activity (a PDF completes when
every page was seen); the page on screen is where it resumes. Pages are recorded in batches
through one `SerialOps`: scrolling fast through many pages makes one write per batch, in order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, QTimer
from PySide6.QtGui import QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import KyoError
from app.i18n import text_in
from ui.players.base import ItemPlayer
from ui.players.media_keys import page_shortcut
from ui.players.media_queue import SerialOps

if TYPE_CHECKING:
    from app.learning import ItemActivity, Learner
    from app.progress import ItemProgress
    from ui.ops import Ops

log = logging.getLogger(__name__)

ZOOM_STEP, ZOOM_MIN, ZOOM_MAX = 1.25, 0.25, 5.0


@dataclass(frozen=True)
class OpenedPdf:
    """What the player needs to show the PDF (made on a worker)."""

    activity: ItemActivity
    title: dict[str, str]
    data: bytes
    resume_page: int  # 1-based
    progress: ItemProgress


def open_pdf(learner: Learner, course_id: str, item_id: str) -> OpenedPdf:
    """Worker: open the item (a "launched" event), read its PDF and the page to resume at."""
    activity = learner.open_item(course_id, item_id)
    try:
        data = learner.content.files.read(course_id, activity.item.src)
        view = learner.course(course_id)
        progress = next(v.progress for v in view.items if v.item.id == item_id)
    except BaseException:
        activity.close()
        raise
    page = int(progress.resume.get("page", 1) or 1)
    return OpenedPdf(activity, dict(activity.item.title), data, max(1, page), progress)


class PdfPlayer(ItemPlayer):
    def __init__(
        self,
        ops: Ops,
        learner: Learner,
        course_id: str,
        item_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, learner, course_id, item_id, parent)
        self.serial = SerialOps(ops)
        self.activity: ItemActivity | None = None
        self.opened: OpenedPdf | None = None
        self.progress: ItemProgress | None = None
        self.problem_detail: str | None = None  # why the PDF cannot be shown; None: it can
        self.recorded: set[int] = set()  # 1-based pages recorded as seen
        self._unsent: list[int] = []  # pages shown since the last recording, in order
        self._flush_queued = False
        self._pending_jump: int | None = None  # the resume page, until the view can go there
        self._tracking = False
        self._buffer: QBuffer | None = None
        self._build()
        self._layout()
        self._shortcuts()
        self._set_controls_enabled(False)
        self.retranslate()
        self.serial.submit(
            lambda: open_pdf(learner, course_id, item_id), self._opened, self._open_failed
        )

    # construction

    def _build(self) -> None:
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        # After setDocument: the view lays the pages out first, then we can jump to a page.
        self.document.statusChanged.connect(self._document_status)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # Always there: "as needed", a page about as tall as the view brought the bar, fit
        # narrower, lost the bar, fit wider... for ever inside Qt (the window froze).
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows scroll, keys reach us
        self.navigator = self.view.pageNavigator()
        self.navigator.currentPageChanged.connect(self._current_page_changed)
        self.view.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.view.zoomFactorChanged.connect(self._show_zoom)
        self.view.zoomModeChanged.connect(self._show_zoom)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)  # relative: follows the system font
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.status = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.screen = QStackedWidget()
        self.screen.addWidget(self.view)
        self.screen.addWidget(self.message)
        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, 1)
        self.page_spin.setKeyboardTracking(False)  # typing "12" goes to 12, not 1 then 12
        self.page_spin.valueChanged.connect(lambda page: self.go_to_page(page))
        self.page_label, self.of_label, self.zoom_label = QLabel(), QLabel(), QLabel()
        self.page_label.setBuddy(self.page_spin)
        self.back_button, self.previous_button, self.next_button = (QPushButton() for _ in "123")
        self.zoom_out_button, self.zoom_in_button, self.fit_button = (QPushButton() for _ in "123")
        self.back_button.clicked.connect(self.finished)
        self.previous_button.clicked.connect(lambda: self.turn(-1))
        self.next_button.clicked.connect(lambda: self.turn(+1))
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.fit_button.clicked.connect(self.fit_width)

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        for widget in (self.previous_button, self.page_label, self.page_spin, self.of_label):
            bar.addWidget(widget)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            bar.addWidget(widget)
        bar.addWidget(self.fit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.screen, 1)
        layout.addLayout(bar)
        order = (self.view, self.previous_button, self.page_spin, self.next_button)
        order += (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.back_button)
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _shortcuts(self) -> None:
        page_shortcut(self, QKeySequence.StandardKey.Cancel, self.finished.emit)
        page_shortcut(self, "PgUp", lambda: self.turn(-1))
        page_shortcut(self, "PgDown", lambda: self.turn(+1))
        page_shortcut(self, "Home", lambda: self.go_to_page(1))
        page_shortcut(self, "End", lambda: self.go_to_page(self.document.pageCount()))
        page_shortcut(self, "Ctrl++", self.zoom_in)
        page_shortcut(self, "Ctrl+=", self.zoom_in)  # the same key without Shift
        page_shortcut(self, "Ctrl+-", self.zoom_out)
        page_shortcut(self, "Ctrl+0", self.fit_width)

    def retranslate(self) -> None:
        self.title.setText(text_in(self.opened.title) if self.opened else self.tr("PDF"))
        self.back_button.setText(self.tr("&Back"))
        self.back_button.setToolTip(self.tr("Back to the course (Esc)"))
        self.previous_button.setText(self.tr("Pre&vious page"))
        self.previous_button.setToolTip(self.tr("Previous page (Page Up)"))
        self.next_button.setText(self.tr("&Next page"))
        self.next_button.setToolTip(self.tr("Next page (Page Down)"))
        self.page_label.setText(self.tr("Pa&ge:"))
        self.page_spin.setAccessibleName(self.tr("Page number"))
        self.zoom_out_button.setText(self.tr("Zoom &out"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        self.zoom_in_button.setText(self.tr("Zoom &in"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in (Ctrl++)"))
        self.fit_button.setText(self.tr("&Fit width"))
        self.fit_button.setToolTip(self.tr("Fit the page to the width (Ctrl+0)"))
        self.view.setAccessibleName(self.tr("PDF pages"))
        self.of_label.setText(self.tr("of %1").replace("%1", str(self.document.pageCount())))
        self._show_zoom()
        self._show_progress_text()
        self._show_problem()

    # loading

    def _opened(self, opened: OpenedPdf) -> None:
        self.opened, self.activity, self.progress = opened, opened.activity, opened.progress
        self.recorded = set(opened.progress.detail.get("pages_seen", []))
        self.retranslate()
        if self.problem_detail is not None or self.activity is None:
            return
        self._buffer = QBuffer(self)  # the document reads from memory we own
        self._buffer.setData(QByteArray(opened.data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

    def _open_failed(self, exc: BaseException) -> None:
        self._set_problem(exc.message if isinstance(exc, KyoError) else str(exc))
        if not isinstance(exc, KyoError):
            self.serial.report(exc)  # a defect: the window's presenter says so

    def _document_status(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Error:
            error = self.document.error()
            log.warning("PDF %s/%s cannot be shown: %s", self.course_id, self.item_id, error)
            self._set_problem(error.name)
        elif status == QPdfDocument.Status.Ready and self.opened is not None:
            pages = self.document.pageCount()
            self.page_spin.blockSignals(True)
            self.page_spin.setRange(1, max(1, pages))
            self.page_spin.blockSignals(False)
            self._set_controls_enabled(pages > 0)
            self.retranslate()
            self._pending_jump = min(self.opened.resume_page, max(1, pages))
            self._jump_when_shown()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._jump_when_shown()

    def _jump_when_shown(self) -> None:
        """To the resume page once the view has its size (fit-to-width lays pages out by it)."""
        if self._pending_jump is None or not self.view.isVisible():
            return
        page, self._pending_jump = self._pending_jump, None
        self._tracking = True
        self.go_to_page(page)
        self._page_shown(self.navigator.currentPage() + 1)

    def _set_problem(self, detail: str) -> None:
        self.problem_detail = detail
        self._set_controls_enabled(False)
        self._show_problem()

    def _show_problem(self) -> None:
        if self.problem_detail is None:
            self.screen.setCurrentWidget(self.view)
            return
        text = self.tr("This PDF cannot be opened.")
        self.message.setText(f"{text}\n\n{self.problem_detail}".strip())
        self.message.setAccessibleName(text)
        self.screen.setCurrentWidget(self.message)

    def _set_controls_enabled(self, enabled: bool) -> None:
        controls = (self.previous_button, self.next_button, self.page_spin)
        controls += (self.zoom_out_button, self.zoom_in_button, self.fit_button)
        if not enabled and self.focusWidget() in (*controls, self.view):
            self.back_button.setFocus()  # focus must not vanish with the controls
        for widget in controls:
            widget.setEnabled(enabled)

    # navigation and zoom

    def go_to_page(self, page: int) -> None:
        """Show page `page` (1-based) from its top."""
        pages = self.document.pageCount()
        if pages <= 0:
            return
        page = max(1, min(page, pages))
        self.navigator.jump(page - 1, QPointF(), self.navigator.currentZoom())
        self._show_page_number(page)

    def turn(self, delta: int) -> None:
        self.go_to_page(self.navigator.currentPage() + 1 + delta)

    def effective_zoom(self) -> float:
        """The scale pages are drawn at: the zoom factor, or what fit-to-width works out."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        width = self.document.pagePointSize(max(0, self.navigator.currentPage())).width()
        if width <= 0:
            return 1.0
        margins = self.view.documentMargins()
        room = self.view.viewport().width() - margins.left() - margins.right()
        return room / (width * self.view.logicalDpiX() / 72)

    def _set_zoom(self, factor: float) -> None:
        self._keeping_place(lambda: self._custom_zoom(max(ZOOM_MIN, min(ZOOM_MAX, factor))))

    def _custom_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    def _keeping_place(self, change: Callable[[], None]) -> None:
        """Zoom and stay at the same place in the document: the same share of the scroll
        range, set again once the view has laid the pages out at the new size."""
        bar = self.view.verticalScrollBar()
        share = bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0
        change()
        self._show_zoom()
        QTimer.singleShot(0, self, lambda: bar.setValue(round(share * bar.maximum())))

    def zoom_in(self) -> None:
        self._set_zoom(self.effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.effective_zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self._keeping_place(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))

    def _show_zoom(self) -> None:
        text = f"{round(self.effective_zoom() * 100)} %"
        self.zoom_label.setText(text)
        self.zoom_label.setAccessibleName(self.tr("Zoom: %1").replace("%1", text))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_zoom()  # fit-to-width: the scale follows the width

    def _show_page_number(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page)
        self.page_spin.blockSignals(False)

    # page tracking

    def _current_page_changed(self, page: int) -> None:
        self._show_page_number(page + 1)
        self._page_shown(page + 1)

    def _scrolled(self, value: int) -> None:
        """At the very bottom the last page is on screen, though a short one never reaches
        the top of the view, where the navigator counts pages from."""
        bar = self.view.verticalScrollBar()
        if value >= bar.maximum():
            self._page_shown(self.document.pageCount())

    def _page_shown(self, page: int) -> None:
        if not self._tracking or page < 1 or self.activity is None:
            return
        if page in self._unsent:
            self._unsent.remove(page)
        self._unsent.append(page)  # the last one is where the learner is: the resume page
        if not self._flush_queued:
            self._flush_queued = True
            self.serial.then(self._record_pages)  # after what is under way: one batch

    def _record_pages(self) -> None:
        self._flush_queued = False
        activity, pages = self.activity, self.document.pageCount()
        current = self._unsent[-1] if self._unsent else None
        if activity is None or current is None:
            return
        new = [p for p in self._unsent[:-1] if p not in self.recorded]
        self._unsent = []
        self.recorded.update([*new, current])

        def work() -> ItemProgress:
            for page in new:
                activity.page(page, pages)
            return activity.page(current, pages)

        self.serial.submit(work, self._recorded)

    def _recorded(self, progress: ItemProgress) -> None:
        self.progress = progress
        self._show_progress_text()

    def _show_progress_text(self) -> None:
        p = self.progress
        if p is None:
            self.status.clear()
        elif p.completed:
            self.status.setText(self.tr("Completed: you have seen every page."))
        else:
            seen = len(p.detail.get("pages_seen", []))
            total = p.detail.get("pages") or self.document.pageCount()
            text = self.tr("Pages seen: %1 of %2").replace("%1", str(seen))
            self.status.setText(text.replace("%2", str(total)))

    # leaving

    def close_item(self, done: Callable[[], None]) -> None:
        """Record the pages not yet recorded, close the activity off the GUI thread, done()."""
        self._tracking = False  # pages still unsent are in a batch queued before this

        def close_activity() -> None:
            activity, self.activity = self.activity, None
            if activity is not None:
                self.serial.submit(activity.close)
            self.serial.then(self.document.close)
            self.serial.then(done)

        self.serial.then(close_activity)

    def on_shown(self) -> None:
        self.view.setFocus()
