"""The fault proxy forwards faithfully and each fault does what it says, against a real Ralph
(and, for faithfulness, a small echo server that shows exactly what arrived)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests

from tests.support.fault_proxy import (
    FaultProxy,
    ok,
    reset_request,
    reset_response,
    slow_drip,
    stall,
    status,
    truncate,
)
from tests.support.ralph_server import Ralph


def statement(n: int) -> dict[str, Any]:
    return {
        "id": str(uuid.UUID(int=n)),
        "actor": {"mbox": "mailto:learner@example.com"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": f"https://example.com/course/{n}"},
        "timestamp": "2026-01-01T00:00:00+00:00",
    }


@pytest.fixture
def proxy(ralph: Ralph) -> Iterator[FaultProxy]:
    with FaultProxy(ralph.url) as p:
        yield p


def post(proxy: FaultProxy, ralph: Ralph, body: object, timeout: float = 10) -> requests.Response:
    return requests.post(proxy.url + "/statements", json=body, auth=ralph.auth, timeout=timeout)


class Echo(BaseHTTPRequestHandler):
    """Answers 201 with a JSON account of the request it got, and headers of its own."""

    protocol_version = "HTTP/1.1"

    def _echo(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        seen: dict[str, Any] = {"method": self.command, "path": self.path, "body": body.decode()}
        seen["headers"] = {k.lower(): v for k, v in self.headers.items()}
        payload = json.dumps(seen).encode()
        self.send_response(201, "Made Up Reason")
        self.send_header("X-Upstream", "echo")
        self.send_header("Set-Cookie", "a=1")
        self.send_header("Set-Cookie", "b=2")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = _echo

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


@pytest.fixture
def echo() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/xAPI"
    server.shutdown()
    server.server_close()


def test_requests_and_responses_pass_through_faithfully(echo: str) -> None:
    with FaultProxy(echo) as proxy:
        assert proxy.url.endswith("/xAPI") and proxy.url != echo
        s = requests.Session()
        headers = {"X-Experience-API-Version": "1.0.3", "Authorization": "Basic eDp5"}
        target = proxy.url + "/statements?statementId=1&a=%C3%A9"
        answer = s.put(target, data="é body".encode(), headers=headers)
        chunked = s.post(proxy.url + "/x", data=iter([b"ab", b"cd"]))  # Transfer-Encoding
        # The proxy counts a chunk after passing it on: the client may read it a moment before.
        deadline = time.monotonic() + 5
        while proxy.stats.bytes_out < len(answer.content) + len(chunked.content):
            assert time.monotonic() < deadline, proxy.stats
            time.sleep(0.01)
        stats = proxy.stats
    assert (answer.status_code, answer.reason) == (201, "Made Up Reason")
    assert answer.headers["X-Upstream"] == "echo"
    assert answer.raw.headers.getlist("Set-Cookie") == ["a=1", "b=2"]
    seen = answer.json()
    assert (seen["method"], seen["path"]) == ("PUT", "/xAPI/statements?statementId=1&a=%C3%A9")
    assert seen["body"] == "é body"
    assert seen["headers"]["x-experience-api-version"] == "1.0.3"
    assert seen["headers"]["authorization"] == "Basic eDp5"
    assert chunked.json()["body"] == "abcd"  # de-chunked, with a Content-Length
    assert (stats.requests, stats.forwarded, stats.faults["ok"]) == (2, 2, 2)
    # Heads and bodies are counted, both ways.
    assert len("é body".encode()) + 4 < stats.bytes_in < 2000
    assert len(answer.content) + len(chunked.content) < stats.bytes_out < 4000


def test_ok_stores_through_the_proxy_on_a_kept_alive_connection(
    ralph: Ralph, proxy: FaultProxy
) -> None:
    s = requests.Session()
    s.auth = ralph.auth
    for n in (1, 2, 3):
        assert s.post(proxy.url + "/statements", json=statement(n)).status_code == 200
    page = s.get(proxy.url + "/statements", params={"limit": 2}).json()
    assert len(page["statements"]) == 2 and page["more"].startswith("/xAPI/")
    assert ralph.count() == 3
    seen = [(seen.method, seen.upstream_status) for seen in proxy.log]
    assert seen == [("POST", 200)] * 3 + [("GET", 200)]
    assert proxy.stats.connections == 1


def test_reset_request_never_reaches_the_upstream(ralph: Ralph, proxy: FaultProxy) -> None:
    proxy.plan([reset_request()])
    with pytest.raises(requests.ConnectionError):
        post(proxy, ralph, [statement(n) for n in range(1, 20)])
    assert ralph.count() == 0
    stats = proxy.stats
    assert (stats.faults["reset_request"], stats.forwarded) == (1, 0)
    assert post(proxy, ralph, statement(1)).status_code == 200  # then: ok


def test_reset_response_is_stored_but_the_client_cannot_know(
    ralph: Ralph, proxy: FaultProxy
) -> None:
    proxy.plan([reset_response()])
    with pytest.raises(requests.ConnectionError):
        post(proxy, ralph, [statement(1), statement(2)])
    assert ralph.statement_ids() == [statement(1)["id"], statement(2)["id"]]
    assert post(proxy, ralph, [statement(1), statement(2)]).status_code == 204  # the resend
    assert ralph.count() == 2


def test_stall_outlasts_the_client_timeout(ralph: Ralph, proxy: FaultProxy) -> None:
    proxy.plan([stall(3), stall(3, forward=False)])
    for n in (1, 2):
        start = time.monotonic()
        with pytest.raises(requests.Timeout):
            post(proxy, ralph, statement(n), timeout=0.5)
        assert time.monotonic() - start < 2
    assert ralph.statement_ids() == [statement(1)["id"]]  # forwarded, then held; the other not
    assert proxy.stats.faults["stall"] == 2


@pytest.mark.parametrize(("code", "retry_after"), [(500, None), (503, None), (429, 7), (413, None)])
def test_status_answers_without_forwarding(
    ralph: Ralph, proxy: FaultProxy, code: int, retry_after: int | None
) -> None:
    proxy.plan([status(code, retry_after)])
    answer = post(proxy, ralph, statement(1))
    assert answer.status_code == code
    assert answer.headers.get("Retry-After") == (str(retry_after) if retry_after else None)
    assert ralph.count() == 0 and proxy.stats.forwarded == 0


def test_truncate_cuts_the_body_under_its_full_length(ralph: Ralph, proxy: FaultProxy) -> None:
    proxy.plan([truncate(), truncate()])
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        post(proxy, ralph, statement(1))  # stored; its answer cut
    assert ralph.count() == 1
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        requests.get(proxy.url + "/statements", auth=ralph.auth, timeout=5)


def test_slow_drip_crawls_both_ways(ralph: Ralph, proxy: FaultProxy) -> None:
    batch = [statement(n) for n in range(1, 31)]
    assert post(proxy, ralph, batch).status_code == 200
    proxy.plan([], then=slow_drip(bytes_per_s=50_000, latency=0.3))
    start = time.monotonic()
    page = requests.get(proxy.url + "/statements", auth=ralph.auth, timeout=10)
    elapsed = time.monotonic() - start
    assert len(page.json()["statements"]) == 30  # intact
    assert elapsed >= 0.3 + 0.8 * len(page.content) / 50_000, (elapsed, len(page.content))
    start = time.monotonic()
    body = json.dumps([statement(n) for n in range(100, 160)]).encode()  # ~12 kB up
    headers = {"Content-Type": "application/json"}
    stored = requests.post(
        proxy.url + "/statements", data=body, auth=ralph.auth, headers=headers, timeout=10
    )
    assert stored.status_code == 200
    assert time.monotonic() - start >= 0.3 + 0.8 * len(body) / 50_000
    assert proxy.stats.faults["slow_drip"] == 2


def test_a_plan_then_its_default(ralph: Ralph, proxy: FaultProxy) -> None:
    proxy.plan([status(500), ok()], then=status(503))
    codes = [post(proxy, ralph, statement(n)).status_code for n in (1, 2, 3, 4)]
    assert codes == [500, 200, 503, 503]
    assert [seen.fault for seen in proxy.log] == ["status", "ok", "status", "status"]


def fault_sequence(ralph: Ralph, seed: int) -> list[str]:
    with FaultProxy(ralph.url) as proxy:
        proxy.random_faults(seed, rate=0.5)
        for n in range(30):
            with contextlib.suppress(requests.RequestException):
                post(proxy, ralph, statement(1000 + n), timeout=5)
        return [seen.fault for seen in proxy.log]


def test_random_faults_follow_the_seed(ralph: Ralph) -> None:
    first, again, other = (fault_sequence(ralph, s) for s in (7, 7, 8))
    assert first == again != other
    assert 5 < sum(kind != "ok" for kind in first) < 25  # about half


def test_resending_until_acknowledged_stores_each_statement_exactly_once(
    ralph: Ralph, proxy: FaultProxy
) -> None:
    """The harness end to end, with the client a sync engine would be at its simplest."""
    proxy.random_faults(seed=9, rate=0.5)  # a seed whose draws hit every kind early
    batches = [[statement(n) for n in range(b * 10, b * 10 + 10)] for b in range(12)]
    for batch in batches:
        for _attempt in range(50):
            try:
                if post(proxy, ralph, batch, timeout=5).status_code in (200, 204):
                    break
            except requests.RequestException:
                continue
    assert sorted(ralph.statement_ids()) == sorted(s["id"] for b in batches for s in b)
    faults = proxy.stats.faults
    assert faults["reset_response"] >= 2 and faults["reset_request"] and faults["truncate"]


def test_upstream_down_answers_502() -> None:
    with FaultProxy("http://127.0.0.1:9/xAPI") as proxy:  # discard port: nothing listens
        answer = requests.get(proxy.url + "/statements", timeout=5)
        assert answer.status_code == 502
        assert proxy.stats.upstream_errors == 1


def test_stop_cuts_held_connections_at_once(ralph: Ralph) -> None:
    proxy = FaultProxy(ralph.url)
    proxy.start()
    proxy.plan([], then=stall(60))
    errors: list[BaseException] = []

    def client() -> None:
        try:
            post(proxy, ralph, statement(1), timeout=30)
        except requests.RequestException as error:
            errors.append(error)

    thread = threading.Thread(target=client)
    thread.start()
    time.sleep(0.3)
    start = time.monotonic()
    proxy.stop()
    thread.join(5)
    assert time.monotonic() - start < 2
    assert not thread.is_alive() and len(errors) == 1
    assert proxy._threads == []


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=10, check=False)


def test_netem_in_a_network_namespace() -> None:
    """Could a test use the kernel's netem (delay, loss, rate) instead of this proxy? Needs
    root, iproute2 and the sch_netem qdisc; skipped, with the reason, where any is missing."""
    if os.geteuid() != 0 or not (shutil.which("ip") and shutil.which("tc")):
        pytest.skip("netem needs root and iproute2 (ip, tc)")
    ns = f"kyo-netem-{os.getpid()}"
    made = run("ip", "netns", "add", ns)
    if made.returncode != 0:
        pytest.skip(f"cannot create a network namespace: {made.stderr.strip()}")
    try:
        assert run("ip", "-n", ns, "link", "set", "lo", "up").returncode == 0
        netem = ["netem", "delay", "600ms", "loss", "5%", "rate", "50kbit"]
        added = run("ip", "netns", "exec", ns, "tc", "qdisc", "add", "dev", "lo", "root", *netem)
        if added.returncode != 0:
            pytest.skip(f"namespaces work, netem does not: {added.stderr.strip()}")
        shown = run("ip", "netns", "exec", ns, "tc", "qdisc", "show", "dev", "lo")
        assert "delay 600ms" in shown.stdout
    finally:
        run("ip", "netns", "del", ns)
