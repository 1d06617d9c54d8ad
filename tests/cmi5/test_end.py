"""The end of a session (abandoned, 9.3.6), stale sessions, and waivers (9.3.7)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.cmi5 import Cmi5Violation
from app.cmi5.vocab import CATEGORY_CMI5, CATEGORY_MOVEON, EXT_SESSION_ID, RESULT_REASON
from app.xapi import Verb
from tests.cmi5.conftest import AuScript, Env, make_env, started


def test_abandoned_when_the_window_closes_without_terminated(env: Env) -> None:
    ticks = iter([100.0, 112.5, 130.0])
    session = env.session(clock=lambda: next(ticks))
    session.prepare_launch()  # t=100
    session.preferences_read()
    au = AuScript.of(session)
    session.accept([au.initialized()])  # t=112.5: the AU's last statement
    session.end()
    session.end()
    abandoned = env.statements.statements[-1]
    assert env.verbs() == ["launched", "initialized", "abandoned"]
    assert abandoned["result"] == {"duration": "PT12.5S"}  # launched to last statement (9.5.4.2)
    assert abandoned["object"]["id"] == session.activity_id
    assert abandoned["actor"] == env.actor
    context = abandoned["context"]
    assert context["extensions"][EXT_SESSION_ID] == session.session_id
    assert {"objectType": "Activity", "id": CATEGORY_CMI5} in context["contextActivities"][
        "category"
    ]
    assert not session.active
    with pytest.raises(Cmi5Violation):
        session.accept([au.allowed()])  # 9.3.6: nothing more for an abandoned session


def test_no_abandoned_after_terminated_or_when_told(env: Env) -> None:
    session, au = started(env)
    session.accept([au.terminated()])
    session.end()
    never = env.session()
    never.end()
    assert "abandoned" not in env.verbs()
    deferred = env.session()
    deferred.prepare_launch()
    deferred.end(abandoned=False)  # the app is quitting: no statement now...
    assert "abandoned" not in env.verbs()
    env.session().prepare_launch()  # ...the next launch records it (9.3.6)
    assert env.verbs()[-2:] == ["abandoned", "launched"]


def test_waived(env: Env) -> None:
    session = env.session()
    session.prepare_launch()
    session.waive(env.course.aus[0], "Administrative")
    waived, satisfied = env.statements.statements[-2:]
    assert waived["verb"]["id"] == Verb.WAIVED
    assert waived["object"]["id"] == session.activity_id
    assert waived["result"] == {
        "success": True,
        "completion": True,
        "extensions": {RESULT_REASON: "Administrative"},
    }
    categories = waived["context"]["contextActivities"]["category"]
    assert [c["id"] for c in categories] == [CATEGORY_CMI5, CATEGORY_MOVEON]
    waiver_session = waived["context"]["extensions"][EXT_SESSION_ID]
    assert waiver_session != session.session_id  # 9.3.7: a session id of its own
    assert satisfied["verb"]["id"] == Verb.SATISFIED
    assert satisfied["context"]["extensions"][EXT_SESSION_ID] == waiver_session
    with pytest.raises(Cmi5Violation) as caught:
        session.waive(env.course.aus[0], "Tested Out")
    assert caught.value.status == 409
    with pytest.raises(ValueError, match="reason"):
        make_env(env.course).registration.waive(env.course.aus[0], "Because")


def test_a_session_the_app_never_saw_end_is_abandoned_at_the_next_launch(env: Env) -> None:
    crashed = env.session()
    crashed.prepare_launch()
    crashed.preferences_read()
    au = AuScript.of(crashed)
    initialized = au.initialized()
    launched_at = env.statements.statements[0]["timestamp"]
    initialized["timestamp"] = launched_at
    page = au.allowed()
    page["timestamp"] = _later(launched_at, 42)
    crashed.accept([initialized, page])
    # the app stops here: no terminated, no end()
    second, au = started(env)
    assert env.verbs() == [
        "launched",
        "initialized",
        "experienced",
        "abandoned",
        "launched",
        "initialized",
    ]
    abandoned = env.statements.statements[3]
    assert abandoned["context"]["extensions"][EXT_SESSION_ID] == crashed.session_id
    assert abandoned["result"] == {"duration": "PT42S"}  # launched to the AU's last statement
    second.accept([au.terminated()])
    env.session().prepare_launch()
    assert env.verbs().count("abandoned") == 1  # each session once, a terminated one never


def _later(timestamp: str, seconds: int) -> str:
    moment = dt.datetime.fromisoformat(timestamp) + dt.timedelta(seconds=seconds)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
