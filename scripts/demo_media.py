"""Media for the demo course: the slide video (Qt + ffmpeg) and the PDF handout (fpdf2).

Both embed or draw with the project's own Noto fonts, so Hindi is shaped by HarfBuzz in both
(Qt uses it internally; fpdf2 through uharfbuzz) and nothing depends on the build machine's fonts.
"""

from __future__ import annotations

import math
import os
import subprocess
import tempfile
import wave
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import imageio_ffmpeg
from fpdf import FPDF

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPainter,
)

FONTS = Path(__file__).resolve().parent.parent / "app" / "fonts"
FAMILIES = ["Noto Sans", "Noto Sans Devanagari"]  # Qt falls back per script, in this order

Text = dict[str, str]

# One palette for slides and handout: navy/saffron on warm white, Hindi in teal; all >= 6:1.
NAVY = "#13315c"
ACCENT = "#a14a00"
HINDI = "#0b4f52"
INK = "#1b1f24"
PAPER = "#faf7f0"
PANEL = "#f5f2ea"
TRACK = "#e3ded2"

# ---------------------------------------------------------------------------------------------
# Video


def _qt_app() -> QGuiApplication:
    """Qt needs an application object before fonts can be added."""
    app = QGuiApplication.instance() or QGuiApplication([])
    loaded: set[str] = set()
    for path in sorted(FONTS.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        loaded.update(QFontDatabase.applicationFontFamilies(font_id))
    missing = set(FAMILIES) - loaded
    if missing:
        raise SystemExit(f"fonts not loaded from {FONTS}: {sorted(missing)}")
    assert isinstance(app, QGuiApplication)
    return app


def _font(px: int, bold: bool = False, lang: str = "en") -> QFont:
    """Hindi text asks for the Devanagari face first: Qt then never tries to shape Devanagari
    with the Latin face (and warns that it has no OpenType tables for it)."""
    font = QFont()
    font.setFamilies(FAMILIES[::-1] if lang == "hi" else FAMILIES)
    font.setPixelSize(px)
    font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    return font


class _Canvas:
    """Draws wrapped text top-down on a slide and keeps track of how far down it has got."""

    def __init__(self, painter: QPainter, width: int, y: float) -> None:
        self.painter = painter
        self.width = width
        self.y = y

    def text(self, text: str, font: QFont, color: str, x: float, center: bool = False) -> None:
        flags = Qt.TextFlag.TextWordWrap | (
            Qt.AlignmentFlag.AlignHCenter if center else Qt.AlignmentFlag.AlignLeft
        )
        width = self.width - 2 * x if center else self.width - x - 80
        self.painter.setFont(font)
        self.painter.setPen(QColor(color))
        box = self.painter.boundingRect(QRectF(x, self.y, width, 1000), int(flags), text)
        self.painter.drawText(QRectF(x, self.y, width, box.height()), int(flags), text)
        self.y += box.height()


def render_slide(
    slide: dict[str, Any], header: Text, number: int, count: int, size: tuple[int, int]
) -> QImage:
    """One slide, English above Hindi; raises if the text runs into the progress bar."""
    width, height = size
    image = QImage(width, height, QImage.Format.Format_RGB888)
    image.fill(QColor(PAPER))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(0, 0, width, 64, QColor(NAVY))
    painter.fillRect(0, 64, width, 6, QColor(ACCENT))
    painter.setFont(_font(24, lang="hi"))
    painter.setPen(QColor("#ffffff"))
    band = QRectF(40, 0, width - 80, 64)
    left = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
    right = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight)
    painter.drawText(band, left, f"{header['en']}  ·  {header['hi']}")
    if number:  # the title slide goes unnumbered
        painter.drawText(band, right, f"{number} / {count - 1}")
    title = slide.get("layout") == "title"
    canvas = _Canvas(painter, width, 200 if title else 110)
    canvas.text(slide["title"]["en"], _font(64 if title else 50, bold=True), NAVY, 60, title)
    canvas.y += 4
    canvas.text(slide["title"]["hi"], _font(58 if title else 44, True, "hi"), HINDI, 60, title)
    canvas.y += 44 if title else 36
    for line in slide["lines"]:
        if not title:
            painter.fillRect(QRectF(80, canvas.y + 16, 14, 14), QColor(ACCENT))
        canvas.text(line["en"], _font(32), INK, 60 if title else 116, title)
        canvas.y += 4
        canvas.text(line["hi"], _font(32, lang="hi"), HINDI, 60 if title else 116, title)
        canvas.y += 30
    painter.end()
    if canvas.y > height - 30:
        raise SystemExit(f"slide {number + 1} is too full: text reaches y={canvas.y:.0f}")
    return image


