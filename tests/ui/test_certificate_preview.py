"""The certificate preview fits the page in view without scroll bars: with them "as needed",
some widths made one appear, the page fit again, it went, and so on for ever (the preview
flickered and was blank in the Hindi screenshot, whose narrower list left such a width)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QEventLoop, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from ui.certificates_page import CertificatesPage


def landscape_a4() -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    writer.setPageLayout(QPageLayout(a4, QPageLayout.Orientation.Landscape, QMarginsF()))
    painter = QPainter(writer)
    painter.drawText(100, 100, "Certificate")
    painter.end()
    return bytes(buffer.data())


def test_the_preview_settles_at_every_width(qtbot) -> None:
    page = CertificatesPage()
    qtbot.addWidget(page)
    page.show_pdf(landscape_a4())
    page.show()
    qtbot.waitExposed(page)
    view = page.preview
    for width in range(900, 1200, 2):
        page.resize(width, 720)
        sizes = []
        for _round in range(6):
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)  # never stuck
            sizes.append(view.viewport().size().toTuple())
        assert len(set(sizes[2:])) == 1, f"at width {width} the preview keeps changing: {sizes}"
        assert not view.verticalScrollBar().isVisible()
