"""Small helpers every `kyo` command uses."""

from __future__ import annotations

import json
from typing import Any, TextIO


def emit_json(out: TextIO, value: Any) -> int:
    """Print `value` as one line of JSON (Hindi as is, not escaped); the exit code 0."""
    json.dump(value, out, ensure_ascii=False)
    out.write("\n")
    return 0
