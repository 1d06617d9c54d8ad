"""Time formats: CMITimespan (1.2), ISO 8601 durations and timestamps (2004)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.scorm import timing

HUNDREDTHS = st.integers(min_value=0, max_value=9999 * 360000).map(lambda n: n / 100)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("00:00:00", 0),
        ("0000:01:05", 65),
        ("0001:00:00.5", 3600.5),
        ("12:34:56.78", 45296.78),
        ("9999:99:99.99", 9999 * 3600 + 99 * 60 + 99.99),
        ("0:00:00", None),
        ("00000:00:00", None),
        ("00:0:00", None),
        ("00:00:00.", None),
        ("00:00:00.123", None),
        ("PT1S", None),
        ("", None),
    ],
)
def test_parse_timespan_12(text: str, seconds: float | None) -> None:
    assert timing.parse_timespan_12(text) == (None if seconds is None else pytest.approx(seconds))


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0000:00:00.00"),
        (65.5, "0000:01:05.50"),
        (3725.004, "0001:02:05.00"),
        (3725.006, "0001:02:05.01"),
        (-3, "0000:00:00.00"),
        (10**9, "9999:59:59.99"),
    ],
)
def test_format_timespan_12(seconds: float, text: str) -> None:
    assert timing.format_timespan_12(seconds) == text


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("PT0S", 0),
        ("P0S", 0),  # written by the golf samples for an empty session
        ("PT1M5S", 65),
        ("PT1H", 3600),
        ("PT1.25S", 1.25),
        ("PT0.001S", 0.001),
        ("P1D", 86400),
        ("P1DT1S", 86401),
        ("P1W", 7 * 86400),
        ("P1M", 30.4375 * 86400),  # months before the T
        ("PT1M", 60),  # minutes after it
        ("P1Y", 365.25 * 86400),
        ("PT100H", 360000),
        ("P", None),
        ("PT", None),
        ("P1DT", None),
        ("PT1.S", None),
        ("PT-1S", None),
        ("1H", None),
        ("pt1s", None),
        ("PT1H1H", None),
        ("", None),
    ],
)
def test_parse_interval(text: str, seconds: float | None) -> None:
    assert timing.parse_interval(text) == (None if seconds is None else pytest.approx(seconds))


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "PT0H0M0S"), (65, "PT0H1M5S"), (3600.5, "PT1H0M0.5S"), (90061.25, "PT25H1M1.25S")],
)
def test_format_interval(seconds: float, text: str) -> None:
    assert timing.format_interval(seconds) == text


@given(HUNDREDTHS)
def test_timespan_12_round_trip(seconds: float) -> None:
    text = timing.format_timespan_12(seconds)
    assert timing.parse_timespan_12(text) == pytest.approx(seconds)


@given(HUNDREDTHS)
def test_interval_round_trip(seconds: float) -> None:
    text = timing.format_interval(seconds)
    assert timing.parse_interval(text) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("1970", True),
        ("2038-01-19", True),
        ("2026-07-04T09", True),
        ("2026-07-04T09:30:15.25Z", True),
        ("2026-07-04T09:30:15.250Z", True),  # JavaScript's toISOString
        ("2026-07-04T09:30+05:30", True),
        ("2026-07-04T09:30:00-08", True),
        ("2024-02-29", True),
        ("2023-02-29", False),
        ("1969", False),
        ("2039", False),
        ("2026-7-4", False),
        ("2026-07-04T24:00", False),
        ("2026-07-04 09:30", False),
        ("2026-07-04Z", False),
        ("", False),
    ],
)
def test_timestamps(text: str, valid: bool) -> None:
    assert timing.is_timestamp(text) is valid
