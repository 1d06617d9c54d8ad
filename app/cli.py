"""`kyo`'s command line: headless, no Qt.

`ui.launcher` is the installed entry point: it calls `main(argv, open_window=…)` and this module
hands control back to it only when no subcommand was given. `python -m app` runs the same
commands without any UI.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from typing import TextIO

from app import (
    __version__,
    cli_cert,
    cli_content,
    cli_learning,
    cli_profile,
    cli_repo,
    cli_settings,
    cli_sync,
    i18n,
)
from app.core import Core
from app.errors import KyoError
from app.i18n import _
from app.logs import setup_logging
from app.paths import Paths
from app.settings import load_settings

log = logging.getLogger(__name__)

WindowOpener = Callable[[argparse.Namespace], int]


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--home", metavar="DIR", help=_("data folder (default: $KYO_HOME or the user data folder)")
    )
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES), help=_("language of messages"))
    parser.add_argument("--verbose", "-v", action="store_true", help=_("also log to the terminal"))


def profile_options(parser: argparse.ArgumentParser, on_subcommand: bool = True) -> None:
    """--profile and --passphrase-stdin, for every command that works on one profile."""
    default = argparse.SUPPRESS if on_subcommand else None
    parser.add_argument("--profile", metavar="NAME", default=default, help=_("profile to use"))
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        default=argparse.SUPPRESS if on_subcommand else False,
        help=_("read passphrases from standard input, one per line, instead of prompting"),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kyo",
        description=_(
            "Karmayogi Offline: learn offline, keep progress encrypted, sync when online. "
            "With no command, opens the desktop window."
        ),
    )
    parser.add_argument("--version", action="version", version=f"kyo {__version__}")
    _global_options(parser)
    profile_options(parser, on_subcommand=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"))
    cli_profile.register(commands)
    cli_content.register(commands)
    cli_learning.register(commands)
    cli_cert.register(commands)
    cli_sync.register(commands)
    cli_repo.register(commands)
    cli_settings.register(commands)
    return parser


def _pre_parse(argv: list[str]) -> argparse.Namespace:
    """--home and --lang before the full parser, so its help is in the chosen language."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--home")
    pre.add_argument("--lang", choices=sorted(i18n.LANGUAGES))
    known, _rest = pre.parse_known_args(argv)
    return known


def _choose_language(paths: Paths, lang: str | None) -> None:
    if lang is None:
        try:
            lang = load_settings(paths.settings_file).language
        except KyoError:
            lang = i18n.DEFAULT_LANGUAGE  # a damaged settings file must not stop `kyo --help`
    i18n.set_language(lang)


def no_display_message(prog: str) -> str:
    return _(
        "There is no display here, so the window cannot open.\n"
        "  On a virtual screen:   xvfb-run -a {prog}\n"
        "  With no visible window (tests, screenshots):   QT_QPA_PLATFORM=offscreen {prog}\n"
        "The commands work without a display: {prog} --help"
    ).format(prog=prog)


def main(
    argv: list[str] | None = None,
    *,
    open_window: WindowOpener | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    argv = sys.argv[1:] if argv is None else argv
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    early = _pre_parse(argv)
    paths = Paths.resolve(early.home)
    _choose_language(paths, early.lang)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if open_window is None:
            parser.print_help(stdout)
            return 2
        return open_window(args)
    setup_logging(paths.logs, verbose=args.verbose)
    try:
        core = Core(paths)
        result: int = args.handler(core, args, stdin, stdout)
        return result
    except KyoError as exc:
        log.info("kyo %s failed: %s | %s", args.command, exc.message, exc.detail)
        print(_("kyo: {message}").format(message=exc.message), file=stderr)
        if args.verbose and exc.detail:
            print(exc.detail, file=stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(_("kyo: interrupted"), file=stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
