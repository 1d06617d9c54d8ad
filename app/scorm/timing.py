"""SCORM time formats: 1.2 CMITimespan/CMITime and 2004 ISO 8601 intervals and timestamps.

Times are kept to hundredths of a second, the precision both editions define, so a value read
back and written again does not drift.
"""

from __future__ import annotations

import datetime as dt
import re

# CMITimespan: HHHH:MM:SS.SS. Hours take 2-4 digits; minutes and seconds are not checked
# against 60 because content may write 9999:99:99.99 for "too long" (the golf samples say so).
TIMESPAN_12 = re.compile(r"^(\d{2,4}):(\d{2}):(\d{2})(?:\.(\d{1,2}))?$")
TIME_12 = re.compile(r"^([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.\d{1,2})?$")

# ISO 8601 duration. The "T" is optional before hour/second parts because widespread content
# (including the Rustici golf samples) writes "P0S" for an empty session; a bare "M" before any
# "T" still means months, so the reading stays unambiguous.
_INTERVAL = re.compile(
    r"^P(?:(?P<Y>\d+)Y)?(?:(?P<MO>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?"
    r"(?:T?(?:(?P<H>\d+)H)?(?:(?P<MI>\d+)M)?(?:(?P<S>\d+(?:\.\d+)?)S)?)?$"
)
# A month as the golf samples and ADL's examples count it: 365.25 / 12 days.
_SECONDS = {
    "Y": 365.25 * 86400,
    "MO": 30.4375 * 86400,
    "W": 7 * 86400,
    "D": 86400.0,
    "H": 3600.0,
    "MI": 60.0,
    "S": 1.0,
}
_TIMESTAMP = re.compile(
    r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$"
)
MAX_TIMESPAN_12 = 9999 * 3600 + 59 * 60 + 59.99


def parse_timespan_12(value: str) -> float | None:
    """Seconds in a CMITimespan, or None when it is not one."""
    match = TIMESPAN_12.match(value)
    if match is None:
        return None
    hours, minutes, seconds, fraction = match.groups()
    hundredths = int(fraction.ljust(2, "0")) if fraction else 0
    return int(hours) * 3600 + int(minutes) * 60 + int(seconds) + hundredths / 100


def format_timespan_12(seconds: float) -> str:
    """HHHH:MM:SS.SS, capped at the largest value the format holds."""
    total = round(min(max(seconds, 0.0), MAX_TIMESPAN_12) * 100)
    hours, rest = divmod(total, 360000)
    minutes, rest = divmod(rest, 6000)
    secs, hundredths = divmod(rest, 100)
    return f"{hours:04d}:{minutes:02d}:{secs:02d}.{hundredths:02d}"


def parse_interval(value: str) -> float | None:
    """Seconds in an ISO 8601 duration (timeinterval), or None when it is not one."""
    match = _INTERVAL.match(value)
    if match is None or value in ("P", "PT") or value.endswith("T"):
        return None
    parts = match.groupdict()
    if all(part is None for part in parts.values()):
        return None
    return sum(float(parts[key] or 0) * factor for key, factor in _SECONDS.items())


def format_interval(seconds: float) -> str:
    """PT#H#M#S with hundredths at most: how total_time is reported."""
    total = round(max(seconds, 0.0) * 100)
    hours, rest = divmod(total, 360000)
    minutes, rest = divmod(rest, 6000)
    secs, hundredths = divmod(rest, 100)
    second_text = f"{secs}.{hundredths:02d}".rstrip("0").rstrip(".") if hundredths else f"{secs}"
    return f"PT{hours}H{minutes}M{second_text}S"


def is_timestamp(value: str) -> bool:
    """An ISO 8601 time(second,10,0) whose parts are in range (years 1970-2038)."""
    match = _TIMESTAMP.match(value)
    if match is None:
        return False
    year, month, day, hour, minute, second, _zone = match.groups()
    if not 1970 <= int(year) <= 2038:
        return False
    try:
        dt.datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
        )
    except ValueError:
        return False
    return True
