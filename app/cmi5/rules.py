"""cmi5 rules for one statement an AU sends, on its own (order rules are in `session`).

Section numbers are the cmi5 spec's (AICC/CMI-5_Spec_Current, cmi5_spec.md); requirement ids
like "9.3.0.0-2" are those of the ADL LMS Test Suite, which checks them. Every refusal is a
Cmi5Violation: 400 when the request is not xAPI at all, 403 when a cmi5 rule says no (what the
test suite's AUs expect, 6.3: "the LMS SHOULD reject statements that conflict").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from app.cmi5.errors import Cmi5Violation
from app.cmi5.vocab import (
    AU_VERBS,
    CATEGORY_CMI5,
    CATEGORY_MOVEON,
    EXT_MASTERY_SCORE,
    JUDGED_VERBS,
    LMS_VERBS,
    RESULT_PROGRESS,
    VOIDED,
    agent_identity,
    same_agent,
)
from app.xapi import Verb

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_NUMBER = r"\d+(?:[.,]\d+)?"
_DURATION = re.compile(
    rf"^P(?=.)(?:{_NUMBER}Y)?(?:{_NUMBER}M)?(?:{_NUMBER}W)?(?:{_NUMBER}D)?"
    rf"(?:T(?=.)(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?$"
)
# 9.5.4.1: the AU statements that must say how long they took.
DURATION_VERBS = frozenset({Verb.TERMINATED, Verb.COMPLETED, Verb.PASSED, Verb.FAILED})


@dataclass(frozen=True)
class LaunchFacts:
    """What one launch told the AU (launch URL and LMS.LaunchData), to check statements with."""

    actor: dict[str, Any]
    registration: str
    session_id: str
    activity_id: str  # the LMS's id of the AU (8.1 activityId)
    template: dict[str, Any]  # the contextTemplate (10.0)
    mastery_score: float | None
    launch_mode: str


def deny(reason: str, rule: str) -> Cmi5Violation:
    return Cmi5Violation(403, reason, rule)


def check_statement(statement: Any, facts: LaunchFacts) -> bool:
    """Check one AU statement; True when it is "cmi5 defined", False when "cmi5 allowed"."""
    check_shape(statement)
    defined = CATEGORY_CMI5 in category_ids(statement)
    _check_identity(statement)
    _check_verb(statement["verb"]["id"], defined)
    _check_actor(statement["actor"], facts, defined)
    _check_context(statement, facts)
    _check_progress(statement.get("result", {}))
    if defined:
        _check_defined(statement, facts)
    elif CATEGORY_MOVEON in category_ids(statement):
        raise deny("only cmi5 defined statements with success or completion", "9.6.2.2-2")
    return defined


def check_shape(statement: Any) -> None:
    """The least xAPI shape the rules read; the rest is the AU's business (4.1)."""
    if not isinstance(statement, dict):
        raise Cmi5Violation(400, "a statement must be a JSON object", "xAPI")
    for part in ("actor", "verb", "object"):
        if not isinstance(statement.get(part), dict):
            raise Cmi5Violation(400, f"statement without {part}", "xAPI")
    if not isinstance(statement["verb"].get("id"), str):
        raise Cmi5Violation(400, "verb without id", "xAPI")
    for part in ("context", "result"):
        if part in statement and not isinstance(statement[part], dict):
            raise Cmi5Violation(400, f"{part} must be a JSON object", "xAPI")


def category_ids(statement: dict[str, Any]) -> set[str]:
    return activity_ids(statement.get("context", {}), "category")


def activity_ids(context: dict[str, Any], kind: str) -> set[str]:
    activities = context.get("contextActivities", {})
    found = activities.get(kind, []) if isinstance(activities, dict) else []
    if isinstance(found, dict):  # xAPI allows one activity instead of a list
        found = [found]
    if not isinstance(found, list):
        return set()
    return {a["id"] for a in found if isinstance(a, dict) and isinstance(a.get("id"), str)}


def _check_identity(statement: dict[str, Any]) -> None:
    statement_id = statement.get("id")
    if not isinstance(statement_id, str) or not _UUID.match(statement_id):
        raise deny("the AU must give every statement a UUID id", "9.1.0.0-1")
    timestamp = statement.get("timestamp")
    if not isinstance(timestamp, str):
        raise deny("every statement must have a timestamp", "9.7.0.0-1")
    try:
        moment = dt.datetime.fromisoformat(timestamp)
    except ValueError:
        raise deny("timestamp is not ISO 8601", "9.7.0.0-1") from None
    if moment.utcoffset() != dt.timedelta(0):
        raise deny("timestamps must be in UTC", "9.7.0.0-2")


def _check_verb(verb_id: str, defined: bool) -> None:
    if verb_id == VOIDED:
        raise deny("the AU may not void statements", "6.3.0.0-1")
    if verb_id in LMS_VERBS:
        # 9.3.1, 9.3.6, 9.3.7, 9.3.9: launched/abandoned/waived/satisfied are the LMS's word.
        raise deny("this verb is for the LMS only", "9.3")
    if defined and verb_id not in AU_VERBS:
        raise deny("not a verb of cmi5 defined statements", "9.3.0.0-1")


