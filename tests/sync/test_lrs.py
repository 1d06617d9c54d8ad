"""LrsClient on its own: /about, reachability, Retry-After, error texts, GET pages."""

from __future__ import annotations

import email.utils
import json
import time

import pytest

from sync.errors import BadAnswer, NetworkError, Refused, ServerBusy, SignInRequired, SyncError
from sync.lrs import LrsClient, body_size, joined, retry_after
from tests.sync.fake_lrs import FakeLrs, Fault
from tests.sync.memory_outbox import ACTOR, statement


def test_about_is_none_when_the_lrs_has_none(client: LrsClient) -> None:
    assert client.about() is None  # Ralph 5.1 answers 404


def test_about_names_the_highest_1_0_x() -> None:
    with FakeLrs(versions=["0.95", "1.0.1", "1.0.10", "1.0.3", "2.0.0", "1.0"]) as lrs:
        assert LrsClient(lrs.endpoint, None).about() == "1.0.10"


def test_reachable_is_any_answer(lrs: FakeLrs, client: LrsClient) -> None:
    assert client.reachable(timeout=1)  # a 404 is an answer
    lrs.stop()
    assert not client.reachable(timeout=1)
    with pytest.raises(NetworkError):
        client.about()


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [
        ("7", 7, 7),
        ("0", 0, 0),
        ("-3", 0, 0),
        ("1.5", 1.5, 1.5),
        ("soon", None, None),
        (None, None, None),
    ],
)
def test_retry_after_in_seconds(value: str | None, low: float | None, high: float | None) -> None:
    got = retry_after(value)
    assert (got is None) if low is None else (low <= got <= high)  # type: ignore[operator]


def test_retry_after_as_a_date() -> None:
    got = retry_after(email.utils.formatdate(time.time() + 60, usegmt=True))
    assert got is not None and 55 <= got <= 61
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0


def test_body_is_the_bytes_joined() -> None:
    bodies = [b'{"a":1}', b'{"b":2}']
    assert joined(bodies) == b'[{"a":1},{"b":2}]'
    assert body_size(bodies) == len(joined(bodies)) and body_size([]) == len(joined([]))


def test_post_result_carries_the_servers_reason_short(lrs: FakeLrs, client: LrsClient) -> None:
    lrs.script(
        Fault(503, {"Retry-After": "9"}, b'{"detail": "maintenance"}'),
        Fault(500, body=b"<html>" + b"x" * 5000 + b"</html>"),
    )
    first = client.post([b"{}"])
    assert (first.status, first.retry_after, first.error) == (503, 9, "maintenance")
    second = client.post([b"{}"])
    assert second.status == 500 and len(second.error) <= 300 and second.bytes_sent == 4


def test_post_200_without_ids_is_a_bad_answer(lrs: FakeLrs, client: LrsClient) -> None:
    lrs.script(Fault(action="portal"))
    with pytest.raises(BadAnswer):
        client.post([b"{}"])


def test_get_follows_a_relative_more(lrs: FakeLrs, client: LrsClient) -> None:
    lrs.preload(*(statement(i) for i in range(150)))
    page, more = client.get({"agent": '{"x":1}', "limit": "100"})
    assert page == [] and more is None
    page, more = client.get({"limit": "100", "ascending": "true"})
    assert len(page) == 100 and more is not None and more.startswith("/xAPI/statements?")
    page, more = client.get(more=more)
    assert len(page) == 50 and more is None
    assert page[-1]["id"] == statement(149)["id"]


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault(401), SignInRequired),
        (Fault(403), SignInRequired),
        (Fault(400, body=b'{"detail": "bad agent"}'), Refused),
        (Fault(429, {"Retry-After": "3"}), ServerBusy),
        (Fault(502), ServerBusy),
        (Fault(action="portal"), BadAnswer),
        (Fault(action="cut"), NetworkError),
        (Fault(action="reset"), NetworkError),
        (Fault(302, {"Location": "http://127.0.0.1:9/"}), NetworkError),  # a portal's redirect
    ],
)
def test_get_raises_for_anything_but_a_page(
    lrs: FakeLrs, client: LrsClient, fault: Fault, error: type[SyncError]
) -> None:
    lrs.script(fault, method="GET")
    with pytest.raises(error) as raised:
        client.get({"agent": "{}"})
    assert raised.value.message  # a sentence for the learner


def test_messages_are_sentences_and_details_are_for_the_log(
    lrs: FakeLrs, client: LrsClient
) -> None:
    lrs.script(Fault(401), method="GET")
    with pytest.raises(SignInRequired) as raised:
        client.get({"agent": "{}"})
    assert raised.value.message == "Sign in again to send your records to the platform."
    assert "401" in raised.value.detail and lrs.auth[1] not in raised.value.detail


def test_auth_and_version_go_with_every_request(lrs: FakeLrs, client: LrsClient) -> None:
    client.get({"agent": json.dumps(ACTOR)})
    (seen,) = lrs.gets()
    assert seen.headers["X-Experience-API-Version"] == "1.0.3"
    assert seen.headers["Authorization"].startswith("Basic ")
