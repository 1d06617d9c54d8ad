"""The ADL LMS Test Suite's 005-1-invalid-au package, replayed over HTTP: every way an AU can
get the rules wrong, in the order its script tries them (see test_lts.py)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import requests

from app.cmi5.vocab import CATEGORY_MOVEON, EXT_MASTERY_SCORE, EXT_SESSION_ID
from tests.cmi5.conftest import AuScript, HttpAu, lts_course, make_env
from tests.cmi5.test_lts import PREFS, refused, run


def save_prefs(au: HttpAu, **case: bool) -> requests.Response:
    """005-1's learner preference writes, each a way to get them wrong."""
    params = {"profileId": PREFS, "agent": json.dumps(au.actor)}
    if case.get("noActor"):
        del params["agent"]
    if case.get("wrongActor"):
        params["agent"] = json.dumps({"mbox": "mailto:catapult@example.com"})
    headers = {} if case.get("noContentType") else {"Content-Type": "application/json"}
    prefs: dict[str, Any] = {"languagePreference": "en-US,fr-FR,fr-BE", "audioPreference": "on"}
    for name, change in (
        ("missingLanguage", "languagePreference"),
        ("missingAudio", "audioPreference"),
    ):
        if case.get(name):
            del prefs[change]
    if case.get("invalidLangPref"):
        prefs["languagePreference"] = "not comma separated"
    if case.get("emptyLangPref"):
        prefs["languagePreference"] = ""
    body = json.dumps(prefs).encode()
    if case.get("nonObject"):
        headers, body = {"Content-Type": "text/plain"}, b"just some text"
    return au.request("PUT", "agents/profile", params=params, headers=headers, data=body)


def test_005_1_invalid_au() -> None:
    env = make_env(lts_course("005-1-invalid-au.zip"))
    with run(env) as (au, _):
        empty = AuScript({"contextTemplate": {}}, au.actor, au.registration, au.activity_id)
        early = empty.allowed()
        au.token = "Y2F0YXB1bHQ6ZmlyZSBzb21lIFJ1c3RpY2kgU29mdHdhcmUgcm9ja3Mh"
        assert refused(au.send(early), 401, 403)  # 8.1.2.0-2 (d)
        au.fetch()
        data = au.request(
            "GET", "activities/state", params=au.state_params("LMS.LaunchData")
        ).json()
        script = AuScript(data, au.actor, au.registration, au.activity_id)
        assert refused(au.send(script.initialized()))  # 11.0.0.0-3 (d2): prefs not read
        prefs = {"profileId": PREFS, "agent": json.dumps(au.actor)}
        assert au.request("GET", "agents/profile", params=prefs).status_code == 200
        again = au.http.post(au.query["fetch"], timeout=10).json()
        assert "auth-token" not in again and again["error-code"] in ("1", "2", "3")  # 8.2.3
        launch_data = au.state_params("LMS.LaunchData")
        assert refused(
            au.request("PUT", "activities/state", params=launch_data, json={"test": True})
        )
        assert au.request("DELETE", "activities/state", params=launch_data).status_code != 204
        assert save_prefs(au, noActor=True).status_code == 400  # 11.0.0.0-1 (d)
        for case in (
            "wrongActor",
            "noContentType",
            "nonObject",
            "missingLanguage",
            "missingAudio",
            "invalidLangPref",
            "emptyLangPref",
        ):
            assert save_prefs(au, **{case: True}).status_code == 403, case
        assert refused(au.send(early))  # 9.3.0.0-4 (d2)
        assert au.send(script.initialized()).status_code == 204
        token, au.token = au.token, ""
        assert refused(au.send(early), 401, 403)  # 8.1.2.0-5 (d)
        au.token = token
        allowed = script.allowed()
        assert au.send(allowed).status_code == 204  # 9.3.0.0-9
        voiding = script.allowed(
            "http://adlnet.gov/expapi/verbs/voided",
            object={"id": allowed["id"], "objectType": "StatementRef"},
        )
        assert refused(au.send(voiding))  # 6.3.0.0-1
        for step in invalid_au_steps():
            statement = made(script, step.get("type", "allowed"))
            statement["id"] = str(uuid.uuid4())
            if "alter" in step:
                step["alter"](statement)
            response = au.post([statement]) if step.get("post") else au.send(statement)
            expected = step.get("expected", (403,))
            assert response.status_code in expected, (step.get("reqId"), response.text)
        assert au.send(script.terminated()).status_code == 204
        assert refused(au.send(allowed), 401, 403)  # 9.3.0.0-5 (d2)
        later = au.request("GET", "activities/state", params=au.state_params("008-1-abandoned"))
        assert later.status_code not in (200, 204)  # 8.1.2.0-2 (d): the token died with it


def made(script: AuScript, kind: str) -> dict[str, Any]:
    if kind == "passed":
        return script.passed({"min": 0, "max": 100, "scaled": 0.9, "raw": 90})
    if kind == "failed":
        return script.failed({"min": 0, "max": 100, "scaled": 0.89, "raw": 89})
    return getattr(script, kind)()  # type: ignore[no-any-return]


def _del(*path: str) -> Any:
    def alter(statement: dict[str, Any]) -> None:
        target = statement
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return alter


def _put(value: Any, *path: str) -> Any:
    def alter(statement: dict[str, Any]) -> None:
        target = statement
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return alter


