"""Sizes, rates and durations in words, translated (the library and the downloads page)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("Sizes", text)


def size_text(n: int | float) -> str:
    """Bytes as KB, MB or GB (decimal units, as disks and data plans count them)."""
    if n < 1_000_000:
        return _tr("%1 KB").replace("%1", f"{max(n, 0) / 1000:.0f}")
    if n < 1_000_000_000:
        return _tr("%1 MB").replace("%1", f"{n / 1_000_000:.1f}")
    return _tr("%1 GB").replace("%1", f"{n / 1_000_000_000:.2f}")


def rate_text(bytes_per_s: float) -> str:
    return _tr("%1/s").replace("%1", size_text(bytes_per_s))


def duration_text(seconds: float) -> str:
    """A time left: seconds, minutes, or hours and minutes."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return _tr("%1 s").replace("%1", str(seconds))
    minutes = round(seconds / 60)
    if minutes < 60:
        return _tr("%1 min").replace("%1", str(minutes))
    return _tr("%1 h %2 min").replace("%1", str(minutes // 60)).replace("%2", str(minutes % 60))


def hours_text(hours: float) -> str:
    """Learning hours, as a course's competencies give them."""
    shown = f"{hours:.1f}".removesuffix(".0")
    return _tr("%1 h").replace("%1", shown)
