"""`kyo settings …` and `kyo paths`: machine-wide settings and where data lives."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from app.cli_util import emit_json
from app.core import Core
from app.i18n import LANGUAGES, _

SETTABLE = ("language", "bandwidth_kbps", "metered")


def register(commands: Any) -> None:
    settings = commands.add_parser("settings", help=_("show or change machine-wide settings"))
    sub = settings.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    show = sub.add_parser("show", help=_("print the settings"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    show.set_defaults(handler=cmd_show)
    set_ = sub.add_parser(
        "set",
        help=_("change a setting: language en|hi, bandwidth_kbps N (0: no cap), metered on|off"),
    )
    set_.add_argument("key", choices=SETTABLE)
    set_.add_argument("value")
    set_.set_defaults(handler=cmd_set)

    paths = commands.add_parser("paths", help=_("print where data is kept"))
    paths.add_argument("--json", action="store_true", help=_("print JSON"))
    paths.set_defaults(handler=cmd_paths)


def cmd_show(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    settings = core.load_settings()
    values = settings.as_dict()
    if args.json:
        return emit_json(out, values)
    print(f"language = {settings.language} ({LANGUAGES[settings.language]})", file=out)
    print(f"bandwidth_kbps = {settings.bandwidth_kbps}", file=out)
    print(f"metered = {'on' if settings.metered else 'off'}", file=out)
    return 0


def cmd_set(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    settings = core.load_settings()
    settings.set_text(args.key, args.value)
    core.save_settings(settings)
    core.apply_language(settings.language)
    print(_("Saved: {key} = {value}").format(key=args.key, value=args.value), file=out)
    return 0


def cmd_paths(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    p = core.paths
    values = {
        "root": str(p.root),
        "machine": str(p.machine),
        "content_store": str(p.content_store),
        "settings": str(p.settings_file),
        "profiles": str(p.profiles),
        "logs": str(p.logs),
    }
    if args.json:
        emit_json(out, values)
    else:
        for key, value in values.items():
            print(f"{key}: {value}", file=out)
    return 0
