#!/usr/bin/env bash
# Set up (first time, or after the dependencies changed) and run every check and test.
# Arguments go to pytest: ./test.sh -k profiles -x
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh test
exec scripts/check.sh "$@"