def _categories(change: str) -> Any:
    def alter(statement: dict[str, Any]) -> None:
        activities = statement["context"]["contextActivities"]
        if change == "pop":
            activities["category"].pop()
        elif change == "only-moveon":
            activities["category"] = [{"id": CATEGORY_MOVEON}]
        else:
            activities["category"].append({"id": CATEGORY_MOVEON})

    return alter


def invalid_au_steps() -> list[dict[str, Any]]:
    """005-1-invalid-au.js's list, in its order: all refused (403) but two."""
    ok = {"expected": (200, 204)}
    mastery = ("context", "extensions", EXT_MASTERY_SCORE)
    return [
        {"reqId": "9.1.0.0-1", "alter": _del("id"), "post": True},
        {"reqId": "9.7.0.0-1", "alter": _del("timestamp")},
        {
            "reqId": "9.7.0.0-2",
            "alter": lambda s: s.update(timestamp=s["timestamp"].replace("Z", "-06:00")),
        },
        {"reqId": "9.2.0.0-2", "type": "passed", "alter": _put("Group", "actor", "objectType")},
        {
            "reqId": "9.2.0.0-2",
            "type": "passed",
            "alter": _put("Unknown", "actor", "objectType"),
            "expected": (400, 403),
        },
        {
            "reqId": "9.2.0.0-3",
            "type": "passed",
            "alter": lambda s: s.update(actor={"mbox": "mailto:catapult@example.com"}),
        },
        {"reqId": "9.3.2.0-3", "type": "initialized"},
        {
            "reqId": "8.1.5.0-6",
            "type": "passed",
            "alter": _put("http://example.com/not/the/lms/id", "object", "id"),
        },
        {"reqId": "9.6.0.0-1", "type": "passed", "alter": _del("context")},
        {"reqId": "9.6.1.0-1", "type": "passed", "alter": _del("context", "registration")},
        {
            "reqId": "9.6.1.0-1",
            "type": "passed",
            "alter": _put("ccaf384c-f8d4-4e7a-8304-49af58f0b176", "context", "registration"),
        },
        {"reqId": "9.5.3.0-2", "type": "passed", "alter": _put(True, "result", "completion")},
        {"reqId": "9.5.2.0-3", "type": "completed", "alter": _put(True, "result", "success")},
        {"reqId": "9.5.3.0-1", "type": "completed", "alter": _del("result", "completion")},
        {"reqId": "9.5.3.0-1", "type": "completed", "alter": _put(False, "result", "completion")},
        {
            "reqId": "9.5.1.0-2",
            "type": "completed",
            "alter": _put({"raw": 50, "scaled": 0.5, "min": 0, "max": 100}, "result", "score"),
        },
        {"reqId": "9.5.4.1-1", "type": "terminated", "alter": _del("result")},
        {"reqId": "9.5.4.1-1", "type": "terminated", "alter": _del("result", "duration")},
        {"reqId": "9.5.4.1-2", "type": "completed", "alter": _del("result", "duration")},
        {"reqId": "9.5.4.1-3", "type": "passed", "alter": _del("result", "duration")},
        {"reqId": "9.5.4.1-4", "type": "failed", "alter": _del("result", "duration")},
        {"type": "completed", **ok},
        {"reqId": "9.3.0.0-2", "type": "completed"},
        {"reqId": "9.5.2.0-1", "type": "passed", "alter": _del("result", "success")},
        {"reqId": "9.5.2.0-1", "type": "passed", "alter": _put(False, "result", "success")},
        {"reqId": "9.5.2.0-2", "type": "failed", "alter": _del("result", "success")},
        {"reqId": "9.5.2.0-2", "type": "failed", "alter": _put(True, "result", "success")},
        {
            "reqId": "9.3.4.0-2",
            "type": "passed",
            "alter": _put({"scaled": 0.89}, "result", "score"),
        },
        {"reqId": "9.3.5.0-2", "type": "failed", "alter": _put({"scaled": 0.9}, "result", "score")},
        {
            "reqId": "9.3.5.0-2",
            "type": "failed",
            "alter": _put({"scaled": 0.91}, "result", "score"),
        },
        {"reqId": "9.5.1.0-3", "type": "passed", "alter": _del("result", "score", "min")},
        {"reqId": "9.5.1.0-3", "type": "passed", "alter": _del("result", "score", "max")},
        {"reqId": "9.6.2.2-1", "type": "completed", "alter": _categories("pop")},
        {"reqId": "9.6.2.2-1", "type": "passed", "alter": _categories("pop")},
        {"reqId": "9.6.2.2-1", "type": "failed", "alter": _categories("pop")},
        {"reqId": "9.6.2.2-2", "alter": _categories("only-moveon")},
        {"reqId": "9.6.2.2-2", "type": "terminated", "alter": _categories("add")},
        {"reqId": "9.6.3.2-2", "type": "passed", "alter": _del(*mastery)},
        {"reqId": "9.6.3.2-2", "type": "passed", "alter": _put(0.8, *mastery)},
        {"reqId": "9.6.3.1-4", "alter": _del("context", "extensions", EXT_SESSION_ID)},
        {"type": "passed", **ok},
        {"reqId": "9.3.0.0-2", "type": "passed"},
        {"reqId": "9.3.0.0-8", "type": "failed"},
    ]
