"""Small real PDFs made with Qt's own writer, for the tests that view them."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter


def a4_page(text: str, orientation: QPageLayout.Orientation) -> bytes:
    """One A4 page with `text` on it, no margins."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    writer.setPageLayout(QPageLayout(a4, orientation, QMarginsF()))
    painter = QPainter(writer)
    painter.drawText(100, 100, text)
    painter.end()
    return bytes(buffer.data())
