#!/usr/bin/env bash
# Set up (first time, or after the dependencies changed) and open Karmayogi Offline.
# Arguments go to `kyo`: ./run.sh --help, ./run.sh profile list, …
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh app
KYO_PROG=./run.sh exec .venv/bin/kyo "$@"
