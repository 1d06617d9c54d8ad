"""Check xAPI statements against Ralph's pydantic models (ralph-malph), in Ralph's own venv.

    .venv-ralph/bin/python tests/support/xapi_check.py < statements.jsonl

One statement per line; prints one line per statement: "ok" or "error: …". Ralph lives in a
venv of its own (its pinned dependencies conflict with the app's), so tests run this script
there through `check_statements` below.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
RALPH_PYTHON = PROJECT / ".venv-ralph" / "bin" / "python"


def check_statements(statements: list[dict]) -> list[str]:
    """'ok' or an error message for each statement, as Ralph's models judge it."""
    lines = "".join(json.dumps(s) + "\n" for s in statements)
    result = subprocess.run(
        [str(RALPH_PYTHON), __file__],
        input=lines,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.splitlines()


def main() -> None:
    from pydantic import ValidationError
    from ralph.models.xapi.base.statements import BaseXapiStatement

    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            BaseXapiStatement(**json.loads(line))
        except (ValidationError, ValueError, TypeError) as exc:
            print("error: " + str(exc).replace("\n", " | "))
        else:
            print("ok")


if __name__ == "__main__":
    main()
