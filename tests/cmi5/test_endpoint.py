"""The local endpoint over real HTTP on 127.0.0.1: tokens, headers, resources, CORS, limits."""

from __future__ import annotations

import json
import socket
import threading
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from app.cmi5 import Cmi5Session, LocalLrs
from app.xapi import Verb
from tests.cmi5.conftest import Env, HttpAu

Launched = tuple[Cmi5Session, LocalLrs, HttpAu]
RESOURCES = [
    ("GET", "statements", {}),
    ("PUT", "statements", {"statementId": "3f2a1c1e-5d7f-4d3a-9d6b-1f2e3d4c5b6a"}),
    ("POST", "statements", {}),
    ("GET", "activities/state", {"stateId": "LMS.LaunchData"}),
    ("PUT", "activities/state", {"stateId": "bookmark"}),
    ("GET", "agents/profile", {"profileId": "cmi5LearnerPreferences"}),
    ("DELETE", "agents/profile", {"profileId": "x"}),
    ("GET", "about", {}),
    ("GET", "activities", {}),
]


def test_launch_url(launched: Launched) -> None:
    session, lrs, _ = launched
    url = lrs.launch_url("kyo-content://course/index.html?paramA=1&paramB=2#start")
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert (parts.scheme, parts.netloc, parts.path, parts.fragment) == (
        "kyo-content",
        "course",
        "/index.html",
        "start",
    )
    assert query["paramA"] == ["1"] and query["paramB"] == ["2"]
    assert query["endpoint"] == [lrs.endpoint]
    assert lrs.endpoint == f"http://127.0.0.1:{lrs.port}/xapi/"
    assert query["fetch"] == [lrs.fetch_url]
    assert json.loads(query["actor"][0]) == session.actor
    assert query["registration"] == [session.registration.registration]
    assert query["activityId"] == [session.activity_id]
    with pytest.raises(ValueError, match=r"8\.1"):
        lrs.launch_url("index.html?endpoint=x")


def test_listens_on_loopback_only(launched: Launched) -> None:
    _, lrs, _ = launched
    assert lrs._server is not None
    assert lrs._server.server_address[0] == "127.0.0.1"
    outside = socket.socket()
    try:
        # any non-loopback address of this machine must not reach the port
        outside.settimeout(1)
        addresses = {
            info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        }
        for address in addresses - {"127.0.0.1"}:
            assert outside.connect_ex((address, lrs.port)) != 0
    finally:
        outside.close()


def test_fetch_once(launched: Launched) -> None:
    _, lrs, au = launched
    first = au.fetch()
    assert first.status_code == 200
    assert first.headers["Content-Type"].startswith("application/json")
    assert first.json() == {"auth-token": lrs.token}
    second = au.http.post(au.query["fetch"], timeout=10)
    assert second.status_code == 200  # 8.2.2: 200 even for the error
    assert "auth-token" not in second.json()
    assert second.json()["error-code"] == "1"
    assert au.http.get(au.query["fetch"], timeout=10).status_code == 405  # 8.2.1: no GET
    assert au.http.post(au.query["fetch"] + "x", timeout=10).status_code == 404


@pytest.mark.parametrize(("method", "resource", "params"), RESOURCES)
def test_every_resource_needs_the_token(
    launched: Launched, method: str, resource: str, params: dict[str, str]
) -> None:
    _, _, au = launched
    full = {"agent": json.dumps(au.actor), "activityId": au.activity_id, **params}
    assert au.request(method, resource, params=full).status_code == 401  # before the fetch
    au.fetch()
    headers = {"X-Experience-API-Version": "1.0.3"}
    for wrong in ({}, {"Authorization": "Basic bm9wZQ=="}, {"Authorization": au.token or ""}):
        url = f"{au.endpoint}{resource}"
        response = au.http.request(
            method, url, params=full, headers={**headers, **wrong}, timeout=10
        )
        assert response.status_code == 401, wrong
        assert "WWW-Authenticate" not in response.headers


