"""The ADL cmi5 LMS Test Suite (CATAPULT lts), replayed without a browser.

Each package's AU is JavaScript that checks the LMS from the page; `lts/__tests__/runtime.js`
then checks the statements of the registration. These tests do over HTTP what each AU's
script does (read from the packages' minified JS) and check what runtime.js checks.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from app.cmi5 import LocalLrs
from app.cmi5.vocab import (
    CATEGORY_CMI5,
    CATEGORY_MOVEON,
    EXT_LAUNCH_MODE,
    EXT_LAUNCH_PARAMETERS,
    EXT_LAUNCH_URL,
    EXT_MASTERY_SCORE,
    EXT_MOVE_ON,
    EXT_SESSION_ID,
    RESULT_REASON,
    TYPE_BLOCK,
    TYPE_COURSE,
)
from app.xapi import Verb
from tests.cmi5.conftest import EXPERIENCED, Env, HttpAu, lts_course, make_env, now

LTS = "https://w3id.org/xapi/cmi5/catapult/lts/"
PREFS = "cmi5LearnerPreferences"


@contextmanager
def run(env: Env, **options: Any) -> Iterator[tuple[HttpAu, Any]]:
    """Launch the course's first AU as the player will: endpoint, launch, page."""
    session = env.session(0, **options)
    lrs = LocalLrs(session)
    lrs.start()
    try:
        url = "kyo-content://lts/" + env.course.aus[0].url
        session.prepare_launch(launch_url=url)
        yield HttpAu(lrs.launch_url(url)), session
    finally:
        lrs.stop()


def refused(response: requests.Response, *statuses: int) -> bool:
    return response.status_code in (statuses or (403,))


def ids(activities: list[dict[str, Any]]) -> list[str]:
    return [a["id"] for a in activities]


def test_001_essentials() -> None:
    env = make_env(lts_course("001-essentials.zip"))
    with run(env) as (au, session):
        assert au.activity_id != LTS + "au/001-essentials"  # 8.1.5.0-3
        assert au.query["paramA"] == "1" and au.query["paramB"] == "2"  # 13.1.4.0-3
        fetched = au.fetch()
        assert fetched.status_code == 200 and fetched.headers["Content-Type"].startswith(
            "application/json"
        )
        data = au.request(
            "GET", "activities/state", params=au.state_params("LMS.LaunchData")
        ).json()
        template = data["contextTemplate"]
        assert template["extensions"][EXT_SESSION_ID]  # 10.2.1.0-2
        assert LTS + "au/001-essentials" in ids(template["contextActivities"]["grouping"])
        assert data["launchMode"] and data["launchParameters"] == "sample string"
        assert data["masteryScore"] == 0.9 and data["moveOn"] == "CompletedAndPassed"
        assert data["entitlementKey"]["courseStructure"] == "sample value"
        prefs = au.request(
            "GET", "agents/profile", params={"profileId": PREFS, "agent": json.dumps(au.actor)}
        )
        assert {"languagePreference", "audioPreference"} <= set(prefs.json())
        for verb_id, result, moveon in (
            (Verb.INITIALIZED, None, False),
            (Verb.PASSED, {"success": True, "duration": "PT1S"}, True),
            (Verb.COMPLETED, {"completion": True, "duration": "PT1S"}, True),
            (Verb.TERMINATED, {"duration": "PT15S"}, False),
        ):
            statement = hand_made(au, template, verb_id, result, moveon)
            assert au.send(statement).status_code == 204, verb_id
        launch_string = au_launch_string(au)
    statements = env.statements.statements
    assert [s["verb"]["id"] for s in statements].count(Verb.LAUNCHED) == 1  # 9.3.1.0-2
    launched = statements[0]  # 9.3.1.0-1
    for index in (0, 4, 5):  # 9.6.2.1-1
        assert CATEGORY_CMI5 in ids(statements[index]["context"]["contextActivities"]["category"])
    extensions = launched["context"]["extensions"]
    assert extensions[EXT_SESSION_ID] == session.session_id  # 9.6.3.1-3
    assert extensions[EXT_MASTERY_SCORE] == 0.9  # 9.6.3.2-1
    assert extensions[EXT_LAUNCH_MODE] == "Normal"  # 9.6.3.3-1
    from_statement, from_session = urlsplit(extensions[EXT_LAUNCH_URL]), urlsplit(launch_string)
    assert (from_statement.scheme, from_statement.netloc, from_statement.path) == (
        from_session.scheme,
        from_session.netloc,
        from_session.path,
    )  # 9.6.3.4-1
    assert parse_qs(from_statement.query) == {"paramA": ["1"], "paramB": ["2"]}
    assert extensions[EXT_MOVE_ON] == "CompletedAndPassed"  # 9.6.3.6-1
    assert extensions[EXT_LAUNCH_PARAMETERS] == "sample string"  # 9.6.3.7-1
    block, course = statements[4], statements[5]
    assert block["verb"]["id"] == course["verb"]["id"] == Verb.SATISFIED  # 9.3.9.0-1, -5
    assert block["object"]["definition"]["type"] == TYPE_BLOCK  # 9.3.9.0-2
    assert block["object"]["id"] != LTS + "block/001-essentials"  # 9.3.9.0-4
    assert course["object"]["definition"]["type"] == TYPE_COURSE  # 9.3.9.0-6
    assert course["object"]["id"] != LTS + "course/001-essentials"  # 9.3.9.0-8
    for statement in (block, course):  # 9.3.9.0-9
        assert statement["context"]["extensions"][EXT_SESSION_ID] == session.session_id
    assert LTS + "block/001-essentials" in ids(block["context"]["contextActivities"]["grouping"])
    assert LTS + "course/001-essentials" in ids(course["context"]["contextActivities"]["grouping"])
    assert statements[6]["verb"]["id"] == Verb.TERMINATED


