"""Verify + publish a 200 MB package that has arrived on this machine (in the store's
staging folder, as a download or a copy leaves it): SHA-256, zip and manifest checks, atomic
rename into the store, the record; against hashlib SHA-256 of the same file, both from a warm
page cache. Value: MB/s; ratio: install / hashlib. Target >= 0.7. Also printed, not the
target: installing from a file elsewhere (a USB stick), which adds the copy itself.

    .venv/bin/python bench/install.py
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import bench_line, median, parser
from content_cache.store import ContentStore


def make_package(path: Path, size: int) -> None:
    doc = {
        "format": "kyo-course/1",
        "id": "urn:bench:course",
        "version": "1.0",
        "title": {"en": "Bench"},
        "languages": ["en"],
        "modules": [
            {
                "id": "m",
                "title": {"en": "M"},
                "items": [{"id": "v", "kind": "video", "title": {"en": "V"}, "src": "video.mp4"}],
            }
        ],
    }
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("course.json", json.dumps(doc))
        with z.open(zipfile.ZipInfo("video.mp4"), "w", force_zip64=True) as out:
            block = os.urandom(1024 * 1024)
            for _ in range(size // len(block)):
                out.write(block)


def hashlib_time(path: Path) -> float:
    start = time.perf_counter()
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1024 * 1024):
            digest.update(chunk)
    digest.hexdigest()
    return time.perf_counter() - start


def install_time(path: Path, root: Path) -> float:
    """verify + publish: the package is already in staging/ (as a copy or download leaves it)."""
    store = ContentStore(root)
    staged = store.new_staging_file()
    shutil.copyfile(path, staged)
    with staged.open("rb") as f:  # arrived durably, as the downloader and copier leave files
        os.fsync(f.fileno())
    hashlib_time(staged)  # warm, like the baseline
    start = time.perf_counter()
    store.install_staged(staged, source="bench")
    return time.perf_counter() - start


def copy_install_time(path: Path, root: Path) -> float:
    store = ContentStore(root)
    start = time.perf_counter()
    store.install_file(path, source="bench")
    return time.perf_counter() - start


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    size = (8 if args.quick else 200) * 1024 * 1024
    runs = 1 if args.quick else 3
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        package = Path(tmp, "course.zip")
        make_package(package, size)
        hashlib_time(package)  # warm the page cache: both sides read from memory
        ContentStore(Path(tmp, "warm")).install_file(package, source="warm")  # imports, once
        ours, base, copies = [], [], []
        for i in range(runs):
            base.append(hashlib_time(package))
            ours.append(install_time(package, Path(tmp, f"store{i}")))
            copies.append(copy_install_time(package, Path(tmp, f"copy{i}")))
    mb = size / 1e6
    o, b, c = median(ours), median(base), median(copies)
    print(
        f"verify+publish: {mb / o:.0f} MB/s   hashlib sha256: {mb / b:.0f} MB/s   "
        f"({size // 2**20} MiB)"
    )
    print(f"from a file elsewhere (copy+verify+publish): {mb / c:.0f} MB/s")
    print(bench_line("install", mb / o, "MB/s", b / o, "hashlib_sha256_same_file"))


if __name__ == "__main__":
    main()
