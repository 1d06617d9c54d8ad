"""The certificate PDF: fonts embedded, text that copies back out (both scripts), Hindi shaped
(conjuncts, reph, half forms), a page that renders to A4 landscape with a QR code a phone can
read, nothing outside the frame, and the same bytes for the same certificate.

The docs sample (docs/certificate-sample.{pdf,png}) is SAMPLE rendered; regenerate it with
    .venv/bin/python -m tests.certificates.test_pdf
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import re
import subprocess
import sys
import zlib
from pathlib import Path

import base45
import pytest
import uharfbuzz as hb
import zxingcpp
from PIL import Image, ImageFilter

from app.certificates.pdf import (
    CertificateView,
    format_date,
    format_hours,
    format_score,
    qr_png,
    render_certificate,
)
from app.resources import FONT_DIR
from tests.conftest import PROJECT

# Shaped like a real payload ("KYO1:" + Base45 of compressed bytes), but signs nothing.
PAYLOAD = "KYO1:" + base45.b45encode(bytes(range(256)) + bytes(range(0, 200, 3))).decode()

SAMPLE = CertificateView(
    certificate_id="3f1c2a9e-5b7d-4c1e-9a2f-8d6e4b3c2a1f",
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
    device_label="a1b2c3d4 (9f8e7d6c5b4a3921)",
    state="provisional",
    platform="Karmayogi Offline (demo)",
)
LATIN = dataclasses.replace(SAMPLE, learner_name="Asha Devi", state="confirmed", score=None)
CONJUNCTS = "क्षमता त्रैमासिक श्रीमती प्रशिक्षण कर्मयोगी"
HINDI_ONLY = dataclasses.replace(
    SAMPLE,
    learner_name="श्रीमती क्‍षमा",  # a ZWJ asks for a half form: क्‍ष, not the क्ष ligature
    course_title={"hi": CONJUNCTS},
    competencies=(),
)
LONG = dataclasses.replace(
    SAMPLE,
    learner_name="Venkatalakshmi Annapurna Subramaniam-Raghunathan Iyer Krishnamurthy",
    course_title={
        "en": "Quarterly capacity building: training of trainers for the Mission Karmayogi "
        "competency framework across ministries, departments and organisations",
        "hi": "त्रैमासिक क्षमता निर्माण: मिशन कर्मयोगी दक्षता ढाँचे के लिए मंत्रालयों, विभागों और "
        "संगठनों में प्रशिक्षकों का प्रशिक्षण",
    },
    competencies=tuple(
        ("functional", {"en": f"Competency {n} with a long name", "hi": f"दक्षता {n}"}, 1.0)
        for n in range(9)
    ),
    certificate_id="urn:example:certificate:3f1c2a9e-5b7d-4c1e-9a2f-8d6e4b3c2a1f-0001",
)
MM = 72 / 25.4  # points per mm
FRAME = 10.5 * MM  # the inner (saffron) border's inset


def _run(*args: str | Path) -> str:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=True, timeout=60
    ).stdout


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each view rendered once for the whole module (about a third of a second each)."""
    out = tmp_path_factory.mktemp("certificates")
    views = {"sample": SAMPLE, "latin": LATIN, "hindi": HINDI_ONLY, "long": LONG}
    for name, view in views.items():
        (out / f"{name}.pdf").write_bytes(render_certificate(view, PAYLOAD))
    return {name: out / f"{name}.pdf" for name in views}


def _squeezed(text: str) -> str:
    """pdftotext may put spaces inside Devanagari words (after an i-matra): compare without."""
    return re.sub(r"\s+", "", text)


def _to_unicode(pdf: Path) -> set[str]:
    """The text each embedded glyph stands for, from the fonts' ToUnicode maps: a shaped
    conjunct is one glyph that maps back to several characters."""
    texts = set()
    for raw in re.findall(rb"stream\n(.*?)\nendstream", pdf.read_bytes(), re.S):
        stream = raw
        with contextlib.suppress(zlib.error):  # fpdf2 leaves some streams uncompressed
            stream = zlib.decompress(raw)
        if b"begincmap" in stream:
            for hex_text in re.findall(rb"<[0-9A-F]{4}> <([0-9A-F]+)>", stream):
                chars = [int(hex_text[i : i + 4], 16) for i in range(0, len(hex_text), 4)]
                texts.add("".join(map(chr, chars)))
    return texts


