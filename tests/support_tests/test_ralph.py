"""The Ralph harness works, and Ralph 5.1 behaves as DESIGN.md ("Sync rules") says, proved
over real HTTP. Where Ralph departs from the xAPI spec, the test says so: the sync engine must
live with what Ralph does, not with what the spec would have it do."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.support.ralph_server import PROJECT, RALPH_BIN, Ralph

Statement = dict[str, Any]


def statement(n: int, timestamp: str = "2026-01-01T00:00:00+00:00") -> Statement:
    return {
        "id": str(uuid.UUID(int=n)),
        "actor": {"mbox": "mailto:learner@example.com", "name": "Learner"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": f"https://example.com/course/{n}"},
        "timestamp": timestamp,
    }


def session(ralph: Ralph) -> requests.Session:
    s = requests.Session()
    s.auth = ralph.auth
    s.headers["X-Experience-API-Version"] = "1.0.3"
    return s


def post(ralph: Ralph, body: object) -> requests.Response:
    return session(ralph).post(ralph.url + "/statements", json=body, timeout=10)


def get(ralph: Ralph, **params: str | int) -> requests.Response:
    return session(ralph).get(ralph.url + "/statements", params=params, timeout=10)


def ids(first: int, last: int) -> list[str]:
    return [str(uuid.UUID(int=n)) for n in range(first, last + 1)]


def test_a_statement_is_stored_and_read_back(ralph: Ralph) -> None:
    answer = post(ralph, statement(1))
    assert answer.status_code == 200
    assert answer.json() == ids(1, 1)
    assert ralph.statement_ids() == ids(1, 1)
    stored = ralph.statements()[0]
    assert stored["timestamp"] == "2026-01-01T00:00:00+00:00"  # ours, kept as sent
    assert {"stored", "authority"} <= stored.keys()
    # Unlike the spec (the bare statement, or 404), a GET by id answers a list.
    assert get(ralph, statementId=ids(1, 1)[0]).json()["statements"][0]["id"] == ids(1, 1)[0]
    assert get(ralph, statementId=str(uuid.uuid4())).json() == {"statements": []}


def test_a_resend_answers_204_and_stores_nothing_more(ralph: Ralph) -> None:
    body = json.dumps(statement(1)).encode()
    s = session(ralph)
    s.headers["Content-Type"] = "application/json"
    assert s.post(ralph.url + "/statements", data=body).status_code == 200
    assert s.post(ralph.url + "/statements", data=body).status_code == 204
    # Not only the same bytes: Ralph compares the statements' content.
    reordered = json.dumps(dict(reversed(statement(1).items())), indent=2).encode()
    assert s.post(ralph.url + "/statements", data=reordered).status_code == 204
    put = s.put(ralph.url + "/statements", params={"statementId": ids(1, 1)[0]}, json=statement(1))
    assert put.status_code == 204
    assert ralph.statement_ids() == ids(1, 1)


def test_a_resend_without_timestamp_or_respelled_answers_409(ralph: Ralph) -> None:
    """Why the sync engine always sets `timestamp` itself, and never re-serialises it."""
    bare = statement(1)
    del bare["timestamp"]
    assert post(ralph, bare).status_code == 200
    assert post(ralph, bare).status_code == 409  # Ralph filled in a different timestamp
    assert post(ralph, statement(2)).status_code == 200
    assert post(ralph, statement(2, "2026-01-01T00:00:00Z")).status_code == 409  # same instant
    assert ralph.statement_ids() == ids(1, 2)


def test_a_batch_holding_one_id_twice_answers_400_and_stores_nothing(ralph: Ralph) -> None:
    answer = post(ralph, [statement(1), statement(2), statement(1)])
    assert answer.status_code == 400
    assert "Duplicate statement IDs" in answer.json()["detail"]
    assert ralph.count() == 0


def test_a_partly_stored_batch_answers_200_with_only_the_new_ids(ralph: Ralph) -> None:
    assert post(ralph, [statement(1), statement(2)]).status_code == 200
    answer = post(ralph, [statement(1), statement(3), statement(2), statement(4)])
    assert answer.status_code == 200
    assert answer.json() == [ids(3, 3)[0], ids(4, 4)[0]]
    assert ralph.statement_ids() == ids(1, 4)


def test_batch_errors_reject_the_whole_batch(ralph: Ralph) -> None:
    """Beyond DESIGN.md: a conflicting id answers 409 and an invalid statement 422 (not 400),
    and in both cases nothing of the batch is stored."""
    assert post(ralph, statement(1)).status_code == 200
    conflicting = dict(statement(1), result={"success": True})
    assert post(ralph, [statement(2), conflicting]).status_code == 409
    invalid = post(ralph, [statement(3), {"actor": statement(4)["actor"]}])
    assert invalid.status_code == 422
    assert invalid.json()["detail"][0]["loc"] == ["body", 1, "object"]  # says which one
    assert post(ralph, []).status_code == 400
    assert ralph.statement_ids() == ids(1, 1)


def test_paging_limit_more_and_order(ralph: Ralph) -> None:
    assert post(ralph, [statement(n) for n in range(1, 151)]).status_code == 200
    page = get(ralph, limit=500).json()
    assert [s["id"] for s in page["statements"]] == ids(1, 100)  # capped, oldest first
    assert page["more"].startswith("/xAPI/statements?")  # relative to the server's root
    root = ralph.url.removesuffix("/xAPI")
    rest = session(ralph).get(root + page["more"]).json()
    assert [s["id"] for s in rest["statements"]] == ids(101, 150)
    assert "more" not in rest
    assert len(get(ralph).json()["statements"]) == 100  # the default limit
    # Beyond DESIGN.md: limit=0 means "no limit at all", not the cap.
    assert len(get(ralph, limit=0).json()["statements"]) == 150
    # A last page exactly `limit` long still offers `more`, which leads to an empty page.
    second = session(ralph).get(root + get(ralph, limit=75).json()["more"]).json()
    assert len(second["statements"]) == 75
    assert session(ralph).get(root + second["more"]).json() == {"statements": []}
    # ascending=true reverses the oldest page rather than giving the newest.
    newest = get(ralph, limit=3, ascending="true").json()["statements"]
    assert [s["id"] for s in newest] == ids(1, 3)[::-1]


def test_since_filters_on_timestamp_not_stored(ralph: Ralph) -> None:
    old = [statement(n, f"2020-01-01T00:00:{n:02d}+00:00") for n in range(1, 6)]
    assert post(ralph, old).status_code == 200  # stored just now, timestamped in 2020
    assert get(ralph, since="2021-01-01T00:00:00+00:00").json()["statements"] == []
    later = get(ralph, since="2020-01-01T00:00:03+00:00").json()["statements"]
    assert [s["id"] for s in later] == ids(4, 5)  # exclusive


def test_no_about_and_no_document_apis(ralph: Ralph) -> None:
    s = session(ralph)
    for path in ("/about", "/activities/state", "/activities/profile", "/agents/profile"):
        assert s.get(ralph.url + path, params={"stateId": "x"}).status_code == 404, path
    assert requests.get(ralph.url + "/statements", timeout=5).status_code == 401
    assert requests.get(ralph.url + "/statements", auth=("x", "y"), timeout=5).status_code == 401
    # Nor does it answer with the X-Experience-API-Version header a spec LRS sends.
    assert "X-Experience-API-Version" not in post(ralph, statement(1)).headers


def test_every_request_reads_the_whole_file(ralph: Ralph) -> None:
    """No index, no cache: a line appended behind Ralph's back is seen at once, and each
    request costs in proportion to the store (a few ms empty, ~100 ms at 20 000)."""
    assert post(ralph, statement(1)).status_code == 200
    with ralph.data_file.open("a", encoding="utf-8") as data:
        data.write(json.dumps(statement(1)) + "\n")  # a duplicate: statement_ids shows it
    assert ralph.statement_ids() == ids(1, 1) * 2
    assert ralph.count() == 2

    def post_time(n: int) -> float:
        start = time.perf_counter()
        assert post(ralph, statement(n)).status_code == 200
        return time.perf_counter() - start

    small = min(post_time(n) for n in range(10, 13))
    with ralph.data_file.open("a", encoding="utf-8") as data:
        data.writelines(json.dumps(statement(n)) + "\n" for n in range(1000, 21_000))
    large = min(post_time(n) for n in range(20, 23))
    assert large > 3 * small, (small, large)
    assert get(ralph, statementId=ids(20_999, 20_999)[0]).json()["statements"]


def test_restart_keeps_data_port_and_credentials(ralph: Ralph) -> None:
    assert post(ralph, statement(1)).status_code == 200
    url, auth = ralph.url, ralph.auth
    ralph.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/statements", auth=auth, timeout=5)  # down: refused, not hung
    ralph.restart()
    assert (ralph.url, ralph.auth) == (url, auth)
    assert post(ralph, statement(2)).status_code == 200
    assert [s["id"] for s in get(ralph).json()["statements"]] == ids(1, 2)
    assert ralph.statement_ids() == ids(1, 2)


def test_a_new_ralph_on_an_old_folder_finds_data_and_credentials(tmp_path: Path) -> None:
    with Ralph(tmp_path / "lrs") as first:
        assert post(first, statement(1)).status_code == 200
    with Ralph(tmp_path / "lrs") as second:
        assert second.auth == first.auth
        assert [s["id"] for s in get(second).json()["statements"]] == ids(1, 1)


def test_stop_leaves_no_process_and_frees_the_port(tmp_path: Path) -> None:
    server = Ralph(tmp_path / "lrs")
    server.start()
    pid, port = server._proc.pid if server._proc else 0, server.port
    server.stop()
    server.stop()  # idempotent
    with pytest.raises(ProcessLookupError):
        os.killpg(pid, 0)  # neither it nor anything it started
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))


def alive(pid: int) -> bool:
    """Running, that is: neither gone nor a zombie waiting for whoever adopted it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_ralph_does_not_outlive_a_killed_test_process(tmp_path: Path) -> None:
    code = (
        "import sys, time, pathlib\n"
        f"sys.path.insert(0, {str(PROJECT)!r})\n"
        "from tests.support.ralph_server import Ralph\n"
        f"server = Ralph(pathlib.Path({str(tmp_path / 'lrs')!r}))\n"
        "server.start()\n"
        "print(server._proc.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    pid = int(child.stdout.readline())
    assert alive(pid)
    child.kill()  # no stop(), no atexit: as if pytest were killed
    child.wait()
    deadline = time.monotonic() + 5
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(pid)


def ralph_python(code: str, cwd: Path, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("RALPH_")}
    result = subprocess.run(
        [str(RALPH_BIN / "python"), "-c", code],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.skipif(not (RALPH_BIN / "python").exists(), reason="Ralph is not installed")
def test_the_stock_fs_backend_refuses_a_second_write(tmp_path: Path) -> None:
    """Why the harness sets APPEND: with its default (CREATE), the second write fails."""
    code = """
from ralph.backends.lrs.fs import FSLRSBackend
from ralph.exceptions import BackendException
backend = FSLRSBackend()
print(backend.write([{"id": "1"}]))
try:
    backend.write([{"id": "2"}])
except BackendException:
    print("refused")
"""
    out = ralph_python(
        code,
        tmp_path,
        RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(tmp_path / "data"),
        RALPH_HISTORY_FILE=str(tmp_path / "history.json"),
    )
    assert out.splitlines() == ["1", "refused"]


@pytest.mark.skipif(not (RALPH_BIN / "python").exists(), reason="Ralph is not installed")
def test_ralph_reads_a_dotenv_in_its_working_folder(tmp_path: Path) -> None:
    """Why the harness starts it in an empty folder of its own: a stray .env would change
    its data folder (unless the variable is set, which wins) and any other setting."""
    (tmp_path / ".env").write_text(
        f"RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH={tmp_path / 'dotenv'}\n"
        "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT=7\n"
    )
    code = """
from ralph.backends.lrs.fs import FSLRSBackendSettings
from ralph.conf import settings
print(FSLRSBackendSettings().DEFAULT_DIRECTORY_PATH, settings.RUNSERVER_MAX_SEARCH_HITS_COUNT)
"""
    assert ralph_python(code, tmp_path) == f"{tmp_path / 'dotenv'} 7"
    overridden = ralph_python(
        code, tmp_path, RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(tmp_path / "env")
    )
    assert overridden == f"{tmp_path / 'env'} 7"


def test_the_harness_keeps_ralphs_working_folder_empty(ralph: Ralph) -> None:
    assert post(ralph, statement(1)).status_code == 200
    assert list((ralph.workdir / "run").iterdir()) == []
