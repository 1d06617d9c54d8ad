"""Cold start of `kyo` to its first window shown (the profile picker), offscreen, against a
bare PySide6 QMainWindow shown: median of 5 each, alternated. Target ratio <= 2.0.

    .venv/bin/python bench/startup.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import bench_line, median, parser, run_child


def timed(mode: str, *args: str, **env: str) -> float:
    start = time.time()
    values = run_child(mode, *args, **env)
    return values["shown_at"] - start


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    runs = 2 if args.quick else 5
    with tempfile.TemporaryDirectory() as home:
        Path(home, "machine").mkdir()
        kyo, bare = [], []
        timed("bare-shown")  # warm the OS file cache once for both: we compare app start-up
        for _ in range(runs):
            bare.append(timed("bare-shown"))
            kyo.append(timed("kyo-shown", KYO_HOME=home))
    k, b = median(kyo), median(bare)
    print(f"kyo first window:  median {k * 1000:.0f} ms  runs {[round(x * 1000) for x in kyo]}")
    print(f"bare QMainWindow:  median {b * 1000:.0f} ms  runs {[round(x * 1000) for x in bare]}")
    print(bench_line("startup", k * 1000, "ms", k / b, "bare_pyside6_qmainwindow_shown"))


if __name__ == "__main__":
    main()
