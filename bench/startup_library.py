"""Cold start of `kyo --profile NAME --passphrase-stdin` to an interactive library of 100
installed courses (listed, and the event loop free again), minus the key derivation (Argon2id
at the shipped cost: a chosen security cost, printed separately), against a bare PySide6
QMainWindow shown; median of 5 each, alternated, offscreen. Target ratio <= 2.5.

    .venv/bin/python bench/startup_library.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core import Core
from app.paths import Paths
from bench._harness import bench_line, median, parser, run_child
from tests.content.conftest import course_doc, make_package

NAME = "Asha Devi"
PASS = "a passphrase for the benchmark"


def prepare(home: Path, courses: int) -> None:
    """A data root with `courses` installed courses and one profile (real key cost)."""
    core = Core(Paths(home))
    for n in range(courses):
        doc = course_doc(f"urn:bench:course:{n:03d}", title={"en": f"Course {n:03d}",
                                                             "hi": f"पाठ्यक्रम {n:03d}"})  # fmt: skip
        core.content.install(str(make_package(home / f"c{n}.zip", doc)))
        (home / f"c{n}.zip").unlink()
    core.profiles.create(NAME, PASS)


def library(home: Path, courses: int) -> tuple[float, float]:
    start = time.time()
    values = run_child(
        "kyo-library-ready", str(courses), "--profile", NAME, "--passphrase-stdin",
        stdin=PASS + "\n", KYO_HOME=str(home),
    )  # fmt: skip
    return values["shown_at"] - start, values["kdf_s"]


def bare() -> float:
    start = time.time()
    return run_child("bare-shown")["shown_at"] - start


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    runs, courses = (2, 10) if args.quick else (5, 100)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        prepare(home, courses)
        bare()  # warm the OS file cache once for both: we compare app start-up
        kyo, kdf, base = [], [], []
        for _ in range(runs):
            base.append(bare())
            total, derive = library(home, courses)
            kyo.append(total - derive)
            kdf.append(derive)
    k, b, d = median(kyo), median(base), median(kdf)
    print(f"kyo to a library of {courses} courses, without the key derivation: median "
          f"{k * 1000:.0f} ms  runs {[round(x * 1000) for x in kyo]}")  # fmt: skip
    print(f"key derivation (Argon2id, shipped cost): median {d * 1000:.0f} ms")
    runs_ms = [round(x * 1000) for x in base]
    print(f"bare QMainWindow shown: median {b * 1000:.0f} ms  runs {runs_ms}")
    print(bench_line("startup_library", k * 1000, "ms", k / b, "bare_pyside6_qmainwindow_shown",
                     kdf_ms=f"{d * 1000:.0f}"))  # fmt: skip


if __name__ == "__main__":
    main()