def hand_made(
    au: HttpAu, template: dict[str, Any], verb_id: str, result: dict[str, Any] | None, moveon: bool
) -> dict[str, Any]:
    """A statement as 001-essentials.js writes it by hand (no cmi5.js)."""
    context = copy.deepcopy(template)
    context["registration"] = au.registration
    category = context["contextActivities"].setdefault("category", [])
    category.append({"id": CATEGORY_CMI5})
    if moveon:
        category.append({"id": CATEGORY_MOVEON})
    statement = {
        "id": str(uuid.uuid4()),
        "timestamp": now(),
        "actor": au.actor,
        "verb": {"id": verb_id, "display": {"en": verb_id.rsplit("/", 1)[-1]}},
        "object": {"id": au.activity_id},
        "context": context,
    }
    return statement | ({"result": result} if result else {})


def au_launch_string(au: HttpAu) -> str:
    query = "&".join(f"{k}={v}" for k, v in au.query.items())
    return f"kyo-content://lts/index.html?paramA=1&paramB=2&{query}"


def test_002_allowed() -> None:
    env = make_env(lts_course("002-allowed.zip"))
    with run(env) as (au, _):
        au.start()
        assert au.script is not None
        assert au.send(au.script.allowed()).status_code == 204  # 9.3.0.0-9
        assert au.send(au.script.terminated()).status_code == 204
    assert env.statements.statements[2]["verb"]["id"] == EXPERIENCED


@pytest.mark.parametrize(
    ("package", "kind"),
    [
        ("004-1-moveOn-Completed", "completed"),
        ("004-2-moveOn-CompletedOrPassed", "completed"),
        ("004-3-moveOn-Passed", "passed"),
        ("004-4-moveOn-CompletedOrPassed", "passed"),
    ],
)
def test_004_move_on(package: str, kind: str) -> None:
    env = make_env(lts_course(f"{package}.zip"))
    with run(env) as (au, _):
        au.start()
        assert au.script is not None
        assert au.send(getattr(au.script, kind)()).status_code == 204
        assert au.send(au.script.terminated()).status_code == 204
    statements = env.statements.statements
    block, course = statements[3], statements[4]  # 9.3.3.0-3, 9.3.4.0-4
    assert block["verb"]["id"] == course["verb"]["id"] == Verb.SATISFIED
    assert LTS + f"block/{package}" in ids(block["context"]["contextActivities"]["grouping"])
    assert LTS + f"course/{package}" in ids(course["context"]["contextActivities"]["grouping"])


def test_004_5_not_applicable_is_satisfied_before_the_launch() -> None:
    env = make_env(lts_course("004-5-moveOn-NotApplicable.zip"))
    with run(env) as (au, _):
        au.start()
        assert au.script is not None
        assert au.send(au.script.terminated()).status_code == 204
    statements = env.statements.statements
    assert [s["verb"]["id"] for s in statements[:3]] == [
        Verb.SATISFIED,
        Verb.SATISFIED,
        Verb.LAUNCHED,
    ]
    grouping = [ids(s["context"]["contextActivities"]["grouping"]) for s in statements[:2]]
    assert grouping == [
        [LTS + "block/004-5-moveOn-NotApplicable"],
        [LTS + "course/004-5-moveOn-NotApplicable"],
    ]  # 9.6.1.1-3, 9.6.2.3-2


