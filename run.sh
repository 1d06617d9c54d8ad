#!/usr/bin/env bash
# Set up (first time, or after the dependencies changed), make sure the built-in demo course
# is installed, and open Karmayogi Offline.
# Arguments go to `kyo`: ./run.sh --help, ./run.sh profile list, …
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh app

home=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --home) home=(--home "${args[i + 1]:-}") ;;
    --home=*) home=("${args[i]}") ;;
  esac
done
# Idempotent and quick once done; never a reason not to start the app.
.venv/bin/kyo "${home[@]}" demo || echo "run.sh: the demo course could not be installed." >&2

KYO_PROG=./run.sh exec .venv/bin/kyo "$@"
