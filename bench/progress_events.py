"""10,000 progress events recorded through the learning facade, each with its xAPI
statement (one transaction: progress row, statement, course re-evaluation), against plain
`sqlite3` inserting the same rows (a statement and an item-progress row per transaction, same
pragmas). Value: events/s; ratio: facade / plain throughput; p99: the 99th-percentile latency
of one facade event (target <= 5 ms).

    .venv/bin/python bench/progress_events.py
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import db as dbmod
from app.core import Core
from app.crypto import KdfParams
from app.paths import Paths
from app.xapi import canonical_bytes
from bench._harness import bench_line, parser
from tests.learning.conftest import COURSE_ID, install, service_course

PASS = "a passphrase for the benchmark"


def facade(home: Path, n: int) -> tuple[float, list[float]]:
    core = Core(Paths(home), kdf=KdfParams(8 * 1024, 1, 1))  # unlock cost is not measured here
    install(core, home, service_course())
    core.profiles.create("Bench", PASS)
    session = core.profiles.unlock("Bench", PASS)
    learner = core.learner(session)
    lesson = learner.open_item(COURSE_ID, "lesson")
    latencies = []
    start = time.perf_counter()
    for i in range(1, n + 1):
        t = time.perf_counter()
        lesson.lesson(i / (n + 1))
        latencies.append(time.perf_counter() - t)
    total = time.perf_counter() - start
    last = learner.pending_statements(limit=1)
    session.close()
    assert last, "statements were written"
    return total, latencies


def plain(path: Path, n: int, sample: dict) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in dbmod.PRAGMAS:
        conn.execute(pragma)
    conn.execute(
        "CREATE TABLE statements (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE, "
        "body BLOB, verb TEXT, object_id TEXT, registration TEXT, course_id TEXT, "
        "timestamp TEXT, created_at TEXT, status TEXT DEFAULT 'pending')"
    )
    conn.execute(
        "CREATE TABLE item_progress (course_id TEXT, item_id TEXT, kind TEXT, "
        "status TEXT, detail TEXT, updated_at TEXT, PRIMARY KEY (course_id, item_id))"
    )
    start = time.perf_counter()
    for i in range(n):
        sample["id"] = str(uuid.uuid4())
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO statements (id, body, verb, object_id, registration, course_id, "
            "timestamp, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                sample["id"],
                canonical_bytes(sample),
                "progressed",
                "x",
                "r",
                COURSE_ID,
                sample["timestamp"],
                sample["timestamp"],
            ),
        )
        conn.execute(
            "INSERT OR REPLACE INTO item_progress VALUES (?, ?, ?, ?, ?, ?)",
            (
                COURSE_ID,
                "lesson",
                "html",
                "in_progress",
                json.dumps({"fraction": i}),
                sample["timestamp"],
            ),
        )
        conn.execute("COMMIT")
    total = time.perf_counter() - start
    conn.close()
    return total


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    n = 300 if args.quick else 10_000
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        ours, latencies = facade(Path(tmp, "home"), n)
        sample = {
            "id": "",
            "timestamp": "2026-11-23T00:00:00.000Z",
            "verb": {"id": "progressed"},
            "object": {"id": COURSE_ID + "/lesson"},
            "actor": {"name": "x"},
        }
        base = plain(Path(tmp, "plain.db"), n, sample)
    latencies.sort()
    p99 = latencies[int(0.99 * (len(latencies) - 1))] * 1000
    p50 = latencies[len(latencies) // 2] * 1000
    print(
        f"facade: {n / ours:,.0f} events/s (p50 {p50:.2f} ms, p99 {p99:.2f} ms); "
        f"plain sqlite3: {n / base:,.0f} rows/s"
    )
    print(
        bench_line(
            "progress_events",
            n / ours,
            "events/s",
            base / ours,
            "plain_sqlite3_same_rows",
            p99=f"{p99:.2f}",
        )
    )


if __name__ == "__main__":
    main()