def _frames(slides: list[QImage], spec: dict[str, Any]) -> Iterator[bytes]:
    """Every frame: the slide, a cross-fade from the previous one, and a progress bar."""
    fps, fade = spec["fps"], spec["fade_s"]
    durations = [s["duration_s"] for s in spec["slides"]]
    starts = [sum(durations[:k]) for k in range(len(durations))]
    total = round(sum(durations) * fps)
    width, height = spec["size"]
    for i in range(total):
        t = i / fps
        k = max(j for j, start in enumerate(starts) if start <= t + 1e-9)
        frame = slides[k].copy()
        painter = QPainter(frame)
        if k and t - starts[k] < fade:
            painter.setOpacity(1 - (t - starts[k]) / fade)
            painter.drawImage(0, 0, slides[k - 1])
            painter.setOpacity(1)
        painter.fillRect(0, height - 10, width, 10, QColor(TRACK))
        painter.fillRect(QRectF(0, height - 10, width * (i + 1) / total, 10), QColor(ACCENT))
        painter.end()
        if frame.bytesPerLine() != width * 3:
            raise SystemExit("frame rows are padded; use a width that is a multiple of 4")
        yield bytes(frame.constBits())[: width * height * 3]


def _write_chimes(path: Path, starts: list[float], total_s: float, rate: int = 24000) -> None:
    """A soft two-note chime at each slide change, silence otherwise (mono, 16-bit)."""
    samples = array("h", bytes(2 * round(total_s * rate)))
    length = round(0.9 * rate)
    for start in starts:
        first = round(start * rate)
        for j in range(min(length, len(samples) - first)):
            t = j / rate
            envelope = min(1.0, t / 0.01) * math.exp(-5 * t)  # no click at the start
            tone = math.sin(2 * math.pi * 880 * t) + 0.5 * math.sin(2 * math.pi * 1320 * t)
            samples[first + j] = round(32767 * 0.08 * envelope * tone)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())


def _ffmpeg_command(spec: dict[str, Any], wav: Path, out: Path) -> list[str]:
    width, height = spec["size"]
    fps, fade = spec["fps"], spec["fade_s"]
    durations = [s["duration_s"] for s in spec["slides"]]
    # A keyframe where each slide has finished fading in: seeking lands on a clean slide, and
    # text is not re-encoded from scratch every couple of seconds (the bulk of the file size).
    keys = ",".join(f"{sum(durations[:k]) + (fade if k else 0):g}" for k in range(len(durations)))
    return [
        imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostats", "-loglevel", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-framerate", str(fps),
        "-i", "-", "-i", str(wav), "-map", "0:v", "-map", "1:a",
        # Slides are still pictures: stillimage tuning keeps text crisp at a small size.
        "-c:v", "libx264", "-preset", "slow", "-tune", "stillimage", "-crf", "20",
        "-pix_fmt", "yuv420p", "-force_key_frames", keys, "-g", str(10 * fps),
        "-c:a", "aac", "-b:a", "48k",
        # moov first so players can start before reading the whole file (it is streamed from
        # the zip); bitexact, one thread and no metadata make rebuilds byte-identical.
        "-movflags", "+faststart", "-map_metadata", "-1", "-threads", "1",
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
        str(out),
    ]  # fmt: skip