def test_005_2_failed_then_nothing_judged() -> None:
    env = make_env(lts_course("005-2-invalid-au.zip"))
    with run(env) as (au, _):
        au.start()
        assert au.script is not None
        assert au.send(au.script.failed()).status_code == 204
        assert refused(au.send(au.script.failed()))  # 9.3.0.0-2
        assert refused(au.send(au.script.passed()))  # 9.3.0.0-3
        assert au.send(au.script.terminated()).status_code == 204


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_006_launch_mode(mode: str) -> None:
    env = make_env(lts_course("006-launchMode.zip"))
    with run(env, launch_mode=mode) as (au, _):
        au.start()
        assert au.script is not None
        for kind in ("completed", "failed", "passed"):  # 10.2.2.0-2, 10.2.2.0-3
            assert refused(au.send(getattr(au.script, kind)())), kind
        assert au.send(au.script.terminated()).status_code == 204


@pytest.mark.parametrize(
    ("package", "first", "then"),
    [
        ("007-1-multi-session", "completed", ["completed"]),
        ("007-2-multi-session", "passed", ["passed", "failed"]),
    ],
)
def test_007_multi_session(package: str, first: str, then: list[str]) -> None:
    env = make_env(lts_course(f"{package}.zip"))
    for run_number in (1, 2):  # same registration, a new session each time (8.1.5.0-4)
        with run(env) as (au, _):
            au.start()
            assert au.script is not None
            params = au.state_params(package)
            found = au.request("GET", "activities/state", params=params)
            if run_number == 1:
                assert found.status_code == 404
                assert au.send(getattr(au.script, first)()).status_code == 204
                assert (
                    au.request(
                        "PUT", "activities/state", params=params, json={"firstRun": True}
                    ).status_code
                    == 204
                )
            else:
                assert found.json() == {"firstRun": True}
                for kind in then:  # 9.3.0.0-6, 9.3.0.0-7, 9.3.0.0-8
                    assert refused(au.send(getattr(au.script, kind)())), kind
            assert au.send(au.script.terminated()).status_code == 204


def test_008_abandoned() -> None:
    env = make_env(lts_course("008-1-abandoned.zip"))
    with run(env) as (au, session):
        au.start()
        assert au.script is not None
        session.end()  # the LMS decides the session was abandoned
        late = au.script.allowed()
        assert au.send(late).status_code in (401, 403)  # 9.3.6.0-2 (d2)
        state = au.request("GET", "activities/state", params=au.state_params("008-1-abandoned"))
        assert state.status_code not in (200, 204)  # 8.1.2.0-2 (d)
    abandoned = env.statements.statements[2]
    assert abandoned["verb"]["id"] == Verb.ABANDONED
    assert abandoned["context"]["extensions"][EXT_SESSION_ID] == session.session_id  # 9.6.3.1-3
    assert CATEGORY_CMI5 in ids(abandoned["context"]["contextActivities"]["category"])  # 9.6.2.1-1
    assert abandoned["result"]["duration"]  # 9.5.4.2-1
    assert abandoned["actor"] == au.actor
    assert abandoned["object"]["id"] == au.activity_id
    assert abandoned["context"]["registration"] == au.registration
    assert len(env.statements.statements) == 3


def test_009_waived() -> None:
    env = make_env(lts_course("009-1-waived.zip"))
    with run(env) as (au, session):
        au.start()
        assert au.script is not None
        assert au.send(au.script.terminated()).status_code == 204
    env.registration.waive(env.course.aus[0], "Administrative")
    waived, satisfied = env.statements.statements[3], env.statements.statements[4]
    assert waived["verb"]["id"] == Verb.WAIVED  # 9.3.7.0-1
    assert waived["result"]["extensions"][RESULT_REASON] == "Administrative"  # 9.3.7.0-2
    assert waived["context"]["extensions"][EXT_SESSION_ID]  # 9.3.7.0-3
    assert waived["result"]["success"] is True and waived["result"]["completion"] is True
    categories = ids(waived["context"]["contextActivities"]["category"])
    assert CATEGORY_CMI5 in categories and CATEGORY_MOVEON in categories  # 9.6.2.1-1, 9.6.2.2-1
    assert waived["actor"] == au.actor and waived["context"]["registration"] == au.registration
    assert waived["object"]["id"] == au.activity_id
    assert CATEGORY_CMI5 in ids(satisfied["context"]["contextActivities"]["category"])
    assert satisfied["verb"]["id"] == Verb.SATISFIED and satisfied["actor"] == au.actor
    assert satisfied["context"]["registration"] == au.registration
    session_of = {s["context"]["extensions"][EXT_SESSION_ID] for s in (waived, satisfied)}
    assert len(session_of) == 1 and session.session_id not in session_of
