"""One certificate generated (claims signed into the QR payload, then the PDF with its QR code)
against fpdf2 writing a page of the same text with the same fonts and shaping but no QR and no
layout work, in the same process: median of 10 each, alternated (3 with --quick). Both load
and subset the four Noto fonts, which is most of the time. Also reports how long verifying
the certificate from a 150 dpi PNG of the page takes (QR scan, then signature check).

    .venv/bin/python bench/certificate.py
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from fpdf import FPDF

from app.certificates.credential import CertificateClaims, encode, public_key_id
from app.certificates.pdf import CertificateView, render_certificate
from app.certificates.scan import payloads_in
from app.certificates.verify import check
from app.resources import FONT_DIR
from bench._harness import bench_line, median, parser

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))  # fixed: Ed25519 is deterministic
VIEW = CertificateView(
    certificate_id=str(uuid.UUID(int=0x3F1C2A9E5B7D4C1E9A2F8D6E4B3C2A1F)),
    learner_name="अनीता शर्मा",
    course_title={
        "en": "Effective Public Grievance Redressal under CPGRAMS",
        "hi": "सीपीग्राम्स के अंतर्गत प्रभावी लोक शिकायत निवारण",
    },
    competencies=(
        ("functional", {"en": "Grievance handling", "hi": "शिकायत निवारण"}, 2.5),
        ("behavioural", {"en": "Empathy with citizens", "hi": "नागरिकों के प्रति सहानुभूति"}, 1.5),
        ("domain", {"en": "Administrative law", "hi": "प्रशासनिक क़ानून"}, 2.0),
    ),
    hours=6.0,
    score=0.875,
    completed_on=dt.date(2026, 3, 12),
    device_label="a1b2c3d4 (key)",
    state="provisional",
    platform="Karmayogi Offline (demo)",
)


def claims() -> CertificateClaims:
    return CertificateClaims(
        certificate_id=VIEW.certificate_id,
        learner_name=VIEW.learner_name,
        course_id="https://karmayogi-offline.invalid/courses/cpgrams",
        course_title=VIEW.course_title,
        completed_on=VIEW.completed_on.isoformat(),
        score=VIEW.score,
        hours=VIEW.hours,
        competencies=tuple((t, n["en"], h) for t, n, h in VIEW.competencies),
        device_id=str(uuid.UUID(int=0xA1B2C3D4)),
        issuer=public_key_id(KEY.public_key()),
        issued_at=1773273600,
    )


def certificate() -> bytes:
    """What issuing and printing costs the app: sign the claims, lay out and write the PDF."""
    return render_certificate(VIEW, encode(claims(), KEY))


def plain_page() -> bytes:
    """The baseline: the same fonts, shaping and fallback, the same words, one cell each."""
    pdf = FPDF(orientation="L", format="A4")
    for style, weight in (("", "Regular"), ("B", "Bold")):
        pdf.add_font("NotoSans", style, FONT_DIR / f"NotoSans-{weight}.ttf")
        pdf.add_font("NotoSansDevanagari", style, FONT_DIR / f"NotoSansDevanagari-{weight}.ttf")
    pdf.set_text_shaping(True)
    pdf.set_fallback_fonts(["NotoSansDevanagari"])
    pdf.add_page()
    words = [
        "Certificate of Completion",
        "पूर्णता प्रमाणपत्र",
        VIEW.learner_name,
        *VIEW.course_title.values(),
        *(f"{n['en']} / {n['hi']} · {t} · {h} hours / घंटे" for t, n, h in VIEW.competencies),
        "12 March 2026 / 12 मार्च 2026",
        VIEW.certificate_id,
        VIEW.device_label,
    ]
    for n, text in enumerate(words):
        pdf.set_font("NotoSans", "B" if n % 2 else "", 12)
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def timed(make: Callable[[], object]) -> float:
    start = time.perf_counter()
    make()
    return time.perf_counter() - start


class Trust:
    """The certificate's key as one the platform endorsed."""

    def endorsed(self) -> dict[str, Ed25519PublicKey]:
        return {public_key_id(KEY.public_key()): KEY.public_key()}

    def local(self) -> dict[str, Ed25519PublicKey]:
        return {}

    def revoked(self) -> set[str]:
        return set()


def verify_ms(runs: int) -> float:
    """Median time to read the QR from a 150 dpi PNG of the page and check its signature."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp, "certificate.pdf")
        pdf.write_bytes(certificate())
        png = Path(tmp, "certificate")
        subprocess.run(
            ["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(png)], check=True
        )
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            verdict = check(payloads_in(png.with_suffix(".png"))[0], Trust())
            times.append(time.perf_counter() - start)
            assert verdict.status == "valid", verdict
    return median(times) * 1000


def _ms(times: list[float]) -> list[int]:
    return [round(t * 1000) for t in times]


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    runs = 3 if args.quick else 10
    certificate(), plain_page()  # warm: imports, HarfBuzz, first font loads
    ours, base = [], []
    for _ in range(runs):
        ours.append(timed(certificate))
        base.append(timed(plain_page))
    o, b = median(ours) * 1000, median(base) * 1000
    print(f"certificate (sign + PDF + QR): median {o:.0f} ms  runs {_ms(ours)}")
    print(f"fpdf2 page, same fonts, no QR: median {b:.0f} ms  runs {_ms(base)}")
    sizes = len(certificate()) // 1024, len(plain_page()) // 1024
    print(f"PDF size: {sizes[0]} KiB (the plain page {sizes[1]} KiB)")
    print(f"verify from a 150 dpi PNG (scan + check): median {verify_ms(runs):.0f} ms")
    print(bench_line("certificate", o, "ms", o / b, "fpdf2_page_same_fonts_no_qr"))


if __name__ == "__main__":
    main()
