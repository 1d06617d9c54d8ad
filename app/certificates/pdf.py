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
from decimal import ROUND_HALF_UP, Decimal

import segno
from fpdf import FPDF
from PIL import Image

from app.resources import FONT_DIR

EN_FONT, HI_FONT = "NotoSans", "NotoSansDevanagari"

# Navy with a saffron accent, ink for values. Every text colour keeps at least 7:1 against
# its background (WCAG AAA), so small print and cheap printers stay legible.
NAVY = (19, 49, 92)
SAFFRON = (224, 122, 31)  # rules and borders only: too light for text
SAFFRON_TEXT = (132, 58, 0)  # 7.0:1 on the band's fill, 8.1:1 on white
INK = (27, 31, 36)
MUTED = (78, 86, 96)
BAND_FILL = (253, 236, 214)
CONFIRMED_FILL = (230, 236, 245)

PAGE_W, PAGE_H = 297.0, 210.0
PT = 0.3528  # mm per point
LEADING = 1.45  # line height / font size: Devanagari needs room for matras and conjuncts
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
    state: str  # "provisional" | "confirmed"; anything else prints as provisional
    platform: str


def both(text: Text) -> str:
    return f"{text[0]} / {text[1]}"


def _rounded(value: float, places: str, scale: int = 1) -> str:
    """`value` times `scale`, rounded half up as people round, without trailing zeros: in
    floats, round() gives 2.2 for 2.25 and 0.285 * 100 is 28.499999999999996."""
    number = (Decimal(repr(value)) * scale).quantize(Decimal(places), ROUND_HALF_UP).normalize()
    return format(number, "f")


def format_hours(hours: float) -> str:
    """Hours in both languages, to the hundredth the credential keeps: "2.25 hours / घंटे"."""
    number = _rounded(hours, "0.01")
    return f"{number} hour / घंटा" if number == "1" else f"{number} hours / घंटे"


def format_score(score: float) -> str:
    return f"{_rounded(score, '1', scale=100)}%"


def format_date(day: dt.date) -> Text:
    """Month names from constants, not strftime: the system locale must not change the page."""
    return (
        f"{day.day:02d} {MONTHS_EN[day.month - 1]} {day.year}",
        f"{day.day:02d} {MONTHS_HI[day.month - 1]} {day.year}",
    )


def _qr(payload: str) -> segno.QRCode:
    # Error level M exactly (no boost): the same payload always gives the same symbol size.
    return segno.make(payload, error="m", boost_error=False, micro=False)


def qr_image(payload: str, scale: int) -> Image.Image:
    """The QR code as a black and white image, `scale` pixels a module, 4-module border
    (drawn from segno's matrix: a third of the time of writing and reading back a PNG)."""
    matrix = _qr(payload).matrix
    size = len(matrix) + 8
    image = Image.new("1", (size, size), 1)
    pixels = image.load()
    assert pixels is not None
    for y, row in enumerate(matrix, start=4):
        for x, dark in enumerate(row, start=4):
            if dark:
                pixels[x, y] = 0
    return image.resize((size * scale, size * scale), Image.Resampling.NEAREST)


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
        """How many lines `text` takes in the current font at `width`. Most text fits on one
        line, which the shaped width tells at a fraction of the cost of breaking lines."""
        if self.get_string_width(text) <= width:
            return 1
        result = self.multi_cell(width, 5, text, dry_run=True, output="LINES")
        assert isinstance(result, list)  # what output="LINES" returns
        return len(result)

    def fit(self, text: str, width: float, size: float, floor: float) -> float:
        """Sets and returns the largest size from `size` down to `floor` at which `text` fits
        on one line: long names and ids shrink rather than wrap (below `floor`, they wrap)."""
        while size > floor:
            self.set_font_size(size)
            if self.lines(text, width) <= 1:
                return size
            size -= 0.5
        self.set_font_size(floor)
        return floor

    def block(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        align: str = "L",
        leading: float = LEADING,
    ) -> float:
        """Wrapped text at (x, y) in the current style; returns the y below it. Devanagari
        needs more leading than Latin (matras above, conjuncts below)."""
        height = self.font_size_pt * PT * leading
        self.set_xy(x, y)
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
    floor: float = 0.0  # if set, shrinks down to this size to stay on one line
    gap: float = 1.0  # mm below it
    rule: bool = False  # a short saffron rule in the gap


CENTRE_X, CENTRE_W = 30.0, PAGE_W - 60.0


