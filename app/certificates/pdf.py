"""The printable certificate: one A4 landscape page, English and Hindi side by side.

fpdf2 shapes text with HarfBuzz (conjuncts, matras, reph) and embeds subsets of the project's
Noto fonts, so the page looks the same on every machine and its text stays selectable. Noto
Sans has no Devanagari, so it is the main face and Noto Sans Devanagari the fallback: every
run, Latin or Hindi or mixed (a Hindi name in an English sentence), finds its glyphs.

The labels are bilingual constants rather than translations: the printed page carries both
languages whatever the interface language is. The page claims nothing official: it says
which application issued it, on which device.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import segno
from fpdf import FPDF

from app.resources import FONT_DIR

EN_FONT, HI_FONT = "NotoSans", "NotoSansDevanagari"

# Navy with a saffron accent, ink for values; text colours keep >= 7:1 on white.
NAVY = (19, 49, 92)
SAFFRON = (224, 122, 31)  # rules and borders only: too light for text
SAFFRON_TEXT = (150, 70, 0)
INK = (27, 31, 36)
MUTED = (84, 92, 102)
BAND_FILL = (253, 236, 214)
CONFIRMED_FILL = (230, 236, 245)
WHITE = (255, 255, 255)

PAGE_W, PAGE_H = 297.0, 210.0
PT = 0.3528  # mm per point
QR_SIZE = 46.0  # mm with the quiet zone; the symbol itself stays wider than 3.5 cm

Text = tuple[str, str]  # (English, Hindi)

TITLE: Text = ("Certificate of Completion", "पूर्णता प्रमाणपत्र")
CERTIFY: Text = ("This is to certify that", "प्रमाणित किया जाता है कि")
COMPLETED: Text = (
    "has successfully completed the course",
    "ने निम्नलिखित पाठ्यक्रम सफलतापूर्वक पूरा किया है",
)
COMPETENCIES: Text = ("Competencies", "दक्षताएँ")
TOTAL_HOURS: Text = ("Total hours", "कुल घंटे")
SCORE: Text = ("Score", "प्राप्तांक")
COMPLETED_ON: Text = ("Completed on", "पूर्णता तिथि")
CERTIFICATE_ID: Text = ("Certificate ID", "प्रमाणपत्र संख्या")
DEVICE: Text = ("Issuing device", "जारीकर्ता उपकरण")
PROVISIONAL: Text = (
    "PROVISIONAL — awaiting confirmation from the platform",
    "अनंतिम — प्लेटफ़ॉर्म की पुष्टि की प्रतीक्षा",
)
CONFIRMED: Text = ("Confirmed", "पुष्ट")
SCAN: Text = ("Scan to verify offline", "ऑफ़लाइन सत्यापन हेतु स्कैन करें")
HOURS_UNIT: Text = ("h", "घंटे")
MORE: Text = ("more", "और")
# The same words as the interface's catalogue (app/locale/hi) uses for the iGOT types.
TYPES: dict[str, Text] = {
    "behavioural": ("Behavioural", "व्यवहारिक"),
    "functional": ("Functional", "कार्यात्मक"),
    "domain": ("Domain", "क्षेत्र-विशेष"),
}
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_HI = (
    "जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून",
    "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर",
)  # fmt: skip


@dataclass(frozen=True)
class CertificateView:
    """What the page shows; built by the caller from the credential and the course."""

    certificate_id: str
    learner_name: str
    course_title: dict[str, str]  # {"en": ..., "hi": ...}; either may be missing
    competencies: tuple[tuple[str, dict[str, str], float], ...]  # (type, {en, hi}, hours)
    hours: float
    score: float | None  # 0..1; None: no score line
    completed_on: dt.date
    device_label: str
    state: str  # "provisional" | "confirmed"
    platform: str


def both(text: Text) -> str:
    return f"{text[0]} / {text[1]}"


def format_hours(hours: float) -> str:
    return f"{round(hours, 1):g}"


def format_score(score: float) -> str:
    return f"{int(score * 100 + 0.5)}%"  # half up: 0.875 prints as 88%, as people round


def format_date(day: dt.date) -> Text:
    """Month names from constants, not strftime: the system locale must not change the page."""
    return (
        f"{day.day:02d} {MONTHS_EN[day.month - 1]} {day.year}",
        f"{day.day:02d} {MONTHS_HI[day.month - 1]} {day.year}",
    )


def _qr(payload: str) -> segno.QRCode:
    # Error level M exactly (no boost): the same payload always gives the same symbol size.
    return segno.make(payload, error="m", boost_error=False, micro=False)


def qr_png(payload: str, scale: int = 8) -> bytes:
    """The QR code as a PNG, `scale` pixels per module, with the standard 4-module border."""
    out = io.BytesIO()
    _qr(payload).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


class _Page(FPDF):
    """An A4 landscape page with both Noto families and helpers that place text in boxes."""

    def __init__(self) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.set_margins(0, 0, 0)
        self.set_auto_page_break(False)
        self.c_margin = 0  # boxes are measured exactly: no padding inside cells
        # ZWJ/ZWNJ select Hindi half forms. Noto Sans has them too, and a joiner set in the
        # Latin face would cut its syllable into two shaping runs (a dotted circle appears):
        # kept out of the Latin face, they fall back to Devanagari with their syllable.
        latin = [(0x0000, 0x200B), (0x200E, 0xFFFF)]
        for style, weight in (("", "Regular"), ("B", "Bold")):
            self.add_font(EN_FONT, style, FONT_DIR / f"NotoSans-{weight}.ttf", unicode_range=latin)
            self.add_font(HI_FONT, style, FONT_DIR / f"NotoSansDevanagari-{weight}.ttf")
        self.set_text_shaping(True)
        self.set_fallback_fonts([HI_FONT])
        self.add_page()

    def style(self, size: float, bold: bool = False, color: tuple[int, int, int] = INK) -> None:
        self.set_font(EN_FONT, "B" if bold else "", size)
        self.set_text_color(*color)

    def lines(self, text: str, width: float) -> int:
        """How many lines `text` takes in the current font at `width`."""
        result = self.multi_cell(width, 5, text, dry_run=True, output="LINES")
        return len(result)  # type: ignore[arg-type]

    def fit(self, text: str, width: float, size: float, floor: float, max_lines: int = 1) -> float:
        """The largest size from `size` down to `floor` at which `text` takes at most
        `max_lines` lines; long names and titles shrink instead of running off the page."""
        while size > floor:
            self.set_font_size(size)
            if self.lines(text, width) <= max_lines:
                return size
            size -= 0.5
        self.set_font_size(floor)
        return floor

    def block(self, x: float, y: float, width: float, text: str, leading: float = 1.45) -> float:
        """Wrapped text at (x, y) in the current style; returns the y below it. Devanagari
        needs more leading than Latin (matras above, conjuncts below)."""
        height = self.font_size_pt * PT * leading
        self.set_xy(x, y)
        align = "C" if x + width / 2 == PAGE_W / 2 else "L"
        self.multi_cell(width, height, text, align=align, new_x="LEFT", new_y="NEXT")
        return self.get_y()

    def label(self, x: float, y: float, width: float, text: Text) -> float:
        self.style(7.5, bold=True, color=SAFFRON_TEXT)
        return self.block(x, y, width, both(text), leading=1.5)


@dataclass(frozen=True)
class _Line:
    """One centred paragraph of the certificate's upper half."""

    text: str
    size: float
    bold: bool = False
    color: tuple[int, int, int] = INK
    floor: float = 0.0  # smallest size it may shrink to; 0: never shrinks
    max_lines: int = 2
    gap: float = 1.0  # mm below it