def test_version_header_required(launched: Launched) -> None:
    _, _, au = launched
    au.fetch()
    bare = {"Authorization": f"Basic {au.token}"}
    for resource in ("statements", "agents/profile"):
        response = au.http.get(f"{au.endpoint}{resource}", headers=bare, timeout=10)
        assert response.status_code == 400
    wrong = au.request("GET", "statements", headers={"X-Experience-API-Version": "0.95"})
    assert wrong.status_code == 400
    about = au.http.get(f"{au.endpoint}about", headers=bare, timeout=10)
    assert about.status_code == 200 and about.json() == {"version": ["1.0.3"]}
    assert about.headers["X-Experience-API-Version"] == "1.0.3"


def test_cors(launched: Launched) -> None:
    _, _, au = launched
    origin = {"Origin": "kyo-content://course"}
    preflight = au.http.options(
        f"{au.endpoint}statements",
        headers={
            **origin,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "authorization,content-type,x-experience-api-version",
            "Access-Control-Request-Private-Network": "true",
        },
        timeout=10,
    )
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "kyo-content://course"
    assert "PUT" in preflight.headers["Access-Control-Allow-Methods"]
    assert "authorization" in preflight.headers["Access-Control-Allow-Headers"]
    assert preflight.headers["Access-Control-Allow-Private-Network"] == "true"
    fetched = au.http.post(au.query["fetch"], headers=origin, timeout=10)
    assert fetched.headers["Access-Control-Allow-Origin"] == "kyo-content://course"
    au.token = fetched.json()["auth-token"]
    state = au.request(
        "GET", "activities/state", params=au.state_params("LMS.LaunchData"), headers=origin
    )
    assert "ETag" in state.headers["Access-Control-Expose-Headers"]


def test_a_whole_session_over_http(launched: Launched, env: Env) -> None:
    _, _, au = launched
    au.start()
    assert au.script is not None
    slide = au.script.allowed(object={"objectType": "Activity", "id": au.activity_id + "/slide/1"})
    answered = au.script.allowed(Verb.ANSWERED, result={"success": True})
    posted = au.post([slide, answered])
    assert posted.status_code == 200 and posted.json() == [slide["id"], answered["id"]]
    passed = au.script.passed({"scaled": 0.6, "raw": 6, "min": 0, "max": 10})
    assert au.send(passed).status_code == 204
    assert au.send(au.script.completed()).status_code == 204
    assert au.send(au.script.terminated()).status_code == 204
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
    # 8.2: the token lives as long as the session
    assert au.request("GET", "statements").status_code == 401


def test_refusals_store_nothing(launched: Launched, env: Env) -> None:
    _, _, au = launched
    au.fetch()
    prefs = {"profileId": "cmi5LearnerPreferences", "agent": json.dumps(au.actor)}
    data = au.request("GET", "activities/state", params=au.state_params("LMS.LaunchData")).json()
    from tests.cmi5.conftest import AuScript

    script = AuScript(data, au.actor, au.registration, au.activity_id)
    early = au.send(script.initialized())
    assert early.status_code == 403  # 11.0.0.0-3: preferences not read yet
    assert au.request("GET", "agents/profile", params=prefs).status_code == 200
    assert au.send(script.completed()).status_code == 403  # before initialized
    assert au.send(script.initialized()).status_code == 204
    assert au.send(script.passed({"scaled": 0.1})).status_code == 403  # below masteryScore
    assert au.send(script.completed()).status_code == 204
    refused = au.send(script.completed())
    assert refused.status_code == 403 and refused.json()["rule"] == "9.3.0.0-2"
    bad = au.request("POST", "statements", data=b"{not json")
    assert bad.status_code == 400
    assert env.verbs() == ["launched", "initialized", "completed", "satisfied"]


