"""What the app records after each Commit and Finish/Terminate, read out of the data model."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.scorm.profile import Profile, Values

SNAPSHOT_FORMAT = "kyo-scorm-runtime/1"
# Arrays inside an item, and the leaf each of their entries holds.
_NESTED = {"objectives": "id", "correct_responses": "pattern"}


@dataclass(frozen=True)
class CommitSummary:
    """One Commit or Finish/Terminate.

    `interactions` and `objectives` hold one dict per item, keyed by the edition's own leaf
    names ("student_response" in 1.2, "learner_response" in 2004; "score.raw"), with nested
    arrays as lists ("objectives": [ids], "correct_responses": [patterns]). `data` is the
    runtime's snapshot as it stands after this call: pass it back as `previous` next launch.
    1.2 has no scaled score: `score_scaled` is None there (raw/min/max are given).
    """

    completion: str
    success: str
    score_scaled: float | None
    score_raw: float | None
    score_min: float | None
    score_max: float | None
    location: str
    suspend_data: str
    session_time_s: float
    total_time_s: float
    exit: str
    progress_measure: float | None
    interactions: list[dict[str, Any]]
    objectives: list[dict[str, Any]]
    terminated: bool
    data: dict[str, Any]


def snapshot(
    profile: Profile, state: str, attempt: int, values: Values, counts: Mapping[str, int]
) -> dict[str, Any]:
    return {
        "format": SNAPSHOT_FORMAT,
        "version": profile.version,
        "state": state,
        "attempt": attempt,
        "values": dict(values),
        "counts": dict(counts),
    }


def number(values: Values, key: str) -> float | None:
    text = values.get(key, "") if key else ""
    try:
        return float(text) if text else None
    except ValueError:
        return None


def items(values: Values, counts: Mapping[str, int], array: str) -> list[dict[str, Any]]:
    """The items of `array` as dicts: their own leaves, plus their nested arrays as lists.

    One pass over the values: this runs at every commit, and a SCO may hold thousands.
    """
    leaves: list[dict[str, str]] = [{} for _ in range(counts.get(array, 0))]
    prefix = array + "."
    for key, value in values.items():
        if key.startswith(prefix):
            index, _dot, leaf = key[len(prefix) :].partition(".")
            if index.isdigit() and int(index) < len(leaves):
                leaves[int(index)][leaf] = value
    return [_item(own, nested=array == "cmi.interactions") for own in leaves]


def _item(leaves: dict[str, str], *, nested: bool) -> dict[str, Any]:
    item: dict[str, Any] = {
        leaf: value for leaf, value in sorted(leaves.items()) if leaf.split(".")[0] not in _NESTED
    }
    if nested:
        for name, leaf in _NESTED.items():
            entries = {
                int(key.split(".")[1]): value
                for key, value in leaves.items()
                if key.startswith(name + ".") and key.endswith("." + leaf)
            }
            item[name] = [entries.get(n, "") for n in range(len(entries))]
    return item


def summarize(
    profile: Profile,
    values: Values,
    counts: Mapping[str, int],
    times: tuple[float, float],
    data: dict[str, Any],
) -> CommitSummary:
    """`times` is (this session, the attempt so far including it), in seconds."""
    keys = profile.keys
    completion, success = profile.statuses(values)
    return CommitSummary(
        completion=completion,
        success=success,
        score_scaled=number(values, keys.score + ".scaled"),
        score_raw=number(values, keys.score + ".raw"),
        score_min=number(values, keys.score + ".min"),
        score_max=number(values, keys.score + ".max"),
        location=values.get(keys.location, ""),
        suspend_data=values.get(keys.suspend_data, ""),
        session_time_s=times[0],
        total_time_s=times[1],
        exit=values.get(keys.exit, ""),
        progress_measure=number(values, keys.progress),
        interactions=items(values, counts, keys.interactions),
        objectives=items(values, counts, keys.objectives),
        terminated=data["state"] == "terminated",
        data=data,
    )