def _check_actor(actor: dict[str, Any], facts: LaunchFacts, defined: bool) -> None:
    if defined and agent_identity(actor) is None:
        raise deny("the actor must be an Agent", "9.2.0.0-2")
    if defined and "account" not in actor:
        raise deny("the actor must have an account", "9.2.0.0-3")
    if not same_agent(actor, facts.actor):
        raise deny("the actor must be the one in the launch URL", "8.1.3.0-3")


def _check_context(statement: dict[str, Any], facts: LaunchFacts) -> None:
    """7.1.3: defined and allowed statements both use the contextTemplate (10.0)."""
    context = statement.get("context")
    if context is None:
        raise deny("statement without context", "9.6.0.0-1")
    if context.get("registration") != facts.registration:
        raise deny("context.registration must be the launch's", "9.6.1.0-1")
    for kind, activities in facts.template.get("contextActivities", {}).items():
        have = activity_ids(context, kind)
        if any(a["id"] not in have for a in activities):
            raise deny(f"contextActivities.{kind} of the contextTemplate missing", "9.6.2.3")
    extensions = context.get("extensions")
    extensions = extensions if isinstance(extensions, dict) else {}
    for key, value in facts.template.get("extensions", {}).items():
        if extensions.get(key) != value:
            raise deny(f"context extension {key} of the contextTemplate missing", "9.6.3.1-4")


def _check_progress(result: dict[str, Any]) -> None:
    extensions = result.get("extensions")
    if not isinstance(extensions, dict) or RESULT_PROGRESS not in extensions:
        return
    value = extensions[RESULT_PROGRESS]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise deny("progress must be an integer from 0 to 100", "9.5.5.1")


def _check_defined(statement: dict[str, Any], facts: LaunchFacts) -> None:
    verb_id = statement["verb"]["id"]
    target = statement["object"]
    if target.get("objectType", "Activity") != "Activity" or target.get("id") != facts.activity_id:
        raise deny("the object must be the AU's activityId", "8.1.5.0-6")
    if facts.launch_mode != "Normal" and verb_id in JUDGED_VERBS:
        raise deny(f"no {verb_id.rsplit('/', 1)[-1]} in {facts.launch_mode} mode", "10.2.2.0-2")
    result = statement.get("result", {})
    _check_flags(verb_id, result, category_ids(statement))
    _check_score(verb_id, result, statement["context"], facts.mastery_score)
    if verb_id in DURATION_VERBS and "duration" not in result:
        raise deny("result.duration is required", "9.5.4.1-1")
    if "duration" in result and not _DURATION.match(str(result["duration"])):
        raise deny("result.duration is not an ISO 8601 duration", "9.5.4")


def _check_flags(verb_id: str, result: dict[str, Any], categories: set[str]) -> None:
    """9.5.2 success, 9.5.3 completion, 9.6.2.2 the moveOn category that goes with them."""
    success = {Verb.PASSED: True, Verb.FAILED: False}
    if verb_id in success and result.get("success") is not success[verb_id]:
        raise deny(f"result.success must be {str(success[verb_id]).lower()}", "9.5.2.0-1")
    if verb_id not in success and "success" in result:
        raise deny("only passed and failed carry result.success", "9.5.2.0-3")
    if verb_id == Verb.COMPLETED and result.get("completion") is not True:
        raise deny("result.completion must be true", "9.5.3.0-1")
    if verb_id != Verb.COMPLETED and "completion" in result:
        raise deny("only completed carries result.completion", "9.5.3.0-2")
    judged = "success" in result or "completion" in result
    if judged != (CATEGORY_MOVEON in categories):
        raise deny("the moveOn category goes with success or completion only", "9.6.2.2-1")


def _check_score(
    verb_id: str, result: dict[str, Any], context: dict[str, Any], mastery: float | None
) -> None:
    """9.5.1 score, and 9.3.4/9.3.5/9.6.3.2 its agreement with masteryScore."""
    score = result.get("score")
    if score is None:
        return
    if verb_id not in (Verb.PASSED, Verb.FAILED):
        raise deny("only passed and failed carry a score", "9.5.1.0-2")
    scaled = _check_score_values(score)
    if mastery is None:
        return
    extensions = context.get("extensions") or {}
    stated: Any = extensions.get(EXT_MASTERY_SCORE) if isinstance(extensions, dict) else None
    if not _number(stated) or not math.isclose(stated, mastery, abs_tol=1e-9):
        raise deny("the masteryScore extension must be the launch's", "9.6.3.2-2")
    if scaled is not None and verb_id == Verb.PASSED and scaled < mastery:
        raise deny("passed with a score below masteryScore", "9.3.4.0-2")
    if scaled is not None and verb_id == Verb.FAILED and scaled >= mastery:
        raise deny("failed with a score at or above masteryScore", "9.3.5.0-2")


def _check_score_values(score: Any) -> float | None:
    """The scaled score, after checking the score's parts (9.5.1); None when not given."""
    if not isinstance(score, dict) or not all(_number(v) for v in score.values()):
        raise deny("score must be an object of numbers", "9.5.1")
    scaled = score.get("scaled")
    if scaled is not None and not 0 <= scaled <= 1:
        raise deny("score.scaled must be from 0 to 1", "9.5.1")
    if "raw" in score:
        if "min" not in score or "max" not in score:
            raise deny("score.raw needs score.min and score.max", "9.5.1.0-3")
        if not score["min"] <= score["raw"] <= score["max"]:
            raise deny("score.raw must be from score.min to score.max", "9.5.1")
    return None if scaled is None else float(scaled)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
