"""10,000 single-row writes, one transaction each, into the encrypted profile store (through
its worker thread, as the app writes) against plain `sqlite3` on the same schema and pragmas.
Value: encrypted writes per second; ratio: encrypted / plain throughput. Target ratio >= 0.5.

    .venv/bin/python bench/store_writes.py
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import db as dbmod
from app.store import Store
from bench._harness import bench_line, parser

SCHEMA = "CREATE TABLE events (id INTEGER PRIMARY KEY, item TEXT NOT NULL, payload TEXT NOT NULL)"
ROW = ("module-3/item-7", '{"position": 123.4, "ranges": [[0, 120.5]], "marker": "x"}')


def plain(path: Path, n: int) -> float:
    conn = sqlite3.connect(path)
    for pragma in dbmod.PRAGMAS:
        conn.execute(pragma)
    conn.execute(SCHEMA)
    conn.commit()
    start = time.perf_counter()
    for _ in range(n):
        conn.execute("INSERT INTO events (item, payload) VALUES (?, ?)", ROW)
        conn.commit()
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def encrypted(path: Path, n: int) -> float:
    store = Store(path, bytes(range(32)))
    store.call(lambda db: db.execute(SCHEMA))

    def write(db: dbmod.Database) -> None:
        db.execute("INSERT INTO events (item, payload) VALUES (?, ?)", ROW)
        db.conn.commit()

    start = time.perf_counter()
    for _ in range(n):
        store.call(write)
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    n = 200 if args.quick else 10_000
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:  # same disk as a real data root
        rounds = [
            (plain(Path(tmp, f"p{i}.db"), n), encrypted(Path(tmp, f"e{i}.db"), n)) for i in range(2)
        ]
    p = min(r[0] for r in rounds)
    e = min(r[1] for r in rounds)
    print(f"plain sqlite3: {n / p:,.0f} writes/s   encrypted store: {n / e:,.0f} writes/s")
    print(
        bench_line(
            "store_writes",
            n / e,
            "writes/s",
            p / e,
            "plain_sqlite3_same_schema_pragmas",
            rows=str(n),
        )
    )


if __name__ == "__main__":
    main()
