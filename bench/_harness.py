"""Shared helpers for the benchmarks: medians, the BENCH line, running child processes.

Every benchmark measures its baseline in the same run and prints a ratio, because these
machines are shared and noisy; its last line is
BENCH name=<name> value=<number> unit=<unit> ratio=<number> baseline=<what>
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).resolve().parent / "_child.py"


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--quick", action="store_true", help="tiny sizes: checks the bench still runs")
    return p


def median(values: list[float]) -> float:
    return statistics.median(values)


def bench_line(
    name: str, value: float, unit: str, ratio: float, baseline: str, **extra: str
) -> str:
    fields = " ".join(f"{k}={v}" for k, v in extra.items())
    line = f"BENCH name={name} value={value:.4g} unit={unit} ratio={ratio:.3g} baseline={baseline}"
    return f"{line} {fields}".rstrip()


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(PROJECT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def run_child(mode: str, *args: str, stdin: str = "", **env: str) -> dict[str, float]:
    """Run bench/_child.py in a new process; it prints `key=value` lines we collect."""
    result = subprocess.run(
        [sys.executable, str(CHILD), mode, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=child_env(**env),
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{mode} failed ({result.returncode}):\n{result.stderr}")
    values = {}
    for line in result.stdout.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip()] = float(value)
    return values