def _upper_lines(view: CertificateView, course_size: float) -> list[_Line]:
    titles = [view.course_title.get(k, "").strip() for k in ("en", "hi")]
    titles = [t for t in titles if t] or ["—"]
    return [
        _Line(TITLE[0], 26, True, NAVY, gap=0),
        _Line(TITLE[1], 21, True, NAVY, gap=7, rule=True),
        _Line(both(CERTIFY), 11, color=MUTED, gap=1.5),
        _Line(view.learner_name.strip() or "—", 30, True, NAVY, floor=16, gap=1.5),
        _Line(both(COMPLETED), 11, color=MUTED, gap=2.5),
        *(_Line(t, course_size, True, INK, gap=0.5) for t in titles),
    ]


def _measure(page: _Page, lines: list[_Line]) -> list[tuple[float, float]]:
    """Each line's font size and the height it takes, gap included."""
    measured = []
    for line in lines:
        page.style(line.size, line.bold, line.color)
        size = page.fit(line.text, CENTRE_W, line.size, line.floor) if line.floor else line.size
        height = page.lines(line.text, CENTRE_W) * size * PT * LEADING
        measured.append((size, height + line.gap))
    return measured


def _draw_upper(page: _Page, view: CertificateView, top: float, bottom: float) -> None:
    """The centred narrative, in the middle of the space above the details so that short and
    long titles both leave the page balanced; long course titles wrap, then shrink."""
    for course_size in (16, 15, 14, 13, 12, 11, 10):
        lines = _upper_lines(view, course_size)
        measured = _measure(page, lines)
        total = sum(height for _, height in measured)
        if total <= bottom - top:
            break
    y = top + max(0.0, (bottom - top - total) / 2)
    for line, (size, height) in zip(lines, measured, strict=True):
        page.style(size, line.bold, line.color)
        page.block(CENTRE_X, y, CENTRE_W, line.text, "C")
        if line.rule:
            page.set_draw_color(*SAFFRON)
            page.set_line_width(0.6)
            rule_y = y + height - line.gap / 2
            page.line(PAGE_W / 2 - 30, rule_y, PAGE_W / 2 + 30, rule_y)
        y += height


LEFT, RIGHT = 20.0, PAGE_W - 20.0
LOWER_TOP, LOWER_BOTTOM = 127.0, 186.0
COMP_X, COMP_W = LEFT + 2, 96.0
FACTS_X, FACTS_W = 126.0, 98.0
QR_X = RIGHT - QR_SIZE


def _name(names: dict[str, str]) -> str:
    return " / ".join(n.strip() for n in (names.get("en", ""), names.get("hi", "")) if n.strip())


def _competency_lines(kind: str, names: dict[str, str], hours: float) -> tuple[str, str]:
    type_en, type_hi = TYPES.get(kind, (kind.capitalize(), kind))
    kind_text = f"{type_en} / {type_hi}" if type_hi != kind else type_en
    return _name(names) or "—", f"{kind_text} · {format_hours(hours)}"


def _competency_height(page: _Page, lines: tuple[str, str]) -> float:
    page.style(9.5, bold=True)
    height = page.lines(lines[0], COMP_W) * 9.5 * PT * LEADING
    page.style(8)
    return height + page.lines(lines[1], COMP_W) * 8 * PT * LEADING + 2


def _draw_competencies(page: _Page, view: CertificateView) -> None:
    """As many competencies as fit, then how many more there are."""
    y = page.label(COMP_X, LOWER_TOP, COMP_W, COMPETENCIES) + 1
    entries = [_competency_lines(*c) for c in view.competencies]
    for shown, lines in enumerate(entries):
        left = len(entries) - shown
        reserve = 6.0 if left > 1 else 0.0  # room for the "more" line
        if y + _competency_height(page, lines) + reserve > LOWER_BOTTOM:
            page.style(8.5, color=MUTED)
            page.block(COMP_X, y, COMP_W, f"+ {left} {MORE[0]} / + {left} {MORE[1]}")
            return
        page.style(9.5, bold=True)
        y = page.block(COMP_X, y, COMP_W, lines[0])
        page.style(8, color=MUTED)
        y = page.block(COMP_X, y, COMP_W, lines[1]) + 2
    if not entries:
        page.style(9.5)
        page.block(COMP_X, y, COMP_W, "—")


def _fact(page: _Page, x: float, y: float, width: float, label: Text, *values: str) -> float:
    """A small saffron label over its value; long values (ids) shrink to fit one line."""
    y = page.label(x, y, width, label)
    for value in values:
        page.style(10.5)
        page.fit(value, width, 10.5, 7)
        y = page.block(x, y, width, value)
    return y + 2.5


