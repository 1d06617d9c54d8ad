"""docs/api.md's example runs, exactly as written there."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import PROJECT


def test_the_documented_example_runs(tmp_path: Path, monkeypatch) -> None:
    text = (PROJECT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    assert blocks, "docs/api.md has no python example"
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "docs/api.md", "exec"), {"__name__": "docs_api_example"})