def build_video(spec: dict[str, Any]) -> tuple[bytes, float]:
    """The MP4 described by slides.json, and its duration in seconds."""
    _app = _qt_app()  # held: Qt's application object must outlive the drawing
    size = (spec["size"][0], spec["size"][1])
    count = len(spec["slides"])
    slides = [render_slide(s, spec["header"], n, count, size) for n, s in enumerate(spec["slides"])]
    durations = [s["duration_s"] for s in spec["slides"]]
    total = float(sum(durations))
    with tempfile.TemporaryDirectory() as tmp:
        wav, out, log = Path(tmp, "chimes.wav"), Path(tmp, "video.mp4"), Path(tmp, "ffmpeg.log")
        _write_chimes(wav, [sum(durations[:k]) for k in range(len(durations))], total)
        with log.open("wb") as err:
            proc = subprocess.Popen(
                _ffmpeg_command(spec, wav, out), stdin=subprocess.PIPE, stderr=err
            )
            assert proc.stdin is not None
            for frame in _frames(slides, spec):
                proc.stdin.write(frame)
            proc.stdin.close()
            if proc.wait() != 0:
                raise SystemExit(f"ffmpeg failed:\n{log.read_text(errors='replace')}")
        return out.read_bytes(), total


# ---------------------------------------------------------------------------------------------
# PDF

FIXED_DATE = datetime(2025, 1, 1, tzinfo=UTC)  # a fixed creation date keeps the PDF byte-stable
EN_FONT, HI_FONT = "NotoSans", "NotoSansDevanagari"


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


class Handout(FPDF):
    """A4 pages with a running head (after page 1) and a bilingual page number."""

    def __init__(self, title: Text) -> None:
        super().__init__(format="A4")
        self.course_title = title
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(True, margin=20)
        for family, stem in ((EN_FONT, "NotoSans"), (HI_FONT, "NotoSansDevanagari")):
            self.add_font(family, "", FONTS / f"{stem}-Regular.ttf")
            self.add_font(family, "B", FONTS / f"{stem}-Bold.ttf")
        self.set_text_shaping(True)
        # Latin inside Hindi text (e.g. "CPGRAMS") and Hindi inside English both find a font.
        self.set_fallback_fonts([EN_FONT, HI_FONT])

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font(EN_FONT, "", 8.5)
            self.set_text_color(*_rgb(NAVY))
            title = f"{self.course_title['en']} · {self.course_title['hi']}"
            self.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(EN_FONT, "", 8.5)
        self.set_text_color(*_rgb(INK))
        self.cell(0, 6, f"Page {self.page_no()} · पृष्ठ {self.page_no()}", align="C")

    def write_text(
        self, text: str, lang: str, size: float = 11, bold: bool = False, **cell: Any
    ) -> None:
        """One paragraph in one language. Devanagari looks smaller than Latin at the same size
        and needs more leading for its matras, so Hindi gets a little of both."""
        if lang == "hi":
            size += 0.5
        self.set_font(HI_FONT if lang == "hi" else EN_FONT, "B" if bold else "", size)
        self.set_text_color(*_rgb(cell.pop("color", HINDI if lang == "hi" else INK)))
        self.set_x(self.l_margin + cell.pop("indent", 0))
        leading = 1.75 if lang == "hi" else 1.5
        height = size * 0.3528 * leading  # points to mm, times the leading
        self.multi_cell(0, height, text, align="L", new_x="LMARGIN", new_y="NEXT", **cell)

    def pair(self, block: Text, indent: float = 0, marker: str = "") -> None:
        """English, then Hindi, with an optional bullet or number before them."""
        if marker:
            self.set_font(EN_FONT, "B", 11)
            self.set_text_color(*_rgb(ACCENT))
            self.set_x(self.l_margin + indent - 6)
            self.cell(6, 5.8, marker)
        self.write_text(block["en"], "en", indent=indent)
        self.write_text(block["hi"], "hi", indent=indent)
        self.ln(2.5)

    def heading(self, block: Text) -> None:
        self.ln(2)
        self.write_text(block["en"], "en", size=14, bold=True, color=NAVY)
        self.write_text(block["hi"], "hi", size=13, bold=True)
        self.ln(1.5)

    def box(self, block: Text) -> None:
        """A tinted panel sets an example apart from the guidance around it."""
        self.set_fill_color(*_rgb(PANEL))
        self.write_text(block["en"], "en", fill=True, padding=(4, 5, 1, 5))
        self.write_text(block["hi"], "hi", fill=True, padding=(1, 5, 4, 5))
        self.ln(4)

    def notes(self, block: Text) -> None:
        """A heading and ruled lines to the foot of the page, for the reader's own answers."""
        if self.will_page_break(50):
            self.add_page()
        self.ln(2)
        self.write_text(f"{block['en']} · {block['hi']}", "hi", size=12, bold=True, color=NAVY)
        self.set_draw_color(*_rgb(TRACK))
        self.set_line_width(0.3)
        y = self.get_y() + 9
        while y < self.h - self.b_margin - 4:
            self.line(self.l_margin, y, self.w - self.r_margin, y)
            y += 9