def _draw_facts(page: _Page, view: CertificateView) -> None:
    half = (FACTS_W - 4) / 2
    y = _fact(page, FACTS_X, LOWER_TOP, half, TOTAL_HOURS, format_hours(view.hours))
    if view.score is not None:
        _fact(page, FACTS_X + half + 4, LOWER_TOP, half, SCORE, format_score(view.score))
    y = _fact(page, FACTS_X, y, FACTS_W, COMPLETED_ON, *format_date(view.completed_on))
    y = _fact(page, FACTS_X, y, FACTS_W, CERTIFICATE_ID, view.certificate_id)
    _fact(page, FACTS_X, y, FACTS_W, DEVICE, view.device_label)


def _draw_qr(page: _Page, payload: str) -> None:
    """The code as an image of ten pixels a module: viewers smooth a small image that they
    enlarge (a one-pixel-a-module code renders as a grey blur at 150 dpi); at this size the
    smoothing only softens the edges of the modules."""
    y = LOWER_TOP - 5
    page.image(qr_image(payload, 10), x=QR_X, y=y, w=QR_SIZE, h=QR_SIZE)
    y += QR_SIZE - 1
    page.style(7.5, bold=True, color=NAVY)
    y = page.block(QR_X - 6, y, QR_SIZE + 12, SCAN[0], "C", 1.35)
    y = page.block(QR_X - 6, y, QR_SIZE + 12, SCAN[1], "C", 1.35)
    page.style(6.5, color=MUTED)
    prefix = payload[:24].rstrip() + ("…" if len(payload) > 24 else "")
    page.block(QR_X - 6, y, QR_SIZE + 12, prefix, "C")


def _draw_frame(page: _Page) -> None:
    """A navy border with a fine saffron line inside it, and a rule above the details."""
    page.set_draw_color(*NAVY)
    page.set_line_width(1.2)
    page.rect(8, 8, PAGE_W - 16, PAGE_H - 16)
    page.set_draw_color(*SAFFRON)
    page.set_line_width(0.4)
    page.rect(10.5, 10.5, PAGE_W - 21, PAGE_H - 21)
    page.set_line_width(0.25)
    page.line(LEFT, LOWER_TOP - 8, RIGHT, LOWER_TOP - 8)


def _draw_state(page: _Page, state: str) -> None:
    """A band across the top: saffron and in capitals while the platform has not confirmed
    the certificate, a quiet navy tint once it has."""
    provisional = state != "confirmed"
    fill, color = (BAND_FILL, SAFFRON_TEXT) if provisional else (CONFIRMED_FILL, NAVY)
    page.set_fill_color(*fill)
    page.set_draw_color(*(SAFFRON if provisional else NAVY))
    page.set_line_width(0.5 if provisional else 0.2)
    page.rect(LEFT, 14, RIGHT - LEFT, 8.5, style="DF")
    page.style(10 if provisional else 9.5, bold=True, color=color)
    text = both(PROVISIONAL if provisional else CONFIRMED)
    page.set_xy(LEFT, 14)
    page.cell(RIGHT - LEFT, 8.5, text, align="C")


def _draw_footer(page: _Page, platform: str) -> None:
    page.style(7.5, color=MUTED)
    text = f"Issued by {platform} on this device / इस उपकरण पर {platform} द्वारा जारी"
    page.block(LEFT, 190.5, RIGHT - LEFT, text, "C")


def render_certificate(view: CertificateView, qr_payload: str) -> bytes:
    """The certificate as a one-page PDF; the same view and payload give the same bytes."""
    page = _Page()
    title = view.course_title.get("en") or view.course_title.get("hi") or ""
    page.set_title(f"{TITLE[0]}: {view.learner_name} — {title}".strip(" —"))
    page.set_author(view.platform)
    page.set_creator(view.platform)
    page.set_lang("en-IN")
    # Fixed from the certificate itself, not the clock: the output is byte-stable.
    page.set_creation_date(dt.datetime.combine(view.completed_on, dt.time(), dt.UTC))
    _draw_frame(page)
    _draw_state(page, view.state)
    _draw_upper(page, view, top=25, bottom=LOWER_TOP - 10)
    _draw_competencies(page, view)
    _draw_facts(page, view)
    _draw_qr(page, qr_payload)
    _draw_footer(page, view.platform)
    return bytes(page.output())
