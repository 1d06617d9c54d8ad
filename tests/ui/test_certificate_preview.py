"""The certificate preview fits the page in view without scroll bars: with them "as needed",
some widths made one appear, the page fit again, it went, and so on for ever (the preview
flickered and was blank in the Hindi screenshot, whose narrower list left such a width)."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QPageLayout
from PySide6.QtWidgets import QApplication

from tests.support.pdf import a4_page
from ui.certificates_page import CertificatesPage


def test_the_preview_settles_at_every_width(qtbot) -> None:
    page = CertificatesPage()
    qtbot.addWidget(page)
    page.show_pdf(a4_page("Certificate", QPageLayout.Orientation.Landscape))
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
