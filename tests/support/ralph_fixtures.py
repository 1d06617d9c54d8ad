"""The `ralph` fixture: a fresh Ralph LRS per test. Use it from a test module with

    pytest_plugins = ["tests.support.ralph_fixtures"]

Function-scoped on purpose: Ralph rescans its whole data file on every request, so a shared
server would make each test slower than the one before and their timings incomparable.
A start costs ~0.65 s (the first of a session ~1.4 s: it also makes the credentials).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.ralph_server import RALPH_BIN, Ralph


@pytest.fixture
def ralph(tmp_path: Path) -> Iterator[Ralph]:
    if not (RALPH_BIN / "ralph").exists():
        pytest.skip(f"Ralph is not installed in {RALPH_BIN.parent} (scripts/bootstrap.sh test)")
    with Ralph(tmp_path / "ralph") as server:
        yield server
