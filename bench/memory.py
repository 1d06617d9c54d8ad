"""Resident memory with the library shown (a profile unlocked), idle, against a bare PySide6
QMainWindow shown, idle; each in a fresh process, offscreen. Target <= 150 MiB.

    .venv/bin/python bench/memory.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import bench_line, child_env, median, parser, run_child

PASS = "a passphrase for the benchmark"


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    runs = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as home:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "ui",
                "--home",
                home,
                "profile",
                "create",
                "Bench",
                "--passphrase-stdin",
            ],
            input=PASS + "\n",
            text=True,
            check=True,
            env=child_env(),
            capture_output=True,
        )
        kyo, bare = [], []
        for _ in range(runs):
            bare.append(run_child("bare-rss")["rss_mib"])
            kyo.append(
                run_child(
                    "kyo-library-rss",
                    "--home",
                    home,
                    "--profile",
                    "Bench",
                    "--passphrase-stdin",
                    stdin=PASS + "\n",
                )["rss_mib"]
            )
    k, b = median(kyo), median(bare)
    print(f"kyo library shown, idle: {k:.1f} MiB  runs {kyo}")
    print(f"bare QMainWindow, idle:  {b:.1f} MiB  runs {bare}")
    print(bench_line("memory", k, "MiB", k / b, "bare_pyside6_qmainwindow_shown_idle"))


if __name__ == "__main__":
    main()