CENTRE_X, CENTRE_W = 30.0, PAGE_W - 60.0
UPPER_TOP, UPPER_BOTTOM = 25.0, 121.0


def _upper_lines(view: CertificateView) -> list[_Line]:
    titles = [view.course_title.get(k, "").strip() for k in ("en", "hi")]
    titles = [t for t in titles if t] or ["—"]
    return [
        _Line(TITLE[0], 26, True, NAVY, gap=0),
        _Line(TITLE[1], 21, True, NAVY, gap=7),
        _Line(both(CERTIFY), 11, color=MUTED, gap=1.5),
        _Line(view.learner_name.strip(), 30, True, NAVY, floor=16, max_lines=1, gap=1.5),
        _Line(both(COMPLETED), 11, color=MUTED, gap=2.5),
        *(_Line(t, 16, True, INK, floor=11, gap=0.5) for t in titles),
    ]


def _draw_upper(page: _Page, view: CertificateView) -> None:
    """The centred narrative, placed in the middle of the space above the details so that
    short and long titles both leave the page balanced."""
    lines = _upper_lines(view)
    sizes, heights = [], []
    for line in lines:
        page.style(line.size, line.bold, line.color)
        size = page.fit(line.text, CENTRE_W, line.size, line.floor or line.size, line.max_lines)
        sizes.append(size)
        heights.append(page.lines(line.text, CENTRE_W) * size * PT * 1.45 + line.gap)
    y = UPPER_TOP + max(0.0, (UPPER_BOTTOM - UPPER_TOP - sum(heights)) / 2)
    for line, size, height in zip(lines, sizes, heights, strict=True):
        page.style(size, line.bold, line.color)
        page.block(CENTRE_X, y, CENTRE_W, line.text)
        if line.text == TITLE[1]:  # a short saffron rule under the title
            page.set_draw_color(*SAFFRON)
            page.set_line_width(0.6)
            rule_y = y + height - line.gap / 2
            page.line(PAGE_W / 2 - 30, rule_y, PAGE_W / 2 + 30, rule_y)
        y += height
