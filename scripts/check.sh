#!/usr/bin/env bash
# Every quality gate and the whole test suite, as CI runs them. Needs no display and no stdin.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
bin=.venv/bin
echo "==> ruff";            "$bin/ruff" check .
echo "==> mypy";            "$bin/mypy"
echo "==> import-linter";   "$bin/lint-imports"
echo "==> pytest";          "$bin/pytest" "$@" < /dev/null