def test_statement_queries(launched: Launched, env: Env) -> None:
    _, _, au = launched
    au.start()
    assert au.script is not None
    pages = [au.script.allowed() for _ in range(5)]
    au.post(pages)
    other = dict(pages[0], id="a3c6a1d8-2bd7-4b8e-9c1b-8c6b7d5e4f3a")
    other["context"] = dict(other["context"], registration="ccaf384c-f8d4-4e7a-8304-49af58f0b176")
    env.statements.append([other])  # another registration's statement in the same outbox
    one = au.request("GET", "statements", params={"statementId": pages[2]["id"]})
    assert one.status_code == 200 and one.json() == pages[2]
    assert "X-Experience-API-Consistent-Through" in one.headers
    hidden = au.request("GET", "statements", params={"statementId": other["id"]})
    assert hidden.status_code == 404
    found = au.request(
        "GET",
        "statements",
        params={"verb": "http://adlnet.gov/expapi/verbs/experienced", "limit": "2"},
    ).json()
    ids = [s["id"] for s in found["statements"]]
    while found["more"]:
        found = au.http.get(
            f"http://127.0.0.1:{urlsplit(au.endpoint).port}{found['more']}",
            headers=au.headers(),
            timeout=10,
        ).json()
        ids += [s["id"] for s in found["statements"]]
    assert ids == [p["id"] for p in pages]
    everything = au.request("GET", "statements").json()["statements"]
    assert [s["verb"]["id"].rsplit("/", 1)[-1] for s in everything] == [
        "launched",
        "initialized",
    ] + ["experienced"] * 5
    foreign = au.request(
        "GET", "statements", params={"registration": other["context"]["registration"]}
    )
    assert foreign.json()["statements"] == []


def test_state_documents(launched: Launched) -> None:
    _, _, au = launched
    au.start()
    params = au.state_params("bookmark")
    assert au.request("GET", "activities/state", params=params).status_code == 404
    put = au.request("PUT", "activities/state", params=params, json={"page": 3})
    assert put.status_code == 204
    got = au.request("GET", "activities/state", params=params)
    assert got.json() == {"page": 3} and got.headers["Content-Type"] == "application/json"
    etag = got.headers["ETag"]
    merged = au.request("POST", "activities/state", params=params, json={"score": 1})
    assert merged.status_code == 204
    assert au.request("GET", "activities/state", params=params).json() == {"page": 3, "score": 1}
    stale = au.request(
        "PUT", "activities/state", params=params, json={}, headers={"If-Match": etag}
    )
    assert stale.status_code == 412
    listing = au.request(
        "GET", "activities/state", params={k: v for k, v in params.items() if k != "stateId"}
    )
    assert sorted(listing.json()) == ["LMS.LaunchData", "bookmark"]
    text = au.request(
        "PUT",
        "activities/state",
        params=au.state_params("note"),
        data=b"hello",
        headers={"Content-Type": "text/plain"},
    )
    assert text.status_code == 204
    assert (
        au.request(
            "POST", "activities/state", params=au.state_params("note"), json={"a": 1}
        ).status_code
        == 400
    )
    everything = {k: v for k, v in params.items() if k != "stateId"}
    assert au.request("DELETE", "activities/state", params=everything).status_code == 204
    left = au.request("GET", "activities/state", params=everything).json()
    assert left == ["LMS.LaunchData"]  # 10.0: the AU cannot delete it


def test_launch_data_is_read_only(launched: Launched) -> None:
    _, _, au = launched
    au.start()
    params = au.state_params("LMS.LaunchData")
    for method in ("PUT", "POST", "DELETE"):
        response = au.request(method, "activities/state", params=params, json={"test": True})
        assert response.status_code == 403, method
    assert au.request("GET", "activities/state", params=params).json()["launchMode"] == "Normal"


def test_state_belongs_to_the_launch_actor_and_registration(launched: Launched) -> None:
    _, _, au = launched
    au.start()
    stranger = json.dumps({"mbox": "mailto:someone@example.com"})
    forbidden = au.request(
        "GET", "activities/state", params=au.state_params("bookmark", agent=stranger)
    )
    assert forbidden.status_code == 403
    other = au.state_params("bookmark", registration="ccaf384c-f8d4-4e7a-8304-49af58f0b176")
    assert au.request("GET", "activities/state", params=other).status_code == 403
    broken = au.request("GET", "activities/state", params=au.state_params("bookmark", agent="{"))
    assert broken.status_code == 400
    missing = au.request(
        "GET", "activities/state", params={"stateId": "x", "agent": json.dumps(au.actor)}
    )
    assert missing.status_code == 400


