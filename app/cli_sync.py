"""`kyo sync`: one round now; `kyo sync link` a profile to its platform account;
`kyo sync problems`: what the platform refused."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from app.cli_util import emit_json
from app.core import Core
from app.i18n import _, ngettext
from app.passphrase import PassphraseSource


def register(commands: Any) -> None:
    from app.cli import profile_options

    p = commands.add_parser(
        "sync", help=_("send records to the platform and fetch the learner's history (one round)")
    )
    profile_options(p)
    p.add_argument(
        "action",
        nargs="?",
        choices=["run", "link", "unlink", "problems"],
        default="run",
        help=_("run (default), link, unlink, problems"),
    )
    p.add_argument("url", nargs="?", metavar="URL", help=_("link: the platform's xAPI address"))
    p.add_argument("--user", metavar="NAME", help=_("link: the learner's account name"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_sync)


def cmd_sync(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from app.cli_learning import unlock

    with unlock(core, args, stdin) as session:
        if args.action == "link":
            return _link(session, args, stdin, out)
        if args.action == "unlink":
            from app import sync_account

            sync_account.unlink(session)
            print(_("This profile is no longer linked to a platform account."), file=out)
            return 0
        learner = core.learner(session)
        if args.action == "problems":
            return _problems(learner, args, out)
        from app.sync_run import sync_once

        report = sync_once(learner)
    if args.json:
        emit_json(out, report.as_json())
    else:
        _print(report, out)
    return 0 if report.push.stopped is None and not report.push.quarantined else 1


def _link(session: Any, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from app import sync_account
    from app.errors import UsageError

    if not args.url or not args.user:
        raise UsageError(
            _(
                "Give the platform's address and the account: kyo sync link URL "
                "--user NAME --profile PROFILE"
            )
        )
    source = PassphraseSource(bool(getattr(args, "passphrase_stdin", False)), stdin)
    password = source.read(_("Password of {user} on the platform: ").format(user=args.user))
    moved = sync_account.link(session, args.url, args.user, password)
    print(_("Linked to {user} at {url}; {n} waiting records will carry this account.").format(
        user=args.user, url=args.url, n=moved), file=out)  # fmt: skip
    return 0


def _problems(learner: Any, args: argparse.Namespace, out: TextIO) -> int:
    from app.sync_outbox import ProfileOutbox

    problems = ProfileOutbox(learner.session).quarantined()
    if args.json:
        return emit_json(out, problems)
    if not problems:
        print(_("The platform has refused nothing."), file=out)
    for p in problems:
        verb = p["statement"]["verb"]["id"].rsplit("/", 1)[-1]
        print(f"{p['id']}  {verb}  {p['kind']}: {p['reason']}", file=out)
    return 0


def _print(report: Any, out: TextIO) -> None:
    push = report.push
    print(ngettext("Sent {n} record.", "Sent {n} records.", push.sent).format(n=push.sent),
          file=out)  # fmt: skip
    if refused := len(push.quarantined):
        message = ngettext(
            "{n} record was refused; see: kyo sync problems",
            "{n} records were refused; see: kyo sync problems",
            refused,
        )
        print(message.format(n=refused), file=out)
    if report.pulled.new:
        print(ngettext("Fetched {n} record made on another device.",
                       "Fetched {n} records made on other devices.",
                       report.pulled.new).format(n=report.pulled.new), file=out)  # fmt: skip
    if report.pull_error:
        print(_("Fetching history failed: {error}").format(error=report.pull_error), file=out)
    if report.status is not None:
        print(report.status.text(), file=out)