def test_both_noto_families_are_embedded(pdfs: dict[str, Path]) -> None:
    rows = [line.split() for line in _run("pdffonts", pdfs["sample"]).splitlines()[2:]]
    embedded = {row[0].split("+")[-1]: row[-5] for row in rows}  # name ... emb sub uni obj gen
    assert embedded == {
        "NotoSans": "yes",
        "NotoSansBold": "yes",
        "NotoSansDevanagari": "yes",
        "NotoSansDevanagariBold": "yes",
    }


@pytest.mark.parametrize("name", ["sample", "latin"])
def test_text_copies_back_out_in_both_scripts(pdfs: dict[str, Path], name: str) -> None:
    view = {"sample": SAMPLE, "latin": LATIN}[name]
    text = _squeezed(_run("pdftotext", "-layout", pdfs[name], "-"))
    for wanted in (
        view.learner_name,
        view.course_title["en"],
        view.course_title["hi"],
        "Certificate of Completion",
        "पूर्णता प्रमाणपत्र",
        "This is to certify that / प्रमाणित किया जाता है कि",
        "Functional / कार्यात्मक · 2.5 hours / घंटे",
        "Total hours / कुल घंटे",
        "6 hours / घंटे",
        "12 March 2026",
        "12 मार्च 2026",
        view.certificate_id,
        view.device_label,
        "Scan to verify offline",
        "ऑफ़लाइन सत्यापन हेतु स्कैन करें",
        PAYLOAD[:20],
        "Issued by Karmayogi Offline (demo) on this device",
    ):
        assert _squeezed(wanted) in text, wanted


def test_the_state_is_shown(pdfs: dict[str, Path]) -> None:
    provisional = _squeezed(_run("pdftotext", pdfs["sample"], "-"))
    confirmed = _squeezed(_run("pdftotext", pdfs["latin"], "-"))
    band = _squeezed("PROVISIONAL — awaiting confirmation from the platform")
    band_hi = _squeezed("अनंतिम — प्लेटफ़ॉर्म की पुष्टि की प्रतीक्षा")
    assert band in provisional and band_hi in provisional
    assert band not in confirmed and band_hi not in confirmed
    assert "Confirmed/पुष्ट" in confirmed and "Confirmed/पुष्ट" not in provisional
    assert "Score/प्राप्तांक" in provisional and "88%" in provisional  # 0.875, rounded half up
    assert "Score" not in confirmed  # LATIN has no score


@pytest.mark.parametrize("name", ["sample", "latin"])
def test_page_renders_and_its_qr_code_reads_back(
    pdfs: dict[str, Path], name: str, tmp_path: Path
) -> None:
    _run("pdftoppm", "-r", "150", "-png", "-singlefile", pdfs[name], tmp_path / "page")
    image = Image.open(tmp_path / "page.png")
    assert image.size[0] in (1753, 1754) and image.size[1] in (1240, 1241)  # A4 landscape
    codes = zxingcpp.read_barcodes(image)
    assert [c.text for c in codes] == [PAYLOAD]
    assert codes[0].ec_level == "M"
    corners = codes[0].position
    left, top = corners.top_left.x, corners.top_left.y
    right, bottom = corners.bottom_right.x, corners.bottom_right.y
    assert (right - left) / 150 * 25.4 > 35  # the symbol alone is over 3.5 cm wide
    assert left > image.size[0] * 0.7 and top > image.size[1] * 0.5  # bottom right
    # Sharp modules: grey only along their edges (an enlarged 1-pixel-a-module image
    # would be smoothed into a blur, over half of it grey).
    histogram = image.convert("L").crop((left, top, right, bottom)).histogram()
    assert sum(histogram[40:215]) / sum(histogram) < 0.3
    # A rough phone photo of the print: tilted, out of focus, half the resolution, grey.
    photo = image.convert("L").rotate(7, expand=True, fillcolor=200)
    photo = photo.filter(ImageFilter.GaussianBlur(0.8)).reduce(2)
    photo = photo.point(lambda v: 40 + v * 7 // 10)
    assert [c.text for c in zxingcpp.read_barcodes(photo)] == [PAYLOAD]


def test_hindi_is_shaped_without_missing_glyphs(pdfs: dict[str, Path]) -> None:
    for weight in ("Regular", "Bold"):
        font = hb.Font(
            hb.Face(hb.Blob.from_file_path(FONT_DIR / f"NotoSansDevanagari-{weight}.ttf"))
        )
        for word in [*CONJUNCTS.split(), SAMPLE.learner_name, SAMPLE.course_title["hi"]]:
            buf = hb.Buffer()
            buf.add_str(word)
            buf.guess_segment_properties()
            hb.shape(font, buf, {})
            assert all(info.codepoint != 0 for info in buf.glyph_infos), (weight, word)
    # In the PDF: the conjuncts are single glyphs (so fpdf2 did shape), and no syllable was
    # cut in two (a lone virama glyph), the ZWJ's half form included.
    glyphs = _to_unicode(pdfs["hindi"])
    assert {"क्ष", "त्र", "श्र", "प्र"} <= glyphs
    assert "्" not in glyphs
    assert any(g.startswith("र्") for g in glyphs)  # reph, as in कर्मयोगी
    text = _squeezed(_run("pdftotext", pdfs["hindi"], "-"))
    assert _squeezed(CONJUNCTS) in text


@pytest.mark.parametrize("name", ["sample", "long"])
def test_nothing_leaves_the_frame_or_crosses_the_rule(pdfs: dict[str, Path], name: str) -> None:
    """Every word inside the inner border; none across the rule above the details (long
    names and titles shrink and wrap instead)."""
    html = _run("pdftotext", "-bbox", pdfs[name], "-")
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    assert page
    width, height = float(page[1]), float(page[2])
    rule = (127 - 8) * MM
    words = re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html
    )
    assert len(words) > 60
    for x0, y0, x1, y1, word in words:
        box = tuple(map(float, (x0, y0, x1, y1)))
        assert FRAME < box[0] < box[2] < width - FRAME, word
        assert FRAME < box[1] < box[3] < height - FRAME, word
        assert not box[1] < rule < box[3], word
    if name == "long":
        text = _squeezed(_run("pdftotext", pdfs[name], "-"))
        assert _squeezed(LONG.learner_name) in text and _squeezed(LONG.course_title["hi"]) in text
        assert "+5more/+5और" in text  # 4 of 9 competencies fit


