"""Finding certificate QR payloads in photos, scans, PDFs and text files.

Photos of prints are blurry, tilted and unevenly lit, so each image is read as it is and then,
until something is found, as variants that help zxing-cpp's detector: grayscale with stretched
contrast, upscaled ×2 (a small code gets enough pixels per module for its binarizer), and
binarized at a global threshold. Only texts starting with "KYO1:" count. PDFs are rendered with
poppler's pdftoppm (the first MAX_PDF_PAGES pages) and read as images.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import zxingcpp
from PIL import Image, ImageOps, UnidentifiedImageError

from app.certificates.credential import PREFIX
from app.errors import InvalidInput, KyoError, NotFound
from app.i18n import _

MAX_PDF_PAGES = 10
MAX_TEXT_BYTES = 64 * 1024
UPSCALE_MAX_SIDE = 2500  # larger images have pixels enough; doubling them only costs time
PDF_TIMEOUT = 120  # seconds
QR_CODE = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


class NoCertificateFound(NotFound):
    """The file is readable but holds no Karmayogi certificate QR code."""


def payloads_in_image(image: str | Path | Image.Image) -> list[str]:
    """The certificate payloads in an image (a path or a PIL image); [] when there are none."""
    if not isinstance(image, Image.Image):
        return payloads_in_image(_open_image(Path(image)))
    for variant in _variants(image):
        found = _read(variant)
        if found:
            return found
    return []


def payloads_in_pdf(path: str | Path, dpi: int = 150) -> list[str]:
    """The certificate payloads on a PDF's pages (rendered at `dpi`); [] when there are none."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="kyo-scan-") as tmp:
        found: list[str] = []
        for page in _render_pdf(path, dpi, Path(tmp)):
            found += [p for p in payloads_in_image(page) if p not in found]
        return found


def payloads_in(path: str | Path) -> list[str]:
    """The certificate payloads in a PDF, an image, or a text file holding payloads, told
    apart by content. NoCertificateFound when there are none."""
    path = Path(path)
    head = _head(path)
    if head.startswith(b"%PDF-"):
        found = payloads_in_pdf(path)
    elif _is_image(path):
        found = payloads_in_image(path)
    else:
        found = _payloads_in_text(path)
    if not found:
        raise NoCertificateFound(
            _("No Karmayogi certificate QR code was found in {name}.").format(name=path.name)
        )
    return found


def _read(image: Image.Image) -> list[str]:
    found: list[str] = []
    for barcode in zxingcpp.read_barcodes(image, formats=QR_CODE):
        if barcode.text.startswith(PREFIX) and barcode.text not in found:
            found.append(barcode.text)
    return found


def _variants(image: Image.Image) -> Iterator[Image.Image]:
    """The image as it is, then variants that rescue blurry, small or faded codes."""
    yield image
    gray = ImageOps.autocontrast(_on_white(image).convert("L"), cutoff=1)
    yield gray
    if max(gray.size) <= UPSCALE_MAX_SIDE:
        gray = gray.resize((gray.width * 2, gray.height * 2), Image.Resampling.BICUBIC)
        yield gray
    yield gray.point(lambda v: 255 if v > 127 else 0)  # autocontrast put the middle here


def _on_white(image: Image.Image) -> Image.Image:
    """A transparent background as white, not the black that dropping alpha gives."""
    if "A" not in image.getbands() and "transparency" not in image.info:
        return image
    rgba = image.convert("RGBA")
    return Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)


def _open_image(path: Path) -> Image.Image:
    try:
        with Image.open(path) as image:
            image.load()
            return ImageOps.exif_transpose(image)
    except FileNotFoundError as exc:
        raise NotFound(
            _("There is no file or folder at {path}.").format(path=path), str(exc)
        ) from exc
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise InvalidInput(
            _("{name} could not be read as an image.").format(name=path.name), str(exc)
        ) from exc


def _render_pdf(path: Path, dpi: int, out: Path) -> list[Path]:
    """The PNG files of the first pages of the PDF at `path`."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise KyoError(_("Reading PDFs needs poppler-utils (pdftoppm), which is not installed."))
    command = [pdftoppm, "-r", str(dpi), "-png", "-f", "1", "-l", str(MAX_PDF_PAGES)]
    try:
        done = subprocess.run(
            [*command, str(path), str(out / "page")],
            capture_output=True,
            timeout=PDF_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _unreadable_pdf(path, str(exc)) from exc
    pages = sorted(out.glob("page*.png"))  # pdftoppm pads page numbers to one width
    if done.returncode != 0 or not pages:
        raise _unreadable_pdf(path, done.stderr.decode(errors="replace").strip())
    return pages


def _unreadable_pdf(path: Path, detail: str) -> KyoError:
    return InvalidInput(_("{name} could not be read as a PDF.").format(name=path.name), detail)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(8)
    except FileNotFoundError as exc:
        raise NotFound(
            _("There is no file or folder at {path}.").format(path=path), str(exc)
        ) from exc
    except OSError as exc:
        raise InvalidInput(_("{name} could not be read.").format(name=path.name), str(exc)) from exc


def _is_image(path: Path) -> bool:
    try:
        with Image.open(path):
            return True
    except Image.DecompressionBombError:
        return True  # an image, if too large: reading it says so
    except (OSError, UnidentifiedImageError):
        return False


def _payloads_in_text(path: Path) -> list[str]:
    """Lines starting with the prefix. A payload's own trailing spaces are kept: Base45 uses
    the space character."""
    try:
        with path.open("rb") as f:
            data = f.read(MAX_TEXT_BYTES + 1)
        if len(data) > MAX_TEXT_BYTES:
            raise ValueError("too large for a text file holding payloads")
        text = data.decode("utf-8-sig")
    except (OSError, ValueError) as exc:
        raise InvalidInput(
            _("{name} is not a PDF, an image or a text file holding a certificate code.").format(
                name=path.name
            ),
            str(exc),
        ) from exc
    lines = (line.lstrip() for line in text.splitlines())
    return list(dict.fromkeys(line for line in lines if line.startswith(PREFIX)))
