"""Catalog search over a 10,000-course signed index: median time of a search (FTS5, as
`kyo catalog --search` and the library run it, first 50 results) against a plain LIKE scan
of the same table for the same words. Target median <= 20 ms.

    .venv/bin/python bench/search.py
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import bench_line, median, parser
from content_cache import signing
from content_cache.download import Downloader
from content_cache.repos import Repositories
from content_cache.repository import CatalogEntry, Index
from content_cache.store import ContentStore
from content_cache.trust import TrustStore

EN = [
    "ethics",
    "governance",
    "information",
    "grievance",
    "citizen",
    "service",
    "finance",
    "procurement",
    "leadership",
    "health",
    "digital",
    "records",
    "law",
    "audit",
    "budget",
]
HI = [
    "नैतिकता",
    "शासन",
    "सूचना",
    "शिकायत",
    "नागरिक",
    "सेवा",
    "वित्त",
    "खरीद",
    "नेतृत्व",
    "स्वास्थ्य",
    "डिजिटल",
    "अभिलेख",
    "कानून",
    "लेखापरीक्षा",
    "बजट",
]
LIMIT = 50


def entry(i: int, rnd: random.Random) -> CatalogEntry:
    words = rnd.sample(range(len(EN)), 3)
    return CatalogEntry(
        id=f"urn:bench:course:{i}",
        version="1.0",
        title={
            "en": " ".join(EN[w] for w in words) + f" {i}",
            "hi": " ".join(HI[w] for w in words),
        },
        description={"en": "A course about " + EN[words[0]]},
        size=1000 + i,
        sha256=f"{i:064x}",
        url=f"packages/{i:064x}.zip",
        container="zip",
        format="kyo-course/1",
        languages=("en", "hi"),
    )


def build(root: Path, n: int) -> Repositories:
    rnd = random.Random(7)
    key = signing.generate("bench")
    index = Index(
        "urn:bench",
        {"en": "bench"},
        1,
        "2026-01-01T00:00:00Z",
        tuple(entry(i, rnd) for i in range(n)),
    )
    repo = root / "repo"
    repo.mkdir()
    data = index.to_bytes()
    (repo / "index.json").write_bytes(data)
    (repo / "index.json.sig").write_bytes(key.sign_file_bytes(data))
    store = ContentStore(root / "content")
    repos = Repositories(store, TrustStore(store, [key.public]), Downloader())
    repos.add(str(repo))
    return repos


def like_scan(db: Path, word: str) -> None:
    conn = sqlite3.connect(db)
    pattern = f"%{word}%"
    conn.execute(
        "SELECT entry FROM catalog WHERE title LIKE ? OR description LIKE ? OR competencies LIKE ? "
        "ORDER BY title COLLATE NOCASE LIMIT ?",
        (pattern, pattern, pattern, LIMIT),
    ).fetchall()
    conn.close()


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    n = 500 if args.quick else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        repos = build(Path(tmp), n)
        words = EN + HI
        ours = [timed(repos.catalog, w, LIMIT) for w in words * 3]
        base = [timed(like_scan, repos.store.db_path, w) for w in words * 3]
    o, b = median(ours) * 1000, median(base) * 1000
    print(f"{n} courses: FTS5 search median {o:.2f} ms, LIKE scan median {b:.2f} ms")
    print(bench_line("search", o, "ms", o / b, "like_scan_same_table", courses=str(n)))


if __name__ == "__main__":
    main()
