"""10,000 queued statements synced to a real LRS (Ralph, file-system backend, on loopback)
through the app (SyncRound: batches, marking sent in the encrypted profile), against the same
statements posted straight to a fresh Ralph in batches of 100 by a minimal `requests` loop, in
the same run. Ralph rescans its whole file on every request, so each side gets a fresh server.
Value: statements/s of the push stage (what the loop does too); ratio: ours / the loop's.
The round's pull stage (the learner's history back down, which on this first round is the
same 10,000 statements) is timed and printed beside it, not in the ratio. Also: requests per
1,000 statements, bytes sent per statement. Target ratio >= 0.8.

    .venv/bin/python bench/sync.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests

from app import sync_account
from app.core import Core
from app.crypto import KdfParams
from app.paths import Paths
from app.sync_run import SyncReport, SyncRound
from bench._harness import bench_line, parser
from tests.support.ralph_server import Ralph
from tests.sync_real.conftest import fast_policy, queue

PASS = "a passphrase for the benchmark"


def ours(tmp: Path, n: int) -> tuple[SyncReport, list[bytes]]:
    core = Core(Paths(tmp / "home"), kdf=KdfParams(8 * 1024, 1, 1))
    core.profiles.create("Bench", PASS)
    session = core.profiles.unlock("Bench", PASS)
    learner = core.learner(session)
    with Ralph(tmp / "ralph-ours") as ralph:
        learner.link_account(ralph.url, *ralph.auth)
        queue(learner, n)
        bodies = session.store.call(
            lambda db: [bytes(r[0]) for r in db.execute("SELECT body FROM statements ORDER BY seq")]
        )
        account = sync_account.load(session)
        report = SyncRound(learner, account, policy=fast_policy()).run()
        assert report.push.sent == n and ralph.count() == n, report.push
    session.close()
    return report, bodies


def baseline(tmp: Path, bodies: list[bytes]) -> float:
    with Ralph(tmp / "ralph-loop") as ralph:
        http = requests.Session()
        headers = {"X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"}
        start = time.perf_counter()
        for i in range(0, len(bodies), 100):
            body = b"[" + b",".join(bodies[i : i + 100]) + b"]"
            http.post(ralph.url + "/statements", data=body, headers=headers, auth=ralph.auth,
                      timeout=60).raise_for_status()  # fmt: skip
        elapsed = time.perf_counter() - start
        assert ralph.count() == len(bodies)
    return elapsed


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    n = 500 if args.quick else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        report, bodies = ours(Path(tmp), n)
        loop = baseline(Path(tmp), bodies)
    push_s, pull_s = report.seconds["push"], report.seconds["pull"]
    print(
        f"app push: {n / push_s:,.0f} statements/s ({push_s:.2f} s); "
        f"plain loop: {n / loop:,.0f} statements/s ({loop:.2f} s)"
    )
    print(f"app pull of the same {n:,} back (first round): {pull_s:.2f} s; "
          f"whole round {push_s + pull_s:.2f} s")  # fmt: skip
    per_thousand = report.push.requests * 1000 / n
    print(f"requests per 1,000 statements: {per_thousand:.1f} (push; the pull adds 10)")
    print(f"bytes sent per statement: {report.push.bytes_sent / n:.0f}")
    print(
        bench_line(
            "sync",
            n / push_s,
            "statements/s",
            loop / push_s,
            "requests_loop_batches_of_100_fresh_ralph",
            requests_per_1000=f"{per_thousand:.1f}",
            bytes_per_statement=f"{report.push.bytes_sent / n:.0f}",
            round_s=f"{push_s + pull_s:.2f}",
        )
    )


if __name__ == "__main__":
    main()
