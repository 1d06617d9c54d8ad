"""Every benchmark still runs and ends with a well-formed BENCH line (tiny sizes: --quick).
The figures themselves are measured by running bench/*.py in full, not asserted here."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import PROJECT

BENCH_LINE = re.compile(
    r"^BENCH name=(?P<name>\w+) value=(?P<value>[-\d.e+]+) unit=\S+ "
    r"ratio=(?P<ratio>[-\d.e+]+) baseline=\w+( \w+=\S+)*$"
)
BENCHES = sorted(p.stem for p in (PROJECT / "bench").glob("*.py") if not p.stem.startswith("_"))


def test_the_issue_benchmarks_exist() -> None:
    assert {"startup", "store_writes", "unlock", "memory"} <= set(BENCHES)


@pytest.mark.slow
@pytest.mark.parametrize("name", BENCHES)
def test_benchmark_runs_and_prints_its_line(name: str, tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, str(PROJECT / "bench" / f"{name}.py"), "--quick"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    match = BENCH_LINE.match(last)
    assert match, last
    assert match["name"] == name
    assert float(match["value"]) > 0 and float(match["ratio"]) > 0
