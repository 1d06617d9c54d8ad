"""Session rules without HTTP: launch data, the AU's statements (cmi5 9.x), end, waiver."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from app.cmi5 import Cmi5Violation, Stores
from app.cmi5.vocab import (
    CATEGORY_CMI5,
    CATEGORY_MOVEON,
    EXT_LAUNCH_MODE,
    EXT_LAUNCH_PARAMETERS,
    EXT_LAUNCH_URL,
    EXT_MASTERY_SCORE,
    EXT_MOVE_ON,
    EXT_SESSION_ID,
    agent_key,
)
from app.xapi import Verb
from tests.cmi5.conftest import AuScript, Env, lts_course, make_env, started

PUBLISHER_AU = (
    "https://w3id.org/xapi/cmi5/catapult/lts/course/geology-intro-single-au-mastery-score-"
    "responsive/1"
)


def launch_document(env: Env, session: Any) -> dict[str, Any]:
    key = ("state", session.activity_id, agent_key(env.actor), env.registration.registration)
    doc = env.documents.get((*key, "LMS.LaunchData"))
    assert doc is not None and doc.content_type == "application/json"
    return dict(json.loads(doc.content))


def test_launch_data_document(env: Env) -> None:
    session = env.session(return_url="kyo://library")
    session.prepare_launch()
    data = launch_document(env, session)
    assert data == {
        "contextTemplate": {
            "contextActivities": {"grouping": [{"objectType": "Activity", "id": PUBLISHER_AU}]},
            "extensions": {EXT_SESSION_ID: session.session_id},
        },
        "launchMode": "Normal",
        "moveOn": "CompletedOrPassed",
        "masteryScore": 0.3,
        "returnURL": "kyo://library",
    }
    assert session.activity_id != PUBLISHER_AU  # 8.1.5.0-3
    assert session.activity_id == env.session().activity_id  # 8.1.5.0-4: same on every launch


def test_launch_data_with_every_property() -> None:
    env = make_env(lts_course("001-essentials.zip"))
    session = env.session(launch_mode="Review")
    session.prepare_launch()
    data = launch_document(env, session)
    assert data["launchMode"] == "Review"
    assert data["launchParameters"] == "sample string"
    assert data["entitlementKey"] == {"courseStructure": "sample value"}
    assert data["masteryScore"] == 0.9 and data["moveOn"] == "CompletedAndPassed"
    assert "returnURL" not in data


def test_learner_preferences_written_when_missing(env: Env) -> None:
    env.session().prepare_launch()
    key = ("agent-profile", agent_key(env.actor), "cmi5LearnerPreferences")
    doc = env.documents.get(key)
    assert doc is not None
    assert json.loads(doc.content) == {"languagePreference": "en-US", "audioPreference": "on"}
    env.documents.put(
        key, doc.__class__(b'{"languagePreference": "hi-IN"}', "application/json", "x", doc.updated)
    )
    env.session().prepare_launch()
    assert env.documents.get(key).content == b'{"languagePreference": "hi-IN"}'  # type: ignore[union-attr]


def test_launched_statement(env: Env) -> None:
    session = env.session()
    session.prepare_launch(launch_url="kyo-content://c/index.html")
    (launched,) = env.statements.statements
    assert launched["verb"]["id"] == Verb.LAUNCHED
    assert launched["actor"] == env.actor
    assert launched["object"]["id"] == session.activity_id
    context = launched["context"]
    assert context["registration"] == env.registration.registration
    assert {"objectType": "Activity", "id": CATEGORY_CMI5} in context["contextActivities"][
        "category"
    ]
    assert context["contextActivities"]["grouping"] == [
        {"objectType": "Activity", "id": PUBLISHER_AU}
    ]
    extensions = context["extensions"]
    assert extensions[EXT_SESSION_ID] == session.session_id
    assert extensions[EXT_LAUNCH_MODE] == "Normal"
    assert extensions[EXT_LAUNCH_URL] == "kyo-content://c/index.html"
    assert extensions[EXT_MOVE_ON] == "CompletedOrPassed"
    assert extensions[EXT_MASTERY_SCORE] == 0.3
    assert EXT_LAUNCH_PARAMETERS not in extensions  # none in this cmi5.xml
    assert "result" not in launched
    with pytest.raises(RuntimeError):
        session.prepare_launch()  # 9.3.1: one launched per session


def test_a_session_as_the_sample_course_plays_it(env: Env) -> None:
    session, au = started(env)
    page = au.allowed(object={"objectType": "Activity", "id": session.activity_id + "/slide/1"})
    page["result"] = {"extensions": {"https://w3id.org/xapi/cmi5/result/extensions/progress": 40}}
    answered = au.allowed(Verb.ANSWERED, result={"success": True, "response": "b"})
    passed = au.passed({"scaled": 0.8, "raw": 8, "min": 0, "max": 10})
    ids = session.accept([page, answered])
    assert ids == [page["id"], answered["id"]]
    session.accept([passed])
    session.accept([au.completed()])
    session.accept([au.terminated()])
    assert env.verbs() == [
        "launched",
        "initialized",
        "experienced",
        "answered",
        "passed",
        "satisfied",
        "completed",
        "terminated",
    ]
    assert env.statements.get(passed["id"]) == passed  # stored as the AU sent it
    assert "stored" not in env.statements.statements[4]
    assert env.state.satisfied() == {PUBLISHER_AU, env.course.course_id}


def _parts(path: str | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(path.split(".")) if isinstance(path, str) else path


def _drop(path: str | tuple[str, ...]) -> Callable[[dict[str, Any]], None]:
    def change(statement: dict[str, Any]) -> None:
        *parents, last = _parts(path)
        target = statement
        for part in parents:
            target = target[part]
        del target[last]

    return change


def _set(path: str | tuple[str, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(statement: dict[str, Any]) -> None:
        *parents, last = _parts(path)
        target = statement
        for part in parents:
            target = target[part]
        target[last] = value

    return change


def _pop_category(statement: dict[str, Any]) -> None:
    statement["context"]["contextActivities"]["category"].pop()


def _add_moveon(statement: dict[str, Any]) -> None:
    activities = statement["context"]["contextActivities"]
    activities.setdefault("category", []).append({"id": CATEGORY_MOVEON})


MASTERY = ("context", "extensions", EXT_MASTERY_SCORE)
SESSION = ("context", "extensions", EXT_SESSION_ID)
# (kind of statement, change, rule): each must be refused with 403 after initialized.
REFUSED = [
    ("allowed", _drop("id"), "9.1.0.0-1"),
    ("allowed", _set("id", "not-a-uuid"), "9.1.0.0-1"),
    ("allowed", _drop("timestamp"), "9.7.0.0-1"),
    ("allowed", _set("timestamp", "2024-05-01T10:00:00-06:00"), "9.7.0.0-2"),
    ("allowed", _set("timestamp", "2024-05-01T10:00:00"), "9.7.0.0-2"),
    ("passed", _set("actor.objectType", "Group"), "9.2.0.0-2"),
    ("passed", _set("actor", {"mbox": "mailto:catapult@example.com"}), "9.2.0.0-3"),
    ("allowed", _set("actor", {"mbox": "mailto:catapult@example.com"}), "8.1.3.0-3"),
    ("initialized", None, "9.3.0.0-2"),
    ("passed", _set("object.id", "http://example.com/not/the/lms/id"), "8.1.5.0-6"),
    ("passed", _set("object.id", PUBLISHER_AU), "8.1.5.0-6"),
    ("passed", _drop("context"), "9.6.0.0-1"),
    ("passed", _drop("context.registration"), "9.6.1.0-1"),
    ("passed", _set("context.registration", "ccaf384c-f8d4-4e7a-8304-49af58f0b176"), "9.6.1.0-1"),
    ("allowed", _drop(SESSION), "9.6.3.1-4"),
    ("allowed", _drop("context.contextActivities.grouping"), "9.6.2.3"),
    ("passed", _set("result.completion", True), "9.5.3.0-2"),
    ("completed", _set("result.success", True), "9.5.2.0-3"),
    ("completed", _drop("result.completion"), "9.5.3.0-1"),
    ("completed", _set("result.completion", False), "9.5.3.0-1"),
    ("completed", _set("result.score", {"scaled": 0.5}), "9.5.1.0-2"),
    ("terminated", _drop("result"), "9.5.4.1-1"),
    ("terminated", _drop("result.duration"), "9.5.4.1-1"),
    ("completed", _drop("result.duration"), "9.5.4.1-1"),
    ("passed", _drop("result.duration"), "9.5.4.1-1"),
    ("failed", _drop("result.duration"), "9.5.4.1-1"),
    ("passed", _drop("result.success"), "9.5.2.0-1"),
    ("passed", _set("result.success", False), "9.5.2.0-1"),
    ("failed", _set("result.success", True), "9.5.2.0-1"),
    ("passed", _set("result.score", {"scaled": 0.29}), "9.3.4.0-2"),
    ("failed", _set("result.score", {"scaled": 0.3}), "9.3.5.0-2"),
    ("failed", _set("result.score", {"scaled": 0.31}), "9.3.5.0-2"),
    ("passed", _drop("result.score.min"), "9.5.1.0-3"),
    ("passed", _set("result.score.scaled", 1.5), "9.5.1"),
    ("completed", _pop_category, "9.6.2.2-1"),
    ("passed", _pop_category, "9.6.2.2-1"),
    ("failed", _pop_category, "9.6.2.2-1"),
    ("allowed", _add_moveon, "9.6.2.2-2"),
    ("terminated", _add_moveon, "9.6.2.2-1"),
    ("passed", _drop(MASTERY), "9.6.3.2-2"),
    ("passed", _set(MASTERY, 0.8), "9.6.3.2-2"),
    ("allowed", _set("verb", {"id": "http://adlnet.gov/expapi/verbs/voided"}), "6.3.0.0-1"),
    ("allowed", _set("verb", {"id": Verb.SATISFIED}), "9.3"),
    ("initialized", _set("verb", {"id": Verb.ANSWERED}), "9.3.0.0-1"),
    (
        "allowed",
        _set(
            "result", {"extensions": {"https://w3id.org/xapi/cmi5/result/extensions/progress": 101}}
        ),
        "9.5.5.1",
    ),
]


def _statement(au: AuScript, kind: str) -> dict[str, Any]:
    if kind in ("passed", "failed"):
        score = {"scaled": 0.9, "raw": 90, "min": 0, "max": 100}
        if kind == "failed":
            score = {"scaled": 0.1, "raw": 10, "min": 0, "max": 100}
        return getattr(au, kind)(score)  # type: ignore[no-any-return]
    return getattr(au, kind)()  # type: ignore[no-any-return]


@pytest.mark.parametrize(("kind", "change", "rule"), REFUSED)
def test_refused_statements(
    env: Env, kind: str, change: Callable[[dict[str, Any]], None] | None, rule: str
) -> None:
    session, au = started(env)
    before = list(env.statements.statements)
    statement = _statement(au, kind)
    if change:
        change(statement)
    with pytest.raises(Cmi5Violation) as caught:
        session.accept([statement])
    assert (caught.value.status, caught.value.rule) == (403, rule)
    assert env.statements.statements == before


def test_the_first_statement_must_be_initialized(env: Env) -> None:
    session = env.session()
    session.prepare_launch()
    session.preferences_read()
    au = AuScript.of(session)
    for first in (au.completed(), au.allowed()):
        with pytest.raises(Cmi5Violation) as caught:
            session.accept([first])
        assert caught.value.rule == "9.3.0.0-4"
    assert env.verbs() == ["launched"]


def test_nothing_after_terminated(env: Env) -> None:
    session, au = started(env)
    session.accept([au.terminated()])
    for late in (au.allowed(), au.completed()):
        with pytest.raises(Cmi5Violation) as caught:
            session.accept([late])
        assert caught.value.status == 403
    with pytest.raises(Cmi5Violation):  # terminated then more, in one request
        started(make_env(env.course))[0].accept([au.terminated(), au.allowed()])
    assert env.verbs() == ["launched", "initialized", "terminated"]


def test_one_of_passed_and_failed_per_session(env: Env) -> None:
    session, au = started(env)
    session.accept([au.failed()])
    for again in (au.failed(), au.passed()):
        with pytest.raises(Cmi5Violation) as caught:
            session.accept([again])
        assert caught.value.rule in ("9.3.0.0-2", "9.3.0.0-3")


def test_registration_rules_across_sessions(env: Env) -> None:
    first, au = started(env)
    first.accept([au.completed(), au.passed(), au.terminated()])
    second, au = started(env)
    refused = {"completed": "9.3.0.0-6", "passed": "9.3.0.0-7", "failed": "9.3.0.0-8"}
    for kind, rule in refused.items():
        with pytest.raises(Cmi5Violation) as caught:
            second.accept([getattr(au, kind)()])
        assert caught.value.rule == rule
    second.accept([au.allowed(), au.terminated()])  # the rest of the session goes on


def test_failed_then_passed_in_another_session(env: Env) -> None:
    first, au = started(env)
    first.accept([au.failed({"scaled": 0.1}), au.terminated()])
    second, au = started(env)
    second.accept([au.passed({"scaled": 0.9})])
    assert env.verbs().count("satisfied") == 1


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_no_judgement_outside_normal_mode(env: Env, mode: str) -> None:
    session, au = started(env, launch_mode=mode)
    for kind in ("completed", "passed", "failed"):
        with pytest.raises(Cmi5Violation) as caught:
            session.accept([getattr(au, kind)()])
        assert caught.value.status == 403
    session.accept([au.allowed(), au.terminated()])
    assert env.verbs() == ["launched", "initialized", "experienced", "terminated"]


def test_a_request_is_stored_whole_or_not_at_all(env: Env) -> None:
    session, au = started(env)
    good, bad = au.completed(), au.passed({"scaled": 0.1})
    with pytest.raises(Cmi5Violation):
        session.accept([good, bad])
    assert env.verbs() == ["launched", "initialized"]
    session.accept([good])  # the refused request left no trace in the session either
    assert env.verbs() == ["launched", "initialized", "completed", "satisfied"]


class FailingStatements:
    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def append(self, statements: list[dict[str, Any]]) -> None:
        raise OSError("disk full")


def test_a_failing_store_changes_nothing(env: Env) -> None:
    session, au = started(env)
    stores = env.registration.stores
    env.registration.stores = Stores(
        FailingStatements(stores.statements), stores.documents, stores.state
    )
    completed = au.completed()
    with pytest.raises(OSError):
        session.accept([completed])
    env.registration.stores = stores
    assert env.state.satisfied() == set()
    session.accept([completed])
    assert env.verbs()[-2:] == ["completed", "satisfied"]


def test_statement_ids(env: Env) -> None:
    session, au = started(env)
    page = au.allowed()
    assert session.accept([page]) == [page["id"]]
    assert session.accept([page]) == [page["id"]]  # sent again unchanged: stored once
    assert env.verbs().count("experienced") == 1
    changed = dict(page, verb={"id": Verb.ANSWERED})
    with pytest.raises(Cmi5Violation) as caught:
        session.accept([changed])
    assert caught.value.status == 409
    twin = au.allowed()
    with pytest.raises(Cmi5Violation) as caught:
        session.accept([twin, twin])
    assert caught.value.status == 400


def test_not_xapi_is_400(env: Env) -> None:
    session, au = started(env)
    broken: list[Any]
    for broken in ([1], [{"actor": {}, "verb": {}, "object": {}}], [dict(au.allowed(), result=[])]):
        with pytest.raises(Cmi5Violation) as caught:
            session.accept(broken)
        assert caught.value.status == 400


def test_preferences_must_be_read_first(env: Env) -> None:
    session = env.session()
    session.prepare_launch()
    au = AuScript.of(session)
    with pytest.raises(Cmi5Violation) as caught:
        session.accept([au.initialized()])
    assert caught.value.rule == "11.0.0.0-3"
    relaxed = env.session(require_preferences=False)
    relaxed.prepare_launch()
    relaxed.accept([AuScript.of(relaxed).initialized()])


def test_nothing_before_the_launch(env: Env) -> None:
    session = env.session(require_preferences=False)
    with pytest.raises(Cmi5Violation) as caught:
        session.accept([AuScript.of(session).initialized()])
    assert caught.value.status == 403
    assert not session.active