def test_agent_profiles(launched: Launched) -> None:
    _, _, au = launched
    au.start()
    agent = json.dumps(au.actor)
    prefs = {"profileId": "cmi5LearnerPreferences", "agent": agent}
    got = au.request("GET", "agents/profile", params=prefs)
    assert got.json() == {"languagePreference": "en-US", "audioPreference": "on"}
    valid = {"languagePreference": "fr-FR", "audioPreference": "off"}
    assert (
        au.request(
            "PUT",
            "agents/profile",
            params=prefs,
            json=valid,
            headers={"If-Match": got.headers["ETag"]},
        ).status_code
        == 403
    )
    assert au.request("DELETE", "agents/profile", params=prefs).status_code == 403
    assert (
        au.request(
            "PUT", "agents/profile", params={"profileId": "cmi5LearnerPreferences"}, json=valid
        ).status_code
        == 400
    )
    stranger = {
        "profileId": "cmi5LearnerPreferences",
        "agent": json.dumps({"mbox": "mailto:catapult@example.com"}),
    }
    assert au.request("PUT", "agents/profile", params=stranger, json=valid).status_code == 403
    mine = {"profileId": "notes", "agent": agent}
    assert au.request("PUT", "agents/profile", params=mine, json={"a": 1}).status_code == 204
    assert au.request("PUT", "agents/profile", params=mine, json={"a": 2}).status_code == 409
    etag = au.request("GET", "agents/profile", params=mine).headers["ETag"]
    assert (
        au.request(
            "PUT", "agents/profile", params=mine, json={"a": 2}, headers={"If-Match": etag}
        ).status_code
        == 204
    )
    assert sorted(au.request("GET", "agents/profile", params={"agent": agent}).json()) == [
        "cmi5LearnerPreferences",
        "notes",
    ]


def test_body_limit_and_bad_requests(launched: Launched) -> None:
    _, lrs, au = launched
    au.start()
    big = au.request(
        "PUT", "activities/state", params=au.state_params("big"), data=b"x" * (lrs.max_body + 1)
    )
    assert big.status_code == 413
    put_array = au.request(
        "PUT", "statements", params={"statementId": "3f2a1c1e-5d7f-4d3a-9d6b-1f2e3d4c5b6a"}, json=[]
    )
    assert put_array.status_code == 400
    assert au.request("GET", "nothing-here").status_code == 404
    rebinding = au.http.get(
        f"{au.endpoint}about", headers={**au.headers(), "Host": "evil.example:80"}, timeout=10
    )
    assert rebinding.status_code == 400


def test_parallel_requests_meet_the_rules_one_at_a_time(launched: Launched, env: Env) -> None:
    _, _, au = launched
    au.start()
    assert au.script is not None
    statuses: list[int] = []
    lock = threading.Lock()

    def send(statement: dict[str, Any]) -> None:
        client = requests.Session()
        response = client.put(
            f"{au.endpoint}statements",
            params={"statementId": statement["id"]},
            json=statement,
            headers=au.headers(),
            timeout=10,
        )
        with lock:
            statuses.append(response.status_code)

    statements = [au.script.completed() for _ in range(8)] + [au.script.allowed() for _ in range(8)]
    threads = [threading.Thread(target=send, args=(s,)) for s in statements]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [204] * 9 + [403] * 7  # one completed, every allowed
    assert env.verbs().count("completed") == 1 and env.verbs().count("satisfied") == 1


def test_stop_ends_the_session(launched: Launched, env: Env) -> None:
    session, lrs, au = launched
    au.start()
    lrs.stop()
    assert not session.active
    assert env.verbs()[-1] == "abandoned"
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{au.endpoint}about", timeout=2)
    lrs.stop()  # again: nothing more
    assert env.verbs().count("abandoned") == 1


def test_activity_profiles(launched: Launched) -> None:
    _, _, au = launched
    au.start()
    params = {"activityId": au.activity_id, "profileId": "glossary"}
    assert au.request("GET", "activities/profile", params=params).status_code == 404
    put = au.request("PUT", "activities/profile", params=params, json={"terms": 3})
    assert put.status_code == 204
    assert au.request("GET", "activities/profile", params=params).json() == {"terms": 3}
    listing = au.request("GET", "activities/profile", params={"activityId": au.activity_id})
    assert listing.json() == ["glossary"]
    assert au.request("GET", "activities/profile", params={"profileId": "x"}).status_code == 400
