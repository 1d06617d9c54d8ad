"""Files shipped inside the core package: fonts (OFL, see fonts/OFL.txt)."""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).parent / "fonts"

# Latin first, then Devanagari: Noto Sans has no Devanagari glyphs, so text shaping falls back
# to the second family for Hindi and both scripts share one look.
FONT_FAMILIES = ("Noto Sans", "Noto Sans Devanagari")


def font_files() -> list[Path]:
    return sorted(FONT_DIR.glob("*.ttf"))
