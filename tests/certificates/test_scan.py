"""Finding the QR payload in page images, photos of prints, PDFs and text files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import segno
import zxingcpp
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter

from app.certificates.credential import encode
from app.certificates.scan import NoCertificateFound, payloads_in, payloads_in_image
from app.certificates.verify import check
from app.errors import InvalidInput, NotFound
from tests.certificates.test_credential import KEY, claims
from tests.certificates.test_verify import ENDORSED, PAYLOAD

A4_LANDSCAPE_CM = (29.7, 21.0)


def _truncated_png() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 64).save(buffer, "PNG")
    return buffer.getvalue()[:2000]


def px(cm: float, dpi: int) -> int:
    return round(cm / 2.54 * dpi)


def qr(text: str, cm: float, dpi: int, **colours: object) -> Image.Image:
    """The code as a printer at `dpi` puts it on paper `cm` wide (quiet zone included)."""
    buffer = io.BytesIO()
    segno.make(text, micro=False, error="m").save(buffer, kind="png", scale=1, **colours)
    code = Image.open(io.BytesIO(buffer.getvalue()))
    return code.resize((px(cm, dpi), px(cm, dpi)), Image.Resampling.NEAREST)


def page(dpi: int, *codes: Image.Image) -> Image.Image:
    """A certificate-like A4 landscape page: some text, the codes at the bottom right."""
    width, height = (px(cm, dpi) for cm in A4_LANDSCAPE_CM)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((dpi, dpi), "Certificate of completion", fill="black", font_size=dpi // 3)
    draw.text((dpi, 2 * dpi), "Serving Citizens Well", fill="black", font_size=dpi // 5)
    x = width - dpi
    for code in codes:
        x -= code.width + dpi // 2
        image.paste(code, (x, height - dpi - code.height), code if code.mode == "RGBA" else None)
    return image


def photograph(image: Image.Image, angle: float) -> Image.Image:
    """A phone photo of a print: 60 % of the pixels, tilted, blurred, JPEG quality 50."""
    small = image.resize((image.width * 3 // 5, image.height * 3 // 5), Image.Resampling.LANCZOS)
    tilted = small.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor="white")
    buffer = io.BytesIO()
    tilted.filter(ImageFilter.GaussianBlur(1)).save(buffer, "JPEG", quality=50)
    return Image.open(io.BytesIO(buffer.getvalue()))


def test_png_page_with_a_3_cm_code_at_150_dpi(tmp_path: Path) -> None:
    path = tmp_path / "certificate.png"
    page(150, qr(PAYLOAD, 3.0, 150)).save(path)
    assert payloads_in(path) == [PAYLOAD]
    assert check(payloads_in(path)[0], ENDORSED).status == "valid"


@pytest.mark.parametrize("angle", [3, -5])
def test_photo_of_a_print(tmp_path: Path, angle: float) -> None:
    # A print is 300 dpi and so is a phone photo of a whole A4 page, roughly; 60 % of that
    # leaves ~2.4 pixels per module of a 3.5 cm version-14 code, which survives the blur.
    path = tmp_path / "photo.jpg"
    photograph(page(300, qr(PAYLOAD, 3.5, 300)), angle).save(path)
    assert payloads_in(path) == [PAYLOAD]


def test_a_tiny_code_is_found_by_upscaling() -> None:
    # A screenshot of a PDF viewer at low zoom: 1.3 pixels per module, too few as it is.
    buffer = io.BytesIO()
    segno.make(PAYLOAD, micro=False, error="m").save(buffer, kind="png", scale=1)
    code = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    size = round(code.width * 1.3)
    screenshot = Image.new("L", (size + 200, size + 100), 255)
    screenshot.paste(code.resize((size, size), Image.Resampling.LANCZOS), (100, 50))
    assert zxingcpp.read_barcodes(screenshot) == []
    assert payloads_in_image(screenshot) == [PAYLOAD]


def test_pdf_is_rendered_and_scanned(tmp_path: Path) -> None:
    code = tmp_path / "code.png"
    segno.make(PAYLOAD, micro=False, error="m").save(code, scale=8)
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=28)
    pdf.cell(text="Certificate of completion")
    pdf.image(str(code), x=230, y=150, w=35)
    pdf.output(str(tmp_path / "certificate.pdf"))
    assert payloads_in(tmp_path / "certificate.pdf") == [PAYLOAD]


def test_an_image_in_memory_and_other_codes_beside_ours() -> None:
    other = encode(claims(certificate_id="0b7a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"), KEY)
    image = page(150, qr("https://example.org/", 2.5, 150), qr(other, 3.0, 150))
    assert payloads_in_image(image) == [other]


def test_a_code_on_a_transparent_background(tmp_path: Path) -> None:
    # Light modules transparent black, as design tools export: dropping alpha makes it all black.
    code = qr(PAYLOAD, 3.0, 150).convert("L")
    dark = code.point(lambda v: 255 if v < 128 else 0)
    transparent = Image.new("RGBA", code.size, (0, 0, 0, 0))
    transparent.putalpha(dark)
    transparent.save(tmp_path / "code.png")
    assert payloads_in(tmp_path / "code.png") == [PAYLOAD]
    segno.make(PAYLOAD, micro=False, error="m").save(tmp_path / "segno.png", scale=3, light=None)
    assert payloads_in(tmp_path / "segno.png") == [PAYLOAD]


def test_no_certificate_code_is_a_clear_error(tmp_path: Path) -> None:
    plain, foreign = tmp_path / "plain.png", tmp_path / "foreign.png"
    page(150).save(plain)
    page(150, qr("https://example.org/", 3.0, 150)).save(foreign)
    for path in (plain, foreign):
        with pytest.raises(
            NoCertificateFound, match=f"No Karmayogi certificate QR code .*{path.name}"
        ):
            payloads_in(path)
    assert payloads_in_image(plain) == []


def test_a_text_file_holding_the_payload(tmp_path: Path) -> None:
    path = tmp_path / "code.txt"
    path.write_bytes(b"\xef\xbb\xbfscanned:\r\n  " + PAYLOAD.encode() + b"\r\n")
    assert payloads_in(path) == [PAYLOAD]
    path.write_text("nothing here\n")
    with pytest.raises(NoCertificateFound):
        payloads_in(path)


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (None, NotFound, "There is no file"),
        (_truncated_png(), InvalidInput, "could not be read as an image"),
        (b"%PDF-1.7\nnot really\n", InvalidInput, "could not be read as a PDF"),
        (bytes(range(256)) * 4, InvalidInput, "not a PDF, an image or a text file"),
    ],
    ids=["missing", "broken PNG", "broken PDF", "binary"],
)
def test_unreadable_files_are_clear_errors(
    tmp_path: Path, content: bytes | None, error: type[Exception], words: str
) -> None:
    path = tmp_path / "upload.bin"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(error, match=words):
        payloads_in(path)
