"""The window's certificate screens: list, preview, print, save, verify (a mixin of MainWindow:
it uses the window's ops, core, pages and learner)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication

from app.fsutil import atomic_write_bytes

if TYPE_CHECKING:
    from ui.certificates_page import CertificatesPage


class CertificateScreens:
    # Texts are in the MainWindow context, as before the split: translate(), not self.tr().
    @property
    def certificates_page(self) -> CertificatesPage:
        def build() -> CertificatesPage:
            from ui.certificates_page import CertificatesPage  # QtPdf: only when opened

            page = CertificatesPage()
            page.back_requested.connect(self.show_library)
            page.preview_requested.connect(self.preview_certificate)
            page.print_requested.connect(self.print_certificate)
            page.save_requested.connect(self.save_certificate)
            page.verify_requested.connect(self.choose_certificate_to_verify)
            return page

        return cast("CertificatesPage", self._page("certificates", build))

    def show_certificates(self) -> None:
        from ui.certificates_page import CertificateRow

        page = self.certificates_page
        self._show_page(page)

        def load() -> list[CertificateRow]:
            return [
                CertificateRow(c.id, c.claims["course_title"], c.claims["completed_on"], c.state)
                for c in self._learner().certificates()
            ]

        self.ops.run(load, page.set_certificates)

    def preview_certificate(self, certificate_id: str) -> None:
        page = self.certificates_page
        self.ops.run(lambda: self._learner().certificate_pdf(certificate_id), page.show_pdf)

    def print_certificate(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        page = self.certificates_page
        if not page.pdf_bytes:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            page.print_to(printer)

    def save_certificate(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        page = self.certificates_page
        if not page.pdf_bytes:
            return
        name = f"certificate-{(page.current_id() or 'karmayogi')[:8]}.pdf"
        title = QCoreApplication.translate("MainWindow", "Save certificate")
        kinds = QCoreApplication.translate("MainWindow", "PDF files (*.pdf)")
        path, _filter = QFileDialog.getSaveFileName(self, title, name, kinds)
        if path:
            self.save_certificate_to(Path(path))

    def save_certificate_to(self, path: Path) -> None:
        data = self.certificates_page.pdf_bytes
        self.ops.run(lambda: atomic_write_bytes(path, data, mode=0o644), lambda _none: None)

    def choose_certificate_to_verify(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        title = QCoreApplication.translate("MainWindow", "Verify a certificate")
        kinds = QCoreApplication.translate(
            "MainWindow", "Certificates (*.pdf *.png *.jpg *.jpeg *.txt);;All files (*)"
        )
        path, _filter = QFileDialog.getOpenFileName(self, title, "", kinds)
        if path:
            self.verify_certificate_file(Path(path))

    def verify_certificate_file(self, path: Path) -> None:
        page = self.certificates_page
        self.ops.run(
            lambda: self.core.verify_certificate(path),
            lambda verdict: page.show_verdict(verdict.status, verdict.message),
        )