@dataclass(frozen=True)
class _Unit:
    """What must stay on one page: a paragraph pair, one bullet, a box; a heading also keeps
    to the unit after it, so it never ends a page on its own."""

    draw: Callable[[Handout], None]
    keep_with_next: bool = False
    breakable: bool = False


def _units(block: dict[str, Any]) -> list[_Unit]:
    kind = block["type"]
    if kind in ("bullets", "steps"):
        markers = [f"{n}." if kind == "steps" else "•" for n in range(1, len(block["items"]) + 1)]
        return [
            _Unit(partial(Handout.pair, block=item, indent=7, marker=marker))
            for item, marker in zip(block["items"], markers, strict=True)
        ]
    draw = {"heading": Handout.heading, "para": Handout.pair, "box": Handout.box}
    draw["notes"] = Handout.notes
    if kind not in draw:
        raise SystemExit(f"handout: unknown block type {kind!r}")
    return [_Unit(partial(draw[kind], block=block), kind == "heading", kind == "notes")]


def _title_block(pdf: Handout, source: dict[str, Any]) -> None:
    pdf.set_text_color(*_rgb(NAVY))
    pdf.set_font(EN_FONT, "B", 24)
    pdf.multi_cell(0, 11, source["title"]["en"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*_rgb(HINDI))
    pdf.set_font(HI_FONT, "B", 22)
    pdf.multi_cell(0, 12, source["title"]["hi"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.write_text(source["subtitle"]["en"], "en", size=11.5, bold=True)
    pdf.write_text(source["subtitle"]["hi"], "hi", size=11.5, bold=True)
    pdf.set_draw_color(*_rgb(ACCENT))
    pdf.set_line_width(1)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
    pdf.ln(7)


def build_pdf(source: dict[str, Any]) -> tuple[bytes, int]:
    """The handout described by handout.json, and its page count."""
    pdf = Handout(source["title"])
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(f"{source['title']['en']} / {source['title']['hi']}")
    pdf.set_author("Karmayogi Offline (demo)")
    pdf.add_page()
    _title_block(pdf, source)
    units = [unit for block in source["blocks"] for unit in _units(block)]
    while units:
        group = [units.pop(0)]
        while group[-1].keep_with_next and units:
            group.append(units.pop(0))
        if any(unit.breakable for unit in group):
            for unit in group:
                unit.draw(pdf)
        else:
            with pdf.unbreakable() as doc:  # moves the whole group to the next page if need be
                for unit in group:
                    unit.draw(doc)
    return bytes(pdf.output()), pdf.pages_count