def test_same_view_same_bytes(pdfs: dict[str, Path]) -> None:
    again = render_certificate(SAMPLE, PAYLOAD)
    assert again == pdfs["sample"].read_bytes()
    assert b"/CreationDate (D:20260312000000Z" in again  # from completed_on, not the clock
    assert render_certificate(SAMPLE, PAYLOAD + "A") != again


def test_qr_png_has_error_level_m_and_a_4_module_border() -> None:
    png = qr_png("KYO1:ABC", scale=5)
    image = Image.open(io.BytesIO(png))
    (code,) = zxingcpp.read_barcodes(image)
    assert code.text == "KYO1:ABC" and code.ec_level == "M"
    assert image.size == ((21 + 8) * 5, (21 + 8) * 5)  # version 1: 21 modules, border 4


def test_formatting() -> None:
    assert format_date(dt.date(2026, 2, 5)) == ("05 February 2026", "05 फ़रवरी 2026")
    assert format_date(dt.date(2025, 12, 31))[1] == "31 दिसंबर 2025"
    assert format_hours(1.0) == "1 hour / घंटा"
    assert format_hours(4 / 3) == "1.33 hours / घंटे"
    assert format_hours(2.25) == "2.25 hours / घंटे" and format_hours(2.005) == "2.01 hours / घंटे"
    assert format_hours(10.0) == "10 hours / घंटे"
    assert format_hours(6) == "6 hours / घंटे"
    assert format_score(0.875) == "88%" and format_score(1.0) == "100%"
    assert format_score(0.0) == "0%" and format_score(0.285) == "29%"


def test_docs_samples_exist_and_are_current() -> None:
    pdf, png = (
        PROJECT / "docs" / "certificate-sample.pdf",
        PROJECT / "docs" / "certificate-sample.png",
    )
    assert pdf.is_file() and png.is_file()
    assert Image.open(png).size in ((1754, 1241), (1754, 1240), (1753, 1240))
    regenerate = "regenerate: .venv/bin/python -m tests.certificates.test_pdf"
    assert pdf.read_bytes() == render_certificate(SAMPLE, PAYLOAD), regenerate


def _write_samples() -> None:
    docs = PROJECT / "docs"
    (docs / "certificate-sample.pdf").write_bytes(render_certificate(SAMPLE, PAYLOAD))
    stem = docs / "certificate-sample"
    _run("pdftoppm", "-r", "150", "-png", "-singlefile", f"{stem}.pdf", stem)
    print(f"wrote {stem}.pdf and {stem}.png", file=sys.stderr)


if __name__ == "__main__":
    _write_samples()
