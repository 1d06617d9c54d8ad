#!/usr/bin/env bash
# Set up everything kyo needs on a Debian or Ubuntu machine, then stop. Safe to run again: it
# only does what is missing.
#   - the Debian libraries Qt needs (and Xvfb, xauth, poppler-utils), via apt-get
#   - a virtual environment in .venv with this project installed (editable)
# Usage: scripts/bootstrap.sh [app|test]   ("test" adds the test and quality tools)
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-app}

deb_packages=(
  libgl1 libegl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libxkbcommon0 libnss3
  libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 libpulse0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
  xvfb xauth poppler-utils
)
# Debian 13 renamed libasound2 (64-bit time_t); take whichever this release has.
if apt-cache show libasound2t64 >/dev/null 2>&1; then deb_packages+=(libasound2t64)
else deb_packages+=(libasound2); fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "kyo needs Python 3.11 or newer as '$python' (set PYTHON=/path/to/python3.11)." >&2
  exit 1
fi
"$python" -c 'import venv, ensurepip' 2>/dev/null || deb_packages+=(python3-venv)

missing=()
for pkg in "${deb_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""
  elif command -v sudo >/dev/null; then sudo="sudo"
  else echo "Run as root, or install these first: apt-get install ${missing[*]}" >&2; exit 1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> Creating the virtual environment in .venv"
  "$python" -m venv .venv
fi

extra=""; [ "$want" = test ] && extra="[test]"
stamp=".venv/.kyo-installed"
wanted_stamp="$(sha256sum pyproject.toml | cut -d' ' -f1) $want"
have_stamp=$(cat "$stamp" 2>/dev/null || true)
# A test install also serves the app; an app install does not serve the tests.
if [ "$have_stamp" != "$wanted_stamp" ] && \
   ! { [ "$want" = app ] && [ "$have_stamp" = "${wanted_stamp% app} test" ]; }; then
  echo "==> Installing karmayogi-offline${extra} into .venv"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".${extra}"
  echo "$wanted_stamp" > "$stamp"
fi

# The tests' real LRS (Ralph) lives in a venv of its own: its pinned dependencies (click,
# uvicorn) conflict with the app's. Tests start it from .venv-ralph/bin/ralph.
if [ "$want" = test ]; then
  ralph_spec="ralph-malph[lrs,cli]==5.1.0 requests~=2.32"
  if [ "$(cat .venv-ralph/.kyo-installed 2>/dev/null || true)" != "$ralph_spec" ]; then
    echo "==> Installing Ralph (the tests' LRS) into .venv-ralph"
    [ -x .venv-ralph/bin/python ] || "$python" -m venv .venv-ralph
    .venv-ralph/bin/python -m pip install --quiet --upgrade pip
    # shellcheck disable=SC2086 - the spec is a list of requirements
    .venv-ralph/bin/python -m pip install --quiet $ralph_spec
    echo "$ralph_spec" > .venv-ralph/.kyo-installed
  fi
fi
