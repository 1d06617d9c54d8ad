"""Certificates: the learner's list, a preview (QtPdf), print, save, and verifying any
certificate from a file or a photo. QtPdf loads only when this page is first opened."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.i18n import text_in
from ui.widgets import Page, heading


@dataclass(frozen=True)
class CertificateRow:
    """What the list shows of one certificate (made by the window from the core's data)."""

    id: str
    title: dict[str, str]
    completed_on: str
    state: str


class CertificatesPage(Page):
    back_requested = Signal()
    preview_requested = Signal(str)  # certificate id: the window fetches the PDF
    print_requested = Signal()
    save_requested = Signal()
    verify_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CertificateRow] = []
        self.pdf_bytes = b""
        self.title = heading()
        self.cert_list = QListWidget()
        self.cert_list.currentItemChanged.connect(self._selected)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.preview = QPdfView()
        self.preview.setDocument(self.document)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitInView)
        # The page always fits: with scroll bars as needed, some widths made one appear, the
        # page fit again, it went, and so on for ever (the preview flickered and stayed blank).
        for policy in (self.preview.setVerticalScrollBarPolicy,
                       self.preview.setHorizontalScrollBarPolicy):  # fmt: skip
            policy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.print_button, self.save_button = QPushButton(), QPushButton()
        self.verify_button, self.back_button = QPushButton(), QPushButton()
        self.print_button.clicked.connect(self.print_requested)
        self.save_button.clicked.connect(self.save_requested)
        self.verify_button.clicked.connect(self.verify_requested)
        self.back_button.clicked.connect(self.back_requested)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self, self.back_requested.emit)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_requested.emit)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save_requested.emit)
        self._layout()
        self.retranslate()
        self.set_certificates([])

    def _layout(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.cert_list, 1)
        column.addWidget(self.empty_label)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 3)
        buttons = QHBoxLayout()
        for button in (self.back_button, self.verify_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.save_button, self.print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.verdict)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Certificates"))
        self.cert_list.setAccessibleName(self.tr("Your certificates"))
        self.preview.setAccessibleName(self.tr("Certificate preview"))
        self.empty_label.setText(
            self.tr(
                "No certificates yet. Complete a course to get one: it is made at once, "
                "and you can print it here."
            )
        )
        self.print_button.setText(self.tr("&Print…"))
        self.save_button.setText(self.tr("&Save as PDF…"))
        self.verify_button.setText(self.tr("&Verify a certificate…"))
        self.back_button.setText(self.tr("&Back to library"))
        self._fill()

    def _states(self) -> dict[str, str]:
        return {"provisional": self.tr("provisional"), "confirmed": self.tr("confirmed")}

    def set_certificates(self, rows: list[CertificateRow]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        current = self.current_id()
        self.cert_list.blockSignals(True)
        self.cert_list.clear()
        states = self._states()
        for row in self.rows:
            text = f"{text_in(row.title)}\n{row.completed_on} · {states.get(row.state, row.state)}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.cert_list.addItem(item)
            if row.id == current:
                self.cert_list.setCurrentItem(item)
        self.cert_list.blockSignals(False)
        has_any = bool(self.rows)
        self.empty_label.setVisible(not has_any)
        for button in (self.print_button, self.save_button):
            button.setEnabled(has_any)
        if has_any and self.cert_list.currentRow() < 0:
            self.cert_list.setCurrentRow(0)

    def current_id(self) -> str | None:
        item = self.cert_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _selected(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.preview_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def show_pdf(self, data: bytes) -> None:
        """Preview the PDF (kept in memory: QPdfDocument reads from a buffer we own)."""
        self.pdf_bytes = data
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

    def show_verdict(self, status: str, message: str) -> None:
        labels = {
            "valid": self.tr("Valid"),
            "provisional": self.tr("Provisional"),
            "unknown_issuer": self.tr("Unknown issuer"),
            "tampered": self.tr("Tampered"),
            "revoked": self.tr("Revoked"),
        }
        self.verdict.setText(f"<b>{labels.get(status, status)}</b>: {message}")
        self.verdict.setAccessibleName(self.verdict.text())

    def print_to(self, printer: QPrinter) -> None:
        """Render the previewed certificate's pages onto `printer`, each fitting the page."""
        painter = QPainter()
        if not painter.begin(printer):
            return
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                target = painter.viewport()
                size = self.document.pagePointSize(page).toSize()
                scale = min(target.width() / max(1, size.width()),
                            target.height() / max(1, size.height()))  # fmt: skip
                image = self.document.render(page, QSize(int(size.width() * scale),
                                                         int(size.height() * scale)))  # fmt: skip
                painter.drawImage(0, 0, image)
        finally:
            painter.end()

    def on_shown(self) -> None:
        (self.cert_list if self.rows else self.verify_button).setFocus()
