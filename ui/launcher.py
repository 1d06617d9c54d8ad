"""The `kyo` entry point.

With a subcommand it hands over to the core's command line and never imports Qt (fast, and it
works on a server with no Qt libraries). With none it opens the window, after checking that
there is a display to open it on.
"""

from __future__ import annotations

import argparse
import os
import sys

from app import cli


def has_display(environ: os._Environ[str] | dict[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM"):
        return True  # the user chose a platform (offscreen, xcb, wayland…): let Qt try it
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    return True  # Windows and macOS always have a screen session for desktop apps


def open_window(args: argparse.Namespace) -> int:
    if not has_display():
        prog = os.environ.get("KYO_PROG", "kyo")
        print(cli.no_display_message(prog), file=sys.stderr)
        return 1
    from ui.qtapp import run_window

    return run_window(args)


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, open_window=open_window)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
