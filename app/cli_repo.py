"""`kyo repo …`: make keys, publish repositories, add and trust them.

`content_cache.signing` (cryptography) and `publish` are imported inside the commands: this
module is imported on every start of `kyo`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from app.cli_util import emit_json
from app.core import Core
from app.errors import NotFound
from app.i18n import _, current_language, ngettext, text_in


def register(commands: Any) -> None:
    repo = commands.add_parser(
        "repo", help=_("repositories: keygen, publish, add, list, remove, refresh, trust")
    )
    sub = repo.add_subparsers(dest="repo_command", metavar="ACTION", required=True)
    p = sub.add_parser("keygen", help=_("make a signing key pair: STEM.key and STEM.pub"))
    p.add_argument("stem", metavar="STEM")
    p.add_argument("--label", default="", help=_("a name for the key, e.g. the institute"))
    p.set_defaults(handler=cmd_keygen)
    p = sub.add_parser(
        "publish", help=_("build or update a signed repository from course folders and packages")
    )
    p.add_argument("src", metavar="SRC_DIR")
    p.add_argument("out", metavar="OUT_DIR")
    p.add_argument("--key", metavar="KEYFILE", required=True)
    p.add_argument("--name", help=_("the repository's name"))
    p.add_argument("--serial", type=int, help=_("index serial (default: grows by itself)"))
    p.add_argument(
        "--endorse",
        metavar="DEVICE_PUBFILE",
        action="append",
        default=[],
        help=_("a device key whose certificates are valid (kyo device; repeatable)"),
    )
    p.add_argument(
        "--revoke",
        metavar="CERTIFICATE_ID",
        action="append",
        default=[],
        help=_("a certificate id to revoke (repeatable)"),
    )
    p.add_argument(
        "--delegate",
        metavar="PUBFILE",
        action="append",
        default=[],
        help=_("a public key this repository vouches for (repeatable)"),
    )
    p.set_defaults(handler=cmd_publish)
    p = sub.add_parser("add", help=_("add a repository: an http(s) URL or a folder (USB stick)"))
    p.add_argument("location", metavar="URL_OR_PATH")
    p.set_defaults(handler=cmd_add)
    p = sub.add_parser("list", help=_("list added repositories"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser("remove", help=_("forget a repository"))
    p.add_argument("location", metavar="URL_OR_PATH")
    p.set_defaults(handler=cmd_remove)
    p = sub.add_parser("refresh", help=_("fetch every repository's index again"))
    p.set_defaults(handler=cmd_refresh)
    _register_trust(sub)


def _register_trust(sub: Any) -> None:
    trust = sub.add_parser("trust", help=_("keys trusted to sign repositories (administrators)"))
    tsub = trust.add_subparsers(dest="trust_command", metavar="ACTION", required=True)
    p = tsub.add_parser("add", help=_("trust a public key file (STEM.pub)"))
    p.add_argument("pubfile", metavar="PUBFILE")
    p.set_defaults(handler=cmd_trust_add)
    p = tsub.add_parser("list", help=_("list trusted keys"))
    p.set_defaults(handler=cmd_trust_list)
    p = tsub.add_parser("remove", help=_("stop trusting a key"))
    p.add_argument("key_id", metavar="KEY_ID")
    p.set_defaults(handler=cmd_trust_remove)


def cmd_keygen(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from content_cache import signing

    key = signing.generate(args.label)
    private, public = signing.write_key_pair(key, Path(args.stem))
    print(
        _(
            "Wrote {private} (keep it secret) and {public} (give it to the computers that "
            "should trust this key). Key id: {id}"
        ).format(private=private, public=public, id=key.public.key_id),
        file=out,
    )
    return 0


def cmd_publish(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from content_cache import signing
    from content_cache.publish import PublishOptions, publish

    key = signing.load_signing_key(Path(args.key))

    def keys(files: list[str]) -> tuple[signing.PublicKey, ...]:
        return tuple(signing.parse_public(Path(p).read_text(encoding="utf-8")) for p in files)

    options = PublishOptions(
        name={"en": args.name} if args.name else None,
        serial=args.serial,
        delegate=keys(args.delegate),
        endorse=keys(args.endorse),
        revoke=tuple(args.revoke),
    )
    index = publish(Path(args.src), Path(args.out), key, options)
    print(
        ngettext(
            "Published {n} course to {out} (serial {serial}, key {key}).",
            "Published {n} courses to {out} (serial {serial}, key {key}).",
            len(index.courses),
        ).format(n=len(index.courses), out=args.out, serial=index.serial, key=key.public.key_id),
        file=out,
    )
    return 0


def cmd_add(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    repo = core.content.repos.add(args.location)
    print(
        ngettext(
            "Added {location}: {n} course, signed by key {key}.",
            "Added {location}: {n} courses, signed by key {key}.",
            repo.courses,
        ).format(location=repo.location, n=repo.courses, key=repo.key_id),
        file=out,
    )
    return 0


def cmd_list(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    repos = core.content.repos.all()
    if args.json:
        return emit_json(
            out,
            [
                {
                    "location": r.location,
                    "id": r.repo_id,
                    "name": r.name,
                    "key": r.key_id,
                    "serial": r.serial,
                    "courses": r.courses,
                    "fetched_at": r.fetched_at,
                }
                for r in repos
            ],
        )
    if not repos:
        print(_("No repositories added. Add one with: kyo repo add URL_OR_FOLDER"), file=out)
    for r in repos:
        print(
            f"{text_in(r.name, current_language())}  {r.location}  "
            + ngettext("{n} course", "{n} courses", r.courses).format(n=r.courses)
            + "  "
            + _("serial {n}").format(n=r.serial),
            file=out,
        )
    return 0


def cmd_remove(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    core.content.repos.remove(args.location)
    print(_("Removed the repository {location}.").format(location=args.location), file=out)
    return 0


def cmd_refresh(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    failed = 0
    for location, result in core.content.repos.refresh():
        if isinstance(result, Exception):
            failed += 1
            print(_("{location}: {error}").format(location=location, error=result), file=out)
        else:
            print(
                ngettext(
                    "{location}: {n} course, serial {serial}",
                    "{location}: {n} courses, serial {serial}",
                    result.courses,
                ).format(location=location, n=result.courses, serial=result.serial),
                file=out,
            )
    return 1 if failed else 0


def cmd_trust_add(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from content_cache import signing

    key = signing.parse_public(Path(args.pubfile).read_text(encoding="utf-8"))
    core.content.trust.add(key)
    print(_("Trusting key {id} ({label}).").format(id=key.key_id, label=key.label), file=out)
    return 0


def cmd_trust_list(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    platform = core.content.trust.platform_ids
    for key_id, key in sorted(core.content.trust.keys().items()):
        kind = _("platform") if key_id in platform else _("added")
        print(f"{key_id}  {kind}  {key.label}", file=out)
    return 0


def cmd_trust_remove(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    if not core.content.trust.remove(args.key_id):
        raise NotFound(_("No added key has the id {id}.").format(id=args.key_id))
    print(_("No longer trusting key {id}.").format(id=args.key_id), file=out)
    return 0
