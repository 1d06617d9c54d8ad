"""`kyo profile …`: create, list, change passphrase, delete."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from app.cli_util import emit_json
from app.core import Core
from app.errors import UsageError
from app.i18n import _
from app.passphrase import PassphraseSource


def register(commands: Any) -> None:
    profile = commands.add_parser("profile", help=_("create, list, change or delete profiles"))
    sub = profile.add_subparsers(dest="profile_command", metavar="ACTION", required=True)

    create = sub.add_parser("create", help=_("create a profile (asks for a new passphrase)"))
    create.add_argument("name", metavar="NAME")
    _stdin_option(create)
    create.set_defaults(handler=cmd_create)

    lst = sub.add_parser("list", help=_("list profiles (no passphrase needed)"))
    lst.add_argument("--json", action="store_true", help=_("print JSON"))
    lst.set_defaults(handler=cmd_list)

    passwd = sub.add_parser(
        "passwd", help=_("change a profile's passphrase (reads the old, then the new)")
    )
    passwd.add_argument("name", metavar="NAME")
    _stdin_option(passwd)
    passwd.set_defaults(handler=cmd_passwd)

    delete = sub.add_parser("delete", help=_("delete a profile and all its data"))
    delete.add_argument("name", metavar="NAME")
    delete.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    _stdin_option(delete)
    delete.set_defaults(handler=cmd_delete)


def _stdin_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        default=argparse.SUPPRESS,
        help=_("read passphrases from standard input, one per line"),
    )


def _source(args: argparse.Namespace, stdin: TextIO) -> PassphraseSource:
    return PassphraseSource(bool(getattr(args, "passphrase_stdin", False)), stdin)


def cmd_create(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    passphrase = _source(args, stdin).read_new(
        _("New passphrase: "), _("Type the passphrase again: ")
    )
    info = core.profiles.create(args.name, passphrase)
    print(_("Created profile “{name}”.").format(name=info.name), file=out)
    return 0


def cmd_list(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    profiles = core.profiles.all()
    if args.json:
        emit_json(out, [{"name": p.name} for p in profiles])
    elif not profiles:
        print(_("No profiles yet. Create one with: kyo profile create NAME"), file=out)
    else:
        for info in profiles:
            print(info.name, file=out)
    return 0


def cmd_passwd(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    info = core.profiles.find(args.name)
    source = _source(args, stdin)
    old = source.read(_("Current passphrase: "))
    new = source.read_new(_("New passphrase: "), _("Type the new passphrase again: "))
    core.profiles.change_passphrase(info.name, old, new)
    print(_("Changed the passphrase of “{name}”.").format(name=info.name), file=out)
    return 0


def cmd_delete(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    info = core.profiles.find(args.name)
    if not args.yes:
        if not stdin.isatty() or getattr(args, "passphrase_stdin", False):
            raise UsageError(_("Deleting cannot be undone: add --yes to confirm."))
        out.write(
            _(
                "Delete “{name}” and all its progress and certificates? Type the name to confirm: "
            ).format(name=info.name)
        )
        out.flush()
        if stdin.readline().strip() != info.name:
            print(_("Not deleted."), file=out)
            return 1
    passphrase = _source(args, stdin).read(_("Passphrase of “{name}”: ").format(name=info.name))
    core.profiles.delete(info.name, passphrase)
    print(_("Deleted profile “{name}”.").format(name=info.name), file=out)
    return 0
